/**
 * Send throughput: autocannon POSTs `send-message/` (token check, validation, membership, insert,
 * notification through the pusher SDK to the embedded hub) with a fresh `client_id` per request,
 * rotating over every member of every seeded conversation. Beside it, in the same run and with the same
 * load, a bare Hono JSON POST. Once on SQLite, once on PostgreSQL.
 *
 * A rate only counts if the notifications kept up: one socket per conversation is subscribed to its
 * channel, and after the load every 201 of the measured run must arrive there as `message_created`.
 * The time that takes after the last response is reported (the notification backlog left behind).
 */
import autocannon from 'autocannon';
import { EVENTS } from '../../contract/index.js';
import type { Flags } from '../support/flags.js';
import { resultsDir } from '../support/paths.js';
import { createTempDatabase } from '../support/postgres.js';
import { closeSockets, openPusherSocket } from '../support/raw-socket.js';
import type { Row } from '../support/report.js';
import { BENCH_APP, BENCH_HOTEL, seedGroups, seedStaff, startBenchStack } from '../support/stack.js';
import { deferred, withTimeout } from '../support/wait.js';
import { startServerProcess } from '../../test/support/server-process.js';

/** Staff and conversations that share the load: enough to spread it, as a hotel's many chats do. */
const SENDERS = 40;

interface LoadResult {
  /** 2xx responses per second over the whole run. */
  rate: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
  /** send-message only: 201s of the measured run that never arrived live, and how long the rest took after the load. */
  undelivered?: number;
  drainMs?: number;
}

/** How long the notifications of a run may trail its last response before they count as lost. */
const DRAIN_TIMEOUT_MS = 60_000;

export async function runThroughput(flags: Flags, dataDir: string): Promise<Row[]> {
  const bare = await measureBare(flags);
  const rows: Row[] = [];
  const sqlite = await measureSend(
    flags,
    `file:${dataDir}/throughput.sqlite`,
    flags.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', resultsDir] : [],
  );
  rows.push(...rowsFor('SQLite', sqlite, bare, flags, { kind: 'min', limit: 4000 }));
  if (flags.pg) {
    const database = await createTempDatabase(flags.pgUrl);
    try {
      rows.push(...rowsFor('PostgreSQL', await measureSend(flags, database.url), bare, flags));
    } finally {
      await database.drop();
    }
  }
  rows.push({ bench: 'throughput', metric: 'bare Hono JSON POST', value: bare.rate, unit: 'req/s', note: `p99 ${bare.p99} ms` });
  return rows;
}

function rowsFor(database: string, result: LoadResult, bare: LoadResult, flags: Flags, budget?: Row['budget']): Row[] {
  return [
    {
      bench: 'throughput',
      metric: `send-message ${database} (${flags.connections} conns, groups of ${flags.groupSize})`,
      value: result.rate,
      unit: 'msg/s',
      ...(budget ? { budget, ratioBudget: { kind: 'min' as const, limit: 0.25 } } : {}),
      baseline: { label: 'bare Hono POST', value: bare.rate },
    },
    {
      bench: 'throughput',
      metric: `send-message ${database} latency p99`,
      value: result.p99,
      unit: 'ms',
      baseline: { label: 'bare Hono POST', value: bare.p99 },
    },
    ...(result.failed > 0
      ? [
          {
            bench: 'throughput',
            metric: `send-message ${database} non-2xx or errors`,
            value: result.failed,
            unit: '',
            budget: { kind: 'max' as const, limit: 0 },
          },
        ]
      : []),
    {
      bench: 'throughput',
      metric: `send-message ${database}: last message_created after load end`,
      value: result.drainMs ?? Number.NaN,
      unit: 'ms',
    },
    ...(result.undelivered
      ? [
          {
            bench: 'throughput',
            metric: `send-message ${database}: 201s never delivered live`,
            value: result.undelivered,
            unit: '',
            budget: { kind: 'max' as const, limit: 0 },
          },
        ]
      : []),
  ];
}

