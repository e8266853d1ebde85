import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { PresenceChannel } from 'pusher-js';
import {
  APP,
  decoded,
  nextEvent,
  nothingWithin,
  startHub,
  subscribed,
  until,
  type RawFrame,
  type TestHub,
} from '../testing/hub-harness.js';

type Member = { id: string; info: unknown };

describe('hub presence channels', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    // member_removed waits this long for a comeback (the next suite tests the window itself).
    t = await startHub({ limits: { memberLeaveDelayMs: 100 } });
  });
  after(() => t.close());

  const join = async (channelName: string, userId: string, name: string) => {
    const client = await t.client({ presence: { user_id: userId, user_info: { name } } });
    const channel = (await subscribed(client, channelName)) as PresenceChannel;
    return { client, channel };
  };

  it('sends ids, hash and count in subscription_succeeded', async () => {
    await join('presence-wire', '7', 'Ann');
    const socket = await t.raw();
    const established = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    const channelData = JSON.stringify({ user_id: '9', user_info: { name: 'Bob' } });
    const { auth } = t.sdk.authorizeChannel(established.socket_id, 'presence-wire', { user_id: '9', user_info: { name: 'Bob' } });
    socket.send({ event: 'pusher:subscribe', data: { auth, channel_data: channelData, channel: 'presence-wire' } });
    const frame = await socket.nextOf('pusher_internal:subscription_succeeded');
    assert.equal(typeof frame.data, 'string');
    assert.deepEqual(decoded(frame), {
      presence: { ids: ['7', '9'], hash: { '7': { name: 'Ann' }, '9': { name: 'Bob' } }, count: 2 },
    });
  });

  it('gives pusher-js its members and "me", and tells only the others about a new member', async () => {
    const ann = await join('presence-team', '1', 'Ann');
    const added = nextEvent<Member>(ann.channel, 'pusher:member_added');
    const bob = await join('presence-team', '2', 'Bob');
    assert.deepEqual((await added).data, { id: '2', info: { name: 'Bob' } });
    assert.equal(bob.channel.members.count, 2);
    assert.deepEqual(bob.channel.members.me, { id: '2', info: { name: 'Bob' } });
    // Bob's own join is in his subscription_succeeded, never a member_added to himself.
    const bobAdded: Member[] = [];
    bob.channel.bind('pusher:member_added', (member: Member) => bobAdded.push(member));
    const carolAdded = nextEvent<Member>(bob.channel, 'pusher:member_added');
    await join('presence-team', '3', 'Carol');
    assert.deepEqual((await carolAdded).data.id, '3');
    assert.deepEqual(
      bobAdded.map((member) => member.id),
      ['3'],
    );
  });

  it('counts one member per user across sockets and removes it after the last socket leaves', async () => {
    const watcher = await join('presence-multi', 'w', 'Watcher');
    const addedIds: string[] = [];
    const removedIds: string[] = [];
    watcher.channel.bind('pusher:member_added', (member: Member) => addedIds.push(member.id));
    watcher.channel.bind('pusher:member_removed', (member: Member) => removedIds.push(member.id));

    const first = await join('presence-multi', 'u', 'Twice');
    const second = await join('presence-multi', 'u', 'Twice');
    const users = (await t.sdk.get({ path: '/channels/presence-multi/users' }).then((r) => r.json())) as { users: unknown };
    assert.deepEqual(users, { users: [{ id: 'w' }, { id: 'u' }] });

    first.client.unsubscribe('presence-multi');
    const removed = nextEvent<Member>(watcher.channel, 'pusher:member_removed');
    second.client.disconnect();
    assert.equal((await removed).data.id, 'u');
    assert.deepEqual(addedIds, ['u']);
    assert.deepEqual(removedIds, ['u']);
  });

  it('reports user_count, filters by prefix, and refuses user_count without a presence- prefix', async () => {
    await join('presence-count', 'a', 'A');
    await join('presence-count', 'a', 'A');
    await join('presence-count', 'b', 'B');
    const listed = (await t.sdk
      .get({ path: '/channels', params: { filter_by_prefix: 'presence-count', info: 'user_count' } })
      .then((r) => r.json())) as unknown;
    assert.deepEqual(listed, { channels: { 'presence-count': { user_count: 2 } } });

    const one = (await t.sdk
      .get({ path: '/channels/presence-count', params: { info: 'user_count,subscription_count' } })
      .then((r) => r.json())) as unknown;
    assert.deepEqual(one, { occupied: true, subscription_count: 3, user_count: 2 });
    const bare = (await t.sdk.get({ path: '/channels/presence-count' }).then((r) => r.json())) as unknown;
    assert.deepEqual(bare, { occupied: true });

    await assert.rejects(t.sdk.get({ path: '/channels', params: { info: 'user_count' } }), { status: 400 });
    await assert.rejects(t.sdk.get({ path: '/channels/public-x', params: { info: 'user_count' } }), { status: 400 });
    await assert.rejects(t.sdk.get({ path: '/channels/public-x/users' }), { status: 400 });
  });

  it('lists occupied channels, without info by default', async () => {
    const client = await t.client();
    await subscribed(client, 'listed-one');
    const listed = (await t.sdk.get({ path: '/channels', params: { filter_by_prefix: 'listed-' } }).then((r) => r.json())) as unknown;
    assert.deepEqual(listed, { channels: { 'listed-one': {} } });
  });

  it('refuses presence data that was not signed or has no user_id', async () => {
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    const signed = t.sdk.authorizeChannel(socket_id, 'presence-x', { user_id: '1' });
    socket.send({
      event: 'pusher:subscribe',
      data: { auth: signed.auth, channel_data: '{"user_id":"2"}', channel: 'presence-x' },
    });
    const forged = await socket.next();
    assert.equal(forged.event, 'pusher:subscription_error');
    assert.equal((forged.data as { status: number }).status, 401);

    const noUser = '{"user_info":{}}';
    const { auth } = t.sdk.authorizeChannel(socket_id, 'presence-x');
    socket.send({ event: 'pusher:subscribe', data: { auth, channel: 'presence-x' } });
    assert.equal((await socket.next()).event, 'pusher:subscription_error');
    const withData = signPresence(socket_id, 'presence-x', noUser);
    socket.send({ event: 'pusher:subscribe', data: { auth: withData, channel_data: noUser, channel: 'presence-x' } });
    const invalid = await socket.next();
    assert.equal(invalid.event, 'pusher:subscription_error');
    assert.equal((invalid.data as { status: number }).status, 400);
  });

  /** A raw socket's subscribe to a presence channel; resolves with the hub's answer to it. */
  async function rawPresenceJoin(channel: string, channelData: string): Promise<RawFrame> {
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    socket.send({
      event: 'pusher:subscribe',
      data: { auth: signPresence(socket_id, channel, channelData), channel_data: channelData, channel },
    });
    return socket.next();
  }

  it('refuses a 101st member with LimitReached 4100, but lets a member add another socket', async () => {
    const joins = await Promise.all(
      Array.from({ length: 100 }, (_, n) => rawPresenceJoin('presence-full', JSON.stringify({ user_id: `u${n}` }))),
    );
    assert.ok(joins.every((frame) => frame.event === 'pusher_internal:subscription_succeeded'));
    const refused = await rawPresenceJoin('presence-full', '{"user_id":"u100"}');
    assert.equal(refused.event, 'pusher:subscription_error');
    assert.deepEqual(refused.data, { type: 'LimitReached', error: 'Presence channels hold at most 100 members.', status: 4100 });
    const sameUser = await rawPresenceJoin('presence-full', '{"user_id":"u7"}');
    assert.equal(sameUser.event, 'pusher_internal:subscription_succeeded');
    assert.equal((decoded(sameUser) as { presence: { count: number } }).presence.count, 100);
  });

  it('refuses a user object over 1 KB and a user id over 128 characters with LimitReached 4301', async () => {
    const big = await rawPresenceJoin('presence-sizes', JSON.stringify({ user_id: 'big', user_info: { bio: 'x'.repeat(1000) } }));
    assert.equal(big.event, 'pusher:subscription_error');
    assert.deepEqual([(big.data as { type: string }).type, (big.data as { status: number }).status], ['LimitReached', 4301]);
    const longId = await rawPresenceJoin('presence-sizes', JSON.stringify({ user_id: 'i'.repeat(129) }));
    assert.equal((longId.data as { status: number }).status, 4301);
    const justFits = await rawPresenceJoin(
      'presence-sizes',
      JSON.stringify({ user_id: 'i'.repeat(128), user_info: { bio: 'x'.repeat(800) } }),
    );
    assert.equal(justFits.event, 'pusher_internal:subscription_succeeded');
  });
});

