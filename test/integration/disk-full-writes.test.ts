/**
 * A full disk under the writes of urgent messages, handover notes, pins and forwards, on both databases:
 * each answers 507 `insufficient_storage` in the one error shape, stores nothing (every row of every
 * table as before, though the failing statement comes after others of its transaction), the server goes
 * on answering reads, and the same request succeeds once there is room again.
 *
 * The disk fills for one table at a time, by a trigger on it. SQLite: the trigger writes 4 MB into a
 * table of its own while `max_page_count` holds the file at its size, so SQLite itself fails with
 * SQLITE_FULL. PostgreSQL: the trigger raises SQLSTATE 53100 disk_full, what PostgreSQL says when it
 * cannot extend a file (a real full disk cannot be aimed at one statement).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import Pusher from 'pusher';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../server/app.js';
import { signStaffToken } from '../../server/auth/token.js';
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { createKyselyStorage } from '../../server/storage/kysely-storage.js';
import { migrateToLatest } from '../../server/storage/migrations.js';
import { openPostgres } from '../../server/storage/postgres.js';
import type { Database } from '../../server/storage/schema.js';
import { openSqlite } from '../../server/storage/sqlite.js';
import { RecordingNotifier, TEST_SECRET } from '../../server/testing/app-harness.js';
import { prepareFeatureWrites, type ApiAnswer, type ApiCall } from '../../server/testing/feature-writes.js';
import { postgresDatabase, postgresUnreachable, sqliteDatabase, type TestDatabase } from '../soak/database.js';

const unreachable = await postgresUnreachable();
if (unreachable && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${unreachable}`);

/** The writes of issue 10 and the table whose growth each needs (the last one its transaction writes). */
const FILLS: Record<string, string> = {
  acknowledge: 'message_acknowledgements',
  pin: 'message_pins',
  tick: 'handover_items',
  // The note's message row is written first, then its items: the full disk must take both back.
  'handover note': 'handover_items',
  // Every copy's message row, then its origin: the full disk must take back every copy.
  forward: 'message_forwards',
};

/** Fills the disk for writes to one table, and makes room again. */
interface Disk {
  fill(table: string): Promise<void>;
  makeRoom(): Promise<void>;
}

function sqliteDisk(db: Kysely<Database>): Disk {
  return {
    async fill(table) {
      await sql.raw('create table if not exists disk_filler (bytes blob)').execute(db);
      await sql
        .raw(`create trigger disk_full after insert on ${table} begin insert into disk_filler values (zeroblob(4000000)); end`)
        .execute(db);
      await sql
        .raw(`create trigger disk_full_update after update on ${table} begin insert into disk_filler values (zeroblob(4000000)); end`)
        .execute(db);
      const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(db);
      await sql.raw(`pragma max_page_count = ${rows[0]!.page_count}`).execute(db);
    },
    async makeRoom() {
      await sql.raw('pragma max_page_count = 1073741823').execute(db);
      await sql.raw('drop trigger if exists disk_full').execute(db);
      await sql.raw('drop trigger if exists disk_full_update').execute(db);
    },
  };
}

function postgresDisk(db: Kysely<Database>): Disk {
  let filled: string | undefined;
  return {
    async fill(table) {
      await sql
        .raw(
          `create or replace function disk_full() returns trigger language plpgsql as $$ begin
             raise exception 'could not extend file: No space left on device' using errcode = 'disk_full';
           end $$`,
        )
        .execute(db);
      await sql.raw(`create trigger disk_full before insert or update on ${table} for each row execute function disk_full()`).execute(db);
      filled = table;
    },
    async makeRoom() {
      if (filled) await sql.raw(`drop trigger if exists disk_full on ${filled}`).execute(db);
      filled = undefined;
    },
  };
}

const databases = [
  { kind: 'sqlite' as const, skip: undefined },
  { kind: 'postgres' as const, skip: unreachable && `PostgreSQL unreachable: ${unreachable}` },
];

