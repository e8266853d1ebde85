/**
 * `npm start` as a deploy tool or a process manager stops it: SIGTERM to the npm process must reach the server, which closes gracefully and frees its port. A shell between npm and the server
 * would swallow the signal and leave the server running; the script `exec`s the server for that reason.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
/** `npm start` builds the widget first, which takes a while on a busy machine. */
const START_TIMEOUT_MS = 240_000;
const EXIT_TIMEOUT_MS = 15_000;

/** Whether something accepts TCP connections on 127.0.0.1:`port`. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describe('npm start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'staff-chat-npm-start-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  test('passes SIGTERM on to the server, which exits and frees its port', { timeout: START_TIMEOUT_MS + EXIT_TIMEOUT_MS }, async () => {
    // Its own process group, so that cleaning up can reach a server the signal did not.
    const npm = spawn('npm', ['start'], {
      cwd: repoRoot,
      detached: true,
      env: {
        ...process.env,
        PORT: '0',
        DATABASE_URL: `file:${join(dataDir, 'staff-chat.sqlite')}`,
        STAFF_CHAT_UPLOAD_DIR: join(dataDir, 'uploads'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    npm.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    npm.stderr.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    // 'close', not 'exit': npm may exit first, and the server writes to the same pipes until it is gone.
    const exited = new Promise<number | null>((resolve) => npm.once('close', (code) => resolve(code)));
    try {
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`npm start did not listen within ${START_TIMEOUT_MS} ms:\n${output}`)),
          START_TIMEOUT_MS,
        );
        const onData = () => {
          const match = /listening on https?:\/\/[^:\s]+:(\d+)/.exec(output);
          if (!match) return;
          clearTimeout(timer);
          npm.stdout.off('data', onData);
          resolve(Number(match[1]));
        };
        npm.stdout.on('data', onData);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`npm start exited with ${code} before listening:\n${output}`));
        });
      });
      assert.ok(await accepts(port), 'the server listens');

      npm.kill('SIGTERM');
      let timer: ReturnType<typeof setTimeout> | undefined;
      const stillRunning = new Promise<'still running'>((resolve) => (timer = setTimeout(() => resolve('still running'), EXIT_TIMEOUT_MS)));
      const code = await Promise.race([exited, stillRunning]);
      clearTimeout(timer);
      assert.notEqual(code, 'still running', `npm start and its server did not end within ${EXIT_TIMEOUT_MS} ms of SIGTERM:\n${output}`);
      assert.match(output, /SIGTERM: finishing requests in flight and closing/, 'the server itself got the signal');
      assert.equal(await accepts(port), false, `nothing listens on ${port} any more: the server is gone, not orphaned`);
    } finally {
      // A server the signal did not reach still runs in the group: end it, and whatever npm started.
      try {
        process.kill(-npm.pid!, 'SIGKILL');
      } catch {
        // The group is empty: everything exited.
      }
    }
  });
});
