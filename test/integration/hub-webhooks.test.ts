/**
 * The embedded hub's webhooks reach the URLs in STAFF_CHAT_HUB_WEBHOOK_URLS through the whole server,
 * signed so that the official SDK's `webhook().isValid()` accepts them: a portal can learn who came
 * online without polling, exactly as it would from hosted Pusher.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import PusherServer from 'pusher';
import type { ChatConfig, Me } from '../../contract/index.js';
import { startStack, subscribe, type Stack } from '../support/stack.js';

const APP = { PUSHER_APP_ID: '4711', PUSHER_KEY: 'webhook-test-key', PUSHER_SECRET: 'webhook-test-secret' };

interface Delivery {
  headers: Record<string, string>;
  rawBody: string;
}

describe('hub webhooks through the whole server', { timeout: 10_000 }, () => {
  let receiver: Server;
  let stack: Stack;
  const deliveries: Delivery[] = [];
  const waiting: (() => void)[] = [];

  before(async () => {
    receiver = createServer((request, response) => {
      let rawBody = '';
      request.on('data', (chunk: Buffer) => (rawBody += chunk.toString()));
      request.on('end', () => {
        deliveries.push({ headers: request.headers as Record<string, string>, rawBody });
        response.end();
        waiting.splice(0).forEach((wake) => wake());
      });
    });
    receiver.listen(0, '127.0.0.1');
    await once(receiver, 'listening');
    const { port } = receiver.address() as AddressInfo;
    stack = await startStack({ ...APP, STAFF_CHAT_HUB_WEBHOOK_URLS: `http://127.0.0.1:${port}/pusher-hooks` });
  });

  after(async () => {
    await stack?.close();
    receiver?.close();
  });

  async function nextDelivery(matches: (events: { name: string; channel: string }[]) => boolean): Promise<Delivery> {
    for (;;) {
      const found = deliveries.find((delivery) =>
        matches((JSON.parse(delivery.rawBody) as { events: { name: string; channel: string }[] }).events),
      );
      if (found) return found;
      await new Promise<void>((wake) => waiting.push(wake));
    }
  }

  test('a staff member coming online is a signed member_added webhook the SDK accepts', async () => {
    const token = stack.token('harbour', { id: 'anna', full_name: 'Anna Kovács' });
    const me = (await stack.call<Me>(token, 'GET', '/staff_chat/harbour/me')).body;
    const config = (await stack.call<ChatConfig>(token, 'GET', '/staff_chat/config')).body;
    assert.equal(config.pusher.key, APP.PUSHER_KEY);
    const client = await stack.pusher(token);
    const joined = await subscribe(client, me.presence_channel);
    assert.ok(joined.ok);

    const delivery = await nextDelivery((events) => events.some((event) => event.name === 'member_added'));
    const sdk = new PusherServer({ appId: APP.PUSHER_APP_ID, key: APP.PUSHER_KEY, secret: APP.PUSHER_SECRET, host: '127.0.0.1' });
    const webhook = sdk.webhook({ headers: delivery.headers, rawBody: delivery.rawBody });
    assert.ok(webhook.isValid(), 'signed with the app secret');
    assert.deepEqual(
      webhook.getEvents().filter((event) => event.name === 'member_added'),
      [{ name: 'member_added', channel: me.presence_channel, user_id: 'anna' }],
    );
    const forged = sdk.webhook({ headers: delivery.headers, rawBody: delivery.rawBody.replace('anna', 'ben!') });
    assert.equal(forged.isValid(), false);
  });
});
