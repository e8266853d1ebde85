/**
 * Hub fan-out and server memory: N raw sockets subscribed to one public channel of the embedded hub,
 * events triggered (median of three rounds) through the official `pusher` SDK (the notifier's path), deliveries counted at the
 * sockets. Beside it, a bare `ws` server broadcasting an HTTP-posted body to N sockets, in the same run
 * with the same payload, trigger concurrency and receivers, and a real soketi holding the same sockets
 * and receiving the same triggers. The servers' RSS is read with and without the sockets.
 */
import Pusher from 'pusher';
import type WebSocket from 'ws';
import { ENVELOPE_CATEGORY, EVENTS } from '../../contract/index.js';
import type { Flags } from '../support/flags.js';
import { closeSockets, openPusherSocket, openSocket } from '../support/raw-socket.js';
import type { Row } from '../support/report.js';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process.js';
import { startSoketi } from '../../test/support/soketi.js';
import { BENCH_APP, inBatches, startBenchStack } from '../support/stack.js';
import { summarize } from '../support/stats.js';
import { deferred, withTimeout } from '../support/wait.js';

const CHANNEL = 'bench-fanout';
const EVENT = EVENTS.messageCreated;
/** Triggers in flight at once, as a busy server's notifier would have. */
const IN_FLIGHT = 4;
const CONNECT_CONCURRENCY = 50;
/** Unmeasured events first, so neither side is timed while V8 is still compiling its send path. */
const WARMUP_EVENTS = 20;
/** The median of a few rounds: one round on a shared 2-core machine swings by half. */
const ROUNDS = 3;

/** A message envelope of realistic size (about 600 bytes), as the notifier sends. */
const PAYLOAD = JSON.stringify({
  category: ENVELOPE_CATEGORY,
  type: 'message_created',
  payload: {
    id: 123456,
    conversation_id: 42,
    client_id: 'c-0123456789abcdef',
    sender_id: 'front-desk-7',
    sender_info: { id: 'front-desk-7', full_name: 'Ana Front Desk', avatar: null },
    message: 'Guest in 204 asked for late checkout at 14:00, and extra towels please. Can housekeeping confirm?',
    timestamp: '2026-01-01T12:00:00.000Z',
    reply_to: null,
    reply_to_message: null,
    attachments: [],
    is_edited: false,
    is_deleted: false,
  },
  meta: { hotel_slug: 'bench-hotel', event_id: 'e-0123456789abcdef', ts: '2026-01-01T12:00:00.000Z' },
});

export async function runFanout(flags: Flags, dataDir: string): Promise<Row[]> {
  const hub = await setUpHub(flags, dataDir);
  try {
    const bare = await setUpBare(flags);
    try {
      const soketi = await setUpSoketi(flags);
      try {
        // Rounds alternate between them, so load from elsewhere on the machine hits all alike.
        const targets = [hub, bare, soketi];
        for (const target of targets) await countDeliveries(target, WARMUP_EVENTS);
        const rates: number[][] = targets.map(() => []);
        for (let round = 0; round < ROUNDS; round += 1) {
          for (const [index, target] of targets.entries()) rates[index]!.push(await deliveryRate(target, flags.events));
        }
        const [hubRate, bareRate, soketiRate] = rates.map((each) => summarize(each).p50) as [number, number, number];
        return [
          ...rows(flags, { ...hub, rate: hubRate }, { ...bare, rate: bareRate }),
          ...soketiRows(flags, { ...hub, rate: hubRate }, { ...soketi, rate: soketiRate }),
        ];
      } finally {
        await soketi.close();
      }
    } finally {
      await bare.close();
    }
  } finally {
    await hub.close();
  }
}

