import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { openPostgres } from './postgres.js';
import { describeSearchContract } from './search.suite.js';
import { openSqlite } from './sqlite.js';
import { POSTGRES_URL, postgresUnreachable } from '../../test/soak/database.js';

const url = POSTGRES_URL;
const where = url.replace(/\/\/[^@/]*@/, '//');
const runId = `staff_chat_search_${process.pid}_${randomBytes(4).toString('hex')}`;

const reason = await postgresUnreachable();
// After the await: a suite declared before it would run (and end the file's tests) before the ones after it exist.
describeSearchContract('SQLite', async () => ({ db: openSqlite(':memory:'), dialect: 'sqlite' }));
if (reason !== undefined && process.env.CI) {
  describe('Storage contract, search: PostgreSQL', () => {
    it('needs PostgreSQL in CI', () => {
      throw new Error(`PostgreSQL at ${where} is unreachable (${reason}); set TEST_DATABASE_URL`);
    });
  });
} else if (reason !== undefined) {
  describe(
    'Storage contract, search: PostgreSQL',
    { skip: `PostgreSQL at ${where} is unreachable (${reason}); set TEST_DATABASE_URL` },
    () => {},
  );
} else {
  // A schema per database, so parallel runs and tests never share tables.
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemas: string[] = [];
  after(async () => {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });
  describeSearchContract('PostgreSQL', async () => {
    const schema = `${runId}_${schemas.length}`;
    schemas.push(schema);
    await admin.query(`create schema ${schema}`);
    return { db: openPostgres(url, { searchPath: schema }), dialect: 'postgres', migrationTableSchema: schema };
  });
}
