/**
 * openPostgres against the real PostgreSQL: its connections carry `application_name`, a slow statement
 * is cancelled by `statement_timeout`, a query with no answer in time drops its connection, and the
 * pool goes on with new connections after either.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { silentLogger } from '../logger.js';
import { databaseFault, DatabaseUnavailableError } from './database-faults.js';
import { openPostgres, POSTGRES_APPLICATION_NAME } from './postgres.js';
import { POSTGRES_URL, postgresUnreachable } from '../../test/soak/database.js';

const url = POSTGRES_URL;
const reason = await postgresUnreachable();
if (reason && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${reason}`);

describe('openPostgres under slow queries', { ...(reason && { skip: `PostgreSQL unreachable: ${reason}` }) }, () => {
  test(`its connections are named ${POSTGRES_APPLICATION_NAME} in pg_stat_activity`, async () => {
    const db = openPostgres(url, { log: silentLogger });
    try {
      const { rows } = await sql<{ name: string }>`select current_setting('application_name') as name`.execute(db);
      assert.equal(rows[0]?.name, POSTGRES_APPLICATION_NAME);
    } finally {
      await db.destroy();
    }
  });

  test('a statement past statement_timeout is cancelled by PostgreSQL (57014, unavailable) and the connection stays usable', async () => {
    const db = openPostgres(url, { statementTimeoutMs: 200, queryTimeoutMs: 5000, log: silentLogger });
    try {
      const started = performance.now();
      const error = await sql`select pg_sleep(3)`.execute(db).then(
        () => assert.fail('pg_sleep(3) finished'),
        (failure: unknown) => failure,
      );
      assert.equal((error as { code?: string }).code, '57014');
      assert.equal(databaseFault(error), 'unavailable');
      assert.ok(performance.now() - started < 2000, 'cancelled long before the sleep ended');
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
      assert.equal(rows[0]?.one, 1);
    } finally {
      await db.destroy();
    }
  });

  test('a query with no answer within the query timeout fails as unavailable, its connection is dropped, and the next query gets a new one', async () => {
    const db = openPostgres(url, { statementTimeoutMs: 10_000, queryTimeoutMs: 300, log: silentLogger });
    try {
      const before = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
      const started = performance.now();
      const error = await sql`select pg_sleep(3)`.execute(db).then(
        () => assert.fail('pg_sleep(3) finished'),
        (failure: unknown) => failure,
      );
      const waited = performance.now() - started;
      assert.ok(error instanceof DatabaseUnavailableError, String(error));
      assert.equal(databaseFault(error), 'unavailable');
      assert.ok(waited >= 250 && waited < 2000, `gave up after ${Math.round(waited)} ms`);
      const after = (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid;
      assert.ok(after !== undefined && after !== before, 'a new connection (backend) served the next query');
    } finally {
      await db.destroy();
    }
  });
});
