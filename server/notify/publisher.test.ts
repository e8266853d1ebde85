/**
 * The contract every {@link Publisher} keeps, run against both: the `pusher` SDK publishing over
 * Pusher's HTTP API (here the embedded hub's, as it would to soketi or hosted Pusher) and the embedded
 * hub in-process. Each publishes to unmodified pusher-js clients subscribed to a private channel.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import PusherServer from 'pusher';
import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { startHub, subscribed, until, type TestHub } from '../testing/hub-harness.js';
import { hubPublisher } from './hub-publisher.js';
import { MAX_BATCH_EVENTS, PublishError, type PublishEvent, type Publisher } from './publisher.js';
import { sdkPublisher } from './sdk-publisher.js';

const CHANNEL = 'private-hotel-grand.staff-chat.1';

const implementations: [string, (t: TestHub) => Publisher][] = [
  ['the pusher SDK, over the HTTP API', (t) => sdkPublisher(t.sdk)],
  ['the embedded hub, in-process', (t) => hubPublisher(t.hub)],
];

/** Collects the `n` of every `said` event a channel receives, in arrival order. */
function record(channel: Channel): number[] {
  const seen: number[] = [];
  channel.bind('said', (data: { n: number }) => seen.push(data.n));
  return seen;
}

const said = (n: number, extra: Partial<PublishEvent> = {}): PublishEvent => ({
  channel: CHANNEL,
  name: 'said',
  data: JSON.stringify({ n }),
  ...extra,
});

for (const [name, create] of implementations) {
  describe(`Publisher contract: ${name}`, () => {
    let t: TestHub;
    let publisher: Publisher;
    let alice: Pusher;
    let bob: Pusher;
    let aliceSeen: number[];
    let bobSeen: number[];

    before(async () => {
      t = await startHub();
      publisher = create(t);
      [alice, bob] = await Promise.all([t.client(), t.client()]);
      aliceSeen = record(await subscribed(alice, CHANNEL));
      bobSeen = record(await subscribed(bob, CHANNEL));
    });
    after(async () => {
      await t.close();
    });

    const reset = () => {
      aliceSeen.length = 0;
      bobSeen.length = 0;
    };

    test('delivers more than a batch of events to a private channel, split into batches, in order', async () => {
      reset();
      const count = MAX_BATCH_EVENTS * 2 + 5;
      // The engine refuses a batch of more than 10: that all arrive proves they were split.
      await publisher.publish(Array.from({ length: count }, (_, n) => said(n)));
      await until(() => aliceSeen.length === count && bobSeen.length === count, 'every event at both clients');
      const inOrder = Array.from({ length: count }, (_, n) => n);
      assert.deepEqual(aliceSeen, inOrder);
      assert.deepEqual(bobSeen, inOrder);
    });

    test('skips the socket given as socket_id, per event', async () => {
      reset();
      await publisher.publish([said(1, { socket_id: alice.connection.socket_id }), said(2)]);
      await until(() => bobSeen.length === 2 && aliceSeen.length === 1, 'bob both, alice one');
      // One socket receives in order, so had alice been sent 1 it would have come before 2.
      assert.deepEqual(aliceSeen, [2]);
      assert.deepEqual(bobSeen, [1, 2]);
    });

    test('reports a refused event as a PublishError that is not worth retrying, and publishes nothing of its batch', async () => {
      reset();
      const refused = publisher.publish([said(1), said(2, { channel: 'bad channel!' })]);
      await assert.rejects(refused, (error: unknown) => error instanceof PublishError && error.status === 400 && !error.transient);
      await assert.rejects(publisher.publish([said(3, { data: 'x'.repeat(10 * 1024 + 1) })]), PublishError);
      await publisher.publish([said(4)]);
      await until(() => bobSeen.length >= 1, 'the event after the refusals');
      assert.deepEqual(bobSeen, [4], 'the refused batches published nothing');
    });

    test('stops at a refused batch: the batches before it arrive, those after it are not sent', async () => {
      reset();
      const first = Array.from({ length: MAX_BATCH_EVENTS }, (_, n) => said(n));
      const events = [...first, said(100, { channel: 'bad channel!' }), said(101)];
      await assert.rejects(publisher.publish(events), PublishError);
      await publisher.publish([said(200)]);
      await until(() => bobSeen.includes(200), 'the event after the refusal');
      assert.deepEqual(bobSeen, [...first.map((_, n) => n), 200]);
    });
  });
}

describe('Publisher: the pusher SDK with no engine to reach', () => {
  test('rejects with a transient PublishError without a status', async () => {
    const t = await startHub();
    const port = t.port;
    await t.close();
    const sdk = new PusherServer({
      appId: '4242',
      key: 'test-key',
      secret: 'test-secret',
      host: '127.0.0.1',
      port: String(port),
      useTLS: false,
    });
    await assert.rejects(
      sdkPublisher(sdk).publish([said(1)]),
      (error: unknown) => error instanceof PublishError && error.status === undefined && error.transient,
    );
  });
});
