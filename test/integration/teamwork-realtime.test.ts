/**
 * Urgent acknowledgements, department channels and handover ticks reach the other people live, through
 * the real stack: REST -> storage -> notifier (one Publisher) -> embedded hub -> unmodified pusher-js.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Channel } from 'pusher-js';
import { signStaffToken } from '../../server/auth/token.js';
import type {
  Conversation,
  ConversationList,
  ConversationUpdatedEnvelope,
  HandoverItemChangedEnvelope,
  Me,
  Message,
  MessageAcknowledgedEnvelope,
  MessageCreatedEnvelope,
} from '../../contract/index.js';
import { JWT_SECRET, nextEvent, startStack, subscribe, type Stack } from '../support/stack.js';

const HOTEL = 'harbour';
const DEPARTMENT = 'Housekeeping';

// A lost event must fail the test, not hang it.
describe('teamwork events reach the other people live', { timeout: 30_000 }, () => {
  let stack: Stack;
  let channel: Conversation;
  const token = (sub: string, department: string | undefined = DEPARTMENT) =>
    signStaffToken({ sub, hotel: HOTEL, name: `${sub[0]!.toUpperCase()}${sub.slice(1)}`, ...(department && { department }) }, JWT_SECRET);
  const api = (path: string) => `/staff_chat/${HOTEL}${path}`;

  before(async () => {
    stack = await startStack();
    for (const who of ['anna', 'ben', 'carla']) assert.equal((await stack.call(token(who), 'GET', api('/me'))).status, 200);
    const list = await stack.call<ConversationList>(token('anna'), 'GET', api('/conversations/'));
    const found = list.body.results.find((conversation) => conversation.kind === 'department');
    assert.ok(found, 'the department channel exists after the first sign-ins');
    channel = found;
    assert.deepEqual(
      channel.participants.map((p) => p.id),
      ['anna', 'ben', 'carla'],
    );
  });
  after(() => stack.close());

  async function listen(who: string, channelName: string): Promise<{ socketId: string; channel: Channel }> {
    const client = await stack.pusher(token(who));
    const subscription = await subscribe(client, channelName);
    assert.ok(subscription.ok, `${who} may subscribe to ${channelName}`);
    return { socketId: client.connection.socket_id, channel: subscription.channel };
  }

  /** The first `eventName` on `on` whose envelope passes `matches`. */
  function eventMatching<T>(on: Channel, eventName: string, matches: (event: T) => boolean): Promise<T> {
    return new Promise((resolve) => {
      const handler = (data: T) => {
        if (!matches(data)) return;
        on.unbind(eventName, handler);
        resolve(data);
      };
      on.bind(eventName, handler);
    });
  }

  test('an urgent message arrives asking for acknowledgement; each acknowledgement reaches the sender, the group and the acknowledger’s other tabs', async () => {
    const anna = await listen('anna', channel.channel);
    const carla = await listen('carla', channel.channel);
    const ben = await listen('ben', channel.channel);
    const me = (await stack.call<Me>(token('ben'), 'GET', api('/me'))).body;
    const bensOtherTab = await listen('ben', me.personal_channel);

    const created = nextEvent<MessageCreatedEnvelope>(ben.channel, 'realtime_staff_chat_message_created');
    const sent = await stack.call<Message>(token('anna'), 'POST', api(`/conversations/${channel.id}/send-message/`), {
      message: 'Pool closed, tell guests',
      requires_acknowledgement: true,
    });
    assert.equal(sent.status, 201);
    const arrived = (await created).payload;
    assert.equal(arrived.requires_acknowledgement, true);
    assert.deepEqual(arrived.acknowledgements?.pending, ['ben', 'carla']);

    const toAnna = nextEvent<MessageAcknowledgedEnvelope>(anna.channel, 'realtime_staff_chat_message_acknowledged');
    const toCarla = nextEvent<MessageAcknowledgedEnvelope>(carla.channel, 'realtime_staff_chat_message_acknowledged');
    const toOtherTab = nextEvent<MessageAcknowledgedEnvelope>(bensOtherTab.channel, 'realtime_staff_chat_message_acknowledged');
    const echoes: unknown[] = [];
    ben.channel.bind('realtime_staff_chat_message_acknowledged', (data: unknown) => echoes.push(data));
    const acknowledged = await stack.call(token('ben'), 'POST', api(`/messages/${sent.body.id}/acknowledge/`), undefined, {
      'x-socket-id': ben.socketId,
    });
    assert.equal(acknowledged.status, 201);

    for (const event of [await toAnna, await toCarla, await toOtherTab]) {
      assert.equal(event.type, 'message_acknowledged');
      assert.equal(event.payload.message_id, sent.body.id);
      assert.equal(event.payload.acknowledgement.id, 'ben');
      assert.equal(event.payload.acknowledgement.full_name, 'Ben');
      assert.deepEqual(event.payload.acknowledgements.pending, ['carla']);
      assert.deepEqual(event.payload, acknowledged.body);
    }
    // A later event on Ben's socket shows the acknowledgement's own echo was skipped.
    const marker = nextEvent<MessageAcknowledgedEnvelope>(ben.channel, 'realtime_staff_chat_message_acknowledged');
    await stack.call(token('carla'), 'POST', api(`/messages/${sent.body.id}/acknowledge/`));
    assert.equal((await marker).payload.acknowledgement.id, 'carla');
    assert.equal(echoes.length, 1, 'only Carla’s acknowledgement reached Ben’s socket');
  });

  test('a handover tick reaches every member with who and when', async () => {
    const anna = await listen('anna', channel.channel);
    const note = await stack.call<Message>(token('anna'), 'POST', api(`/conversations/${channel.id}/send-message/`), {
      message: 'Night → morning',
      handover_items: ['Room 12 towels', 'Lift 2 noisy'],
    });
    assert.equal(note.status, 201);
    const item = note.body.handover!.items[1]!;
    const ticked = eventMatching<HandoverItemChangedEnvelope>(
      anna.channel,
      'realtime_staff_chat_handover_item_changed',
      (event) => event.payload.item.id === item.id,
    );
    const response = await stack.call(token('carla'), 'PATCH', api(`/messages/${note.body.id}/handover/items/${item.id}/`), {
      checked: true,
    });
    assert.equal(response.status, 200);
    const event = await ticked;
    assert.equal(event.payload.message_id, note.body.id);
    assert.equal(event.payload.item.checked, true);
    assert.equal(event.payload.item.checked_by?.id, 'carla');
    assert.ok(event.payload.item.checked_at && Date.parse(event.payload.item.checked_at) > Date.now() - 60_000);
  });

  test('a newcomer to the department appears in every member’s list live, and one who moves away leaves it', async () => {
    const me = (await stack.call<Me>(token('anna'), 'GET', api('/me'))).body;
    const annaPersonal = await listen('anna', me.personal_channel);
    const joined = eventMatching<ConversationUpdatedEnvelope>(
      annaPersonal.channel,
      'realtime_staff_chat_conversation_updated',
      (event) => event.payload.id === channel.id && event.payload.participants.some((p) => p.id === 'dora'),
    );
    assert.equal((await stack.call(token('dora'), 'GET', api('/me'))).status, 200);
    assert.equal((await joined).payload.kind, 'department');
    // Dora's tab listens to the channel and her personal channel, on one connection.
    const dorasTab = await stack.pusher(token('dora'));
    const dorasChannel = await subscribe(dorasTab, channel.channel);
    assert.ok(dorasChannel.ok);
    const dorasPersonal = await subscribe(dorasTab, (await stack.call<Me>(token('dora'), 'GET', api('/me'))).body.personal_channel);
    assert.ok(dorasPersonal.ok);
    const heardAfterMove: unknown[] = [];

    const left = eventMatching<ConversationUpdatedEnvelope>(
      annaPersonal.channel,
      'realtime_staff_chat_conversation_updated',
      (event) => event.payload.id === channel.id && !event.payload.participants.some((p) => p.id === 'dora'),
    );
    assert.equal((await stack.call(token('dora', 'Kitchen'), 'GET', api('/me'))).status, 200);
    await left;
    // Her tab that had subscribed hears no more of it: the channel's next message would reach that
    // connection before the mention that follows it on her personal channel.
    dorasChannel.channel.bind('realtime_staff_chat_message_created', (data: unknown) => heardAfterMove.push(data));
    const toAnna = nextEvent<MessageCreatedEnvelope>(
      (await listen('anna', channel.channel)).channel,
      'realtime_staff_chat_message_created',
    );
    await stack.call(token('anna'), 'POST', api(`/conversations/${channel.id}/send-message/`), {
      message: 'Housekeeping only from now on',
    });
    await toAnna;
    const direct = await stack.call<Conversation>(token('anna'), 'POST', api('/conversations/'), { participant_ids: ['dora'] });
    const mentioned = nextEvent(dorasPersonal.channel, 'realtime_staff_chat_staff_mentioned');
    await stack.call(token('anna'), 'POST', api(`/conversations/${direct.body.id}/send-message/`), {
      message: '@Dora welcome to the kitchen',
      mentions: ['dora'],
    });
    await mentioned;
    assert.deepEqual(heardAfterMove, [], 'her old subscription was dropped');
    const doraList = (await stack.call<ConversationList>(token('dora', 'Kitchen'), 'GET', api('/conversations/'))).body;
    assert.deepEqual(
      doraList.results.filter((c) => c.kind === 'department').map((c) => c.department),
      ['Kitchen'],
    );
    // And the hub no longer lets her listen to the old channel.
    const client = await stack.pusher(token('dora', 'Kitchen'));
    assert.equal((await subscribe(client, channel.channel)).ok, false);
  });
});
