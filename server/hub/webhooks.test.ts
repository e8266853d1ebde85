/**
 * Checklist item 14 (pusher-protocol.md §2.4, §8): webhooks as Pusher sends them, received by a real HTTP
 * endpoint and validated with the unmodified SDK's `webhook().isValid()`.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { PresenceChannel } from 'pusher-js';
import { APP, nextEvent, startHub, subscribed, until, type TestHub } from '../testing/hub-harness.js';

interface Delivery {
  headers: IncomingHttpHeaders;
  rawBody: string;
  receivedAt: number;
  body: { time_ms: number; events: Record<string, unknown>[] };
}

/** A webhook endpoint that records every POST; answers `failNext` requests with 500 first. */
async function startReceiver() {
  const deliveries: Delivery[] = [];
  let failNext = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end();
        return;
      }
      const rawBody = Buffer.concat(chunks).toString('utf8');
      deliveries.push({ headers: req.headers, rawBody, receivedAt: Date.now(), body: JSON.parse(rawBody) as Delivery['body'] });
      res.writeHead(200).end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/pusher-webhooks`,
    deliveries,
    failNextRequests(count: number) {
      failNext = count;
    },
    /** Events (one per delivery) whose channel is `channel`, in arrival order. */
    eventsFor(channel: string) {
      return deliveries.flatMap((delivery) => delivery.body.events).filter((event) => event.channel === channel);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const DEBOUNCE_MS = 150;

describe('hub webhooks', { timeout: 15_000 }, () => {
  let t: TestHub;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  before(async () => {
    receiver = await startReceiver();
    t = await startHub({ webhooks: [{ url: receiver.url }], webhookDebounceMs: DEBOUNCE_MS });
  });
  after(async () => {
    await t.close();
    await receiver.close();
  });

  const namesFor = (channel: string) => receiver.eventsFor(channel).map((event) => event.name);

  it('signs channel_occupied so the SDK webhook().isValid() accepts it, with Content-Type exactly application/json', async () => {
    const client = await t.client();
    const startedAt = Date.now();
    await subscribed(client, 'wh-signed');
    await until(() => receiver.eventsFor('wh-signed').length === 1, 'channel_occupied');
    const delivery = receiver.deliveries.find((d) => d.body.events[0]?.channel === 'wh-signed')!;

    assert.equal(delivery.headers['content-type'], 'application/json');
    assert.equal(delivery.headers['x-pusher-key'], APP.key);
    const webhook = t.sdk.webhook({ headers: delivery.headers, rawBody: delivery.rawBody });
    assert.equal(webhook.isValid(), true);
    assert.deepEqual(webhook.getEvents(), [{ name: 'channel_occupied', channel: 'wh-signed' }]);
    assert.ok(webhook.getTime().getTime() >= startedAt - 1000 && webhook.getTime().getTime() <= Date.now());

    // The signature covers the exact bytes: a changed body or another secret does not validate.
    const tampered = delivery.rawBody.replace('wh-signed', 'wh-signex');
    assert.equal(t.sdk.webhook({ headers: delivery.headers, rawBody: tampered }).isValid(), false);
    assert.equal(t.sdkWith({ secret: 'other' }).webhook({ headers: delivery.headers, rawBody: delivery.rawBody }).isValid(), false);
  });

  it('sends channel_vacated after the debounce once the last subscriber leaves', async () => {
    const first = await t.client();
    const second = await t.client();
    await subscribed(first, 'wh-vacate');
    await subscribed(second, 'wh-vacate');
    first.unsubscribe('wh-vacate');
    second.unsubscribe('wh-vacate');
    const leftAt = Date.now();
    await until(() => namesFor('wh-vacate').includes('channel_vacated'), 'channel_vacated');
    const vacated = receiver.deliveries.find(
      (d) => d.body.events[0]?.name === 'channel_vacated' && d.body.events[0]?.channel === 'wh-vacate',
    )!;
    assert.ok(vacated.receivedAt - leftAt >= DEBOUNCE_MS - 20, 'vacated waits for a comeback');
    assert.deepEqual(namesFor('wh-vacate'), ['channel_occupied', 'channel_vacated']);
  });

  it('sends neither vacated nor a second occupied when the channel is re-occupied within the debounce', async () => {
    const client = await t.client();
    await subscribed(client, 'wh-flap');
    await until(() => namesFor('wh-flap').length === 1, 'channel_occupied');
    client.unsubscribe('wh-flap');
    await subscribed(client, 'wh-flap');
    client.unsubscribe('wh-flap');
    await until(() => namesFor('wh-flap').length === 2, 'the final channel_vacated');
    // A marker channel vacated now is sent after any vacated still pending for wh-flap: once it is in,
    // a stray extra wh-flap event would be too.
    await subscribed(client, 'wh-flap-marker');
    client.unsubscribe('wh-flap-marker');
    await until(() => namesFor('wh-flap-marker').includes('channel_vacated'), 'the marker');
    assert.deepEqual(namesFor('wh-flap'), ['channel_occupied', 'channel_vacated']);
  });

  it("sends member_added once per user and member_removed after the user's last socket", async () => {
    const join = async (userId: string) => {
      const client = await t.client({ presence: { user_id: userId, user_info: { name: userId } } });
      return { client, channel: (await subscribed(client, 'presence-wh')) as PresenceChannel };
    };
    const watcher = await join('watcher');
    const first = await join('twice');
    const second = await join('twice');
    await until(() => namesFor('presence-wh').length === 3, 'occupied and two member_added');
    assert.deepEqual(receiver.eventsFor('presence-wh'), [
      { name: 'channel_occupied', channel: 'presence-wh' },
      { name: 'member_added', channel: 'presence-wh', user_id: 'watcher' },
      { name: 'member_added', channel: 'presence-wh', user_id: 'twice' },
    ]);

    first.client.unsubscribe('presence-wh');
    const removed = nextEvent(watcher.channel, 'pusher:member_removed');
    second.client.unsubscribe('presence-wh');
    await removed;
    await until(() => namesFor('presence-wh').length === 4, 'member_removed');
    assert.deepEqual(receiver.eventsFor('presence-wh')[3], { name: 'member_removed', channel: 'presence-wh', user_id: 'twice' });
    watcher.client.unsubscribe('presence-wh');
    await until(() => namesFor('presence-wh').length === 6, 'the watcher leaving');
    assert.deepEqual(namesFor('presence-wh').slice(4).sort(), ['channel_vacated', 'member_removed']);
  });

  it('sends client_event with the event, data as a string, socket_id, and user_id on presence channels', async () => {
    const ann = await t.client({ presence: { user_id: 'ann' } });
    const bob = await t.client({ presence: { user_id: 'bob' } });
    const privateChannel = await subscribed(ann, 'private-wh-client');
    await subscribed(bob, 'private-wh-client');
    const presenceChannel = await subscribed(ann, 'presence-wh-client');
    await subscribed(bob, 'presence-wh-client');

    privateChannel.trigger('client-typing', { typing: true });
    presenceChannel.trigger('client-wave', { hand: 'left' });
    const clientEvents = () => receiver.deliveries.flatMap((d) => d.body.events).filter((event) => event.name === 'client_event');
    await until(() => clientEvents().length === 2, 'two client_event webhooks');
    const socketId = ann.connection.socket_id;
    assert.deepEqual(
      clientEvents().sort((a, b) => String(a.channel).localeCompare(String(b.channel))),
      [
        {
          name: 'client_event',
          channel: 'presence-wh-client',
          event: 'client-wave',
          data: '{"hand":"left"}',
          socket_id: socketId,
          user_id: 'ann',
        },
        { name: 'client_event', channel: 'private-wh-client', event: 'client-typing', data: '{"typing":true}', socket_id: socketId },
      ],
    );
    for (const delivery of receiver.deliveries) {
      assert.equal(t.sdk.webhook({ headers: delivery.headers, rawBody: delivery.rawBody }).isValid(), true);
    }
  });

  it('retries a delivery the endpoint refused', async () => {
    receiver.failNextRequests(1);
    const client = await t.client();
    await subscribed(client, 'wh-retry');
    await until(() => namesFor('wh-retry').length === 1, 'the retried channel_occupied');
    assert.deepEqual(namesFor('wh-retry'), ['channel_occupied']);
  });
});
