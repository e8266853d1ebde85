import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './schema.js';

const INT8_OID = 20;

/**
 * A Kysely instance over a `pg` Pool. `searchPath` puts every connection in one schema (tests use a
 * fresh schema per run so parallel runs never meet).
 */
export function openPostgres(connectionString: string, options: { searchPath?: string } = {}): Kysely<Database> {
  // It travels inside a startup option, so only plain identifiers may pass.
  if (options.searchPath !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.searchPath)) {
    throw new Error(`invalid PostgreSQL schema name: ${options.searchPath}`);
  }
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    // count(*) is int8, which pg returns as a string; our counts always fit a JS number.
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client losing its connection (a restart, a failover) emits 'error' on the pool; unheard,
  // that would crash the process, while the pool itself recovers by opening a new connection.
  pool.on('error', (error) => console.error('storage: idle PostgreSQL connection failed:', error.message));
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
