/**
 * Who is online and who is typing, through the whole stack with unmodified pusher-js: the hotel's
 * presence channel (members signed by the server from each token) and `client-typing` on a
 * conversation's private channel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Pusher, { type PresenceChannel } from 'pusher-js';
import type { ChatConfig, Conversation, Me, TypingSignal } from '../../contract/index.js';
import { ENGINES, nextEvent, startStack, subscribe, type Stack } from '../support/stack.js';

const HOTEL = 'harbour';
const anna = { id: 'anna', full_name: 'Anna Kovács' };
const ben = { id: 'ben', full_name: 'Ben Okafor' };

type Member = { id: string; info: unknown };

// Once with the embedded hub, once through a real soketi: the same promises on either engine.
for (const engine of ENGINES)
  describe(`presence and typing through the whole stack (${engine})`, () => {
    let stack: Stack;
    let tokens: { anna: string; ben: string; olga: string };
    let me: Me;
    let conversation: Conversation;

    before(async () => {
      stack = await startStack({}, { engine });
      tokens = {
        anna: stack.token(HOTEL, anna),
        ben: stack.token(HOTEL, ben),
        olga: stack.token('lakeside', { id: 'olga', full_name: 'Olga' }),
      };
      me = (await stack.call<Me>(tokens.anna, 'GET', `/staff_chat/${HOTEL}/me`)).body;
      await stack.call(tokens.ben, 'GET', `/staff_chat/${HOTEL}/me`);
      conversation = (
        await stack.call<Conversation>(tokens.anna, 'POST', `/staff_chat/${HOTEL}/conversations/`, { participant_ids: ['ben'] })
      ).body;
    });

    after(() => stack.close());

    test('two staff see each other come online, with the details their tokens carry, and go offline', async () => {
      assert.equal(me.presence_channel, `presence-hotel-${HOTEL}.staff`);
      const annaClient = await stack.pusher(tokens.anna);
      const annaSide = await subscribe(annaClient, me.presence_channel);
      assert.ok(annaSide.ok, JSON.stringify(!annaSide.ok && annaSide.error));
      const annaChannel = annaSide.channel as PresenceChannel;
      assert.deepEqual(Object.keys(annaChannel.members.members as Record<string, unknown>), ['anna']);
      assert.equal((annaChannel.members.me as Member).id, 'anna');

      const benArrives = nextEvent<Member>(annaChannel, 'pusher:member_added');
      const benClient = await stack.pusher(tokens.ben);
      const benSide = await subscribe(benClient, me.presence_channel);
      assert.ok(benSide.ok);
      assert.deepEqual(await benArrives, { id: 'ben', info: { name: 'Ben Okafor', avatar: null, department: null } });
      const benMembers = (benSide.channel as PresenceChannel).members;
      assert.deepEqual(Object.keys(benMembers.members as Record<string, unknown>).sort(), ['anna', 'ben']);
      assert.deepEqual(benMembers.get('anna'), { id: 'anna', info: { name: 'Anna Kovács', avatar: null, department: null } });

      const benLeaves = nextEvent<Member>(annaChannel, 'pusher:member_removed');
      benClient.disconnect();
      assert.equal((await benLeaves).id, 'ben');
      assert.deepEqual(Object.keys(annaChannel.members.members as Record<string, unknown>), ['anna']);
    });

    test('client-typing from one participant reaches the other and not itself', async () => {
      const annaClient = await stack.pusher(tokens.anna);
      const benClient = await stack.pusher(tokens.ben);
      const annaSide = await subscribe(annaClient, conversation.channel);
      const benSide = await subscribe(benClient, conversation.channel);
      assert.ok(annaSide.ok && benSide.ok);
      const echoes: unknown[] = [];
      annaSide.channel.bind('client-typing', (data: unknown) => echoes.push(data));

      const heard = nextEvent<TypingSignal>(benSide.channel, 'client-typing');
      const signal: TypingSignal = { staff_id: 'anna', name: 'Anna Kovács', typing: true };
      assert.equal(annaSide.channel.trigger('client-typing', signal), true);
      assert.deepEqual(await heard, signal);

      // Ben's answer reaches Anna after anything her own event could have echoed.
      const answer = nextEvent<TypingSignal>(annaSide.channel, 'client-typing');
      benSide.channel.trigger('client-typing', { staff_id: 'ben', name: 'Ben Okafor', typing: true });
      assert.equal((await answer).staff_id, 'ben');
      assert.deepEqual(
        echoes.map((e) => (e as TypingSignal).staff_id),
        ['ben'],
        'Anna never hears her own typing',
      );
    });

    test("forged presence data and another hotel's presence channel are refused", async () => {
      const config = (await (await fetch(`${stack.api}/staff_chat/config`)).json()) as ChatConfig;
      // A client that takes the server's signature for itself and swaps in someone else's member data.
      const forger = new Pusher(config.pusher.key, {
        ...config.pusher.options,
        channelAuthorization: {
          endpoint: '',
          transport: 'ajax',
          customHandler: ({ socketId, channelName }, callback) => {
            stack
              .call<{ auth: string; channel_data: string }>(tokens.anna, 'POST', '/staff_chat/pusher/auth', {
                socket_id: socketId,
                channel_name: channelName,
              })
              .then(({ body }) =>
                callback(null, { auth: body.auth, channel_data: JSON.stringify({ user_id: 'ben', user_info: { name: 'Ben Okafor' } }) }),
              )
              .catch((error: Error) => callback(error, null));
          },
        },
      });
      try {
        await new Promise<void>((resolve) => forger.connection.bind('connected', () => resolve()));
        const forged = await subscribe(forger, me.presence_channel);
        assert.equal(forged.ok, false, 'the hub checks the signature over channel_data');
        assert.equal((forged as { error: { status: number } }).error.status, 401);
      } finally {
        forger.disconnect();
      }

      // Asking the server to sign another user's data is refused before anything is signed.
      const socketId = '123.456';
      const asBen = await stack.call(tokens.anna, 'POST', '/staff_chat/pusher/auth', {
        socket_id: socketId,
        channel_name: me.presence_channel,
        channel_data: JSON.stringify({ user_id: 'ben' }),
      });
      assert.equal(asBen.status, 403);

      const olga = await stack.pusher(tokens.olga);
      const foreign = await subscribe(olga, me.presence_channel);
      assert.equal(foreign.ok, false, 'staff of another hotel cannot join');
    });
  });
