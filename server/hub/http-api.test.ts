import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { APP, nextEvent, nothingWithin, startHub, subscribed, type TestHub } from '../testing/hub-harness.js';

/** Signs a request by hand, so single parts (timestamp, body_md5) can be made wrong on purpose. */
function signedRequest(
  t: TestHub,
  method: 'GET' | 'POST',
  path: string,
  body: string,
  overrides: { timestamp?: number; bodyMd5?: string } = {},
): Promise<Response> {
  const params: Record<string, string> = {
    auth_key: APP.key,
    auth_timestamp: String(overrides.timestamp ?? Math.floor(Date.now() / 1000)),
    auth_version: '1.0',
  };
  if (body) params.body_md5 = overrides.bodyMd5 ?? createHash('md5').update(body).digest('hex');
  const query = Object.keys(params)
    .sort()
    .map((key) => `${key}=${params[key]}`)
    .join('&');
  const signature = createHmac('sha256', APP.secret).update(`${method}\n${path}\n${query}`).digest('hex');
  return fetch(`http://127.0.0.1:${t.port}${path}?${query}&auth_signature=${signature}`, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body || undefined,
  });
}

async function statusOf(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
    return 200;
  } catch (error) {
    return (error as { status: number }).status;
  }
}

const eventsPath = `/apps/${APP.appId}/events`;