describe('hub presence leave delay', { timeout: 10_000 }, () => {
  const WINDOW_MS = 400;
  let t: TestHub;
  before(async () => {
    t = await startHub({ limits: { memberLeaveDelayMs: WINDOW_MS } });
  });
  after(() => t.close());

  const watch = async (channelName: string) => {
    const watcher = await t.client({ presence: { user_id: 'watcher' } });
    const channel = (await subscribed(watcher, channelName)) as PresenceChannel;
    const frames: string[] = [];
    channel.bind('pusher:member_added', (member: Member) => frames.push(`added ${member.id}`));
    channel.bind('pusher:member_removed', (member: Member) => frames.push(`removed ${member.id}`));
    return { channel, frames };
  };

  it('tells the others nothing when a member leaves and comes back within the window', async () => {
    const { channel, frames } = await watch('presence-flap');
    const flapper = await t.client({ presence: { user_id: 'flapper', user_info: { name: 'Flo' } } });
    const added = nextEvent<Member>(channel, 'pusher:member_added');
    await subscribed(flapper, 'presence-flap');
    await added;
    for (let n = 0; n < 3; n += 1) {
      flapper.unsubscribe('presence-flap');
      await subscribed(flapper, 'presence-flap');
    }
    // A member that really went would be announced after WINDOW_MS; twice that passes in silence.
    assert.equal(await nothingWithin(nextEvent(channel, 'pusher:member_removed'), WINDOW_MS * 2), 'nothing');
    assert.deepEqual(frames, ['added flapper']);
    assert.equal(channel.members.count, 2);
  });

  it('announces a real leave once, after the window, and lists the member until then', async () => {
    const { channel, frames } = await watch('presence-gone');
    const leaver = await t.client({ presence: { user_id: 'leaver' } });
    await subscribed(leaver, 'presence-gone');
    const removed = nextEvent<Member>(channel, 'pusher:member_removed');
    const leftAt = Date.now();
    leaver.disconnect();
    const users = () => t.sdk.get({ path: '/channels/presence-gone/users' }).then((r) => r.json()) as Promise<unknown>;
    assert.deepEqual(await users(), { users: [{ id: 'watcher' }, { id: 'leaver' }] });
    assert.equal((await removed).data.id, 'leaver');
    const waited = Date.now() - leftAt;
    assert.ok(waited >= WINDOW_MS - 20, `member_removed came after ${waited} ms, before the ${WINDOW_MS} ms window`);
    assert.deepEqual(await users(), { users: [{ id: 'watcher' }] });
    assert.deepEqual(
      frames.filter((frame) => frame.endsWith('leaver')),
      ['added leaver', 'removed leaver'],
    );
    assert.equal(channel.members.count, 1);
  });

  it('drops a leaving member with its channel once nobody is left in it', async () => {
    const alone = await t.client({ presence: { user_id: 'alone' } });
    await subscribed(alone, 'presence-empty');
    const stayer = await t.client({ presence: { user_id: 'stayer' } });
    await subscribed(stayer, 'presence-empty');
    alone.unsubscribe('presence-empty');
    stayer.unsubscribe('presence-empty');
    const occupied = async () =>
      ((await t.sdk.get({ path: '/channels/presence-empty' }).then((r) => r.json())) as { occupied: boolean }).occupied;
    await until(async () => !(await occupied()), 'the channel to be vacated');
    // Within the window, yet a newcomer sees an empty channel: nobody was left to tell anyway.
    const newcomer = await t.client({ presence: { user_id: 'newcomer' } });
    const channel = (await subscribed(newcomer, 'presence-empty')) as PresenceChannel;
    assert.equal(channel.members.count, 1);
    assert.deepEqual(Object.keys((channel.members as unknown as { members: object }).members), ['newcomer']);
  });
});

/** Signs arbitrary channel_data by hand; the SDK refuses data without a user_id. */
function signPresence(socketId: string, channel: string, channelData: string): string {
  return `${APP.key}:${createHmac('sha256', APP.secret).update(`${socketId}:${channel}:${channelData}`).digest('hex')}`;
}
