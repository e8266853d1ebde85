/**
 * The short soaks inside `npm test` (the long one is `npm run soak`): pusher-js clients in six
 * conversations send thousands of messages through socket drops, thrown-away responses, one engine
 * restart and one server restart (SIGTERM); then every client's list must equal the database's. Once
 * on the embedded hub, once on a real soketi, and once across several instances: two servers on one
 * PostgreSQL schema and two soketi nodes on Redis, every message crossing from one to the other.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, runSoak, type SoakOptions } from './soak.js';

const runs: ({ name: string; clients: number; messagesPerClient: number } & Pick<SoakOptions, 'engine' | 'database' | 'instances'>)[] = [
  { name: 'the embedded hub, SQLite', engine: 'hub', database: 'sqlite', clients: 30, messagesPerClient: 70 },
  { name: 'one soketi node, SQLite', engine: 'soketi', database: 'sqlite', clients: 20, messagesPerClient: 40 },
  {
    name: 'two servers on PostgreSQL, two soketi nodes on Redis',
    engine: 'soketi',
    database: 'postgres',
    instances: 2,
    clients: 20,
    messagesPerClient: 50,
  },
];

for (const run of runs) {
  test(`no message is lost or duplicated through drops, restarts and lost responses: ${run.name}`, { timeout: 120_000 }, async (t) => {
    const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000_007);
    const report = await runSoak({
      clients: run.clients,
      conversations: 6,
      messagesPerClient: run.messagesPerClient,
      concurrency: 2,
      dropEvery: 50,
      abortChance: 0.03,
      database: run.database,
      ...(run.engine && { engine: run.engine }),
      ...(run.instances && { instances: run.instances }),
      seed,
      log: (line) => t.diagnostic(line),
    });
    const summary = formatReport(report);
    console.log(`${run.name}\n${summary}\n      seed ${seed} (SOAK_SEED=${seed} repeats this run's choices)`);
    assert.deepEqual(report.problems, [], summary);
    assert.equal(report.lost, 0);
    assert.equal(report.duplicated, 0);
    assert.equal(report.mismatchedLists, 0);
    assert.equal(report.stored, run.clients * run.messagesPerClient);
    // The faults really happened.
    assert.equal(report.faults.hubRestarts, 1);
    assert.equal(report.faults.serverRestarts, 1);
    // One socket is cut per 50 acknowledged messages while one is open (not while a restart closed them).
    assert.ok(report.faults.socketDrops >= report.stored / 50 / 2, `only ${report.faults.socketDrops} socket drops`);
    assert.ok(report.faults.abortedResponses > 0, 'no response was thrown away');
  });
}
