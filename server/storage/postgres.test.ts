import { randomBytes } from 'node:crypto';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import { createStorage } from './index.js';
import { describeStorageContract } from './storage-contract.suite.js';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runId = `staff_chat_test_${process.pid}_${randomBytes(4).toString('hex')}`;

/** Why PostgreSQL cannot be used, or undefined when it can. */
async function unreachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

const reason = await unreachable();
const where = url.replace(/\/\/[^@/]*@/, '//');

if (reason !== undefined && process.env.CI) {
  describe('Storage contract: PostgreSQL', () => {
    it('needs PostgreSQL in CI', () => {
      throw new Error(`PostgreSQL at ${where} is unreachable (${reason}); set TEST_DATABASE_URL`);
    });
  });
} else if (reason !== undefined) {
  describe('Storage contract: PostgreSQL', { skip: `PostgreSQL at ${where} is unreachable (${reason}); set TEST_DATABASE_URL` }, () => {});
} else {
  // Each storage gets its own schema, so parallel runs and tests never share tables.
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  const schemas: string[] = [];

  after(async () => {
    for (const schema of schemas) await admin.query(`drop schema if exists ${schema} cascade`);
    await admin.end();
  });

  describeStorageContract('PostgreSQL', async (options) => {
    const schema = `${runId}_${schemas.length}`;
    schemas.push(schema);
    await admin.query(`create schema ${schema}`);
    return createStorage(url, { ...options, postgresSchema: schema });
  });
}
