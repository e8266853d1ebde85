import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextEvent, nothingWithin, startHub, subscribed, type TestHub } from '../testing/hub-harness.js';

describe('hub subscriptions', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(() => t.close());

  it('subscribes pusher-js to a public channel and delivers a trigger, decoding the double-encoded data', async () => {
    const client = await t.client();
    const channel = await subscribed(client, 'lobby');
    const received = nextEvent(channel, 'greeting');
    await t.sdk.trigger('lobby', 'greeting', { text: 'hello <b>' });
    assert.deepEqual((await received).data, { text: 'hello <b>' });
  });

  it('sends channel event data as a JSON string on the wire', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'wire' } });
    const succeeded = await socket.next();
    assert.deepEqual(succeeded, { event: 'pusher_internal:subscription_succeeded', channel: 'wire', data: '{}' });
    await t.sdk.trigger('wire', 'thing', { n: 1 });
    assert.deepEqual(await socket.next(), { event: 'thing', channel: 'wire', data: '{"n":1}' });
  });

  it('subscribes to a private channel with a valid signature', async () => {
    const client = await t.client();
    const channel = await subscribed(client, 'private-conv-7');
    const received = nextEvent(channel, 'message');
    await t.sdk.trigger('private-conv-7', 'message', { id: 1 });
    assert.deepEqual((await received).data, { id: 1 });
  });

  it('refuses a bad signature with a channel-scoped subscription_error and keeps the connection open', async () => {
    const client = await t.client({ secret: 'not-the-secret' });
    const channel = client.subscribe('private-secret');
    const { data } = await nextEvent<{ type: string; status: number; error: string }>(channel, 'pusher:subscription_error');
    assert.equal(data.type, 'AuthError');
    assert.equal(data.status, 401);
    assert.equal(client.connection.state, 'connected');
    await subscribed(client, 'still-works');
  });

  it('refuses invalid channel names and signatures made for another socket', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'bad channel!' } });
    const invalid = await socket.next();
    assert.equal(invalid.event, 'pusher:subscription_error');
    assert.equal(invalid.channel, 'bad channel!');
    assert.deepEqual((invalid.data as { status: number }).status, 400);

    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'x'.repeat(201) } });
    assert.equal((await socket.next()).event, 'pusher:subscription_error');

    const { auth } = t.sdk.authorizeChannel('1.1', 'private-other');
    socket.send({ event: 'pusher:subscribe', data: { auth, channel: 'private-other' } });
    const refused = await socket.next();
    assert.equal(refused.event, 'pusher:subscription_error');
    assert.equal((refused.data as { type: string }).type, 'AuthError');
  });

  it('delivers nothing after unsubscribe, and unsubscribing twice is harmless', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'gone' } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    socket.send({ event: 'pusher:unsubscribe', data: { channel: 'gone' } });
    socket.send({ event: 'pusher:unsubscribe', data: { channel: 'gone' } });
    socket.send({ event: 'pusher:ping', data: {} });
    // The pong proves the unsubscribes were processed and answered with nothing.
    assert.equal((await socket.next()).event, 'pusher:pong');
    const info = (await t.sdk.get({ path: '/channels/gone' }).then((r) => r.json())) as { occupied: boolean };
    assert.equal(info.occupied, false);
    await t.sdk.trigger('gone', 'late', {});
    socket.send({ event: 'pusher:ping', data: {} });
    assert.equal((await socket.next()).event, 'pusher:pong', 'the event never arrived');
  });

  it('runs pusher-js sequences: sub-unsub-sub ends subscribed, sub-unsub receives nothing', async () => {
    const client = await t.client();
    client.subscribe('seq-a');
    client.unsubscribe('seq-a');
    const channel = client.subscribe('seq-a');
    await nextEvent(channel, 'pusher:subscription_succeeded');
    const received = nextEvent(channel, 'ping');
    await t.sdk.trigger('seq-a', 'ping', { ok: true });
    assert.deepEqual((await received).data, { ok: true });

    const other = await subscribed(client, 'seq-b');
    const late = nextEvent(other, 'late');
    client.unsubscribe('seq-b');
    await waitUnoccupied(t, 'seq-b');
    await t.sdk.trigger('seq-b', 'late', {});
    // A delivery would arrive well within this on loopback.
    assert.equal(await nothingWithin(late, 200), 'nothing');
  });

  it('runs pusher-js sequences: sub-sub = sub and sub-wait-sub = sub (one membership, one delivery)', async () => {
    const client = await t.client();
    client.subscribe('seq-twice');
    const channel = client.subscribe('seq-twice');
    await nextEvent(channel, 'pusher:subscription_succeeded');
    client.subscribe('seq-twice');
    const deliveries: unknown[] = [];
    channel.bind('n', (data: unknown) => deliveries.push(data));
    const response = await t.sdk.trigger('seq-twice', 'n', { n: 1 }, { info: 'subscription_count' });
    assert.deepEqual(await response.json(), { channels: { 'seq-twice': { subscription_count: 1 } } });
    const last = nextEvent(channel, 'last');
    await t.sdk.trigger('seq-twice', 'last', {});
    await last;
    assert.deepEqual(deliveries, [{ n: 1 }]);
  });

  it('runs pusher-js sequences: sub-unsub = NOP, sub-wait-unsub = NOP, sub-unsub-unsub = NOP, sub-unsub-wait-sub = sub', async () => {
    const client = await t.client();
    client.subscribe('seq-nop');
    client.unsubscribe('seq-nop');
    await subscribed(client, 'seq-nop-waited');
    client.unsubscribe('seq-nop-waited');
    client.subscribe('seq-nop-twice');
    client.unsubscribe('seq-nop-twice');
    client.unsubscribe('seq-nop-twice');
    for (const name of ['seq-nop', 'seq-nop-waited', 'seq-nop-twice']) await waitUnoccupied(t, name);
    assert.equal(client.connection.state, 'connected');

    const channel = client.subscribe('seq-back');
    client.unsubscribe('seq-back');
    await waitUnoccupied(t, 'seq-back');
    const again = client.subscribe('seq-back');
    await nextEvent(again, 'pusher:subscription_succeeded');
    assert.equal(again, channel, 'the cancelled pending subscription was reinstated');
    const received = nextEvent(again, 'hello');
    await t.sdk.trigger('seq-back', 'hello', { back: true });
    assert.deepEqual((await received).data, { back: true });
  });

  it('answers a repeated subscribe again without a second membership', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'twice' } });
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'twice' } });
    assert.equal((await socket.next()).event, 'pusher_internal:subscription_succeeded');
    assert.equal((await socket.next()).event, 'pusher_internal:subscription_succeeded');
    const info = (await t.sdk.get({ path: '/channels/twice', params: { info: 'subscription_count' } }).then((r) => r.json())) as {
      subscription_count: number;
    };
    assert.equal(info.subscription_count, 1);
  });
});

async function waitUnoccupied(t: TestHub, channel: string): Promise<void> {
  for (;;) {
    const info = (await t.sdk.get({ path: `/channels/${channel}` }).then((r) => r.json())) as { occupied: boolean };
    if (!info.occupied) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}
