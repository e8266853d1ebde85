import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, Message, MessagePage } from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

describe('messages', () => {
  let t: TestApp;
  let conversationId: number;
  let otherConversationId: number;
  let foreignConversationId: number;
  const path = (id: number | string, action: string) => `/staff_chat/grand/conversations/${id}/${action}/`;

  before(async () => {
    t = await createTestApp();
    for (const id of ['anna', 'ben', 'cara']) await t.storage.upsertStaff('grand', staff(id, id.toUpperCase()));
    await t.storage.upsertStaff('other', staff('zed', 'Zed'));
    await t.storage.upsertStaff('other', staff('yves', 'Yves'));
    ({ conversationId } = await t.storage.createConversation('grand', { createdBy: 'anna', participantIds: ['anna', 'ben'], title: null }));
    ({ conversationId: otherConversationId } = await t.storage.createConversation('grand', {
      createdBy: 'anna',
      participantIds: ['anna', 'cara'],
      title: null,
    }));
    ({ conversationId: foreignConversationId } = await t.storage.createConversation('other', {
      createdBy: 'zed',
      participantIds: ['zed', 'yves'],
      title: null,
    }));
  });
  after(() => t.close());

  const send = (token: string, payload: unknown, id = conversationId, headers: Record<string, string> = {}) =>
    t.call('POST', path(id, 'send-message'), { token, body: payload, headers });

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  test("sends: 201, the stored message, and a notification without the sender's socket", async () => {
    const response = await send(t.tokenFor('anna'), { message: '  Room 12 needs towels  ', client_id: 'c-1' }, conversationId, {
      'x-socket-id': '123.456',
    });
    assert.equal(response.status, 201, JSON.stringify(response.json));
    const message = body<Message>(response.json);
    assert.equal(message.message, 'Room 12 needs towels');
    assert.equal(message.sender_id, 'anna');
    assert.equal(message.client_id, 'c-1');
    assert.equal(message.conversation_id, conversationId);
    assert.deepEqual(t.notifier.messages.at(-1), { hotel: 'grand', message, excludeSocketId: '123.456' });
  });

  test('a replayed client_id stores one row and answers 200 with the same message', async () => {
    const first = await send(t.tokenFor('ben'), { message: 'On my way', client_id: 'retry-me' });
    const again = await send(t.tokenFor('ben'), { message: 'On my way', client_id: 'retry-me' });
    assert.equal(first.status, 201);
    assert.equal(again.status, 200);
    assert.deepEqual(again.json, first.json);
    const page = body<MessagePage>((await t.call('GET', path(conversationId, 'messages'), { token: t.tokenFor('ben') })).json);
    assert.equal(page.messages.filter((message) => message.client_id === 'retry-me').length, 1);
  });

  test('a client_id reused in another conversation is a 409', async () => {
    assert.equal((await send(t.tokenFor('anna'), { message: 'one', client_id: 'reused' })).status, 201);
    assertError(await send(t.tokenFor('anna'), { message: 'two', client_id: 'reused' }, otherConversationId), 409, 'client_id_conflict');
  });

  test('refuses bad messages and stores nothing', async () => {
    const token = t.tokenFor('anna');
    const before = body<MessagePage>((await t.call('GET', path(conversationId, 'messages'), { token })).json).count;
    for (const payload of [
      {},
      { message: '   ' },
      { message: 'x'.repeat(4001) },
      { message: 42 },
      { message: 'hi', attachments: [1] },
      { message: 'hi', client_id: 'has space' },
      { message: 'hi', client_id: 'x'.repeat(65) },
      { message: 'hi', reply_to: 'one' },
    ]) {
      assertError(await send(token, payload), 400, 'bad_request');
    }
    const after = body<MessagePage>((await t.call('GET', path(conversationId, 'messages'), { token })).json).count;
    assert.equal(after, before);
  });

  test('reply_to must be a message of this conversation', async () => {
    const elsewhere = body<Message>((await send(t.tokenFor('cara'), { message: 'elsewhere' }, otherConversationId)).json);
    assertError(await send(t.tokenFor('anna'), { message: 'hi', reply_to: elsewhere.id }), 400, 'invalid_reply_to');
    assertError(await send(t.tokenFor('anna'), { message: 'hi', reply_to: 999_999 }), 400, 'invalid_reply_to');

    const original = body<Message>((await send(t.tokenFor('ben'), { message: 'Which room?' })).json);
    const reply = await send(t.tokenFor('anna'), { message: 'Twelve', reply_to: original.id });
    assert.equal(reply.status, 201);
    assert.equal(body<Message>(reply.json).reply_to, original.id);
    assert.equal(body<Message>(reply.json).reply_to_message?.message, 'Which room?');
  });

  test('pages history with before_id and catches up with after_id', async () => {
    const token = t.tokenFor('anna');
    const sent: number[] = [];
    for (let index = 0; index < 5; index += 1) {
      sent.push(body<Message>((await send(token, { message: `page ${index}` })).json).id);
    }
    const newest = body<MessagePage>((await t.call('GET', `${path(conversationId, 'messages')}?limit=2`, { token })).json);
    assert.deepEqual(
      newest.messages.map((message) => message.id),
      sent.slice(3),
    );
    assert.equal(newest.has_more, true);
    assert.equal(newest.count, 2);

    const older = body<MessagePage>(
      (await t.call('GET', `${path(conversationId, 'messages')}?limit=2&before_id=${sent[3]}`, { token })).json,
    );
    assert.deepEqual(
      older.messages.map((message) => message.id),
      sent.slice(1, 3),
    );

    const caughtUp = body<MessagePage>((await t.call('GET', `${path(conversationId, 'messages')}?after_id=${sent[2]}`, { token })).json);
    assert.deepEqual(
      caughtUp.messages.map((message) => message.id),
      sent.slice(3),
    );
    assert.equal(caughtUp.has_more, false);
  });

  test('refuses bad paging parameters', async () => {
    const token = t.tokenFor('anna');
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'before_id=1&after_id=2', 'before_id=-1', 'after_id=abc', 'before_id=0']) {
      assertError(await t.call('GET', `${path(conversationId, 'messages')}?${query}`, { token }), 400, 'bad_request');
    }
  });

  test('marks as read', async () => {
    await send(t.tokenFor('ben'), { message: 'unread for anna' });
    const response = await t.call('POST', path(conversationId, 'mark_as_read'), { token: t.tokenFor('anna'), body: {} });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const result = body<{ last_read_id: number; unread_count: number }>(response.json);
    assert.equal(result.unread_count, 0);
    assert.ok(result.last_read_id > 0);
    const conversation = await t.storage.getConversation('grand', conversationId, 'anna');
    assert.equal(conversation?.unread_count, 0);
  });

  describe('who may not', () => {
    const everyEndpoint = (token: string, id: number) => [
      t.call('GET', path(id, 'messages'), { token }),
      send(token, { message: 'sneaky' }, id),
      t.call('POST', path(id, 'mark_as_read'), { token, body: {} }),
    ];

    test('a non-participant of this hotel: 403 not_participant, nothing stored', async () => {
      const before = t.notifier.messages.length;
      for (const response of await Promise.all(everyEndpoint(t.tokenFor('cara'), conversationId))) {
        assertError(response, 403, 'not_participant');
      }
      assert.equal(t.notifier.messages.length, before);
    });

    test("another hotel's staff, on our path: 403 wrong_hotel", async () => {
      for (const response of await Promise.all(everyEndpoint(t.tokenFor('zed', 'other'), conversationId))) {
        assertError(response, 403, 'wrong_hotel');
      }
    });

    test("another hotel's staff, asking for our conversation on their own path: 404", async () => {
      const token = t.tokenFor('zed', 'other');
      const foreignPath = (action: string) => `/staff_chat/other/conversations/${conversationId}/${action}`;
      assertError(await t.call('GET', foreignPath('messages'), { token }), 404, 'not_found');
      assertError(await t.call('POST', foreignPath('send-message'), { token, body: { message: 'x' } }), 404, 'not_found');
      assertError(await t.call('POST', foreignPath('mark_as_read'), { token, body: {} }), 404, 'not_found');
      // and our staff cannot reach theirs
      assertError(await t.call('GET', path(foreignConversationId, 'messages'), { token: t.tokenFor('anna') }), 404, 'not_found');
    });

    test('a missing conversation is 404, a malformed id 400', async () => {
      const token = t.tokenFor('anna');
      assertError(await t.call('GET', path(987_654, 'messages'), { token }), 404, 'not_found');
      assertError(await t.call('GET', path('99999999999999', 'messages'), { token }), 404, 'not_found');
      for (const id of ['abc', '0', '-3', '1.5']) {
        assertError(await t.call('GET', path(id, 'messages'), { token }), 400, 'bad_request');
      }
    });

    test('no token: 401', async () => {
      for (const response of await Promise.all(everyEndpoint('', conversationId))) assertError(response, 401, 'unauthorized');
    });
  });
});
