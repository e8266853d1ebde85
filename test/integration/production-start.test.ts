/**
 * The production start (`npm run serve`) never runs demo code, whatever the environment says, and the
 * demo start refuses a database that holds a real hotel (issue: "the documented production start runs
 * demo mode").
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { describe, test } from 'node:test';
import { signStaffToken } from '../../server/auth/token.js';
import { sqliteDatabase } from '../soak/database.js';
import { startServerProcess } from '../support/server-process.js';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SECRET = 'production-start-secret-0123456789abcdef';
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

const portIsFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });

describe('npm run serve', { timeout: 60_000 }, () => {
  test('serves the API but no demo page and no dev token, even with STAFF_CHAT_DEMO=1; stops on SIGTERM', async () => {
    const database = sqliteDatabase();
    try {
      const server = await startServerProcess(
        { DATABASE_URL: database.url, STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_DEMO: '1' },
        { entry: 'npm run serve' },
      );
      const base = `http://127.0.0.1:${server.port}`;
      try {
        assert.doesNotMatch(server.output(), /demo mode/);
        assert.match(server.output(), /STAFF_CHAT_DEMO is ignored/);
        for (const path of ['/', '/demo/side-by-side.html', '/demo/staff.json', '/demo/portal.css']) {
          assert.equal((await fetch(`${base}${path}`)).status, 404, path);
        }
        const devToken = await fetch(`${base}/api/staff_chat/dev/token`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ hotel: 'seaview', staff_id: 'anna' }),
        });
        assert.equal(devToken.status, 404);
        assert.equal(((await devToken.json()) as { error: { code: string } }).error.code, 'not_found');

        const token = signStaffToken({ sub: 'olga', hotel: 'grand', name: 'Olga', exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
        const me = await fetch(`${base}/api/staff_chat/grand/me`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(me.status, 200);
        const hotels = (await database.snapshot()).hotels as { slug: string }[];
        assert.deepEqual(
          hotels.map((row) => row.slug),
          ['grand'],
          'nothing was seeded',
        );
      } finally {
        const code = await server.stop('SIGTERM');
        assert.equal(code, 0, server.output());
      }
      assert.ok(await portIsFree(server.port), 'the server still listens after npm exited');
    } finally {
      await database.drop();
    }
  });
});

describe('the demo start', { timeout: 60_000 }, () => {
  test('refuses, with a clear sentence, a database that holds another hotel', async () => {
    const database = sqliteDatabase();
    try {
      const first = await startServerProcess({ DATABASE_URL: database.url, STAFF_CHAT_JWT_SECRET: SECRET });
      const token = signStaffToken({ sub: 'olga', hotel: 'grand', name: 'Olga', exp: Math.floor(Date.now() / 1000) + 600 }, SECRET);
      assert.equal(
        (await fetch(`http://127.0.0.1:${first.port}/api/staff_chat/grand/me`, { headers: { authorization: `Bearer ${token}` } })).status,
        200,
      );
      assert.equal(await first.stop(), 0);

      const demo = spawnSync(process.execPath, ['--import', 'tsx', 'demo/main.ts'], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH ?? '', PORT: '0', DATABASE_URL: database.url },
        encoding: 'utf8',
        timeout: 30_000,
      });
      assert.equal(demo.status, 1, demo.stdout + demo.stderr);
      assert.match(demo.stderr, /The demo refuses to start: this database holds hotels other than the demo hotel \(grand\)/);
      assert.doesNotMatch(demo.stdout, /listening/);
      const hotels = (await database.snapshot()).hotels as { slug: string }[];
      assert.deepEqual(
        hotels.map((row) => row.slug),
        ['grand'],
        'the demo seeded nothing',
      );
    } finally {
      await database.drop();
    }
  });
});
