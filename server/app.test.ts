import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createHmac } from 'node:crypto';
import { signStaffToken } from './auth/token.js';
import type { ChatConfig, ErrorBody, Me } from '../contract/index.js';
import { body, createTestApp, staff, TEST_SECRET, type TestApp } from './testing/app-harness.js';

function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
  assert.equal(response.status, status, JSON.stringify(response.json));
  const error = body<ErrorBody>(response.json).error;
  assert.equal(error.code, code);
  assert.equal(typeof error.message, 'string');
}

describe('the app', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ STAFF_CHAT_ALLOWED_ORIGINS: 'https://portal.example.com' });
    await t.storage.upsertStaff('grand', staff('ben', 'Ben Ortiz'));
  });
  after(() => t.close());

  test('answers unknown routes with 404 in the error shape', async () => {
    assertError(await t.call('GET', '/nope'), 404, 'not_found');
    assertError(await t.call('GET', '/staff_chat/grand/nope', { token: t.tokenFor('anna') }), 404, 'not_found');
    const outside = await t.app.request('/not-the-api');
    assert.equal(outside.status, 404);
    assert.equal(body<ErrorBody>(await outside.json()).error.code, 'not_found');
  });

  test('serves the public config without a token', async () => {
    const response = await t.call('GET', '/staff_chat/config');
    assert.equal(response.status, 200);
    const config = body<ChatConfig>(response.json);
    assert.equal(config.pusher.key, 'test-key');
    assert.equal(config.pusher.auth_endpoint, '/api/staff_chat/pusher/auth');
    assert.equal(config.pusher.options.wsHost, 'localhost');
    assert.equal(config.limits.message_max_length, 4000);
  });

  test('accepts paths with and without a trailing slash', async () => {
    const token = t.tokenFor('anna');
    assert.equal((await t.call('GET', '/staff_chat/grand/me', { token })).status, 200);
    assert.equal((await t.call('GET', '/staff_chat/grand/me/', { token })).status, 200);
    assert.equal((await t.call('GET', '/staff_chat/config/')).status, 200);
  });

  describe('authentication', () => {
    const me = '/staff_chat/grand/me';
    const future = () => Math.floor(Date.now() / 1000) + 600;

    test('no token', async () => assertError(await t.call('GET', me), 401, 'unauthorized'));

    test('not a Bearer token', async () => {
      assertError(await t.call('GET', me, { headers: { authorization: `Token ${t.tokenFor('anna')}` } }), 401, 'unauthorized');
    });

    test('expired token', async () => {
      const token = signStaffToken({ sub: 'anna', hotel: 'grand', name: 'Anna', exp: Math.floor(Date.now() / 1000) - 5 }, TEST_SECRET);
      assertError(await t.call('GET', me, { token }), 401, 'unauthorized');
    });

    test('token without exp', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const input = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: 'anna', hotel: 'grand', name: 'Anna' })}`;
      const token = `${input}.${createHmac('sha256', TEST_SECRET).update(input).digest('base64url')}`;
      assertError(await t.call('GET', me, { token }), 401, 'unauthorized');
    });

    test('forged signature', async () => {
      const token = signStaffToken({ sub: 'anna', hotel: 'grand', name: 'Anna' }, 'not-the-secret-but-long-enough-0123456789');
      assertError(await t.call('GET', me, { token }), 401, 'unauthorized');
    });

    test('alg none', async () => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const token = `${encode({ alg: 'none' })}.${encode({ sub: 'anna', hotel: 'grand', name: 'Anna', exp: future() })}.`;
      assertError(await t.call('GET', me, { token }), 401, 'unauthorized');
    });

    test('a token of another hotel', async () => {
      assertError(await t.call('GET', me, { token: t.tokenFor('zed', 'other') }), 403, 'wrong_hotel');
    });
  });

  test("creates and updates the caller's staff row from the token", async () => {
    const first = await t.call('GET', '/staff_chat/grand/me', { token: t.tokenFor('dora', 'grand', 'Dora Lind') });
    assert.deepEqual(body<Me>(first.json), {
      id: 'dora',
      full_name: 'Dora Lind',
      avatar: null,
      department: null,
      role: null,
      hotel: 'grand',
      personal_channel: 'private-hotel-grand.staff-dora',
      presence_channel: 'presence-hotel-grand.staff',
    });
    const renamed = signStaffToken({ sub: 'dora', hotel: 'grand', name: 'Dora Berg', role: 'Concierge' }, TEST_SECRET);
    await t.call('GET', '/staff_chat/grand/me', { token: renamed });
    assert.deepEqual(await t.storage.getStaff('grand', 'dora'), {
      id: 'dora',
      full_name: 'Dora Berg',
      avatar: null,
      department: null,
      role: 'Concierge',
    });
  });

  test('rejects malformed JSON with 400', async () => {
    const response = await t.call('POST', '/staff_chat/grand/conversations', {
      token: t.tokenFor('anna'),
      rawBody: '{"participant_ids": [',
      headers: { 'content-type': 'application/json' },
    });
    assertError(response, 400, 'bad_request');
  });

  test('rejects a body over the limit with 413', async () => {
    const response = await t.call('POST', '/staff_chat/grand/conversations', {
      token: t.tokenFor('anna'),
      body: { participant_ids: ['ben'], title: 'x'.repeat(70_000) },
    });
    assertError(response, 413, 'payload_too_large');
  });

  test('answers CORS preflights for allowed origins only', async () => {
    const preflight = (origin: string) =>
      t.app.request('/api/staff_chat/grand/conversations', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,x-socket-id' },
      });
    const allowed = await preflight('https://portal.example.com');
    assert.equal(allowed.headers.get('access-control-allow-origin'), 'https://portal.example.com');
    assert.match(allowed.headers.get('access-control-allow-headers') ?? '', /X-Socket-Id/i);
    const refused = await preflight('https://evil.example.com');
    assert.equal(refused.headers.get('access-control-allow-origin'), null);
  });

  test('has no dev token endpoint outside demo mode', async () => {
    assertError(await t.call('POST', '/staff_chat/dev/token', { body: { hotel: 'grand', staff_id: 'ben' } }), 404, 'not_found');
  });
});
