/**
 * Every change to an existing message or conversation reaches the other participants live, through the
 * real stack: REST -> storage -> notifier (pusher SDK) -> embedded hub -> unmodified pusher-js.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Channel } from 'pusher-js';
import type {
  Conversation,
  ConversationUpdatedEnvelope,
  Me,
  Message,
  MessageDeletedEnvelope,
  MessageEditedEnvelope,
  MessagesReadEnvelope,
  ReactionChange,
  ReactionChangedEnvelope,
} from '../../contract/index.js';
import { nextEvent, startStack, subscribe, type Stack } from '../support/stack.js';

const HOTEL = 'harbour';
const people = {
  anna: { id: 'anna', full_name: 'Anna Kovács' },
  ben: { id: 'ben', full_name: 'Ben Okafor' },
  carla: { id: 'carla', full_name: 'Carla Mendes' },
};
type Person = keyof typeof people;

// A lost event must fail the test, not hang it.
describe('message changes reach other participants live', { timeout: 30_000 }, () => {
  let stack: Stack;
  let tokens: Record<Person, string>;
  let chat: Conversation;
  const api = (path: string) => `/staff_chat/${HOTEL}${path}`;

  before(async () => {
    stack = await startStack();
    tokens = { anna: stack.token(HOTEL, people.anna), ben: stack.token(HOTEL, people.ben), carla: stack.token(HOTEL, people.carla) };
    for (const token of Object.values(tokens)) assert.equal((await stack.call(token, 'GET', api('/me'))).status, 200);
    chat = (await stack.call<Conversation>(tokens.anna, 'POST', api('/conversations/'), { participant_ids: ['ben'] })).body;
  });
  after(() => stack.close());

  /** A connected pusher-js client subscribed to `channelName`. */
  async function listen(who: Person, channelName: string): Promise<{ socketId: string; channel: Channel }> {
    const client = await stack.pusher(tokens[who]);
    const subscription = await subscribe(client, channelName);
    assert.ok(subscription.ok, `${who} may subscribe to ${channelName}`);
    return { socketId: client.connection.socket_id, channel: subscription.channel };
  }

  /**
   * The first `eventName` on `channel` whose envelope passes `matches`; others are skipped (a send's
   * own `conversation_updated` may arrive after the test starts listening for a later one).
   */
  function eventMatching<T>(channel: Channel, eventName: string, matches: (event: T) => boolean): Promise<T> {
    return new Promise((resolve) => {
      const handler = (data: T) => {
        if (!matches(data)) return;
        channel.unbind(eventName, handler);
        resolve(data);
      };
      channel.bind(eventName, handler);
    });
  }

  async function personalChannel(who: Person): Promise<string> {
    return (await stack.call<Me>(tokens[who], 'GET', api('/me'))).body.personal_channel;
  }

  const send = async (who: Person, text: string, conversation = chat) =>
    (await stack.call<Message>(tokens[who], 'POST', api(`/conversations/${conversation.id}/send-message/`), { message: text })).body;

  test("an edit arrives as message_edited with the edited message, and not back on the editor's socket", async () => {
    const anna = await listen('anna', chat.channel);
    const ben = await listen('ben', chat.channel);
    const message = await send('anna', 'Room 214 is redy');
    const echoes: unknown[] = [];
    anna.channel.bind('realtime_staff_chat_message_edited', (data: unknown) => echoes.push(data));
    const received = nextEvent<MessageEditedEnvelope>(ben.channel, 'realtime_staff_chat_message_edited');

    const edited = await stack.call<Message>(
      tokens.anna,
      'PATCH',
      api(`/messages/${message.id}/edit/`),
      { message: 'Room 214 is ready' },
      {
        'x-socket-id': anna.socketId,
      },
    );
    assert.equal(edited.status, 200);
    const event = await received;
    assert.equal(event.type, 'message_edited');
    assert.deepEqual(event.payload, edited.body);
    assert.equal(event.payload.is_edited, true);

    // A later event on Anna's channel proves any echo would have arrived by now.
    const marker = nextEvent<MessageEditedEnvelope>(anna.channel, 'realtime_staff_chat_message_edited');
    const bens = await send('ben', 'typo');
    await stack.call(tokens.ben, 'PATCH', api(`/messages/${bens.id}/edit/`), { message: 'no typo' });
    assert.equal((await marker).payload.message, 'no typo');
    assert.equal(echoes.length, 1, 'only Ben’s edit reached Anna’s socket');
  });

  test('a deletion arrives as message_deleted with the placeholder, and the list preview updates on the personal channel', async () => {
    const ben = await listen('ben', chat.channel);
    const bensList = await listen('ben', await personalChannel('ben'));
    const message = await send('anna', 'the safe code is 4711');
    const deletedEvent = nextEvent<MessageDeletedEnvelope>(ben.channel, 'realtime_staff_chat_message_deleted');
    const listUpdate = eventMatching<ConversationUpdatedEnvelope>(
      bensList.channel,
      'realtime_staff_chat_conversation_updated',
      (event) => event.payload.last_message?.id === message.id && event.payload.last_message.message === '',
    );

    const deleted = await stack.call<Message>(tokens.anna, 'DELETE', api(`/messages/${message.id}/delete/`));
    assert.equal(deleted.status, 200);
    const { payload } = await deletedEvent;
    assert.deepEqual(payload, deleted.body);
    assert.equal(payload.is_deleted, true);
    assert.equal(payload.message, '');
    const conversation = (await listUpdate).payload;
    assert.equal(conversation.id, chat.id);
    assert.ok(!JSON.stringify(conversation).includes('4711'));
  });

  test('a reaction arrives as reaction_changed with counts and who reacted, on and off', async () => {
    const anna = await listen('anna', chat.channel);
    const message = await send('anna', 'Breakfast extended to 11');
    const added = nextEvent<ReactionChangedEnvelope>(anna.channel, 'realtime_staff_chat_reaction_changed');
    const response = await stack.call<ReactionChange>(tokens.ben, 'POST', api(`/messages/${message.id}/react/`), { emoji: '🎉' });
    assert.equal(response.status, 201);
    const event = await added;
    assert.equal(event.type, 'reaction_changed');
    assert.deepEqual(event.payload, response.body);
    assert.deepEqual(event.payload.reactions, [{ emoji: '🎉', count: 1, staff_ids: ['ben'] }]);

    const removed = nextEvent<ReactionChangedEnvelope>(anna.channel, 'realtime_staff_chat_reaction_changed');
    await stack.call(tokens.ben, 'DELETE', api(`/messages/${message.id}/react/${encodeURIComponent('🎉')}/`));
    const off = (await removed).payload;
    assert.equal(off.action, 'removed');
    assert.deepEqual(off.reactions, []);
  });

  test('reading sends messages_read to the others and clears the reader’s badge in their other tabs', async () => {
    const anna = await listen('anna', chat.channel);
    const bensOtherTab = await listen('ben', await personalChannel('ben'));
    const latest = await send('anna', 'Please confirm the airport pickup');
    const seen = nextEvent<MessagesReadEnvelope>(anna.channel, 'realtime_staff_chat_messages_read');
    // Ben's other tab first learns of the message (unread 1, from the send), then of his reading it.
    const badge = eventMatching<ConversationUpdatedEnvelope>(
      bensOtherTab.channel,
      'realtime_staff_chat_conversation_updated',
      (event) => event.payload.last_message?.id === latest.id && event.payload.unread_count === 0,
    );

    const read = await stack.call<{ last_read_id: number; unread_count: number }>(
      tokens.ben,
      'POST',
      api(`/conversations/${chat.id}/mark_as_read/`),
      {},
    );
    assert.deepEqual(read.body, { last_read_id: latest.id, unread_count: 0 });
    const { payload } = await seen;
    assert.equal(payload.conversation_id, chat.id);
    assert.equal(payload.read_by_staff_id, 'ben');
    assert.equal(payload.last_read_message_id, latest.id);
    assert.equal((await badge).payload.id, chat.id);

    const page = await stack.call<{ read_marks: { staff_id: string; last_read_message_id: number }[] }>(
      tokens.anna,
      'GET',
      api(`/conversations/${chat.id}/messages/?limit=1`),
    );
    assert.deepEqual(
      page.body.read_marks.find((mark) => mark.staff_id === 'ben'),
      { staff_id: 'ben', last_read_message_id: latest.id },
    );
  });

  test('someone added to a group gets it on their personal channel and may then subscribe to it', async () => {
    const group = (
      await stack.call<Conversation>(tokens.anna, 'POST', api('/conversations/'), { participant_ids: ['ben'], title: 'Front Office' })
    ).body;
    const carlaClient = await stack.pusher(tokens.carla);
    const before = await subscribe(carlaClient, group.channel);
    assert.equal(before.ok, false, 'not a participant yet');

    const carlasList = await listen('carla', await personalChannel('carla'));
    const arrived = nextEvent<ConversationUpdatedEnvelope>(carlasList.channel, 'realtime_staff_chat_conversation_updated');
    const added = await stack.call<Conversation>(tokens.ben, 'POST', api(`/conversations/${group.id}/participants/`), {
      participant_ids: ['carla'],
    });
    assert.equal(added.status, 200);
    const { payload } = await arrived;
    assert.equal(payload.id, group.id);
    assert.equal(payload.title, 'Front Office');
    assert.deepEqual(
      payload.participants.map((p) => p.id),
      ['anna', 'ben', 'carla'],
    );

    const carla = await listen('carla', payload.channel);
    const message = nextEvent<{ payload: Message }>(carla.channel, 'realtime_staff_chat_message_created');
    await send('anna', 'Welcome, Carla', group);
    assert.equal((await message).payload.message, 'Welcome, Carla');
  });
});
