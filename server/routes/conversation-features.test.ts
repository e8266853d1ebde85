import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, ConversationList, ErrorBody, ForwardResult, Message, Pin, PinList, UnreadCount } from '../../contract/index.js';
import { MAX_PINS } from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

describe('mentions, pins and conversation housekeeping', () => {
  let t: TestApp;
  let group: Conversation;
  let direct: Conversation;
  const api = (path: string) => `/staff_chat/grand${path}`;

  before(async () => {
    t = await createTestApp({
      STAFF_CHAT_ADMIN_ROLES: 'Manager',
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
      STAFF_CHAT_RATE_LIMIT_CHANGES: '0',
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
    });
    for (const [id, department] of [
      ['anna', 'Front Office'],
      ['ben', 'Housekeeping'],
      ['cara', 'Housekeeping'],
      ['dan', 'Kitchen'],
      ['eve', null],
    ] as const) {
      await t.storage.upsertStaff('grand', staff(id, id.toUpperCase(), { department }));
    }
    group = body<Conversation>(
      (
        await t.call('POST', api('/conversations/'), {
          token: t.tokenFor('anna'),
          body: { participant_ids: ['ben', 'cara', 'dan'], title: 'Floor 2' },
        })
      ).json,
    );
    direct = body<Conversation>(
      (await t.call('POST', api('/conversations/'), { token: t.tokenFor('anna'), body: { participant_ids: ['ben'] } })).json,
    );
  });
  after(() => t.close());

  const send = (who: string, payload: Record<string, unknown>, conversation = group) =>
    t.call('POST', api(`/conversations/${conversation.id}/send-message/`), { token: t.tokenFor(who), body: payload });
  const conversationOf = async (who: string, id = group.id, query = '') =>
    body<ConversationList>((await t.call('GET', api(`/conversations/${query}`), { token: t.tokenFor(who) })).json).results.find(
      (c) => c.id === id,
    );
  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  describe('mentions', () => {
    test('a send mentions people and a department; each mentioned person but the sender is notified', async () => {
      const response = await send('anna', {
        message: '@dan @Housekeeping towels',
        mentions: ['dan', 'dan', 'anna'],
        mention_departments: ['housekeeping'],
      });
      assert.equal(response.status, 201, JSON.stringify(response.json));
      const message = body<Message>(response.json);
      assert.deepEqual([...(message.mentions ?? [])].sort(), ['anna', 'ben', 'cara', 'dan']);
      assert.deepEqual(message.mentioned_departments, ['Housekeeping']);
      assert.deepEqual(
        message.mentioned_staff?.map((s) => s.id),
        message.mentions,
      );
      const notified = t.notifier.mentions.at(-1);
      assert.equal(notified?.message.id, message.id);
      assert.deepEqual(
        notified?.targets.map((target) => [target.staffId, target.department]),
        [
          ['anna', null],
          ['ben', 'Housekeeping'],
          ['cara', 'Housekeeping'],
          ['dan', null],
        ],
      );
      assert.equal((await conversationOf('ben'))?.mention_count, 1);
      assert.equal((await conversationOf('anna'))?.mention_count, 0, 'a self-mention counts for nobody');
      await t.call('POST', api(`/conversations/${group.id}/mark_as_read/`), { token: t.tokenFor('ben'), body: {} });
      assert.equal((await conversationOf('ben'))?.mention_count, 0);
      assert.equal((await conversationOf('cara'))?.mention_count, 1);
    });

    test('refuses non-participants, departments nobody belongs to, departments in a 1:1, and too many', async () => {
      const events = t.notifier.mentions.length;
      assertError(await send('anna', { message: 'x', mentions: ['eve'] }), 400, 'invalid_mention');
      assertError(await send('anna', { message: 'x', mention_departments: ['Spa'] }), 400, 'invalid_mention');
      assertError(await send('anna', { message: 'x', mention_departments: ['Housekeeping'] }, direct), 400, 'invalid_mention');
      assertError(await send('anna', { message: 'x', mentions: Array.from({ length: 51 }, (_, i) => `s${i}`) }), 400, 'bad_request');
      assertError(await send('anna', { message: 'x', mentions: 'ben' }), 400, 'bad_request');
      assert.equal(t.notifier.mentions.length, events);
    });

    test('an edit with mentions replaces them and notifies only the newly mentioned; without, they stay', async () => {
      const message = body<Message>((await send('anna', { message: 'hi', mentions: ['ben'] })).json);
      const edited = await t.call('PATCH', api(`/messages/${message.id}/edit/`), {
        token: t.tokenFor('anna'),
        body: { message: 'hi all', mentions: ['ben', 'cara'] },
      });
      assert.equal(edited.status, 200, JSON.stringify(edited.json));
      assert.deepEqual([...(body<Message>(edited.json).mentions ?? [])].sort(), ['ben', 'cara']);
      assert.deepEqual(
        t.notifier.mentions.at(-1)?.targets.map((target) => target.staffId),
        ['cara'],
      );
      const textOnly = await t.call('PATCH', api(`/messages/${message.id}/edit/`), {
        token: t.tokenFor('anna'),
        body: { message: 'hi everyone' },
      });
      assert.deepEqual([...(body<Message>(textOnly.json).mentions ?? [])].sort(), ['ben', 'cara']);
      const events = t.notifier.changes.length;
      const cleared = await t.call('PATCH', api(`/messages/${message.id}/edit/`), {
        token: t.tokenFor('anna'),
        body: { message: 'hi everyone', mentions: [] },
      });
      assert.deepEqual(body<Message>(cleared.json).mentions, []);
      assert.equal(t.notifier.changes.length, events + 1, 'a change of mentions alone is an edit event');
    });
  });

  describe('pins', () => {
    test('any participant pins and unpins; the list shows it; repeats change nothing', async () => {
      const message = body<Message>((await send('ben', { message: 'Wi-Fi code 1234' })).json);
      const pinned = await t.call('POST', api(`/messages/${message.id}/pin/`), {
        token: t.tokenFor('cara'),
        headers: { 'x-socket-id': '1.2' },
      });
      assert.equal(pinned.status, 201, JSON.stringify(pinned.json));
      assert.equal(body<Pin>(pinned.json).pinned_by.id, 'cara');
      assert.equal(body<Pin>(pinned.json).message.message, 'Wi-Fi code 1234');
      assert.equal(t.notifier.pins.at(-1)?.pinned?.message_id, message.id);
      assert.equal(t.notifier.pins.at(-1)?.excludeSocketId, '1.2');
      const events = t.notifier.pins.length;
      assert.equal((await t.call('POST', api(`/messages/${message.id}/pin/`), { token: t.tokenFor('anna') })).status, 200);
      assert.equal(t.notifier.pins.length, events);
      const list = body<PinList>((await t.call('GET', api(`/conversations/${group.id}/pins/`), { token: t.tokenFor('dan') })).json);
      assert.deepEqual(
        list.pins.map((pin) => pin.message_id),
        [message.id],
      );
      assert.equal((await t.call('DELETE', api(`/messages/${message.id}/pin/`), { token: t.tokenFor('anna') })).status, 200);
      assert.equal(t.notifier.pins.at(-1)?.unpinned?.message_id, message.id);
      assert.equal((await t.call('DELETE', api(`/messages/${message.id}/pin/`), { token: t.tokenFor('anna') })).status, 200);
      assert.equal(t.notifier.pins.length, events + 1);
    });

    test(`at most ${MAX_PINS}: one more is 409 too_many_pins; a deleted message drops out and cannot be pinned`, async () => {
      const room = body<Conversation>(
        (
          await t.call('POST', api('/conversations/'), {
            token: t.tokenFor('anna'),
            body: { participant_ids: ['ben', 'cara'], title: 'Pins' },
          })
        ).json,
      );
      const ids: number[] = [];
      for (let i = 0; i <= MAX_PINS; i++) ids.push(body<Message>((await send('anna', { message: `m${i}` }, room)).json).id);
      for (const id of ids.slice(0, MAX_PINS))
        assert.equal((await t.call('POST', api(`/messages/${id}/pin/`), { token: t.tokenFor('ben') })).status, 201);
      assertError(await t.call('POST', api(`/messages/${ids[MAX_PINS]}/pin/`), { token: t.tokenFor('ben') }), 409, 'too_many_pins');
      await t.call('DELETE', api(`/messages/${ids[0]}/delete/`), { token: t.tokenFor('anna') });
      const list = body<PinList>((await t.call('GET', api(`/conversations/${room.id}/pins/`), { token: t.tokenFor('ben') })).json);
      assert.equal(list.count, MAX_PINS - 1);
      assert.ok(!list.pins.some((pin) => pin.message_id === ids[0]));
      assertError(await t.call('POST', api(`/messages/${ids[0]}/pin/`), { token: t.tokenFor('ben') }), 409, 'message_deleted');
      assert.equal((await t.call('POST', api(`/messages/${ids[MAX_PINS]}/pin/`), { token: t.tokenFor('ben') })).status, 201);
    });
  });

  describe('housekeeping', () => {
    test('mute and archive are per person; a new message un-archives; ?archived=1 lists archived', async () => {
      const muted = await t.call('POST', api(`/conversations/${group.id}/mute/`), { token: t.tokenFor('dan') });
      assert.equal(body<Conversation>(muted.json).is_muted, true);
      assert.deepEqual(t.notifier.ownViews.at(-1), { hotel: 'grand', conversationId: group.id, staffId: 'dan' });
      assert.equal((await conversationOf('anna'))?.is_muted, false);
      const archived = await t.call('POST', api(`/conversations/${group.id}/archive/`), { token: t.tokenFor('dan') });
      assert.equal(body<Conversation>(archived.json).is_archived, true);
      assert.equal(await conversationOf('dan'), undefined);
      assert.equal((await conversationOf('dan', group.id, '?archived=1'))?.is_archived, true);
      await send('anna', { message: 'news' });
      assert.equal((await conversationOf('dan'))?.is_archived, false);
      const unread = body<UnreadCount>((await t.call('GET', api('/conversations/unread-count/'), { token: t.tokenFor('dan') })).json);
      const entry = unread.breakdown.find((row) => row.conversation_id === group.id);
      assert.ok(entry && entry.unread_count > 0 && entry.is_muted);
      assert.equal(unread.total_unread, 0, 'muted conversations stay out of the total');
      assert.equal((await t.call('DELETE', api(`/conversations/${group.id}/mute/`), { token: t.tokenFor('dan') })).status, 200);
      const after_ = body<UnreadCount>((await t.call('GET', api('/conversations/unread-count/'), { token: t.tokenFor('dan') })).json);
      assert.equal(after_.total_unread, entry.unread_count);
      assertError(await t.call('POST', api('/conversations/unread-count/'), { token: t.tokenFor('dan') }), 404, 'not_found');
    });

    test('leave a group, not a 1:1; removal by the creator or an admin role only', async () => {
      const room = body<Conversation>(
        (
          await t.call('POST', api('/conversations/'), {
            token: t.tokenFor('anna'),
            body: { participant_ids: ['ben', 'cara', 'dan'], title: 'Leavers' },
          })
        ).json,
      );
      assertError(await t.call('POST', api(`/conversations/${direct.id}/leave/`), { token: t.tokenFor('ben') }), 409, 'not_a_group');
      const left = await t.call('POST', api(`/conversations/${room.id}/leave/`), { token: t.tokenFor('dan') });
      assert.equal(left.status, 200, JSON.stringify(left.json));
      assert.deepEqual(t.notifier.departures.at(-1)?.left.staff_id, 'dan');
      assertError(await t.call('POST', api(`/conversations/${room.id}/leave/`), { token: t.tokenFor('dan') }), 403, 'not_participant');
      assertError(
        await t.call('DELETE', api(`/conversations/${room.id}/participants/cara/`), { token: t.tokenFor('ben') }),
        403,
        'not_allowed',
      );
      const manager = await t.call('DELETE', api(`/conversations/${room.id}/participants/cara/`), {
        token: (await import('../auth/token.js')).signStaffToken(
          { sub: 'ben', hotel: 'grand', name: 'BEN', role: 'manager' },
          'routes-test-secret-long-enough-0123456789',
        ),
      });
      assert.equal(manager.status, 200, JSON.stringify(manager.json));
      assert.deepEqual(
        body<Conversation>(manager.json)
          .participants.map((p) => p.id)
          .sort(),
        ['anna', 'ben'],
      );
      assert.equal(t.notifier.departures.at(-1)?.left.removed_by, 'ben');
      assertError(
        await t.call('DELETE', api(`/conversations/${room.id}/participants/cara/`), { token: t.tokenFor('anna') }),
        404,
        'not_found',
      );
      assert.equal(
        (await t.call('DELETE', api(`/conversations/${room.id}/participants/ben/`), { token: t.tokenFor('anna') })).status,
        200,
        'the creator removes',
      );
    });

    test('forward to conversations the caller is in, with the origin; refuses others', async () => {
      const source = body<Message>((await send('ben', { message: 'Lost key at reception' })).json);
      const forwarded = await t.call('POST', api(`/messages/${source.id}/forward/`), {
        token: t.tokenFor('anna'),
        body: { conversation_ids: [direct.id, direct.id] },
      });
      assert.equal(forwarded.status, 201, JSON.stringify(forwarded.json));
      const result = body<ForwardResult>(forwarded.json);
      assert.equal(result.total_forwarded, 1);
      assert.equal(result.results[0]?.message.message, 'Lost key at reception');
      assert.deepEqual(result.results[0]?.message.forwarded_from, {
        message_id: source.id,
        conversation_id: group.id,
        sender_id: 'ben',
        sender_name: 'Name of ben',
      });
      assert.equal(t.notifier.messages.at(-1)?.message.id, result.results[0]?.message.id);
      const other = body<Conversation>(
        (await t.call('POST', api('/conversations/'), { token: t.tokenFor('cara'), body: { participant_ids: ['eve'] } })).json,
      );
      const count = t.notifier.messages.length;
      assertError(
        await t.call('POST', api(`/messages/${source.id}/forward/`), {
          token: t.tokenFor('anna'),
          body: { conversation_ids: [direct.id, other.id] },
        }),
        403,
        'not_participant',
      );
      assertError(
        await t.call('POST', api(`/messages/${source.id}/forward/`), {
          token: t.tokenFor('anna'),
          body: { conversation_ids: Array.from({ length: 11 }, (_, i) => i + 1) },
        }),
        400,
        'bad_request',
      );
      assert.equal(t.notifier.messages.length, count, 'nothing stored for a refused target');
    });
  });
});
