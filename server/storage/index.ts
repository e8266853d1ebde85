import type { Kysely } from 'kysely';
import type { Logger } from '../logger.js';
import { createKyselyStorage, type KyselyStorageOptions } from './kysely-storage.js';
import { migrateToLatest } from './migrations.js';
import { openPostgres, type PostgresTimeouts } from './postgres.js';
import type { Database, Dialect } from './schema.js';
import { openSqlite, type SqliteSynchronous } from './sqlite.js';
import type { Storage } from './storage.js';

export type { Storage } from './storage.js';
export { createKyselyStorage, type KyselyStorageOptions } from './kysely-storage.js';

/** Where the database lives when `DATABASE_URL` is unset. */
export const DEFAULT_SQLITE_PATH = './data/staff-chat.sqlite';

export interface CreateStorageOptions extends KyselyStorageOptions, Partial<PostgresTimeouts> {
  /** PostgreSQL only: the schema every connection works in (tests use a fresh one per run). */
  postgresSchema?: string;
  /** SQLite only: when a commit counts as done; `full` (the default) flushes every commit to disk. */
  sqliteSynchronous?: SqliteSynchronous;
  /** Where database trouble that no request sees (a lost idle connection) is reported. */
  log?: Logger;
}

/**
 * Opens the database `DATABASE_URL` names and brings its schema up to date:
 * undefined -> SQLite at `./data/staff-chat.sqlite` (the folder is created), `file:PATH` -> SQLite at
 * PATH (`file::memory:` for an in-memory database), `postgres://…` or `postgresql://…` -> PostgreSQL.
 *
 * @example
 * const storage = await createStorage(process.env.DATABASE_URL);
 */
export async function createStorage(databaseUrl: string | undefined, options: CreateStorageOptions = {}): Promise<Storage> {
  const { db, dialect } = openDatabase(databaseUrl, options);
  try {
    await migrateToLatest(db as Kysely<unknown>, dialect);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return createKyselyStorage(db, options);
}

function openDatabase(databaseUrl: string | undefined, options: CreateStorageOptions): { db: Kysely<Database>; dialect: Dialect } {
  const url = databaseUrl?.trim() || undefined;
  const sqlite = { synchronous: options.sqliteSynchronous };
  if (url === undefined) return { db: openSqlite(DEFAULT_SQLITE_PATH, sqlite), dialect: 'sqlite' };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (!path) throw new Error('DATABASE_URL "file:" needs a path, e.g. file:./data/staff-chat.sqlite');
    return { db: openSqlite(path, sqlite), dialect: 'sqlite' };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { postgresSchema: searchPath, connectTimeoutMs, statementTimeoutMs, queryTimeoutMs, log } = options;
    return { db: openPostgres(url, { searchPath, connectTimeoutMs, statementTimeoutMs, queryTimeoutMs, log }), dialect: 'postgres' };
  }
  throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://');
}
