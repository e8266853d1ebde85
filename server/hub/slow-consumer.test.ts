/**
 * Slow consumers (issue "Safe to run in production": sockets that never read grew the server by
 * ~8 MB/s until the heap ran out). A socket with more than `maxBufferedBytes` unsent is closed with
 * 4100; its colleagues keep receiving, the hub's memory stays bounded, and pusher-js, once it reads
 * again, reconnects and resubscribes (the widget's cue to fetch what it missed).
 */
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type Pusher from 'pusher-js';
import { decoded, nextEvent, startHub, subscribed, until, waitForState, type RawSocket, type TestHub } from '../testing/hub-harness.js';

const LIMIT = 64 * 1024;
const EVENT_DATA = JSON.stringify({ text: 'x'.repeat(8000) });
/**
 * Up to ~96 MB: past what the kernel's socket buffers take before the hub sees anything buffered (a
 * paused loopback reader here can take tcp_rmem's maximum, 32 MB, plus the sender's 4 MB).
 */
const MAX_EVENTS = 12_000;

describe('hub slow consumers', { timeout: 20_000 }, () => {
  let t: TestHub;
  /** Sockets the hub closed as slow consumers, from its log: the moment it decides, not when the socket is gone. */
  let slowClosed = 0;
  before(async () => {
    t = await startHub({
      limits: { maxBufferedBytes: LIMIT },
      log: (message) => {
        if (message === 'hub closed a slow consumer') slowClosed += 1;
      },
    });
  });
  after(() => t.close());

  const subscribedRaw = async (channel: string): Promise<RawSocket> => {
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    socket.send({ event: 'pusher:subscribe', data: { ...t.sdk.authorizeChannel(socket_id, channel), channel } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    return socket;
  };

  /** Publishes until the hub closes one more slow consumer, yielding so sockets can drain; returns how many went out. */
  async function publishUntilClosed(channel: string, onEach: () => void = () => {}): Promise<number> {
    const closedBefore = slowClosed;
    for (let sent = 0; sent < MAX_EVENTS; sent += 1) {
      onEach();
      if (slowClosed > closedBefore) return sent;
      t.hub.triggerBatch([{ channel, name: 'bulk', data: EVENT_DATA }]);
      if (sent % 20 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return MAX_EVENTS;
  }

  it('closes a socket that never reads once its buffer passes the limit, while a reading colleague gets everything', async (context) => {
    const channel = 'private-busy';
    const reader = await subscribedRaw(channel);
    let readerGot = 0;
    reader.ws.on('message', (data) => {
      if (String(data).includes('"bulk"')) readerGot += 1;
    });
    const stalled = await subscribedRaw(channel);
    (stalled.ws as unknown as { _socket: Socket })._socket.pause();
    const socketsBefore = t.hub.stats().sockets;
    const memoryBefore = process.memoryUsage().arrayBuffers;
    let memoryPeak = memoryBefore;

    const sent = await publishUntilClosed(channel, () => {
      memoryPeak = Math.max(memoryPeak, process.memoryUsage().arrayBuffers);
    });
    assert.ok(sent < MAX_EVENTS, `the stalled socket was still open after ${sent} events (${(sent * EVENT_DATA.length) >> 20} MB)`);
    await until(() => t.hub.stats().sockets === socketsBefore - 1, 'the hub to forget the stalled socket');
    context.diagnostic(
      `${sent} events (${((sent * EVENT_DATA.length) / 2 ** 20).toFixed(1)} MB, most of it taken by kernel buffers) went out before the hub closed it`,
    );
    await until(() => readerGot === sent, 'the reader to get every event');
    // Without the limit, everything the kernel could not take piles up here (tens of MB for this test).
    const grewMb = (memoryPeak - memoryBefore) / 2 ** 20;
    assert.ok(grewMb < 16, `buffers grew by ${grewMb.toFixed(1)} MB`);
    context.diagnostic(`buffers in this process grew by at most ${grewMb.toFixed(1)} MB`);
    (stalled.ws as unknown as { _socket: Socket })._socket.resume();
  });

  it('makes a pusher-js client that stopped reading reconnect and resubscribe once it reads again', async () => {
    const channel = 'private-catch-up';
    const client = await t.client();
    const held = await subscribed(client, channel);
    const firstSocketId = client.connection.socket_id;
    const stream = pusherJsStream(client);
    stream.pause();
    assert.ok((await publishUntilClosed(channel)) < MAX_EVENTS, 'the stalled pusher-js socket was never closed');

    const resubscribed = nextEvent(held, 'pusher:subscription_succeeded');
    stream.resume();
    await resubscribed;
    await waitForState(client, 'connected');
    assert.notEqual(client.connection.socket_id, firstSocketId);
    const after = nextEvent<{ ok: number }>(held, 'after');
    await t.sdk.trigger(channel, 'after', { ok: 1 });
    assert.deepEqual((await after).data, { ok: 1 });
  });
});

/**
 * The TCP socket under pusher-js's Node transport (faye-websocket keeps it as `_stream`). Only the
 * test touches it, to make the unmodified client stop reading as a frozen tab or a dead link would.
 */
function pusherJsStream(client: Pusher): Socket {
  const manager = client.connection as unknown as { connection: { transport: { socket: { _stream: Socket } } } };
  return manager.connection.transport.socket._stream;
}
