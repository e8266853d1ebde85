/**
 * The in-process trigger the server uses with its embedded hub: events reach pusher-js exactly as
 * through the HTTP API (sender's socket excluded), and a batch with one refused event publishes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startHub, type TestHub } from '../testing/hub-harness.js';

describe('hub.triggerBatch (in-process, for the embedding server)', () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(async () => {
    await t.close();
  });

  test('delivers each event to its channel, skipping the excluded socket', async () => {
    const [alice, bob] = await Promise.all([t.client(), t.client()]);
    const received: string[] = [];
    for (const [name, client] of [
      ['alice', alice],
      ['bob', bob],
    ] as const) {
      const channel = client.subscribe('private-room');
      await new Promise<void>((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve()));
      channel.bind('said', (data: { text: string }) => received.push(`${name}:${data.text}`));
    }
    t.hub.triggerBatch([
      { channel: 'private-room', name: 'said', data: JSON.stringify({ text: 'one' }), socket_id: alice.connection.socket_id },
      { channel: 'private-room', name: 'said', data: JSON.stringify({ text: 'two' }) },
    ]);
    const deadline = Date.now() + 5000;
    while (received.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.deepEqual(received.sort(), ['alice:two', 'bob:one', 'bob:two']);
  });

  test('refuses a whole batch with a bad channel, oversized data or more than 10 events, publishing nothing', async () => {
    const client = await t.client();
    const channel = client.subscribe('public-feed');
    await new Promise<void>((resolve) => channel.bind('pusher:subscription_succeeded', () => resolve()));
    let count = 0;
    channel.bind('tick', () => (count += 1));
    const ok = { channel: 'public-feed', name: 'tick', data: '{}' };
    assert.throws(() => t.hub.triggerBatch([ok, { ...ok, channel: 'bad channel!' }]), /Invalid channel name/);
    assert.throws(() => t.hub.triggerBatch([ok, { ...ok, data: 'x'.repeat(10 * 1024 + 1) }]), /over 10 KB/);
    assert.throws(() => t.hub.triggerBatch(Array.from({ length: 11 }, () => ok)), /at most 10/);
    // One socket receives in order: anything a refused batch had published would arrive before this one.
    let last = '';
    channel.bind('last', () => (last = 'arrived'));
    t.hub.triggerBatch([{ ...ok, name: 'last' }]);
    const deadline = Date.now() + 5000;
    while (!last && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(last, 'arrived');
    assert.equal(count, 0);
  });
});
