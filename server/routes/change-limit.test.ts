import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../auth/token.js';
import type { Conversation, ConversationList, ErrorBody, Message } from '../../contract/index.js';
import { body, createTestApp, TEST_SECRET, type TestApp } from '../testing/app-harness.js';

/**
 * STAFF_CHAT_RATE_LIMIT_CHANGES: writes that store no message but reach every member of a conversation
 * (a department channel may be the whole department) share one budget per person, apart from the
 * message budget, so a loop of pins or ticks is refused long before the request budget would be.
 */
describe('the changes rate limit', () => {
  let t: TestApp;
  let channel: Conversation;
  let urgent: Message;
  let note: Message;
  const token = (sub: string) => signStaffToken({ sub, hotel: 'grand', name: sub.toUpperCase(), department: 'Housekeeping' }, TEST_SECRET);
  const api = (path: string) => `/staff_chat/grand${path}`;

  before(async () => {
    // 8 a minute: a burst of two, then 429 for the test's few milliseconds (messages and requests unlimited).
    t = await createTestApp({
      STAFF_CHAT_RATE_LIMIT_CHANGES: '8',
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
    });
    [channel] = body<ConversationList>((await t.call('GET', api('/conversations/'), { token: token('anna') })).json).results as [
      Conversation,
    ];
    for (const sub of ['ben', 'cleo']) await t.call('GET', api('/me'), { token: token(sub) });
    const send = async (payload: object) =>
      body<Message>(
        (
          await t.call('POST', api(`/conversations/${channel.id}/send-message/`), {
            token: token('anna'),
            body: { message: 'Shift notes', ...payload },
          })
        ).json,
      );
    urgent = await send({ requires_acknowledgement: true });
    note = await send({ handover_items: ['Room 12', 'Lift 2'] });
  });
  after(() => t.close());

  test('past the burst a pin, tick or acknowledgement is refused with 429, Retry-After and the one error body, and changes nothing', async () => {
    const item = note.handover!.items[0]!;
    assert.equal((await t.call('POST', api(`/messages/${note.id}/pin/`), { token: token('ben') })).status, 201);
    assert.equal(
      (await t.call('PATCH', api(`/messages/${note.id}/handover/items/${item.id}/`), { token: token('ben'), body: { checked: true } }))
        .status,
      200,
    );

    const events = t.notifier.acknowledgements.length;
    const refused = await t.call('POST', api(`/messages/${urgent.id}/acknowledge/`), { token: token('ben') });
    assert.equal(refused.status, 429, JSON.stringify(refused.json));
    assert.deepEqual(Object.keys(body<ErrorBody>(refused.json)), ['error']);
    assert.equal(body<ErrorBody>(refused.json).error.code, 'rate_limited');
    assert.match(body<ErrorBody>(refused.json).error.message, /Too many changes/);
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal(t.notifier.acknowledgements.length, events, 'no acknowledgement was announced');
    const pending = body<{ results: Message[] }>(
      (await t.call('GET', api('/acknowledgements/pending/'), { token: token('ben') })).json,
    ).results;
    assert.deepEqual(
      pending.map((message) => message.id),
      [urgent.id],
      'ben still owes the acknowledgement',
    );
  });

  test('every route that changes a conversation without a message counts against that one budget', async () => {
    // ben's burst is spent by the test above; the budget is checked before the path's ids are.
    const changes: [string, string, object?][] = [
      ['POST', `/messages/${note.id}/pin/`],
      ['DELETE', `/messages/${note.id}/pin/`],
      ['POST', `/messages/${urgent.id}/acknowledge/`],
      ['PATCH', `/messages/${note.id}/handover/items/${note.handover!.items[1]!.id}/`, { checked: true }],
      ['POST', `/messages/${note.id}/react/`, { emoji: '👍' }],
      ['DELETE', `/messages/${note.id}/react/👍/`],
      ['DELETE', `/messages/${note.id}/delete/`],
      ['DELETE', '/attachments/1/delete/'],
      ['POST', `/conversations/${channel.id}/mute/`],
      ['DELETE', `/conversations/${channel.id}/mute/`],
      ['POST', `/conversations/${channel.id}/archive/`],
      ['DELETE', `/conversations/${channel.id}/archive/`],
      ['POST', `/conversations/${channel.id}/leave/`],
      ['DELETE', `/conversations/${channel.id}/participants/cleo/`],
    ];
    for (const [method, path, payload] of changes) {
      const answer = await t.call(method, api(path), { token: token('ben'), ...(payload && { body: payload }) });
      assert.equal(answer.status, 429, `${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    }
  });

  test('the budget is per person and apart from the message budget', async () => {
    assert.equal(
      (await t.call('POST', api(`/messages/${urgent.id}/acknowledge/`), { token: token('cleo') })).status,
      201,
      'a colleague is not refused',
    );
    const sent = await t.call('POST', api(`/conversations/${channel.id}/send-message/`), {
      token: token('ben'),
      body: { message: 'still sending' },
    });
    assert.equal(sent.status, 201, 'the refused changes spent none of the message budget');
  });
});