/** The hub as the value, soketi as the baseline: deliveries (higher is better) and memory (lower is). */
function soketiRows(flags: Flags, hub: Target & { rate: number }, soketi: Target & { rate: number }): Row[] {
  const mb = (bytes: number) => bytes / 1e6;
  return [
    {
      bench: 'fanout',
      metric: `hub vs soketi deliveries/s (${flags.sockets} sockets)`,
      value: hub.rate,
      unit: '/s',
      baseline: { label: 'soketi', value: soketi.rate },
      ...(soketi.dropped
        ? { note: `soketi dropped ${soketi.dropped} of ${ROUNDS * flags.events * flags.sockets} frames to slow readers` }
        : {}),
    },
    {
      bench: 'memory',
      metric: `hub vs soketi RSS with ${flags.sockets} sockets`,
      value: mb(hub.loadedRss),
      unit: 'MB',
      baseline: { label: 'soketi', value: mb(soketi.loadedRss) },
      note: `the hub's figure is the whole server; soketi's idle ${mb(soketi.idleRss).toFixed(1)} MB`,
    },
  ];
}

async function setUpSoketi(flags: Flags): Promise<Target> {
  const node = await startSoketi(BENCH_APP);
  const sockets: WebSocket[] = [];
  const close = async () => {
    await closeSockets(sockets);
    await node.close();
  };
  try {
    const idleRss = await node.rss();
    sockets.push(
      ...(await inBatches(range(flags.sockets), CONNECT_CONCURRENCY, () => openPusherSocket(node.port, BENCH_APP.key, CHANNEL))),
    );
    const loadedRss = await node.rss();
    const sdk = new Pusher({ ...BENCH_APP, host: '127.0.0.1', port: String(node.port), useTLS: false });
    const trigger = async () => {
      const response = await sdk.trigger(CHANNEL, EVENT, PAYLOAD);
      if (response.status !== 200) throw new Error(`soketi trigger answered ${response.status}`);
    };
    return { name: 'soketi', sockets, trigger, idleRss, loadedRss, close, dropsSlowReaders: true };
  } catch (error) {
    await close();
    throw error;
  }
}

interface Target {
  name: string;
  sockets: WebSocket[];
  /** soketi (uWebSockets) drops frames to a socket whose send buffer is full rather than buffering them. */
  dropsSlowReaders?: boolean;
  /** Frames that never arrived, over the measured rounds. */
  dropped?: number;
  trigger: () => Promise<void>;
  idleRss: number;
  loadedRss: number;
  close(): Promise<void>;
}

function rows(flags: Flags, hub: Target & { rate: number }, bare: Target & { rate: number }): Row[] {
  const mb = (bytes: number) => bytes / 1e6;
  return [
    {
      bench: 'fanout',
      metric: `hub deliveries/s (${flags.sockets} sockets, ${flags.events} events x ${ROUNDS})`,
      value: hub.rate,
      unit: '/s',
      ratioBudget: { kind: 'min', limit: 0.5 },
      baseline: { label: 'bare ws broadcast', value: bare.rate },
    },
    {
      bench: 'memory',
      metric: `server RSS with ${flags.sockets} hub sockets`,
      value: mb(hub.loadedRss),
      unit: 'MB',
      baseline: { label: 'bare ws server', value: mb(bare.loadedRss) },
      note: `idle ${mb(hub.idleRss).toFixed(1)} MB`,
    },
    {
      bench: 'memory',
      metric: 'server RSS per hub socket',
      value: (hub.loadedRss - hub.idleRss) / flags.sockets / 1000,
      unit: 'KB',
      baseline: { label: 'bare ws server', value: (bare.loadedRss - bare.idleRss) / flags.sockets / 1000 },
    },
  ];
}

