/**
 * Connection caps (issue "Safe to run in production": ~20 000 anonymous sockets from one address
 * filled the open-file limit). Sockets past the per-address or the total cap are upgraded, told
 * `pusher:error` 4100 and closed with 4100; pusher-js backs off and comes back, and someone from
 * another address still gets in.
 */
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import { after, afterEach, describe, it } from 'node:test';
import { clientAddress } from '../limits/client-address.js';
import Pusher from 'pusher-js';
import { APP, RAW_PATH, startHub, until, waitForState, type RawSocket, type TestHub } from '../testing/hub-harness.js';

/** Opens a raw socket and says whether the hub let it in (connection_established) or refused it. */
async function attempt(t: TestHub, wsOptions: Parameters<TestHub['raw']>[1] = {}): Promise<{ socket: RawSocket; admitted: boolean }> {
  const socket = await t.raw(undefined, wsOptions);
  const first = await socket.next();
  if (first.event === 'pusher:connection_established') return { socket, admitted: true };
  assert.deepEqual([first.event, (first.data as { code: number }).code], ['pusher:error', 4100]);
  assert.equal((await socket.closed).code, 4100);
  return { socket, admitted: false };
}

const from = (address: string) => ({ headers: { 'X-Forwarded-For': `10.0.0.1, ${address}` } });

describe('hub connection caps', { timeout: 15_000 }, () => {
  const hubs: TestHub[] = [];
  afterEach(async () => {
    for (const t of hubs.splice(0)) await t.close();
  });
  after(async () => {
    for (const t of hubs.splice(0)) await t.close();
  });

  it('refuses sockets past the per-address cap with 4100 while another address (X-Forwarded-For, trusted) still connects', async () => {
    const t = await startHub({ limits: { maxConnectionsPerAddress: 3 }, clientAddress: (request) => clientAddress(request, 1) });
    hubs.push(t);
    const first = await Promise.all([1, 2, 3].map(() => attempt(t, from('198.51.100.7'))));
    assert.deepEqual(
      first.map((a) => a.admitted),
      [true, true, true],
    );
    // The left-most entry is the client's own claim; only the one our proxy added counts.
    const spoofed = await t.raw(undefined, { headers: { 'X-Forwarded-For': '203.0.113.99, 198.51.100.7' } });
    assert.equal((await spoofed.next()).event, 'pusher:error');
    assert.equal((await attempt(t, from('198.51.100.7'))).admitted, false);

    const colleague = await attempt(t, from('198.51.100.8'));
    assert.equal(colleague.admitted, true);
    assert.deepEqual(t.hub.stats().addresses, 2);

    // A slot comes back when its socket closes.
    first[0]?.socket.ws.close();
    await until(() => t.hub.stats().admitted === 3, 'the closed socket to give back its slot');
    assert.equal((await attempt(t, from('198.51.100.7'))).admitted, true);
  });

  it('ignores X-Forwarded-For without trust and counts the peer address; 127.0.0.2 is another address', async () => {
    const t = await startHub({ limits: { maxConnectionsPerAddress: 2 } });
    hubs.push(t);
    assert.equal((await attempt(t, from('198.51.100.1'))).admitted, true);
    assert.equal((await attempt(t, from('198.51.100.2'))).admitted, true);
    assert.equal((await attempt(t, from('198.51.100.3'))).admitted, false);
    assert.equal((await attempt(t, { localAddress: '127.0.0.2' })).admitted, true);
  });

  it('refuses sockets past the total cap, whatever their address', async () => {
    const t = await startHub({ limits: { maxConnections: 3 }, clientAddress: (request) => clientAddress(request, 1) });
    hubs.push(t);
    const admitted = await Promise.all(['192.0.2.1', '192.0.2.2', '192.0.2.3'].map((address) => attempt(t, from(address))));
    assert.ok(admitted.every((a) => a.admitted));
    const refused = await t.raw(undefined, from('192.0.2.4'));
    const error = await refused.next();
    assert.deepEqual(error, {
      event: 'pusher:error',
      data: { code: 4100, message: 'The server is at its limit of 3 connections; reconnect later.' },
    });
    assert.equal((await refused.closed).code, 4100);
    assert.equal(t.hub.stats().sockets, 3);
  });

  it('answers upgrades with a bare 503 while too many refused sockets are still closing', async () => {
    const t = await startHub({ limits: { maxConnections: 1 }, maxRefusalsInFlight: 1 });
    hubs.push(t);
    assert.equal((await attempt(t)).admitted, true);
    // Upgraded by hand, and it never answers the close frame: its refusal stays in flight until the hub terminates it.
    const stuck = await handUpgrade(t.port);
    assert.match(stuck.head, /^HTTP\/1\.1 101 /);
    const flooded = await handUpgrade(t.port);
    assert.match(flooded.head, /^HTTP\/1\.1 503 /);
    // Both go within the grace period, so neither holds a file descriptor for long.
    await Promise.all([once(stuck.socket, 'close'), once(flooded.socket, 'close')]);
    assert.equal((await attempt(t)).admitted, false, 'the refusal slot is free again: back to 4100');
  });

  it('makes a refused pusher-js back off (about 1 s between attempts, never giving up) and connect once there is room', async () => {
    const t = await startHub({ limits: { maxConnectionsPerAddress: 1 } });
    hubs.push(t);
    const holder = await attempt(t);
    assert.equal(holder.admitted, true);

    // Connecting starts on the next turn, so the listeners bound right after the constructor see it all.
    const client = new Pusher(APP.key, { cluster: 'mt1', wsHost: '127.0.0.1', wsPort: t.port, forceTLS: false, enabledTransports: ['ws'] });
    const refusals: number[] = [];
    const states: string[] = [];
    client.connection.bind('error', (error: { error?: { data?: { code?: number } } }) => {
      if (error.error?.data?.code === 4100) refusals.push(Date.now());
    });
    client.connection.bind('state_change', (change: { current: string }) => states.push(change.current));
    await until(() => refusals.length >= 2, 'two refused attempts');
    const gap = (refusals[1] ?? 0) - (refusals[0] ?? 0);
    assert.ok(gap >= 900, `pusher-js retried after ${gap} ms; 4100 must make it back off`);
    assert.ok(!states.includes('disconnected') && !states.includes('failed'), states.join(' → '));

    holder.socket.ws.close();
    await waitForState(client, 'connected');
    assert.match(client.connection.socket_id, /^\d+\.\d+$/);
    client.disconnect();
  });
});

/** A WebSocket upgrade written by hand; resolves with the response head once it arrives. */
async function handUpgrade(port: number): Promise<{ socket: Socket; head: string }> {
  const socket = connect(port, '127.0.0.1');
  await once(socket, 'connect');
  socket.write(
    `GET ${RAW_PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n',
  );
  const [chunk] = (await once(socket, 'data')) as [Buffer];
  return { socket, head: chunk.toString('latin1') };
}
