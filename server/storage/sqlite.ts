import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import {
  Kysely,
  SqliteDialect,
  SqliteDriver,
  type DatabaseConnection,
  type Driver,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { Database } from './schema.js';

const STATEMENT_CACHE_SIZE = 256;

/**
 * When a commit counts as done. `full`: the write-ahead log is flushed to disk (fsync) at every commit,
 * so an acknowledged write survives a power cut or an OS crash. `normal`: only at checkpoints, so a
 * commit survives the process dying but the last ones before a power cut or OS crash can be lost
 * (never corrupted), for much less disk work per commit.
 */
export type SqliteSynchronous = 'full' | 'normal';

export const DEFAULT_SQLITE_SYNCHRONOUS: SqliteSynchronous = 'full';

/**
 * Opens (creating it and its folder if needed) a SQLite database for Kysely, in WAL mode.
 * `':memory:'` gives a private in-memory database.
 */
export function openSqlite(path: string, options: { synchronous?: SqliteSynchronous } = {}): Kysely<Database> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new BetterSqlite3(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${(options.synchronous ?? DEFAULT_SQLITE_SYNCHRONOUS) === 'full' ? 'FULL' : 'NORMAL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new QueuedSqliteDialect(withStatementCache(sqlite), () => sqlite.inTransaction) });
}

/**
 * Kysely prepares every query afresh; the same few SQL strings repeat on every request, so reusing
 * their prepared statements saves most of SQLite's per-query cost.
 */
function withStatementCache(sqlite: BetterSqlite3.Database): SqliteDatabase {
  const statements = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

/**
 * Kysely's SQLite driver guards its single connection with a mutex that wakes every waiter on each
 * release, so N concurrent requests cost O(N²): 20,000 queued sends ran ten times slower than one by
 * one. A FIFO queue in front hands the connection to exactly one waiter at a time.
 */
class QueuedSqliteDialect extends SqliteDialect {
  constructor(
    private readonly database: SqliteDatabase,
    private readonly inTransaction: () => boolean,
  ) {
    super({ database });
  }

  override createDriver(): Driver {
    return new QueuedSqliteDriver({ database: this.database }, this.inTransaction);
  }
}

class QueuedSqliteDriver extends SqliteDriver {
  private readonly waiting: (() => void)[] = [];
  private busy = false;

  constructor(
    config: ConstructorParameters<typeof SqliteDriver>[0],
    private readonly inTransaction: () => boolean,
  ) {
    super(config);
  }

  override async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After SQLITE_FULL, IOERR, NOMEM or BUSY SQLite may have rolled the transaction back itself; a
    // second ROLLBACK would fail with "no transaction is active" and hide the error that explains why.
    if (this.inTransaction()) await super.rollbackTransaction(connection);
  }

  override async acquireConnection(): Promise<DatabaseConnection> {
    if (this.busy) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.busy = true;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    await super.releaseConnection();
    const next = this.waiting.shift();
    if (next) next();
    else this.busy = false;
  }
}
