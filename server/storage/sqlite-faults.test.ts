/**
 * SQLite trouble through the API: a full disk answers 507 and stores nothing, a database another
 * process holds locked answers 503 with Retry-After, and the same client_id sent again once the
 * trouble is over is stored once. Also: when a commit counts as done (`synchronous`).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import BetterSqlite3 from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import Pusher from 'pusher';
import { createApp } from '../app.js';
import { signStaffToken } from '../auth/token.js';
import { loadConfig } from '../config.js';
import { silentLogger } from '../logger.js';
import { RecordingNotifier, TEST_SECRET } from '../testing/app-harness.js';
import { assertDatabaseUnavailable, prepareFeatureWrites, type ApiAnswer } from '../testing/feature-writes.js';
import { createKyselyStorage } from './kysely-storage.js';
import { migrateToLatest } from './migrations.js';
import type { Database } from './schema.js';
import { openSqlite } from './sqlite.js';

const folder = mkdtempSync(join(tmpdir(), 'staff-chat-sqlite-faults-'));
after(() => rmSync(folder, { recursive: true, force: true }));

/** The app over a SQLite file whose one Kysely connection the test holds, to set pragmas on it. */
async function appOverFile(name: string) {
  const path = join(folder, name);
  const db = openSqlite(path);
  await migrateToLatest(db as Kysely<unknown>, 'sqlite');
  const storage = createKyselyStorage(db);
  const config = loadConfig({
    STAFF_CHAT_JWT_SECRET: TEST_SECRET,
    PUSHER_APP_ID: '4242',
    PUSHER_KEY: 'test-key',
    PUSHER_SECRET: 'test-pusher-secret',
    STAFF_CHAT_UPLOAD_DIR: join(folder, `${name}-uploads`),
  });
  const pusher = new Pusher({ appId: '4242', key: 'test-key', secret: 'test-pusher-secret', host: '127.0.0.1', port: '9' });
  const app = createApp({ config, storage, pusher, notifier: new RecordingNotifier(), log: silentLogger });
  const token = signStaffToken({ sub: 'anna', hotel: 'grand', name: 'Anna' }, TEST_SECRET);
  for (const [id, full_name] of [
    ['anna', 'Anna'],
    ['ben', 'Ben'],
  ] as const) {
    await storage.upsertStaff('grand', { id, full_name, avatar: null, department: null, role: null });
  }
  const { conversationId } = await storage.createConversation('grand', { createdBy: 'anna', participantIds: ['anna', 'ben'], title: null });
  const send = async (clientId: string, message = `message ${clientId}`) => {
    const response = await app.request(`${config.apiBase}/staff_chat/grand/conversations/${conversationId}/send-message/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ message, client_id: clientId }),
    });
    return {
      status: response.status,
      retryAfter: response.headers.get('retry-after'),
      json: (await response.json()) as { error?: { code: string; message: string } },
    };
  };
  const stored = async (clientId: string) =>
    (await db.selectFrom('messages').select('id').where('client_id', '=', clientId).execute()).length;
  /** A request to `/staff_chat/grand{path}` as `sub` of Housekeeping; FormData goes as multipart. */
  const call = async (sub: string, method: string, path: string, body?: unknown): Promise<ApiAnswer> => {
    const token = signStaffToken({ sub, hotel: 'grand', name: `Name of ${sub}`, department: 'Housekeeping' }, TEST_SECRET);
    const json = body !== undefined && !(body instanceof FormData);
    const response = await app.request(`${config.apiBase}/staff_chat/grand${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(json && { 'content-type': 'application/json' }) },
      ...(body !== undefined && { body: json ? JSON.stringify(body) : body }),
    });
    return { status: response.status, retryAfter: response.headers.get('retry-after'), json: await response.json() };
  };
  return { path, db, storage, send, stored, call, conversationId };
}

