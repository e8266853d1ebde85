/**
 * Checklist item 16 (pusher-protocol.md §8, soketi's leak tests): whatever way a socket goes, the hub
 * forgets it, its channels, its presence memberships and its signed-in user. Sudden closes (TCP gone,
 * no closing handshake) are the case that matters. The connection caps' slots go back too.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { PresenceChannel } from 'pusher-js';
import { decoded, nextEvent, signedIn, startHub, subscribed, until, type RawSocket, type TestHub } from '../testing/hub-harness.js';

const EMPTY = { sockets: 0, channels: 0, presenceMembers: 0, users: 0, admitted: 0, addresses: 0 };

describe('hub leaves no state behind', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    // A short presence leave delay: the departure is still announced through its timer, just sooner.
    t = await startHub({ limits: { memberLeaveDelayMs: 50 } });
  });
  after(() => t.close());

  /** A raw socket signed in as `userId`, in a public, a private and a presence channel. */
  async function busySocket(userId: string): Promise<RawSocket> {
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    socket.send({ event: 'pusher:signin', data: t.sdk.authenticateUser(socket_id, { id: userId }) });
    await socket.nextOf('pusher:signin_success');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: `#server-to-user-${userId}` } });
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'leak-public' } });
    socket.send({ event: 'pusher:subscribe', data: { ...t.sdk.authorizeChannel(socket_id, 'private-leak'), channel: 'private-leak' } });
    const presence = t.sdk.authorizeChannel(socket_id, 'presence-leak', { user_id: userId });
    socket.send({ event: 'pusher:subscribe', data: { ...presence, channel: 'presence-leak' } });
    for (let n = 0; n < 4; n += 1) await socket.nextOf('pusher_internal:subscription_succeeded');
    return socket;
  }

  it('forgets sockets, channels, members and users after sudden closes', async () => {
    const sockets = await Promise.all(['a', 'b', 'b', 'c'].map(busySocket));
    assert.deepEqual(t.hub.stats(), { sockets: 4, channels: 6, presenceMembers: 3, users: 3, admitted: 4, addresses: 1 });
    for (const socket of sockets) socket.ws.terminate();
    await until(() => t.hub.stats().sockets === 0, 'the hub to notice the dropped sockets');
    assert.deepEqual(t.hub.stats(), EMPTY);
    const listed = (await t.sdk.get({ path: '/channels' }).then((r) => r.json())) as unknown;
    assert.deepEqual(listed, { channels: {} });
  });

  it("tells the remaining members when a member's socket drops suddenly", async () => {
    const watcher = await t.client({ presence: { user_id: 'watcher' } });
    const channel = (await subscribed(watcher, 'presence-leak')) as PresenceChannel;
    const added = nextEvent<{ id: string }>(channel, 'pusher:member_added');
    const removed = nextEvent<{ id: string }>(channel, 'pusher:member_removed');
    const dropped = await busySocket('dropper');
    assert.equal((await added).data.id, 'dropper');
    assert.equal(channel.members.count, 2);
    dropped.ws.terminate();
    assert.equal((await removed).data.id, 'dropper');
    assert.equal(channel.members.count, 1);
    watcher.disconnect();
    await until(() => t.hub.stats().sockets === 0, 'the watcher to go');
    assert.deepEqual(t.hub.stats(), EMPTY);
  });

  it('forgets pusher-js clients that disconnect cleanly, signed in or not', async () => {
    const plain = await t.client();
    await subscribed(plain, 'leak-clean');
    const member = await t.client({ presence: { user_id: 'm' }, user: { id: 'm' } });
    await signedIn(member);
    await subscribed(member, 'presence-clean');
    assert.deepEqual(t.hub.stats(), { sockets: 2, channels: 3, presenceMembers: 1, users: 1, admitted: 2, addresses: 1 });
    plain.disconnect();
    member.disconnect();
    await until(() => t.hub.stats().sockets === 0, 'both clients to go');
    assert.deepEqual(t.hub.stats(), EMPTY);
  });

  it('forgets sockets refused at the handshake and sockets closed mid-frame', async () => {
    const refused = await t.raw('/app/not-the-key?protocol=7');
    assert.equal((await refused.closed).code, 4001);
    const socket = await busySocket('midframe');
    // Half a frame, then the TCP connection is gone.
    const raw = (socket.ws as unknown as { _socket: import('node:net').Socket })._socket;
    raw.write(Buffer.from([0x81, 0xfe, 0x01]));
    raw.destroy();
    await until(() => t.hub.stats().sockets === 0, 'the hub to drop the broken socket');
    assert.deepEqual(t.hub.stats(), EMPTY);
  });
});
