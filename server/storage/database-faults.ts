import pg from 'pg';

/**
 * What a failed database call means for the request that made it: the database cannot be reached or
 * cannot answer right now (`unavailable`: try again shortly), or it has no room left to write (`full`).
 */
export type DatabaseFault = 'unavailable' | 'full';

/**
 * A database call that failed because the connection did: none could be had (refused, timed out, too
 * many clients), it broke while in use, or the database stopped answering. `cause` holds the driver's
 * own error.
 */
export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

// SQLSTATE codes (PostgreSQL appendix A) that mean "not now" rather than "not this request".
const UNAVAILABLE_SQLSTATE_CLASSES = ['08']; // connection exception
const UNAVAILABLE_SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, a fast shutdown, a failover
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, or in recovery
  '57P04', // database_dropped
  '57P05', // idle_session_timeout
  '57014', // query_canceled: statement_timeout
  '53200', // out_of_memory
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
  '58030', // io_error
  '25006', // read_only_sql_transaction: a write reached a standby, as right after a failover
]);
const DISK_FULL_SQLSTATE = '53100';

// better-sqlite3 reports SQLite's extended result codes by name (SQLITE_BUSY_SNAPSHOT, SQLITE_IOERR_WRITE…).
const UNAVAILABLE_SQLITE_PREFIXES = [
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
  'SQLITE_READONLY',
];

const UNAVAILABLE_SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * Whether `error` (or an error in its `cause` chain) says the database is unavailable or full, as
 * opposed to a bug or a bad request; undefined when it says neither.
 *
 * @example if (databaseFault(error) === 'unavailable') return answer503();
 */
export function databaseFault(error: unknown): DatabaseFault | undefined {
  let fault: DatabaseFault | undefined;
  // A bounded walk: a cause chain may, in principle, loop.
  for (let link = error, depth = 0; link instanceof Error && depth < 8; link = link.cause, depth++) {
    const found = faultOf(link);
    if (found === 'full') return 'full';
    fault ??= found;
  }
  return fault;
}

function faultOf(error: Error): DatabaseFault | undefined {
  if (error instanceof DatabaseUnavailableError) return 'unavailable';
  const code: unknown = (error as { code?: unknown }).code;
  if (typeof code !== 'string') return undefined;
  if (error instanceof pg.DatabaseError) {
    if (code === DISK_FULL_SQLSTATE) return 'full';
    return UNAVAILABLE_SQLSTATES.has(code) || UNAVAILABLE_SQLSTATE_CLASSES.includes(code.slice(0, 2)) ? 'unavailable' : undefined;
  }
  if (code === 'SQLITE_FULL') return 'full';
  if (UNAVAILABLE_SQLITE_PREFIXES.some((prefix) => code === prefix || code.startsWith(`${prefix}_`))) return 'unavailable';
  return UNAVAILABLE_SOCKET_CODES.has(code) ? 'unavailable' : undefined;
}
