import type { Kysely } from 'kysely';
import { createKyselyStorage, type KyselyStorageOptions } from './kysely-storage.js';
import { migrateToLatest } from './migrations.js';
import { openPostgres } from './postgres.js';
import type { Database, Dialect } from './schema.js';
import { openSqlite } from './sqlite.js';
import type { Storage } from './storage.js';

export type { Storage } from './storage.js';
export { createKyselyStorage, type KyselyStorageOptions } from './kysely-storage.js';

/** Where the database lives when `DATABASE_URL` is unset. */
export const DEFAULT_SQLITE_PATH = './data/staff-chat.sqlite';

export interface CreateStorageOptions extends KyselyStorageOptions {
  /** PostgreSQL only: the schema every connection works in (tests use a fresh one per run). */
  postgresSchema?: string;
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

function openDatabase(
  databaseUrl: string | undefined,
  options: CreateStorageOptions,
): { db: Kysely<Database>; dialect: Dialect } {
  const url = databaseUrl?.trim() || undefined;
  if (url === undefined) return { db: openSqlite(DEFAULT_SQLITE_PATH), dialect: 'sqlite' };
  if (url.startsWith('file:')) {
    const path = url.slice('file:'.length);
    if (!path) throw new Error('DATABASE_URL "file:" needs a path, e.g. file:./data/staff-chat.sqlite');
    return { db: openSqlite(path), dialect: 'sqlite' };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    const searchPath = options.postgresSchema;
    return { db: openPostgres(url, searchPath === undefined ? {} : { searchPath }), dialect: 'postgres' };
  }
  throw new Error('DATABASE_URL must start with file:, postgres:// or postgresql://');
}
