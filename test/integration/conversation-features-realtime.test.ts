/**
 * Mentions, pins, leaving and file deletion reach the right people live, and only them, through the
 * real stack: REST -> storage -> notifier -> embedded hub -> unmodified pusher-js.
 *
 * "Does not receive" is shown without waiting a fixed time: each person has one pusher-js connection
 * for all their channels, and the hub writes a socket's frames in order, so once a later event (a
 * marker) arrives on that connection, an earlier one that was going to come would already have.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Channel } from 'pusher-js';
import type {
  AttachmentDeletedEnvelope,
  Conversation,
  ConversationUpdatedEnvelope,
  Me,
  Message,
  MessageCreatedEnvelope,
  MessagePinnedEnvelope,
  MessageUnpinnedEnvelope,
  ParticipantLeftEnvelope,
  StaffMentionedEnvelope,
} from '../../contract/index.js';
import { PNG } from '../../server/testing/sample-files.js';
import { startStack, subscribe, type Stack } from '../support/stack.js';

const HOTEL = 'harbour';
const PEOPLE = ['anna', 'ben', 'cora', 'dan'] as const;
type Person = (typeof PEOPLE)[number];

interface Listener {
  socketId: string;
  personal: Channel;
  /** Every event seen on the person's channels, in arrival order: `channel kind:event type`. */
  seen: { on: 'personal' | 'group'; name: string; data: unknown }[];
  group?: Channel;
}

