/**
 * Which database errors mean "unavailable" (503) or "full" (507), which are left to the 500 path, and
 * the settings that bound how long PostgreSQL may keep a request waiting.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { loadConfig } from '../config.js';
import { databaseFaultResponse, DATABASE_RETRY_AFTER_SECONDS } from '../errors.js';
import { databaseFault, DatabaseUnavailableError } from './database-faults.js';

/** A PostgreSQL error as pg builds it from the server's ErrorResponse. */
function pgError(code: string, message = `sqlstate ${code}`): pg.DatabaseError {
  const error = new pg.DatabaseError(message, 0, 'error');
  error.code = code;
  return error;
}

const withCode = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('databaseFault', () => {
  const cases: [string, unknown, 'unavailable' | 'full' | undefined][] = [
    ['57P01 admin_shutdown (pg_terminate_backend)', pgError('57P01'), 'unavailable'],
    ['57P02 crash_shutdown', pgError('57P02'), 'unavailable'],
    ['57P03 cannot_connect_now', pgError('57P03'), 'unavailable'],
    ['08006 connection_failure', pgError('08006'), 'unavailable'],
    ['08001 unable to connect', pgError('08001'), 'unavailable'],
    ['53300 too_many_connections', pgError('53300'), 'unavailable'],
    ['57014 statement_timeout', pgError('57014'), 'unavailable'],
    ['25006 read-only transaction (a standby after failover)', pgError('25006'), 'unavailable'],
    ['53100 disk_full', pgError('53100'), 'full'],
    ['23505 unique_violation: a bug, not an outage', pgError('23505'), undefined],
    ['42P01 undefined_table', pgError('42P01'), undefined],
    ['ECONNREFUSED', withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'), 'unavailable'],
    ['ECONNRESET', withCode('ECONNRESET'), 'unavailable'],
    [
      'a lost connection, wrapped',
      new DatabaseUnavailableError('lost', { cause: new Error('Connection terminated unexpectedly') }),
      'unavailable',
    ],
    ['too many clients, wrapped at connect', new DatabaseUnavailableError('no connection', { cause: pgError('53300') }), 'unavailable'],
    ['disk full under a wrapper', new DatabaseUnavailableError('no connection', { cause: pgError('53100') }), 'full'],
    ['SQLITE_BUSY', withCode('SQLITE_BUSY'), 'unavailable'],
    ['SQLITE_BUSY_SNAPSHOT', withCode('SQLITE_BUSY_SNAPSHOT'), 'unavailable'],
    ['SQLITE_IOERR_WRITE', withCode('SQLITE_IOERR_WRITE'), 'unavailable'],
    ['SQLITE_FULL', withCode('SQLITE_FULL', 'database or disk is full'), 'full'],
    ['SQLITE_CONSTRAINT_UNIQUE', withCode('SQLITE_CONSTRAINT_UNIQUE'), undefined],
    ['SQLITE_BUSYNESS is no SQLite code', withCode('SQLITE_BUSYNESS'), undefined],
    ['a plain Error', new Error('Connection terminated unexpectedly'), undefined],
    ['a TypeError', new TypeError('x is undefined'), undefined],
    ['not an error', 'ECONNREFUSED', undefined],
  ];
  for (const [name, error, expected] of cases) {
    test(`${name}: ${expected ?? 'neither'}`, () => assert.equal(databaseFault(error), expected));
  }
});

describe('databaseFaultResponse', () => {
  test('unavailable: 503 database_unavailable with Retry-After in the one error shape', async () => {
    const response = databaseFaultResponse(pgError('57P01'));
    assert.ok(response);
    assert.equal(response.status, 503);
    assert.equal(response.headers.get('retry-after'), String(DATABASE_RETRY_AFTER_SECONDS));
    const body = (await response.json()) as { error: { code: string; message: string; details: unknown } };
    assert.equal(body.error.code, 'database_unavailable');
    assert.deepEqual(body.error.details, { retry_after: DATABASE_RETRY_AFTER_SECONDS });
  });

  test('full: 507 insufficient_storage that says the disk is full', async () => {
    const response = databaseFaultResponse(pgError('53100'));
    assert.ok(response);
    assert.equal(response.status, 507);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'insufficient_storage');
    assert.match(body.error.message, /disk is full/);
  });

  test('anything else: no answer of its own (the 500 path)', () => {
    assert.equal(databaseFaultResponse(pgError('23505')), undefined);
  });
});

describe('database settings', () => {
  const base = { STAFF_CHAT_JWT_SECRET: 'database-settings-secret-0123456789abcdef' };

  test('defaults: 5 s to connect, 10 s per statement, 15 s for any answer, SQLite synchronous=full', () => {
    assert.deepEqual(loadConfig(base).database, {
      connectTimeoutMs: 5000,
      statementTimeoutMs: 10_000,
      queryTimeoutMs: 15_000,
      sqliteSynchronous: 'full',
    });
  });

  test('each can be set', () => {
    const config = loadConfig({
      ...base,
      STAFF_CHAT_DB_CONNECT_TIMEOUT_MS: '2000',
      STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS: '3000',
      STAFF_CHAT_DB_QUERY_TIMEOUT_MS: '4000',
      STAFF_CHAT_SQLITE_SYNCHRONOUS: 'normal',
    });
    assert.deepEqual(config.database, {
      connectTimeoutMs: 2000,
      statementTimeoutMs: 3000,
      queryTimeoutMs: 4000,
      sqliteSynchronous: 'normal',
    });
  });

  test('bad values are refused with one sentence each', () => {
    assert.throws(
      () =>
        loadConfig({
          ...base,
          STAFF_CHAT_DB_CONNECT_TIMEOUT_MS: 'soon',
          STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS: '5',
          STAFF_CHAT_SQLITE_SYNCHRONOUS: 'off',
        }),
      (error: Error & { problems?: string[] }) => {
        assert.deepEqual(error.problems, [
          'STAFF_CHAT_DB_CONNECT_TIMEOUT_MS must be a whole number of milliseconds.',
          'STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS must be between 100 and 600000 milliseconds.',
          'STAFF_CHAT_SQLITE_SYNCHRONOUS must be full or normal.',
        ]);
        return true;
      },
    );
  });

  test('a query timeout shorter than the statement timeout is refused', () => {
    assert.throws(
      () => loadConfig({ ...base, STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS: '20000' }),
      /STAFF_CHAT_DB_QUERY_TIMEOUT_MS \(15000\) must be at least STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS \(20000\)/,
    );
  });
});
