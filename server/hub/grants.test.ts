import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextEvent, startHub, subscribed, type TestHub } from '../testing/hub-harness.js';

/** `Hub.grant` / `Hub.revoke`: a conversation channel's subscriptions of someone who left are dropped. */
describe('hub subscription grants', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(() => t.close());

  it('revoking the one holder drops the subscription; a socket another holder also authorized stays; others are untouched', async () => {
    const leaver = await t.client();
    const shared = await t.client();
    const stayer = await t.client();
    const channels = await Promise.all([leaver, shared, stayer].map((client) => subscribed(client, 'private-room-1')));
    t.hub.grant(leaver.connection.socket_id, 'private-room-1', 'cora');
    t.hub.grant(shared.connection.socket_id, 'private-room-1', 'cora');
    t.hub.grant(shared.connection.socket_id, 'private-room-1', 'ben');
    t.hub.grant(stayer.connection.socket_id, 'private-room-1', 'anna');
    t.hub.grant('999.999', 'private-room-1', 'cora');

    assert.equal(t.hub.revoke('private-room-1', 'cora'), 1, 'only the socket held by cora alone');
    assert.equal(t.hub.revoke('private-room-1', 'cora'), 0, 'a repeat changes nothing');
    assert.equal(t.hub.revoke('private-room-2', 'anna'), 0);

    const heard: string[] = [];
    channels[0]!.bind('note', () => heard.push('leaver'));
    const toShared = nextEvent(channels[1]!, 'note');
    const toStayer = nextEvent(channels[2]!, 'note');
    await t.sdk.trigger('private-room-1', 'note', { n: 1 });
    await Promise.all([toShared, toStayer]);
    // The same socket then hears a later event on another channel: the note would have come before it.
    const other = await subscribed(leaver, 'private-room-3');
    const marker = nextEvent(other, 'marker');
    await t.sdk.trigger('private-room-3', 'marker', {});
    await marker;
    assert.deepEqual(heard, []);
    assert.equal(t.hub.stats().channels, 2, 'room 1 (two sockets) and room 3');
  });
});
