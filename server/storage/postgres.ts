import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult } from 'kysely';
import pg from 'pg';
import { consoleLogger, type Logger } from '../logger.js';
import { DatabaseUnavailableError } from './database-faults.js';
import type { Database } from './schema.js';

/** How long the server waits on PostgreSQL before it answers 503 rather than hang. */
export interface PostgresTimeouts {
  /** Opening a connection, or waiting for a free one from the pool. */
  connectTimeoutMs: number;
  /** PostgreSQL's own `statement_timeout`: the server cancels a statement that runs longer. */
  statementTimeoutMs: number;
  /** Any answer to one query; past it the connection counts as dead (a frozen database, a lost network). */
  queryTimeoutMs: number;
}

export const DEFAULT_POSTGRES_TIMEOUTS: PostgresTimeouts = { connectTimeoutMs: 5_000, statementTimeoutMs: 10_000, queryTimeoutMs: 15_000 };

/** Every connection's `application_name`, so `pg_stat_activity` tells this server's connections apart. */
export const POSTGRES_APPLICATION_NAME = 'staff-chat';

export interface PostgresOptions extends Partial<PostgresTimeouts> {
  /** The schema every connection works in (tests use a fresh one per run so parallel runs never meet). */
  searchPath?: string;
  /** Where lost connections are reported; the console by default. */
  log?: Logger;
}

/**
 * A Kysely instance over a `pg` Pool that survives the database going away: a connection that breaks,
 * idle or in use, is logged and replaced instead of crashing the process; no call waits longer than
 * the {@link PostgresTimeouts}; and every failure to reach the database is a
 * {@link DatabaseUnavailableError}, which the API answers with 503. An `application_name` in the URL
 * wins over {@link POSTGRES_APPLICATION_NAME}.
 */
export function openPostgres(connectionString: string, options: PostgresOptions = {}): Kysely<Database> {
  // It travels inside a startup option, so only plain identifiers may pass.
  if (options.searchPath !== undefined && !/^[a-z_][a-z0-9_]*$/.test(options.searchPath)) {
    throw new Error(`invalid PostgreSQL schema name: ${options.searchPath}`);
  }
  const timeouts = { ...DEFAULT_POSTGRES_TIMEOUTS, ...definedOnly(options) };
  const log = options.log ?? consoleLogger;
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    application_name: POSTGRES_APPLICATION_NAME,
    // pg-pool applies it to opening a connection and to waiting for a free one alike.
    connectionTimeoutMillis: timeouts.connectTimeoutMs,
    statement_timeout: timeouts.statementTimeoutMs,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
    // count(*) is int8, which pg returns as a string; our counts always fit a JS number.
    types: {
      getTypeParser: ((oid: Parameters<typeof pg.types.getTypeParser>[0], format?: 'text' | 'binary'): unknown =>
        oid === pg.types.builtins.INT8
          ? (value: string) => Number(value)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });

  const broken = new WeakSet<pg.PoolClient>();
  // pg-pool listens for errors on idle clients only, and a client emits 'error' when its connection
  // ends (a restart, pg_terminate_backend, a failover) even while a request holds it: without a
  // listener of our own, that event would end the process. pg reports one loss up to three times.
  pool.on('connect', (client) => {
    client.on('error', (error) => {
      if (broken.has(client)) return;
      broken.add(client);
      log.warn('storage: a PostgreSQL connection was lost; the pool opens a new one when needed', { error: error.message });
    });
  });
  // The pool re-emits an idle client's error, which the listener above has logged already; unheard,
  // an 'error' event is thrown.
  pool.on('error', () => {});

  return new Kysely<Database>({ dialect: new PostgresDialect({ pool: guardedPool(pool, broken, timeouts.queryTimeoutMs, log) }) });
}

/**
 * The pool as Kysely sees it: failing to get a connection and losing one mid-query both become
 * {@link DatabaseUnavailableError}, a query that gets no answer in time drops its connection, and a
 * broken client goes back to the pool to be destroyed, never reused.
 */
function guardedPool(pool: pg.Pool, broken: WeakSet<pg.PoolClient>, queryTimeoutMs: number, log: Logger): PostgresPool {
  const guarded = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  return {
    async connect() {
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        throw new DatabaseUnavailableError(`No PostgreSQL connection could be opened: ${messageOf(error)}`, { cause: error });
      }
      let wrapper = guarded.get(client);
      if (!wrapper) {
        wrapper = guardedClient(client, broken, queryTimeoutMs, log);
        guarded.set(client, wrapper);
      }
      return wrapper;
    },
    end: () => pool.end(),
  };
}

function guardedClient(client: pg.PoolClient, broken: WeakSet<pg.PoolClient>, queryTimeoutMs: number, log: Logger): PostgresPoolClient {
  async function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>> {
    const timer = setTimeout(() => {
      broken.add(client);
      log.warn(`storage: PostgreSQL did not answer within ${queryTimeoutMs} ms; dropping the connection`);
      // Waiting on could match a late answer to the next query; destroying the socket fails this
      // query (and a rollback after it) at once, with the error given here.
      client.connection.stream.destroy(new DatabaseUnavailableError(`PostgreSQL did not answer within ${queryTimeoutMs} ms.`));
    }, queryTimeoutMs);
    try {
      return (await client.query(sql, parameters as unknown[])) as unknown as PostgresQueryResult<R>;
    } catch (error) {
      // An error from the database itself keeps its SQLSTATE; anything else on a broken connection
      // ("Connection terminated unexpectedly", "not queryable") means the connection is gone.
      if (broken.has(client) && !(error instanceof pg.DatabaseError) && !(error instanceof DatabaseUnavailableError)) {
        throw new DatabaseUnavailableError(`The PostgreSQL connection was lost: ${messageOf(error)}`, { cause: error });
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    // Kysely streams through the cursor overload only when given a cursor class, which we never give it.
    query: query as PostgresPoolClient['query'],
    // pg-pool hands each checkout a fresh release(), so it is looked up at call time.
    release: (destroy) => client.release(destroy || broken.has(client)),
  };
}

function definedOnly(options: Partial<PostgresTimeouts>): Partial<PostgresTimeouts> {
  const { connectTimeoutMs, statementTimeoutMs, queryTimeoutMs } = options;
  return {
    ...(connectTimeoutMs !== undefined && { connectTimeoutMs }),
    ...(statementTimeoutMs !== undefined && { statementTimeoutMs }),
    ...(queryTimeoutMs !== undefined && { queryTimeoutMs }),
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
