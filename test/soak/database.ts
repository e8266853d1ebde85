/**
 * Where a soak or a bad-input run keeps its data, read back directly (not through the API) so the
 * tests compare what clients hold with what the database holds.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

export interface StoredMessage {
  id: number;
  conversation_id: number;
  client_id: string | null;
  sender_id: string;
  message: string;
}

export interface TestDatabase {
  readonly kind: 'sqlite' | 'postgres';
  /** DATABASE_URL for the server. */
  readonly url: string;
  messages(): Promise<StoredMessage[]>;
  /** Every row of every table, in a stable order: what "nothing was stored" is checked against. */
  snapshot(): Promise<Record<string, unknown[]>>;
  drop(): Promise<void>;
}

const TABLES = [
  'hotels',
  'staff',
  'conversations',
  'conversation_participants',
  'messages',
  'message_reactions',
  'message_attachments',
  'message_mentions',
  'message_pins',
  'message_forwards',
  'acknowledgement_requests',
  'message_acknowledgements',
  'handover_items',
] as const;
const ORDER: Record<(typeof TABLES)[number], string> = {
  hotels: 'slug',
  staff: 'hotel, id',
  conversations: 'id',
  conversation_participants: 'conversation_id, staff_id',
  messages: 'id',
  message_reactions: 'message_id, staff_id, emoji',
  message_attachments: 'id',
  message_mentions: 'message_id, staff_id',
  message_pins: 'conversation_id, message_id',
  message_forwards: 'message_id',
  acknowledgement_requests: 'message_id',
  message_acknowledgements: 'message_id, staff_id',
  handover_items: 'id',
};
const MESSAGES_SQL = 'select id, conversation_id, client_id, sender_id, message from messages order by id';

export const POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function sqliteDatabase(): TestDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'staff-chat-soak-'));
  const path = join(dir, 'chat.sqlite');
  const read = <T>(query: (db: BetterSqlite3.Database) => T): T => {
    const db = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
    try {
      return query(db);
    } finally {
      db.close();
    }
  };
  return {
    kind: 'sqlite',
    url: `file:${path}`,
    messages: async () => read((db) => db.prepare(MESSAGES_SQL).all() as StoredMessage[]),
    snapshot: async () =>
      read((db) => Object.fromEntries(TABLES.map((table) => [table, db.prepare(`select * from ${table} order by ${ORDER[table]}`).all()]))),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh schema in the test PostgreSQL; the server reaches it through `options=-c search_path=…`. */
export async function postgresDatabase(): Promise<TestDatabase> {
  const schema = `staff_chat_soak_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_URL });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.query(`set search_path to ${schema}`);
  const url = new URL(POSTGRES_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    kind: 'postgres',
    url: url.toString(),
    messages: async () => (await admin.query<StoredMessage>(MESSAGES_SQL)).rows,
    async snapshot() {
      const entries: [string, unknown[]][] = [];
      for (const table of TABLES) entries.push([table, (await admin.query(`select * from ${table} order by ${ORDER[table]}`)).rows]);
      return Object.fromEntries(entries);
    },
    async drop() {
      await admin.query(`drop schema if exists ${schema} cascade`);
      await admin.end();
    },
  };
}

/** Whether the test PostgreSQL answers; the reason when it does not. */
export async function postgresUnreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}
