/**
 * The subscribe/unsubscribe budget (issue "Safe to run in production": one staff member looping
 * subscribe/unsubscribe on a presence channel sent ~2 million member frames and stalled everyone).
 * 10 frames a second with a burst of 20: past it a subscribe gets `subscription_error` 4301; a socket
 * that keeps going is closed with 4100. With the presence leave delay, the loop's member never even
 * looks gone to the others.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { PresenceChannel } from 'pusher-js';
import {
  APP,
  decoded,
  nextEvent,
  startHub,
  subscribed,
  until,
  type RawFrame,
  type RawSocket,
  type TestHub,
} from '../testing/hub-harness.js';

describe('hub subscribe rate limit', { timeout: 15_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub({ limits: { subscribeFramesPerSecond: 10 } });
  });
  after(() => t.close());

  const socketId = async (socket: RawSocket) =>
    (decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string }).socket_id;

  it('answers a subscribe past the burst with subscription_error 4301 and keeps the socket', async () => {
    const socket = await t.raw();
    await socketId(socket);
    for (let n = 0; n < 21; n += 1) socket.send({ event: 'pusher:subscribe', data: { channel: `burst-${n}` } });
    const answers: RawFrame[] = [];
    for (let n = 0; n < 21; n += 1) answers.push(await socket.next());
    assert.deepEqual(
      answers.slice(0, 20).map((frame) => frame.event),
      Array<string>(20).fill('pusher_internal:subscription_succeeded'),
    );
    assert.deepEqual(answers[20], {
      event: 'pusher:subscription_error',
      channel: 'burst-20',
      data: { type: 'LimitReached', error: 'More than 10 subscribe and unsubscribe frames a second.', status: 4301 },
    });
    // Still open, and the budget refills: a tenth of a second buys one more subscribe.
    socket.send({ event: 'pusher:ping' });
    assert.equal((await socket.next()).event, 'pusher:pong');
    const refilledAt = Date.now() + 150;
    await until(() => Date.now() >= refilledAt, 'the bucket to refill');
    socket.send({ event: 'pusher:subscribe', data: { channel: 'burst-late' } });
    assert.equal((await socket.next()).event, 'pusher_internal:subscription_succeeded');
  });

  it('still carries out an unsubscribe past the budget, so the client and the hub agree', async () => {
    const socket = await t.raw();
    await socketId(socket);
    socket.send({ event: 'pusher:subscribe', data: { channel: 'kept-then-left' } });
    for (let n = 0; n < 19; n += 1) socket.send({ event: 'pusher:subscribe', data: { channel: `filler-${n}` } });
    for (let n = 0; n < 20; n += 1) await socket.nextOf('pusher_internal:subscription_succeeded');
    socket.send({ event: 'pusher:unsubscribe', data: { channel: 'kept-then-left' } });
    socket.send({ event: 'pusher:ping' });
    await socket.nextOf('pusher:pong');
    const users = (await t.sdk
      .get({ path: '/channels/kept-then-left', params: { info: 'subscription_count' } })
      .then((r) => r.json())) as unknown;
    assert.deepEqual(users, { occupied: false, subscription_count: 0 });
  });

  it('closes a presence subscribe/unsubscribe flood with 4100, while a colleague on the same hub keeps receiving promptly', async (context) => {
    const channel = 'presence-flood';
    const colleague = await t.client({ presence: { user_id: 'colleague' } });
    const presence = (await subscribed(colleague, channel)) as PresenceChannel;
    // Ten more sockets in the channel: before the limit, each got every member frame of the loop.
    const bystanders = await Promise.all(Array.from({ length: 10 }, (_, n) => presenceSocket(channel, `bystander-${n}`)));
    const attacker = await t.raw();
    const id = await socketId(attacker);
    const memberFrames: string[] = [];
    presence.bind('pusher:member_added', () => memberFrames.push('added'));
    presence.bind('pusher:member_removed', () => memberFrames.push('removed'));
    const bystanderFrames = bystanders.map(() => 0);
    bystanders.forEach((socket, n) => socket.ws.on('message', () => (bystanderFrames[n] = (bystanderFrames[n] ?? 0) + 1)));
    const channelData = JSON.stringify({ user_id: 'looper' });
    const auth = signPresence(id, channel, channelData);
    const started = Date.now();
    for (let n = 0; n < 5000; n += 1) {
      attacker.send({ event: 'pusher:subscribe', data: { channel, auth, channel_data: channelData } });
      attacker.send({ event: 'pusher:unsubscribe', data: { channel } });
    }
    // Published while the flood is arriving, the way the server publishes a new message (in-process;
    // an HTTP trigger would mostly measure this test process pushing out its own 10 000 frames). The
    // clock starts after the sending loop, which shares the process.
    const triggeredAt = Date.now();
    const delivered = nextEvent<{ n: number }>(presence, 'during-flood');
    t.hub.triggerBatch([{ channel, name: 'during-flood', data: JSON.stringify({ n: 1 }) }]);
    assert.deepEqual((await delivered).data, { n: 1 });
    const latency = Date.now() - triggeredAt;
    assert.ok(latency < 250, `the colleague waited ${latency} ms for an event sent during the flood`);

    const closed = await attacker.closed;
    const closedAfter = Date.now() - started;
    assert.equal(closed.code, 4100);
    assert.equal(closed.reason, 'Too many subscribe and unsubscribe frames; reconnect later.');
    context.diagnostic(
      `the colleague's event sent during the flood arrived after ${latency} ms; the flooder was gone ${closedAfter} ms after it began`,
    );
    assert.ok(Date.now() - started < 3000, 'the flood was dealt with in well under the 3 s leave delay');
    // The looper joined once (member_added) and, thanks to the leave delay, was never seen leaving yet.
    assert.deepEqual(memberFrames, ['added']);
    assert.ok(
      bystanderFrames.every((count) => count <= 3),
      `bystanders got ${bystanderFrames.join(',')} frames`,
    );
  });

  /** A raw socket subscribed to a presence channel as `userId`. */
  async function presenceSocket(channel: string, userId: string): Promise<RawSocket> {
    const socket = await t.raw();
    const id = await socketId(socket);
    const channelData = JSON.stringify({ user_id: userId });
    socket.send({ event: 'pusher:subscribe', data: { channel, auth: signPresence(id, channel, channelData), channel_data: channelData } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    return socket;
  }
});

function signPresence(socketId: string, channel: string, channelData: string): string {
  return `${APP.key}:${createHmac('sha256', APP.secret).update(`${socketId}:${channel}:${channelData}`).digest('hex')}`;
}