async function measureSend(flags: Flags, databaseUrl: string, execArgv: string[] = []): Promise<LoadResult> {
  const stack = await startBenchStack(databaseUrl, execArgv);
  try {
    const staff = await seedStaff(stack, SENDERS);
    const groups = await seedGroups(stack, staff, flags.groupSize);
    const senders = groups.flatMap(({ conversation, members }) =>
      members.map((id) => ({
        path: `/api/staff_chat/${BENCH_HOTEL}/conversations/${conversation.id}/send-message/`,
        headers: { authorization: `Bearer ${stack.token(id)}`, 'content-type': 'application/json' },
      })),
    );
    // One observer per conversation; it counts the measured run's messages (client ids `tpm-…`).
    const observers = await Promise.all(
      groups.map(({ conversation }) => openPusherSocket(stack.port, BENCH_APP.key, conversation.channel, BENCH_APP.secret)),
    );
    let delivered = 0;
    let lastDeliveryAt = 0;
    let expected = Number.POSITIVE_INFINITY;
    const allDelivered = deferred();
    for (const observer of observers) {
      observer.on('message', (data) => {
        const text = String(data);
        if (!text.includes('tpm-') || !text.includes(JSON.stringify(EVENTS.messageCreated))) return;
        delivered += 1;
        lastDeliveryAt = performance.now();
        if (delivered >= expected) allDelivered.resolve();
      });
    }
    try {
      let sequence = 0;
      let prefix = 'tpw-';
      const request: autocannon.Request = {
        method: 'POST',
        setupRequest(req) {
          sequence += 1;
          const sender = senders[sequence % senders.length];
          if (!sender) throw new Error('no senders seeded');
          // A fresh client_id on every request: each one is a new message, never a replay.
          return {
            ...req,
            path: sender.path,
            headers: sender.headers,
            body: JSON.stringify({ message: `Room 204 needs towels (#${sequence})`, client_id: `${prefix}${sequence}` }),
          };
        },
      };
      const result = await load(`http://127.0.0.1:${stack.port}`, flags, [request], () => (prefix = 'tpm-'));
      const loadEndedAt = performance.now();
      // Requests cut off at the end of the run may have been stored and notified too: at least every 201 must arrive.
      expected = result.ok;
      if (delivered < expected) await withTimeout(allDelivered.promise, DRAIN_TIMEOUT_MS, 'notifications').catch(() => undefined);
      return { ...result, undelivered: Math.max(0, expected - delivered), drainMs: Math.max(0, lastDeliveryAt - loadEndedAt) };
    } finally {
      await closeSockets(observers);
    }
  } finally {
    await stack.close();
  }
}

async function measureBare(flags: Flags): Promise<LoadResult> {
  const server = await startServerProcess({}, { entry: 'bench/servers/bare-hono.ts', probe: true });
  try {
    let sequence = 0;
    const request: autocannon.Request = {
      method: 'POST',
      path: '/echo',
      headers: { 'content-type': 'application/json' },
      setupRequest(req) {
        sequence += 1;
        return { ...req, body: JSON.stringify({ message: `Room 204 needs towels (#${sequence})`, client_id: `tp-${sequence}` }) };
      },
    };
    return await load(`http://127.0.0.1:${server.port}`, flags, [request]);
  } finally {
    await server.stop();
  }
}

/** A short warm-up (JIT, statement caches), then the measured run (`measuring` is called between). */
async function load(url: string, flags: Flags, requests: autocannon.Request[], measuring: () => void = () => {}): Promise<LoadResult> {
  await autocannon({ url, connections: flags.connections, duration: flags.smoke ? 0.5 : 2, requests });
  measuring();
  const result = await autocannon({ url, connections: flags.connections, duration: flags.duration, requests });
  const seconds = (result.finish.getTime() - result.start.getTime()) / 1000;
  return {
    rate: result['2xx'] / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
  };
}
