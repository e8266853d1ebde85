/**
 * Rate limits across instances: two servers on one database behind no load balancer but the client
 * itself, alternating between them. With REDIS_URL they hold a person to one limit (their buckets live
 * in Redis); with Redis unreachable each falls back to its own buckets, still limiting, never crashing.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../../server/auth/token.js';
import { loadConfig } from '../../server/config.js';
import type { Conversation } from '../../contract/index.js';
import type { Logger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { freePort, TEST_REDIS_URL } from '../support/soketi.js';
import { apiRequest } from '../support/api-request.js';
import { JWT_SECRET } from '../support/stack.js';

const HOTEL = 'harbour';

/** Two servers on one SQLite file and the same limit settings; `messages` per minute 8 gives a burst of 2. */
async function twoInstances(env: Record<string, string>, log: Logger) {
  const dir = mkdtempSync(join(tmpdir(), 'staff-chat-limits-'));
  const settings = {
    PORT: '0',
    DATABASE_URL: `file:${join(dir, 'chat.sqlite')}`,
    STAFF_CHAT_JWT_SECRET: JWT_SECRET,
    STAFF_CHAT_UPLOAD_DIR: join(dir, 'uploads'),
    STAFF_CHAT_RATE_LIMIT_MESSAGES: '8',
    ...env,
  };
  const first = await startServer(loadConfig(settings), { hostname: '127.0.0.1', log });
  const second = await startServer(loadConfig(settings), { hostname: '127.0.0.1', log });
  const token = (sub: string) => signStaffToken({ sub, hotel: HOTEL, name: sub }, JWT_SECRET);
  const call = async (server: RunningServer, sub: string, method: string, path: string, body?: unknown) => {
    const response = await apiRequest(`http://127.0.0.1:${server.port}/api/staff_chat/${HOTEL}${path}`, token(sub), method, body);
    return { status: response.status, body: await response.json() };
  };
  await call(first, 'ben', 'GET', '/me');
  const conversation = (await call(first, 'anna', 'POST', '/conversations/', { participant_ids: ['ben'] })).body as Conversation;
  const send = (server: RunningServer, sub: string, text: string) =>
    call(server, sub, 'POST', `/conversations/${conversation.id}/send-message/`, { message: text }).then(({ status }) => status);
  return {
    first,
    second,
    send,
    async close() {
      await first.close();
      await second.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const quiet: Logger = { info: () => {}, warn: () => {}, error: () => {} };

describe('rate limits shared through Redis', () => {
  let instances: Awaited<ReturnType<typeof twoInstances>>;
  before(async () => {
    instances = await twoInstances(
      { REDIS_URL: TEST_REDIS_URL, STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX: `staff-chat-test-${randomBytes(6).toString('hex')}:` },
      quiet,
    );
  });
  after(() => instances.close());

  test('two instances hold one person to one limit, and another person keeps their own', async () => {
    const { first, second, send } = instances;
    assert.equal(await send(first, 'anna', 'one'), 201);
    assert.equal(await send(second, 'anna', 'two'), 201);
    // Each instance alone would still allow one more: the shared bucket is empty.
    assert.equal(await send(first, 'anna', 'three'), 429);
    assert.equal(await send(second, 'anna', 'three again'), 429);
    assert.equal(await send(second, 'ben', 'mine'), 201);
  });
});

describe('rate limits when Redis does not answer', () => {
  let instances: Awaited<ReturnType<typeof twoInstances>>;
  const warnings: string[] = [];
  before(async () => {
    // A port nothing listens on: every command fails at once.
    const log: Logger = { ...quiet, warn: (message) => warnings.push(message) };
    instances = await twoInstances({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` }, log);
  });
  after(() => instances.close());

  test('each instance limits on its own (neither open nor closed), says so once, and keeps serving', async () => {
    const { first, second, send } = instances;
    assert.equal(await send(first, 'anna', 'one'), 201);
    assert.equal(await send(first, 'anna', 'two'), 201);
    assert.equal(await send(first, 'anna', 'three'), 429, 'the local bucket still limits');
    assert.equal(await send(second, 'anna', 'four'), 201, 'the other instance has a bucket of its own');
    assert.equal(warnings.filter((w) => w.includes('Redis does not answer')).length, 2, 'one warning per instance');
  });
});
