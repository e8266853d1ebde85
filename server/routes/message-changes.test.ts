import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, ErrorBody, MarkReadResult, Message, MessagePage, ReactionChange } from '../../contract/index.js';
import { body, createTestApp, seedTwoHotels, type TestApp } from '../testing/app-harness.js';

describe('message changes: edit, delete, react, read receipts', () => {
  let t: TestApp;
  let conversationId: number;
  let foreignConversationId: number;
  const conversationPath = (id: number, action: string) => `/staff_chat/grand/conversations/${id}/${action}/`;
  const messagePath = (id: number | string, action: string) => `/staff_chat/grand/messages/${id}/${action}/`;

  before(async () => {
    t = await createTestApp();
    ({ conversationId, foreignConversationId } = await seedTwoHotels(t));
  });
  after(() => t.close());

  const send = async (sender: string, text: string, id = conversationId) =>
    body<Message>(
      (await t.call('POST', conversationPath(id, 'send-message'), { token: t.tokenFor(sender), body: { message: text } })).json,
    );
  const history = async (viewer = 'anna') =>
    body<MessagePage>((await t.call('GET', conversationPath(conversationId, 'messages'), { token: t.tokenFor(viewer) })).json);

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  describe('edit', () => {
    test('the author edits: 200, the message with is_edited and edited_at, one event without their socket', async () => {
      const original = await send('anna', 'Room 12 needs towles');
      const response = await t.call('PATCH', messagePath(original.id, 'edit'), {
        token: t.tokenFor('anna'),
        body: { message: '  Room 12 needs towels ' },
        headers: { 'x-socket-id': '12.34' },
      });
      assert.equal(response.status, 200, JSON.stringify(response.json));
      const edited = body<Message>(response.json);
      assert.equal(edited.message, 'Room 12 needs towels');
      assert.equal(edited.is_edited, true);
      assert.ok(edited.edited_at && Date.parse(edited.edited_at) >= Date.parse(original.timestamp));
      assert.deepEqual(t.notifier.changes.at(-1), { hotel: 'grand', type: 'message_edited', message: edited, excludeSocketId: '12.34' });
      assert.deepEqual(
        (await history('ben')).messages.find((m) => m.id === original.id),
        edited,
      );

      const events = t.notifier.changes.length;
      const same = await t.call('PATCH', messagePath(original.id, 'edit'), {
        token: t.tokenFor('anna'),
        body: { message: 'Room 12 needs towels' },
      });
      assert.equal(same.status, 200);
      assert.equal(t.notifier.changes.length, events, 'the same text again is no change and no event');
    });

    test("refuses bad text, someone else's message and a deleted one", async () => {
      const message = await send('anna', 'mine');
      for (const payload of [{}, { message: '  ' }, { message: 'x'.repeat(4001) }, { message: 7 }]) {
        assertError(
          await t.call('PATCH', messagePath(message.id, 'edit'), { token: t.tokenFor('anna'), body: payload }),
          400,
          'bad_request',
        );
      }
      assertError(
        await t.call('PATCH', messagePath(message.id, 'edit'), { token: t.tokenFor('ben'), body: { message: 'his now' } }),
        403,
        'not_author',
      );
      await t.call('DELETE', messagePath(message.id, 'delete'), { token: t.tokenFor('anna') });
      assertError(
        await t.call('PATCH', messagePath(message.id, 'edit'), { token: t.tokenFor('anna'), body: { message: 'back' } }),
        409,
        'message_deleted',
      );
      assert.equal((await t.storage.getMessage('grand', message.id))?.message, '');
    });
  });

  describe('delete', () => {
    test('the author deletes: the placeholder for everyone, never the old text, one event', async () => {
      const message = await send('ben', 'the code is 4711');
      await t.call('POST', messagePath(message.id, 'react'), { token: t.tokenFor('anna'), body: { emoji: '👍' } });
      const response = await t.call('DELETE', messagePath(message.id, 'delete'), {
        token: t.tokenFor('ben'),
        headers: { 'x-socket-id': '5.6' },
      });
      assert.equal(response.status, 200, JSON.stringify(response.json));
      const deleted = body<Message>(response.json);
      assert.equal(deleted.is_deleted, true);
      assert.equal(deleted.message, '');
      assert.deepEqual(deleted.attachments, []);
      assert.deepEqual(deleted.reactions, []);
      assert.ok(deleted.deleted_at);
      assert.deepEqual(t.notifier.changes.at(-1), { hotel: 'grand', type: 'message_deleted', message: deleted, excludeSocketId: '5.6' });
      const page = await history('anna');
      assert.deepEqual(
        page.messages.find((m) => m.id === message.id),
        deleted,
      );
      assert.ok(!JSON.stringify(page).includes('4711'));

      const events = t.notifier.changes.length;
      const again = await t.call('DELETE', messagePath(message.id, 'delete'), { token: t.tokenFor('ben') });
      assert.equal(again.status, 200);
      assert.deepEqual(again.json, deleted);
      assert.equal(t.notifier.changes.length, events, 'deleting again sends nothing');
    });

    test('only the author may delete', async () => {
      const message = await send('ben', 'not yours');
      assertError(await t.call('DELETE', messagePath(message.id, 'delete'), { token: t.tokenFor('anna') }), 403, 'not_author');
      assert.equal((await t.storage.getMessage('grand', message.id))?.is_deleted, false);
    });
  });

  describe('react', () => {
    test('adds (201, then 200 when repeated) and removes (200, also when not there), counts who reacted', async () => {
      const message = await send('anna', 'Lunch is served');
      const add = (who: string, emoji: string) =>
        t.call('POST', messagePath(message.id, 'react'), { token: t.tokenFor(who), body: { emoji } });
      const events = t.notifier.reactions.length;

      const first = await add('ben', '👍');
      assert.equal(first.status, 201, JSON.stringify(first.json));
      assert.deepEqual(body<ReactionChange>(first.json), {
        conversation_id: conversationId,
        message_id: message.id,
        reactions: [{ emoji: '👍', count: 1, staff_ids: ['ben'] }],
        staff_id: 'ben',
        emoji: '👍',
        action: 'added',
      });
      assert.deepEqual(t.notifier.reactions.at(-1)?.change, first.json);
      assert.equal((await add('ben', '👍')).status, 200);
      assert.equal(t.notifier.reactions.length, events + 1, 'a repeated add sends nothing');

      await add('anna', '👍');
      await add('anna', '❤️');
      assert.deepEqual((await history('ben')).messages.find((m) => m.id === message.id)?.reactions, [
        { emoji: '👍', count: 2, staff_ids: ['ben', 'anna'] },
        { emoji: '❤️', count: 1, staff_ids: ['anna'] },
      ]);

      const removed = await t.call('DELETE', messagePath(message.id, `react/${encodeURIComponent('❤️')}`), { token: t.tokenFor('anna') });
      assert.equal(removed.status, 200, JSON.stringify(removed.json));
      assert.deepEqual(body<ReactionChange>(removed.json).reactions, [{ emoji: '👍', count: 2, staff_ids: ['ben', 'anna'] }]);
      assert.equal(body<ReactionChange>(removed.json).action, 'removed');
      assert.equal(t.notifier.reactions.length, events + 4);
      const again = await t.call('DELETE', messagePath(message.id, `react/${encodeURIComponent('❤️')}`), { token: t.tokenFor('anna') });
      assert.equal(again.status, 200);
      assert.equal(t.notifier.reactions.length, events + 4, 'removing what is not there sends nothing');
    });

    test('refuses emoji outside the set and deleted messages', async () => {
      const message = await send('anna', 'react to me');
      for (const payload of [{}, { emoji: '💩' }, { emoji: '👍👍' }, { emoji: 1 }]) {
        assertError(
          await t.call('POST', messagePath(message.id, 'react'), { token: t.tokenFor('ben'), body: payload }),
          400,
          'bad_request',
        );
      }
      assertError(
        await t.call('DELETE', messagePath(message.id, `react/${encodeURIComponent('💩')}`), { token: t.tokenFor('ben') }),
        400,
        'bad_request',
      );
      await t.call('DELETE', messagePath(message.id, 'delete'), { token: t.tokenFor('anna') });
      assertError(
        await t.call('POST', messagePath(message.id, 'react'), { token: t.tokenFor('ben'), body: { emoji: '👍' } }),
        409,
        'message_deleted',
      );
    });
  });

  describe('read receipts and unread counts', () => {
    test('mark_as_read moves the mark, sends messages_read once, and history carries every read mark', async () => {
      const latest = await send('ben', 'unread for anna');
      const reads = t.notifier.reads.length;
      const response = await t.call('POST', conversationPath(conversationId, 'mark_as_read'), { token: t.tokenFor('anna'), body: {} });
      assert.equal(response.status, 200);
      assert.deepEqual(body<MarkReadResult>(response.json), { last_read_id: latest.id, unread_count: 0 });
      assert.equal(t.notifier.reads.length, reads + 1);
      const { read } = t.notifier.reads.at(-1)!;
      assert.deepEqual(
        { ...read, read_at: 'x' },
        { conversation_id: conversationId, read_by_staff_id: 'anna', last_read_message_id: latest.id, read_at: 'x' },
      );
      assert.ok(Math.abs(Date.parse(read.read_at) - Date.now()) < 60_000);

      await t.call('POST', conversationPath(conversationId, 'mark_as_read'), { token: t.tokenFor('anna'), body: {} });
      assert.equal(t.notifier.reads.length, reads + 1, 'a mark that did not move is no news');

      assert.deepEqual((await history('ben')).read_marks, [
        { staff_id: 'anna', last_read_message_id: latest.id },
        { staff_id: 'ben', last_read_message_id: latest.id },
      ]);
    });

    test('the unread count leaves out deleted messages', async () => {
      const unread = async () =>
        body<{ results: Conversation[] }>(
          (await t.call('GET', '/staff_chat/grand/conversations/', { token: t.tokenFor('anna') })).json,
        ).results.find((c) => c.id === conversationId)?.unread_count;
      await t.call('POST', conversationPath(conversationId, 'mark_as_read'), { token: t.tokenFor('anna'), body: {} });
      await send('ben', 'one');
      const oops = await send('ben', 'wrong chat');
      assert.equal(await unread(), 2);
      await t.call('DELETE', messagePath(oops.id, 'delete'), { token: t.tokenFor('ben') });
      assert.equal(await unread(), 1);
    });
  });

  describe('who may not', () => {
    let message: Message;
    before(async () => {
      message = await send('anna', 'the target');
    });
    const everyEndpoint = (token: string, id: number) => [
      t.call('PATCH', messagePath(id, 'edit'), { token, body: { message: 'sneaky' } }),
      t.call('DELETE', messagePath(id, 'delete'), { token }),
      t.call('POST', messagePath(id, 'react'), { token, body: { emoji: '👍' } }),
      t.call('DELETE', messagePath(id, `react/${encodeURIComponent('👍')}`), { token }),
    ];

    test('a non-participant of this hotel: 403 not_participant, nothing changed or sent', async () => {
      const before = [t.notifier.changes.length, t.notifier.reactions.length];
      for (const response of await Promise.all(everyEndpoint(t.tokenFor('cara'), message.id))) {
        assertError(response, 403, 'not_participant');
      }
      assert.deepEqual([t.notifier.changes.length, t.notifier.reactions.length], before);
      assert.deepEqual(await t.storage.getMessage('grand', message.id), message);
    });

    test("another hotel's staff, on our path: 403 wrong_hotel", async () => {
      for (const response of await Promise.all(everyEndpoint(t.tokenFor('zed', 'other'), message.id))) {
        assertError(response, 403, 'wrong_hotel');
      }
    });

    test("another hotel's staff asking for our message on their own path, and us for theirs: 404", async () => {
      const token = t.tokenFor('zed', 'other');
      const foreign = (action: string) => `/staff_chat/other/messages/${message.id}/${action}/`;
      assertError(await t.call('PATCH', foreign('edit'), { token, body: { message: 'x' } }), 404, 'not_found');
      assertError(await t.call('DELETE', foreign('delete'), { token }), 404, 'not_found');
      assertError(await t.call('POST', foreign('react'), { token, body: { emoji: '👍' } }), 404, 'not_found');
      const theirs = (
        await t.storage.insertMessage('other', {
          conversationId: foreignConversationId,
          senderId: 'zed',
          clientId: null,
          message: 'theirs',
          replyTo: null,
        })
      ).message;
      for (const response of await Promise.all(everyEndpoint(t.tokenFor('anna'), theirs.id))) {
        assertError(response, 404, 'not_found');
      }
      assert.deepEqual(await t.storage.getMessage('grand', message.id), message);
    });

    test('no token: 401; a missing message 404; a malformed id 400', async () => {
      for (const response of await Promise.all(everyEndpoint('', message.id))) assertError(response, 401, 'unauthorized');
      for (const response of await Promise.all(everyEndpoint(t.tokenFor('anna'), 999_999))) assertError(response, 404, 'not_found');
      assertError(
        await t.call('PATCH', messagePath('abc', 'edit'), { token: t.tokenFor('anna'), body: { message: 'x' } }),
        400,
        'bad_request',
      );
      assertError(await t.call('DELETE', messagePath('0', 'delete'), { token: t.tokenFor('anna') }), 400, 'bad_request');
    });
  });
});
