import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startHub, until, type TestHub } from '../testing/hub-harness.js';

describe('hub liveness', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub({ activityTimeoutSeconds: 0.15, pongTimeoutMs: 150 });
  });
  after(() => t.close());

  it('pings a silent socket, then closes it with 4201 when no pong comes', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    const startedAt = Date.now();
    assert.equal((await socket.next()).event, 'pusher:ping');
    assert.ok(Date.now() - startedAt >= 100, 'the ping waits for the activity timeout');
    assert.deepEqual((await socket.next()).data, { code: 4201, message: 'Pong reply not received in time.' });
    assert.equal((await socket.closed).code, 4201);
    await until(() => t.hub.stats().sockets === 0, 'the server to forget the socket');
  });

  it('keeps a socket that answers the ping', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    for (let round = 0; round < 3; round += 1) {
      assert.equal((await socket.next()).event, 'pusher:ping');
      socket.send({ event: 'pusher:pong', data: {} });
    }
    assert.equal(socket.ws.readyState, socket.ws.OPEN);
  });

  it('keeps pusher-js connected, on one socket, through many activity checks', async () => {
    const client = await t.client();
    const socketId = client.connection.socket_id;
    let checks = 0;
    client.connection.bind('message', (message: { event: string }) => {
      if (message.event === 'pusher:ping' || message.event === 'pusher:pong') checks += 1;
    });
    const states: string[] = [];
    client.connection.bind('state_change', (change: { current: string }) => states.push(change.current));
    // Each check is a ping one way and a pong the other; ten of them span several pong timeouts.
    await until(() => checks >= 10, 'ten activity checks');
    assert.equal(client.connection.state, 'connected');
    assert.equal(client.connection.socket_id, socketId);
    assert.deepEqual(states, []);
    client.disconnect();
  });

  it('does not ping a socket that keeps talking', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    // Pings of our own every 50 ms count as activity; only pongs may come back.
    for (let round = 0; round < 8; round += 1) {
      socket.send({ event: 'pusher:ping', data: {} });
      assert.equal((await socket.next()).event, 'pusher:pong');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  });
});