describe('conversation features reach the right people live, and only them', { timeout: 30_000 }, () => {
  let stack: Stack;
  let group: Conversation;
  const people = {} as Record<Person, Listener>;
  const token = (who: Person) => stack.token(HOTEL, { id: who, full_name: who[0]!.toUpperCase() + who.slice(1) });
  const api = (path: string) => `/staff_chat/${HOTEL}${path}`;
  const send = async (who: Person, conversationId: number, body: Record<string, unknown>) => {
    const sent = await stack.call<Message>(token(who), 'POST', api(`/conversations/${conversationId}/send-message/`), body);
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    return sent.body;
  };

  /** Resolves with the first event `name` on `who`'s channel `on` that passes `matches`, from now on. */
  const waitFor = <T>(who: Person, on: 'personal' | 'group', name: string, matches: (data: T) => boolean = () => true): Promise<T> =>
    new Promise((resolve) => {
      const channel = on === 'personal' ? people[who].personal : people[who].group!;
      const handler = (data: T) => {
        if (!matches(data)) return;
        channel.unbind(`realtime_staff_chat_${name}`, handler);
        resolve(data);
      };
      channel.bind(`realtime_staff_chat_${name}`, handler);
    });
  /** What `who` saw on `on` of event `name` since index `from`. */
  const seenSince = (who: Person, from: number, on: 'personal' | 'group', name: string) =>
    people[who].seen.slice(from).filter((event) => event.on === on && event.name === `realtime_staff_chat_${name}`);

  before(async () => {
    stack = await startStack();
    for (const who of PEOPLE) assert.equal((await stack.call(token(who), 'GET', api('/me'))).status, 200);
    group = (
      await stack.call<Conversation>(token('anna'), 'POST', api('/conversations/'), {
        participant_ids: ['ben', 'cora'],
        title: 'Front desk',
      })
    ).body;
    for (const who of PEOPLE) {
      const client = await stack.pusher(token(who));
      const me = (await stack.call<Me>(token(who), 'GET', api('/me'))).body;
      const personal = await subscribe(client, me.personal_channel);
      assert.ok(personal.ok);
      const listener: Listener = { socketId: client.connection.socket_id, personal: personal.channel, seen: [] };
      personal.channel.bind_global((name: string, data: unknown) => listener.seen.push({ on: 'personal', name, data }));
      const joined = await subscribe(client, group.channel);
      assert.equal(joined.ok, who !== 'dan', `${who} ${who === 'dan' ? 'may not' : 'may'} listen to the group`);
      if (joined.ok) {
        listener.group = joined.channel;
        joined.channel.bind_global((name: string, data: unknown) => listener.seen.push({ on: 'group', name, data }));
      }
      people[who] = listener;
    }
  });
  after(() => stack.close());

  test("staff_mentioned reaches the mentioned person's personal channel only: not the sender, not the others", async () => {
    const from = Object.fromEntries(PEOPLE.map((who) => [who, people[who].seen.length])) as Record<Person, number>;
    const toBen = waitFor<StaffMentionedEnvelope>('ben', 'personal', 'staff_mentioned');
    const first = await send('anna', group.id, { message: '@Ben @Anna the VIP in 214', mentions: ['ben', 'anna'] });
    const event = await toBen;
    assert.equal(event.type, 'staff_mentioned');
    assert.deepEqual(
      [
        event.payload.conversation_id,
        event.payload.message_id,
        event.payload.mentioned_staff_id,
        event.payload.sender_id,
        event.payload.department,
      ],
      [group.id, first.id, 'ben', 'anna', null],
    );
    assert.equal(event.payload.message, '@Ben @Anna the VIP in 214');

    // Markers: Ben mentions Cora and Anna. Their first staff_mentioned must be this one.
    const toCora = waitFor<StaffMentionedEnvelope>('cora', 'personal', 'staff_mentioned');
    const toAnna = waitFor<StaffMentionedEnvelope>('anna', 'personal', 'staff_mentioned');
    const second = await send('ben', group.id, { message: 'On it, @Cora @Anna', mentions: ['cora', 'anna'] });
    assert.equal((await toCora).payload.message_id, second.id);
    assert.equal((await toAnna).payload.message_id, second.id);
    assert.deepEqual(
      seenSince('cora', from.cora, 'personal', 'staff_mentioned').map((e) => (e.data as StaffMentionedEnvelope).payload.message_id),
      [second.id],
      'Cora was not told of the first',
    );
    assert.deepEqual(
      seenSince('anna', from.anna, 'personal', 'staff_mentioned').map((e) => (e.data as StaffMentionedEnvelope).payload.message_id),
      [second.id],
      'the sender is never told of her own',
    );
    assert.deepEqual(
      seenSince('ben', from.ben, 'personal', 'staff_mentioned').map((e) => (e.data as StaffMentionedEnvelope).payload.message_id),
      [first.id],
      'nor is Ben of his own',
    );
    // Dan, outside the group, hears of neither: a message of the group reaching him would have come before this.
    const marker = waitFor<StaffMentionedEnvelope>('dan', 'personal', 'staff_mentioned');
    const direct = (await stack.call<Conversation>(token('anna'), 'POST', api('/conversations/'), { participant_ids: ['dan'] })).body;
    const third = await send('anna', direct.id, { message: '@Dan hello', mentions: ['dan'] });
    assert.equal((await marker).payload.message_id, third.id);
    assert.deepEqual(seenSince('dan', from.dan, 'personal', 'staff_mentioned').length, 1);
    assert.ok(!people.dan.seen.slice(from.dan).some((e) => JSON.stringify(e.data).includes('VIP in 214')), 'Dan saw nothing of the group');
  });

  test('message_pinned and message_unpinned reach every participant but the pinning tab, never an outsider', async () => {
    const message = await send('cora', group.id, { message: 'Wi-Fi code: harbour2026' });
    const from = people.anna.seen.length;
    const toBen = waitFor<MessagePinnedEnvelope>('ben', 'group', 'message_pinned');
    const toCora = waitFor<MessagePinnedEnvelope>('cora', 'group', 'message_pinned');
    const pinned = await stack.call(token('anna'), 'POST', api(`/messages/${message.id}/pin/`), undefined, {
      'x-socket-id': people.anna.socketId,
    });
    assert.equal(pinned.status, 201);
    for (const event of [await toBen, await toCora]) {
      assert.equal(event.type, 'message_pinned');
      assert.deepEqual(
        [event.payload.message_id, event.payload.pinned_by.id, event.payload.message.message],
        [message.id, 'anna', 'Wi-Fi code: harbour2026'],
      );
    }

    const unpinnedForBen = waitFor<MessageUnpinnedEnvelope>('ben', 'group', 'message_unpinned');
    const unpinnedForAnna = waitFor<MessageUnpinnedEnvelope>('anna', 'group', 'message_unpinned');
    assert.equal(
      (await stack.call(token('cora'), 'DELETE', api(`/messages/${message.id}/pin/`), undefined, { 'x-socket-id': people.cora.socketId }))
        .status,
      200,
    );
    for (const event of [await unpinnedForBen, await unpinnedForAnna])
      assert.deepEqual([event.payload.message_id, event.payload.unpinned_by], [message.id, 'cora']);
    assert.deepEqual(seenSince('anna', from, 'group', 'message_pinned'), [], "Anna's own tab got no echo of her pin");
    // Unpinning what is not pinned tells nobody.
    assert.equal((await stack.call(token('cora'), 'DELETE', api(`/messages/${message.id}/pin/`))).status, 200);
    const markerForBen = waitFor<MessageCreatedEnvelope>('ben', 'group', 'message_created');
    await send('anna', group.id, { message: 'marker after the unpin' });
    await markerForBen;
    assert.equal(seenSince('ben', 0, 'group', 'message_unpinned').length, 1);
  });

  test('attachment_deleted reaches the conversation, not outsiders', async () => {
    const form = new FormData();
    form.append('message', 'the lobby');
    form.append('files', new Blob([PNG], { type: 'image/png' }), 'lobby.png');
    const uploaded = await fetch(`${stack.api}${api(`/conversations/${group.id}/upload/`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token('ben')}` },
      body: form,
    });
    assert.equal(uploaded.status, 201);
    const message = (await uploaded.json()) as Message;
    const attachment = message.attachments[0]!;
    const toAnna = waitFor<AttachmentDeletedEnvelope>('anna', 'group', 'attachment_deleted');
    const toCora = waitFor<AttachmentDeletedEnvelope>('cora', 'group', 'attachment_deleted');
    const deleted = await stack.call(token('ben'), 'DELETE', api(`/attachments/${attachment.id}/delete/`));
    assert.equal(deleted.status, 200);
    for (const event of [await toAnna, await toCora]) {
      assert.deepEqual(
        [event.payload.attachment_id, event.payload.message_id, event.payload.deleted_by_staff_id, event.payload.deleted_by_staff_name],
        [attachment.id, message.id, 'ben', 'Ben'],
      );
    }
    assert.ok(!people.dan.seen.some((e) => e.name === 'realtime_staff_chat_attachment_deleted'));
  });

  test("participant_left reaches the group and the leaver's own tabs, and the removed person's; the others' lists update", async () => {
    const toBen = waitFor<ParticipantLeftEnvelope>('ben', 'group', 'participant_left');
    const toCoraTabs = waitFor<ParticipantLeftEnvelope>('cora', 'personal', 'participant_left');
    const bensList = waitFor<ConversationUpdatedEnvelope>(
      'ben',
      'personal',
      'conversation_updated',
      (e) => e.payload.id === group.id && !e.payload.participants.some((p) => p.id === 'cora'),
    );
    const left = await stack.call(token('cora'), 'POST', api(`/conversations/${group.id}/leave/`));
    assert.equal(left.status, 200);
    for (const event of [await toBen, await toCoraTabs])
      assert.deepEqual([event.payload.conversation_id, event.payload.staff_id, event.payload.removed_by], [group.id, 'cora', null]);
    await bensList;
    assert.ok(!people.dan.seen.some((e) => e.name === 'realtime_staff_chat_participant_left'));

    // Anna removes Ben: he learns it on his personal channel, with who did it.
    const toBenTabs = waitFor<ParticipantLeftEnvelope>('ben', 'personal', 'participant_left');
    const toAnna = waitFor<ParticipantLeftEnvelope>('anna', 'group', 'participant_left', (e) => e.payload.staff_id === 'ben');
    assert.equal((await stack.call(token('anna'), 'DELETE', api(`/conversations/${group.id}/participants/ben/`))).status, 200);
    assert.equal((await toBenTabs).payload.removed_by, 'anna');
    assert.equal((await toAnna).payload.removed_by, 'anna');
  });

  // The widget unsubscribes on participant_left; a hostile client need not. The embedded hub drops the
  // subscriptions it was told were authorized as the leaver (hosted Pusher has no such call).
  test('after leaving or being removed, a tab that had subscribed hears no more of the group', async () => {
    // What the group says from now on reaches neither of them, though their tabs had subscribed
    // before they went. The marker: a mention on their personal channels, after the group's message.
    const fromCora = people.cora.seen.length;
    const fromBen = people.ben.seen.length;
    const toAnnaGroup = waitFor<MessageCreatedEnvelope>('anna', 'group', 'message_created');
    const secret = await send('anna', group.id, { message: 'only for those still here' });
    assert.equal((await toAnnaGroup).payload.id, secret.id);
    const side = (
      await stack.call<Conversation>(token('dan'), 'POST', api('/conversations/'), { participant_ids: ['ben', 'cora'], title: 'Marker' })
    ).body;
    const markers = [
      waitFor<StaffMentionedEnvelope>('cora', 'personal', 'staff_mentioned'),
      waitFor<StaffMentionedEnvelope>('ben', 'personal', 'staff_mentioned'),
    ];
    await send('dan', side.id, { message: 'marker', mentions: ['ben', 'cora'] });
    await Promise.all(markers);
    assert.deepEqual(seenSince('cora', fromCora, 'group', 'message_created'), [], 'Cora, who left, still heard the group');
    assert.deepEqual(seenSince('ben', fromBen, 'group', 'message_created'), [], 'Ben, who was removed, still heard the group');
  });
});
