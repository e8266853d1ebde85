import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ConfigError, loadConfig } from '../config.js';
import type { Conversation, ErrorBody } from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

describe('per-staff rate limits', () => {
  let t: TestApp;
  let conversationId: number;
  before(async () => {
    // Default bursts: a quarter minute's worth (messages 8 → 2, requests 40 → 10).
    t = await createTestApp({ STAFF_CHAT_RATE_LIMIT_MESSAGES: '8', STAFF_CHAT_RATE_LIMIT_REQUESTS: '40' });
    await t.storage.upsertStaff('grand', staff('ben', 'Ben'));
    const created = await t.call('POST', '/staff_chat/grand/conversations/', {
      token: t.tokenFor('anna'),
      body: { participant_ids: ['ben'] },
    });
    conversationId = body<Conversation>(created.json).id;
  });
  after(() => t.close());

  const send = (sub: string, clientId: string) =>
    t.call('POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, {
      token: t.tokenFor(sub),
      body: { message: 'hi', client_id: clientId },
    });

  test('a staff member past their message budget gets 429 with Retry-After, and nothing is stored', async () => {
    assert.equal((await send('anna', 'a1')).status, 201);
    assert.equal((await send('anna', 'a2')).status, 201);
    const refused = await send('anna', 'a3');
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 8, `Retry-After ${retryAfter}`);
    assert.equal(body<ErrorBody>(refused.json).error.code, 'rate_limited');
    const page = await t.storage.listMessages('grand', conversationId, { limit: 10 });
    assert.deepEqual(
      page.messages.map((m) => m.client_id),
      ['a1', 'a2'],
    );
  });

  test('another staff member is not affected, and reading still works for the limited one', async () => {
    assert.equal((await send('ben', 'b1')).status, 201);
    const read = await t.call('GET', `/staff_chat/grand/conversations/${conversationId}/messages/`, { token: t.tokenFor('anna') });
    assert.equal(read.status, 200);
  });

  test('every authenticated request counts against the request budget', async () => {
    const token = t.tokenFor('cora');
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) statuses.push((await t.call('GET', '/staff_chat/grand/me', { token })).status);
    assert.deepEqual(statuses.slice(0, 10), Array(10).fill(200));
    assert.deepEqual(statuses.slice(10), [429, 429]);
    // The public config is not per-staff.
    assert.equal((await t.call('GET', '/staff_chat/config')).status, 200);
  });

  test('0 turns a limit off', async () => {
    const unlimited = await createTestApp({ STAFF_CHAT_RATE_LIMIT_REQUESTS: '0' });
    try {
      const token = unlimited.tokenFor('dan');
      for (let i = 0; i < 700; i += 1) assert.equal((await unlimited.call('GET', '/staff_chat/grand/me', { token })).status, 200);
    } finally {
      await unlimited.close();
    }
  });
});

describe('rate limit settings', () => {
  const secret = { STAFF_CHAT_JWT_SECRET: 'x'.repeat(32) };

  test('default to 600 requests, 120 messages and 120 changes a minute, each set on its own', () => {
    assert.deepEqual(loadConfig(secret).limits.rate, { requestsPerMinute: 600, messagesPerMinute: 120, changesPerMinute: 120 });
    assert.deepEqual(
      loadConfig({
        ...secret,
        STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
        STAFF_CHAT_RATE_LIMIT_MESSAGES: '30',
        STAFF_CHAT_RATE_LIMIT_CHANGES: '45',
      }).limits.rate,
      { requestsPerMinute: 0, messagesPerMinute: 30, changesPerMinute: 45 },
    );
  });

  test('refuse anything but a whole number, naming the variable', () => {
    for (const name of ['STAFF_CHAT_RATE_LIMIT_MESSAGES', 'STAFF_CHAT_RATE_LIMIT_CHANGES']) {
      for (const value of ['fast', '-1', '1.5', '99999999']) {
        assert.throws(
          () => loadConfig({ ...secret, [name]: value }),
          (error: unknown) => error instanceof ConfigError && error.problems.some((problem) => problem.startsWith(name)),
          `${name}=${value}`,
        );
      }
    }
  });
});
