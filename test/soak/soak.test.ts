/**
 * The short soak inside `npm test` (the long one is `npm run soak`): 30 pusher-js clients in six
 * conversations send 2,100 messages through socket drops, thrown-away responses, one hub restart and
 * one server restart (SIGTERM), on SQLite; then every client's list must equal the database's.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatReport, runSoak } from './soak.js';

test('no message is lost or duplicated through drops, restarts and lost responses', { timeout: 120_000 }, async (t) => {
  const seed = Number(process.env.SOAK_SEED ?? Date.now() % 1_000_000_007);
  const report = await runSoak({
    clients: 30,
    conversations: 6,
    messagesPerClient: 70,
    concurrency: 2,
    dropEvery: 50,
    abortChance: 0.03,
    database: 'sqlite',
    seed,
    log: (line) => t.diagnostic(line),
  });
  const summary = formatReport(report);
  console.log(`${summary}\n      seed ${seed} (SOAK_SEED=${seed} repeats this run's choices)`);
  assert.deepEqual(report.problems, [], summary);
  assert.equal(report.lost, 0);
  assert.equal(report.duplicated, 0);
  assert.equal(report.stored, 2100);
  // The faults really happened.
  assert.equal(report.faults.hubRestarts, 1);
  assert.equal(report.faults.serverRestarts, 1);
  assert.ok(report.faults.socketDrops >= 30, `only ${report.faults.socketDrops} socket drops`);
  assert.ok(report.faults.abortedResponses > 0, 'no response was thrown away');
});