describe('hub HTTP API', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(() => t.close());

  it('accepts a hand-signed request, proving the signing rules match', async () => {
    const response = await signedRequest(t, 'POST', eventsPath, JSON.stringify({ name: 'e', channels: ['c'], data: '{}' }));
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), {});
  });

  it('rejects a wrong secret and a wrong key with 401 in the one error shape', async () => {
    assert.equal(await statusOf(t.sdkWith({ secret: 'wrong' }).trigger('c', 'e', {})), 401);
    assert.equal(await statusOf(t.sdkWith({ key: 'wrong' }).trigger('c', 'e', {})), 401);
    const response = await signedRequest(t, 'POST', eventsPath, '{"name":"e","channels":["c"],"data":"{}"}', { bodyMd5: '0'.repeat(32) });
    assert.equal(response.status, 401);
    const body = (await response.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'unauthorized');
    assert.match(body.error.message, /body_md5/);
  });

  it('rejects a stale timestamp with 401', async () => {
    const body = '{"name":"e","channels":["c"],"data":"{}"}';
    const stale = await signedRequest(t, 'POST', eventsPath, body, { timestamp: Math.floor(Date.now() / 1000) - 601 });
    assert.equal(stale.status, 401);
    const fresh = await signedRequest(t, 'POST', eventsPath, body, { timestamp: Math.floor(Date.now() / 1000) - 590 });
    assert.equal(fresh.status, 200);
  });

  it('answers 404 for an unknown app id', async () => {
    assert.equal(await statusOf(t.sdkWith({ appId: '999' }).trigger('c', 'e', {})), 404);
  });

  it('rejects data over 10 KB with 413 and accepts exactly 10 KB', async () => {
    assert.equal(await statusOf(t.sdk.trigger('c', 'e', 'x'.repeat(10 * 1024 + 1))), 413);
    assert.equal(await statusOf(t.sdk.trigger('c', 'e', 'x'.repeat(10 * 1024))), 200);
  });

  it('rejects more than 100 channels, a 201-character event name and bad channel names with 400', async () => {
    const channels = Array.from({ length: 101 }, (_, i) => `c${i}`);
    const body = (overrides: object) => JSON.stringify({ name: 'e', channels: ['c'], data: '{}', ...overrides });
    assert.equal((await signedRequest(t, 'POST', eventsPath, body({ channels }))).status, 400);
    assert.equal((await signedRequest(t, 'POST', eventsPath, body({ name: 'e'.repeat(201) }))).status, 400);
    assert.equal((await signedRequest(t, 'POST', eventsPath, body({ channels: ['bad name'] }))).status, 400);
    assert.equal((await signedRequest(t, 'POST', eventsPath, body({ socket_id: 'abc' }))).status, 400);
    assert.equal((await signedRequest(t, 'POST', eventsPath, body({ data: { not: 'a string' } }))).status, 400);
    assert.equal((await signedRequest(t, 'POST', eventsPath, 'not json')).status, 400);
    assert.equal(await statusOf(t.sdk.trigger(channels.slice(0, 100), 'e', {})), 200);
  });

  it('answers an unknown API route with 404 and a body over 256 KB with 413, both signed correctly', async () => {
    const unknown = await signedRequest(t, 'GET', `/apps/${APP.appId}/no-such-thing`, '');
    assert.equal(unknown.status, 404);
    const huge = JSON.stringify({ name: 'e', channels: ['c'], data: 'x'.repeat(300 * 1024) });
    const tooBig = await signedRequest(t, 'POST', eventsPath, huge);
    assert.equal(tooBig.status, 413);
    assert.equal(((await tooBig.json()) as { error: { code: string } }).error.code, 'payload_too_large');
  });

  it('excludes the socket_id given to trigger', async () => {
    const sender = await t.client();
    const other = await t.client();
    const senderChannel = await subscribed(sender, 'exclusion');
    const otherChannel = await subscribed(other, 'exclusion');
    const toSender = nextEvent(senderChannel, 'created');
    const toOther = nextEvent(otherChannel, 'created');
    await t.sdk.trigger('exclusion', 'created', { id: 1 }, { socket_id: sender.connection.socket_id });
    assert.deepEqual((await toOther).data, { id: 1 });
    assert.equal(await nothingWithin(toSender, 200), 'nothing');
  });

  it('delivers a batch of 10 in order, honours socket_id per event, and refuses 11', async () => {
    const sender = await t.client();
    const other = await t.client();
    const senderChannel = await subscribed(sender, 'batch');
    const otherChannel = await subscribed(other, 'batch');
    const seen: number[] = [];
    const all = new Promise<void>((resolve) => {
      otherChannel.bind('n', (data: { n: number }) => {
        seen.push(data.n);
        if (seen.length === 10) resolve();
      });
    });
    const toSender = nextEvent(senderChannel, 'n');
    const batch = Array.from({ length: 10 }, (_, n) => ({
      channel: 'batch',
      name: 'n',
      data: JSON.stringify({ n }),
      socket_id: sender.connection.socket_id,
    }));
    await t.sdk.triggerBatch(batch);
    await all;
    assert.deepEqual(seen, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    assert.equal(await nothingWithin(toSender, 200), 'nothing');
    assert.equal(await statusOf(t.sdk.triggerBatch([...batch, batch[0]!])), 400);
  });

  it('publishes nothing from a batch with one bad event', async () => {
    const client = await t.client();
    const channel = await subscribed(client, 'atomic');
    const received = nextEvent(channel, 'e');
    const status = await statusOf(
      t.sdk.triggerBatch([
        { channel: 'atomic', name: 'e', data: '{}' },
        { channel: 'atomic', name: 'e', data: 'x'.repeat(20_000) },
      ]),
    );
    assert.equal(status, 413);
    assert.equal(await nothingWithin(received, 200), 'nothing');
  });

  it('answers GET /channels/{name} with occupied, counts when asked, and occupied:false after the last unsubscribe', async () => {
    const get = async (path: string, params: Record<string, string> = {}) =>
      t.sdk.get({ path, params }).then((r) => r.json() as Promise<unknown>);
    const first = await t.client();
    const second = await t.client();
    await subscribed(first, 'info-room');
    await subscribed(second, 'info-room');
    assert.deepEqual(await get('/channels/info-room'), { occupied: true });
    assert.deepEqual(await get('/channels/info-room', { info: 'subscription_count' }), { occupied: true, subscription_count: 2 });
    assert.deepEqual(await get('/channels', { filter_by_prefix: 'info-', info: 'subscription_count' }), {
      channels: { 'info-room': { subscription_count: 2 } },
    });
    first.unsubscribe('info-room');
    second.unsubscribe('info-room');
    let info: unknown;
    const empty = { occupied: false, subscription_count: 0 };
    // Unsubscribes are fire-and-forget frames; poll the API until they have landed.
    await untilAsync(async () => {
      info = await get('/channels/info-room', { info: 'subscription_count' });
      return JSON.stringify(info) === JSON.stringify(empty);
    });
    assert.deepEqual(info, empty);
    assert.deepEqual(await get('/channels', { filter_by_prefix: 'info-' }), { channels: {} });
  });

  it('returns channel info when a trigger asks for it', async () => {
    const client = await t.client();
    await subscribed(client, 'counted');
    const response = await t.sdk.trigger('counted', 'e', {}, { info: 'subscription_count' });
    assert.deepEqual(await response.json(), { channels: { counted: { subscription_count: 1 } } });
  });
});

async function untilAsync(predicate: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error('Timed out.');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