async function setUpHub(flags: Flags, dataDir: string): Promise<Target> {
  const stack = await startBenchStack(`file:${dataDir}/fanout.sqlite`);
  const sockets: WebSocket[] = [];
  const close = async () => {
    await closeSockets(sockets);
    await stack.close();
  };
  try {
    const idleRss = await stack.child.rss();
    sockets.push(
      ...(await inBatches(range(flags.sockets), CONNECT_CONCURRENCY, () => openPusherSocket(stack.port, BENCH_APP.key, CHANNEL))),
    );
    const loadedRss = await stack.child.rss();
    const sdk = new Pusher({ ...BENCH_APP, host: '127.0.0.1', port: String(stack.port), useTLS: false });
    const trigger = async () => {
      const response = await sdk.trigger(CHANNEL, EVENT, PAYLOAD);
      if (response.status !== 200) throw new Error(`trigger answered ${response.status}`);
    };
    return { name: 'hub', sockets, trigger, idleRss, loadedRss, close };
  } catch (error) {
    await close();
    throw error;
  }
}

async function setUpBare(flags: Flags): Promise<Target> {
  const server: ServerProcess = await startServerProcess({}, { entry: 'bench/servers/bare-ws.ts', probe: true });
  const sockets: WebSocket[] = [];
  const close = async () => {
    await closeSockets(sockets);
    await server.stop();
  };
  try {
    const idleRss = await server.rss();
    const url = `ws://127.0.0.1:${server.port}/?room=fanout`;
    sockets.push(...(await inBatches(range(flags.sockets), CONNECT_CONCURRENCY, () => openSocket(url))));
    const loadedRss = await server.rss();
    // The hub's frame carries the payload JSON-encoded once more (Pusher's double encoding); so does this.
    const frame = JSON.stringify({ event: EVENT, channel: CHANNEL, data: PAYLOAD });
    const trigger = async () => {
      const response = await fetch(`http://127.0.0.1:${server.port}/broadcast?room=fanout`, { method: 'POST', body: frame });
      if (!response.ok) throw new Error(`broadcast answered ${response.status}`);
      await response.arrayBuffer();
    };
    return { name: 'bare ws', sockets, trigger, idleRss, loadedRss, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Deliveries per second of `events` events, from the first trigger to the last frame received. */
async function deliveryRate(target: Target, events: number): Promise<number> {
  const { elapsedMs, delivered, dropped } = await countDeliveries(target, events);
  target.dropped = (target.dropped ?? 0) + dropped;
  return delivered / (elapsedMs / 1000);
}

/** How long a target that drops frames to slow readers must stay silent before the rest count as dropped. */
const QUIET_MS = 2000;

/**
 * Triggers `events` events, IN_FLIGHT at a time, and waits until every socket has every one; for a
 * target that drops frames to slow readers (soketi), until every one arrived or none did for QUIET_MS.
 */
async function countDeliveries(target: Target, events: number): Promise<{ elapsedMs: number; delivered: number; dropped: number }> {
  const { sockets, trigger } = target;
  const expected = events * sockets.length;
  let received = 0;
  let lastAt = 0;
  const all = deferred();
  const onMessage = (data: Buffer) => {
    // A pusher:ping is 35 bytes, an event here about 700: pings are not deliveries.
    if (data.length < 100) return;
    received += 1;
    lastAt = performance.now();
    if (received === expected) all.resolve();
  };
  for (const socket of sockets) socket.on('message', onMessage);
  const startedAt = performance.now();
  try {
    await inBatches(range(events), IN_FLIGHT, trigger);
    if (target.dropsSlowReaders) {
      while (received < expected && performance.now() - Math.max(lastAt, startedAt) < QUIET_MS)
        await new Promise((resolve) => setTimeout(resolve, 50));
    } else {
      await withTimeout(all.promise, 120_000, `${expected} deliveries to ${target.name}`).catch((error: unknown) => {
        throw new Error(`${error instanceof Error ? error.message : String(error)}: ${received} arrived`, { cause: error });
      });
    }
  } finally {
    for (const socket of sockets) socket.off('message', onMessage);
  }
  return { elapsedMs: lastAt - startedAt, delivered: received, dropped: expected - received };
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, index) => index);
}