for (const { kind, skip } of databases) {
  describe(`a full disk under the teamwork writes: ${kind}`, { ...(skip && { skip }) }, () => {
    const uploads = mkdtempSync(join(tmpdir(), 'staff-chat-disk-full-'));
    let database: TestDatabase;
    let db: Kysely<Database>;
    let disk: Disk;
    let call: ApiCall;

    before(async () => {
      database = kind === 'sqlite' ? sqliteDatabase() : await postgresDatabase();
      // The server's own connection: SQLite's max_page_count holds for the connection that sets it.
      db = kind === 'sqlite' ? openSqlite(database.url.slice('file:'.length)) : openPostgres(database.url, { log: silentLogger });
      await migrateToLatest(db as Kysely<unknown>, kind);
      disk = kind === 'sqlite' ? sqliteDisk(db) : postgresDisk(db);
      const config = loadConfig({
        STAFF_CHAT_JWT_SECRET: TEST_SECRET,
        PUSHER_APP_ID: '4242',
        PUSHER_KEY: 'test-key',
        PUSHER_SECRET: 'test-pusher-secret',
        STAFF_CHAT_UPLOAD_DIR: uploads,
      });
      const pusher = new Pusher({ appId: '4242', key: 'test-key', secret: 'test-pusher-secret', host: '127.0.0.1', port: '9' });
      const app = createApp({ config, storage: createKyselyStorage(db), pusher, notifier: new RecordingNotifier(), log: silentLogger });
      call = async (sub, method, path, body): Promise<ApiAnswer> => {
        const token = signStaffToken({ sub, hotel: 'grand', name: `Name of ${sub}`, department: 'Housekeeping' }, TEST_SECRET);
        const json = body !== undefined && !(body instanceof FormData);
        const response = await app.request(`${config.apiBase}/staff_chat/grand${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(json && { 'content-type': 'application/json' }) },
          ...(body !== undefined && { body: json ? JSON.stringify(body) : body }),
        });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), json: await response.json() };
      };
    });
    after(async () => {
      await db?.destroy();
      await database?.drop();
      rmSync(uploads, { recursive: true, force: true });
    });

    test('acknowledge, pin, tick, a handover note and a forward: 507, nothing stored, reads still served, stored once there is room', async () => {
      const { writes, state } = await prepareFeatureWrites(call, { actor: 'hugo', owner: 'hana', other: 'ines' });
      const before = await state();
      const tried = writes.filter((write) => FILLS[write.name] !== undefined);
      assert.deepEqual(tried.map((write) => write.name).sort(), Object.keys(FILLS).sort(), 'every write of the list is in the table');

      for (const write of tried) {
        const rows = await database.snapshot();
        await disk.fill(FILLS[write.name]!);
        try {
          const full = await call('hugo', write.method, write.path, write.body);
          assert.equal(full.status, 507, `${write.name}: ${full.status} ${JSON.stringify(full.json)}`);
          assert.deepEqual(Object.keys(full.json as object), ['error'], `${write.name}: the one error shape`);
          const error = (full.json as { error: { code: string; message: string } }).error;
          assert.equal(error.code, 'insufficient_storage', write.name);
          assert.match(error.message, /full/, write.name);
          assert.equal((await call('hana', 'GET', '/conversations/')).status, 200, `${write.name}: reads are still served`);
        } finally {
          await disk.makeRoom();
        }
        assert.deepEqual(await database.snapshot(), rows, `${write.name}: nothing stored half-way`);
        const retried = await call('hugo', write.method, write.path, write.body);
        assert.equal(retried.status, write.ok, `${write.name} with room again: ${JSON.stringify(retried.json)}`);
      }

      const after = await state();
      assert.deepEqual(
        {
          acknowledgedBy: after.acknowledgedBy,
          tickedBy: after.tickedBy,
          pins: after.pins,
          handoverNotes: after.handoverNotes,
          forwardedCopies: after.forwardedCopies,
        },
        {
          acknowledgedBy: ['hugo'],
          tickedBy: 'hugo',
          pins: before.pins + 1,
          handoverNotes: before.handoverNotes + 1,
          forwardedCopies: before.forwardedCopies + 2,
        },
      );
    });
  });
}
