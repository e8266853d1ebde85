import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { APP, decoded, startHub, waitForState, type TestHub } from '../testing/hub-harness.js';

describe('hub connections', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub({ activityTimeoutSeconds: 30 });
  });
  after(() => t.close());

  it('sends connection_established with a socket id pusher SDKs accept and an activity timeout', async () => {
    const socket = await t.raw();
    const frame = await socket.next();
    assert.equal(frame.event, 'pusher:connection_established');
    assert.equal(typeof frame.data, 'string', 'data is double-encoded');
    const data = decoded(frame) as { socket_id: string; activity_timeout: number };
    assert.match(data.socket_id, /^\d+\.\d+$/);
    assert.equal(data.activity_timeout, 30);
  });

  it('gives pusher-js a socket id and keeps it connected', async () => {
    const client = await t.client();
    assert.match(client.connection.socket_id, /^\d+\.\d+$/);
    assert.equal(client.connection.state, 'connected');
  });

  it('refuses an unknown key with pusher:error and close 4001, and pusher-js does not retry', async () => {
    const socket = await t.raw('/app/wrong-key?protocol=7');
    const frame = await socket.next();
    assert.equal(frame.event, 'pusher:error');
    assert.deepEqual(frame.data, { code: 4001, message: 'Application does not exist.' });
    assert.equal((await socket.closed).code, 4001);

    const states: string[] = [];
    const Pusher = (await import('pusher-js')).default;
    const client = new Pusher('wrong-key', {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: t.port,
      forceTLS: false,
      enabledTransports: ['ws'],
    });
    const errors: unknown[] = [];
    client.connection.bind('state_change', (change: { current: string }) => states.push(change.current));
    client.connection.bind('error', (error: unknown) => errors.push(error));
    // Only a refusal (4001-4099) leads pusher-js to "disconnected"; other closes make it retry.
    await waitForState(client, 'disconnected');
    assert.ok(!states.includes('connected'));
    assert.deepEqual(errors, [
      { type: 'WebSocketError', error: { type: 'PusherError', data: { code: 4001, message: 'Application does not exist.' } } },
    ]);
    client.disconnect();
  });

  it('closes 4008 without a protocol and 4007 with an unsupported one', async () => {
    const missing = await t.raw(`/app/${APP.key}`);
    assert.equal((await missing.next()).event, 'pusher:error');
    assert.equal((await missing.closed).code, 4008);
    const unsupported = await t.raw(`/app/${APP.key}?protocol=99`);
    assert.deepEqual((await unsupported.next()).data, { code: 4007, message: 'Unsupported protocol version 99.' });
    assert.equal((await unsupported.closed).code, 4007);
  });

  it('answers pusher:ping with pusher:pong', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:ping', data: {} });
    assert.equal((await socket.next()).event, 'pusher:pong');
  });

  it('answers malformed frames with pusher:error and keeps the socket and its neighbours working', async () => {
    const bystander = await t.raw();
    await bystander.nextOf('pusher:connection_established');
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');

    for (const bad of ['not json', '[]', '{"event":42}', '{"event":"pusher:subscribe","data":{}}', '{"event":"nonsense"}']) {
      socket.send(bad);
      const frame = await socket.next();
      assert.equal(frame.event, 'pusher:error', `reply to ${bad}`);
    }
    socket.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    assert.equal((await socket.next()).event, 'pusher:error');

    socket.send({ event: 'pusher:ping', data: {} });
    assert.equal((await socket.next()).event, 'pusher:pong');
    bystander.send({ event: 'pusher:ping', data: {} });
    assert.equal((await bystander.next()).event, 'pusher:pong');
  });

  it('does not take over upgrades for other paths', async () => {
    const { IncomingMessage } = await import('node:http');
    const { Socket } = await import('node:net');
    const req = new IncomingMessage(new Socket());
    req.url = '/somewhere-else';
    assert.equal(t.hub.handleUpgrade(req, req.socket, Buffer.alloc(0)), false);
  });
});
