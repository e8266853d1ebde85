/**
 * The hostile-load suite ("Safe to run in production"): each attack from the findings runs
 * against the real server (`server/main.ts` in a child process) while colleagues keep working, and
 * fails unless their latency and the server's memory stay within the bounds in bounds.ts and the
 * server answered the attack as it should. Each attack prints one line: attack, colleague
 * p50/p95/max, peak RSS, and what the server did.
 *
 * `HOSTILE_SIZE=full` (`npm run test:hostile`): the sizes, a fresh server for every attack.
 * `short` (default, `npm run test:hostile:short`, inside `npm test`): smaller attacks on one shared
 * server, each in a hotel of its own, so the suite fits in `npm test`.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runAttack, type AttackSpec, type SharedRig } from './attack-run.js';
import { connectionsFromManyAddresses, connectionsFromOneAddress } from './attacks/connection-flood.js';
import { changesFlood } from './attacks/changes-flood.js';
import { oversizedBodies } from './attacks/oversized-body.js';
import { forwardFlood } from './attacks/forward-flood.js';
import { searchFlood } from './attacks/search-flood.js';
import { sendFlood } from './attacks/send-flood.js';
import { slowloris } from './attacks/slowloris.js';
import { slowReaders } from './attacks/slow-readers.js';
import { subscribeFlood } from './attacks/subscribe-flood.js';
import { uploadFlood } from './attacks/upload-flood.js';
import { hostileSize } from './bounds.js';
import { forkColleagues } from './colleague-probe.js';
import { startHostileServer } from './hostile-server.js';

/** Attacks that leave the most behind (memory, a busy disk) come last, where a shared server meets no later attack. */
const attacks: AttackSpec[] = [
  subscribeFlood(),
  connectionsFromOneAddress(),
  connectionsFromManyAddresses(),
  sendFlood(),
  searchFlood(),
  forwardFlood(),
  changesFlood(),
  oversizedBodies(),
  slowloris(),
  slowReaders(),
  uploadFlood(),
];

const ATTACK_TIMEOUT_MS = 150_000;

describe(`hostile load (${hostileSize()})`, () => {
  let rig: SharedRig | undefined;
  before(async () => {
    if (hostileSize() !== 'short') return;
    const colleagues = forkColleagues();
    const server = await startHostileServer(Object.fromEntries(attacks.flatMap((attack) => Object.entries(attack.env ?? {}))));
    rig = { server, colleagues };
  });
  after(async () => {
    rig?.colleagues.child.kill();
    await rig?.server.stop();
  });

  for (const [index, attack] of attacks.entries()) {
    test(attack.title, { timeout: ATTACK_TIMEOUT_MS }, async () => {
      const verdict = await runAttack(attack, rig && { ...rig, hotel: `attack-${index + 1}` });
      console.log(verdict.line);
      assert.deepEqual(verdict.problems, [], verdict.line);
    });
  }
});
