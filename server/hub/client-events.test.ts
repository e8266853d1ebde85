import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Pusher from 'pusher-js';
import { decoded, nextEvent, nothingWithin, startHub, subscribed, type RawSocket, type TestHub } from '../testing/hub-harness.js';

describe('hub client events', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(() => t.close());

  /** A raw socket subscribed to a private channel. */
  async function rawSubscribed(channel: string): Promise<RawSocket> {
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    const { auth } = t.sdk.authorizeChannel(socket_id, channel);
    socket.send({ event: 'pusher:subscribe', data: { auth, channel } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    return socket;
  }

  it('relays a client event to the others and never echoes it to the sender', async () => {
    const ann = await t.client();
    const bob = await t.client();
    const annChannel = await subscribed(ann, 'private-typing');
    const bobChannel = await subscribed(bob, 'private-typing');
    const echoed = nextEvent(annChannel, 'client-typing');
    const received = nextEvent(bobChannel, 'client-typing');
    assert.equal(annChannel.trigger('client-typing', { typing: true }), true);
    assert.deepEqual((await received).data, { typing: true });
    assert.equal(await nothingWithin(echoed, 200), 'nothing');
  });

  it('adds the sender user_id on presence channels', async () => {
    const join = async (id: string): Promise<Pusher> => t.client({ presence: { user_id: id } });
    const ann = await join('ann');
    const bob = await join('bob');
    const annChannel = await subscribed(ann, 'presence-chat');
    const bobChannel = await subscribed(bob, 'presence-chat');
    const received = nextEvent(bobChannel, 'client-hello');
    annChannel.trigger('client-hello', { hi: 1 });
    const { data, metadata } = await received;
    assert.deepEqual(data, { hi: 1 });
    assert.deepEqual(metadata, { user_id: 'ann' });
  });

  it('rejects client events on public channels and from unsubscribed sockets with 4301', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'public-room' } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    socket.send({ event: 'client-x', channel: 'public-room', data: {} });
    const onPublic = await socket.next();
    assert.equal(onPublic.event, 'pusher:error');
    assert.equal((onPublic.data as { code: number }).code, 4301);

    socket.send({ event: 'client-x', channel: 'private-not-mine', data: {} });
    assert.equal(((await socket.next()).data as { code: number }).code, 4301);

    socket.send({ event: 'client-x', channel: 'private-encrypted-x', data: {} });
    assert.equal(((await socket.next()).data as { code: number }).code, 4301);
  });

  it('rate limits client events to 10 per second per connection with 4301', async () => {
    const sender = await rawSubscribed('private-burst');
    const receiver = await rawSubscribed('private-burst');
    for (let n = 0; n < 11; n += 1) sender.send({ event: 'client-n', channel: 'private-burst', data: { n } });
    const refused = await sender.next();
    assert.equal(refused.event, 'pusher:error');
    assert.equal((refused.data as { code: number }).code, 4301);
    for (let n = 0; n < 10; n += 1) assert.deepEqual((await receiver.next()).data, { n });
  });

  it('rejects client event data over 10 KB', async () => {
    const sender = await rawSubscribed('private-big');
    sender.send({ event: 'client-big', channel: 'private-big', data: 'x'.repeat(11 * 1024) });
    assert.equal(((await sender.next()).data as { code: number }).code, 4301);
  });
});
