/**
 * Sockets that never authorize (issue "Safe to run in production": anonymous sockets that never
 * subscribe stayed open). Within the deadline a socket must hold a private, encrypted or presence
 * subscription, or sign in; a public channel needs no signature and does not count. Past it: 4100,
 * so a widget whose auth endpoint was briefly down backs off and tries again rather than giving up.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decoded, nothingWithin, startHub, subscribed, type RawSocket, type TestHub } from '../testing/hub-harness.js';

const DEADLINE_MS = 300;

describe('hub authorization deadline', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub({ limits: { authorizeWithinMs: DEADLINE_MS } });
  });
  after(() => t.close());

  const connected = async (): Promise<{ socket: RawSocket; socketId: string; openedAt: number }> => {
    const openedAt = Date.now();
    const socket = await t.raw();
    const { socket_id: socketId } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    return { socket, socketId, openedAt };
  };

  it('closes a socket that subscribes to nothing with pusher:error 4100 and close 4100 after the deadline', async () => {
    const { socket, openedAt } = await connected();
    assert.deepEqual(await socket.next(), {
      event: 'pusher:error',
      data: { code: 4100, message: 'No private or presence subscription in time; reconnect later.' },
    });
    assert.equal((await socket.closed).code, 4100);
    const lived = Date.now() - openedAt;
    assert.ok(lived >= DEADLINE_MS - 20 && lived < DEADLINE_MS * 3, `closed after ${lived} ms`);
  });

  it('closes a socket that holds only a public channel', async () => {
    const { socket } = await connected();
    socket.send({ event: 'pusher:subscribe', data: { channel: 'anyone-may-listen' } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    assert.equal((await socket.closed).code, 4100);
  });

  it('keeps a socket with a private subscription, and one that signed in', async () => {
    const privateOne = await connected();
    privateOne.socket.send({
      event: 'pusher:subscribe',
      data: { ...t.sdk.authorizeChannel(privateOne.socketId, 'private-kept'), channel: 'private-kept' },
    });
    await privateOne.socket.nextOf('pusher_internal:subscription_succeeded');
    const signedIn = await connected();
    signedIn.socket.send({ event: 'pusher:signin', data: t.sdk.authenticateUser(signedIn.socketId, { id: 'kept' }) });
    await signedIn.socket.nextOf('pusher:signin_success');
    const closes = Promise.race([privateOne.socket.closed, signedIn.socket.closed]);
    assert.equal(await nothingWithin(closes, DEADLINE_MS * 3), 'nothing');
  });

  it('closes a socket one to two periods after a check saw it drop its last private subscription', async () => {
    const { socket, socketId, openedAt } = await connected();
    socket.send({
      event: 'pusher:subscribe',
      data: { ...t.sdk.authorizeChannel(socketId, 'private-dropped'), channel: 'private-dropped' },
    });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    // Past the first check (at one period), which saw the subscription.
    assert.equal(await nothingWithin(socket.closed, openedAt + DEADLINE_MS * 1.5 - Date.now()), 'nothing');
    socket.send({ event: 'pusher:unsubscribe', data: { channel: 'private-dropped' } });
    const droppedAt = Date.now();
    assert.equal((await socket.closed).code, 4100);
    const waited = Date.now() - droppedAt;
    assert.ok(waited >= DEADLINE_MS - 20 && waited < DEADLINE_MS * 4, `closed ${waited} ms after the unsubscribe`);
  });

  it('keeps pusher-js connected with a private channel; without one it backs off and reconnects', async () => {
    const holder = await t.client();
    await subscribed(holder, 'private-widget');
    const idle = await t.client();
    const firstSocketId = idle.connection.socket_id;
    const states: string[] = [];
    idle.connection.bind('state_change', (change: { current: string }) => states.push(change.current));
    await new Promise<void>((resolve) => {
      idle.connection.bind('connected', () => resolve());
    });
    assert.notEqual(idle.connection.socket_id, firstSocketId);
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.equal(holder.connection.state, 'connected');
    idle.disconnect();
  });
});