describe('SQLite faults through the API', () => {
  test('a full disk (SQLITE_FULL) answers 507 insufficient_storage and stores nothing; the same client_id is stored once there is room', async () => {
    const t = await appOverFile('full.sqlite');
    try {
      assert.equal((await t.send('fits')).status, 201);

      // The database may not grow past the pages it has: the next page it needs is "disk full".
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(t.db);
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(t.db);
      const long = 'x'.repeat(4000);
      let full: Awaited<ReturnType<typeof t.send>> | undefined;
      let clientId = '';
      for (let attempt = 0; attempt < 50 && !full; attempt++) {
        clientId = `full-${attempt}`;
        const answer = await t.send(clientId, long);
        if (answer.status !== 201) full = answer;
      }
      assert.ok(full, 'the database filled up within 50 messages of 4000 characters');
      assert.equal(full.status, 507, JSON.stringify(full.json));
      assert.deepEqual(Object.keys(full.json), ['error']);
      assert.equal(full.json.error?.code, 'insufficient_storage');
      assert.match(full.json.error?.message ?? '', /full/);
      assert.equal(await t.stored(clientId), 0, 'nothing stored from the refused send');

      await sql.raw('pragma max_page_count = 1073741823').execute(t.db);
      assert.equal((await t.send(clientId, long)).status, 201);
      assert.equal(await t.stored(clientId), 1);
    } finally {
      await t.storage.close();
    }
  });

  describe('a database locked by another process (SQLITE_BUSY)', () => {
    let t: Awaited<ReturnType<typeof appOverFile>>;
    let other: BetterSqlite3.Database;
    before(async () => {
      t = await appOverFile('busy.sqlite');
      // better-sqlite3 waits synchronously; a short wait keeps the test quick.
      await sql`pragma busy_timeout = 50`.execute(t.db);
      other = new BetterSqlite3(t.path);
    });
    after(async () => {
      other?.close();
      await t?.storage.close();
    });

    test('answers 503 database_unavailable with Retry-After, stores nothing, and the same client_id is stored once the lock is gone', async () => {
      other.exec('begin immediate');
      try {
        const answer = await t.send('locked');
        assert.equal(answer.status, 503, JSON.stringify(answer.json));
        assert.equal(answer.json.error?.code, 'database_unavailable');
        assert.match(answer.retryAfter ?? '', /^[1-9]\d*$/);
      } finally {
        other.exec('rollback');
      }
      assert.equal(await t.stored('locked'), 0);
      assert.equal((await t.send('locked')).status, 201);
      assert.equal(await t.stored('locked'), 1);
    });

    test('every write of urgent messages, handover notes, pins and housekeeping while locked: 503 with Retry-After, nothing stored, each stored once the lock is gone', async () => {
      const { writes, state, stored } = await prepareFeatureWrites(t.call, { actor: 'hugo', owner: 'hana', other: 'ines' });
      const before = await state();
      other.exec('begin immediate');
      try {
        for (const write of writes) assertDatabaseUnavailable(await t.call('hugo', write.method, write.path, write.body), write.name);
      } finally {
        other.exec('rollback');
      }
      assert.deepEqual(await state(), before, 'nothing stored half-way');
      // The first retry is the one that stores it: 201 (not 200 "already") for the acknowledgement, the pin and the note.
      for (const write of writes) assert.equal((await t.call('hugo', write.method, write.path, write.body)).status, write.ok, write.name);
      assert.deepEqual(await state(), stored(before));
    });
  });
});

describe('SQLite synchronous', () => {
  const synchronous = async (db: Kysely<Database>) =>
    (await sql<{ synchronous: number }>`pragma synchronous`.execute(db)).rows[0]?.synchronous;

  test('is FULL (2) by default, so every acknowledged commit is on disk', async () => {
    const db = openSqlite(join(folder, 'default.sqlite'));
    try {
      assert.equal(await synchronous(db), 2);
    } finally {
      await db.destroy();
    }
  });

  test('is NORMAL (1) when asked', async () => {
    const db = openSqlite(join(folder, 'normal.sqlite'), { synchronous: 'normal' });
    try {
      assert.equal(await synchronous(db), 1);
    } finally {
      await db.destroy();
    }
  });
});

describe('SQLite transactions', () => {
  test('a transaction SQLite rolled back by itself (as it may on FULL, IOERR, NOMEM or BUSY) fails with its own error', async () => {
    const db = openSqlite(join(folder, 'rolled-back.sqlite'));
    try {
      const cause = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          // What SQLite does to the transaction after such an error, before the error reaches Kysely.
          await sql`rollback`.execute(trx);
          throw cause;
        }),
        (error) => error === cause,
      );
    } finally {
      await db.destroy();
    }
  });
});
