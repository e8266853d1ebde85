/**
 * Send throughput: autocannon POSTs `send-message/` (token check, validation, membership, insert,
 * notification through the pusher SDK to the embedded hub) with a fresh `client_id` per request,
 * rotating over every member of every seeded conversation. Beside it, in the same run and with the same
 * load, a bare Hono JSON POST. Once on SQLite, once on PostgreSQL.
 */
import autocannon from 'autocannon';
import { startChild } from '../support/child.js';
import type { Flags } from '../support/flags.js';
import { resultsDir } from '../support/paths.js';
import { createTempDatabase } from '../support/postgres.js';
import type { Row } from '../support/report.js';
import { BENCH_HOTEL, seedGroups, seedStaff, startBenchStack } from '../support/stack.js';

/** Staff and conversations that share the load: enough to spread it, as a hotel's many chats do. */
const SENDERS = 40;

interface LoadResult {
  /** 2xx responses per second over the whole run. */
  rate: number;
  p50: number;
  p99: number;
  ok: number;
  failed: number;
}

export async function runThroughput(flags: Flags, dataDir: string): Promise<Row[]> {
  const bare = await measureBare(flags);
  const rows: Row[] = [];
  const sqlite = await measureSend(flags, `file:${dataDir}/throughput.sqlite`, flags.cpuProf ? ['--cpu-prof', '--cpu-prof-dir', resultsDir] : []);
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
    { bench: 'throughput', metric: `send-message ${database} latency p99`, value: result.p99, unit: 'ms', baseline: { label: 'bare Hono POST', value: bare.p99 } },
    ...(result.failed > 0 ? [{ bench: 'throughput', metric: `send-message ${database} non-2xx or errors`, value: result.failed, unit: '', budget: { kind: 'max' as const, limit: 0 } }] : []),
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
    let sequence = 0;
    const request: autocannon.Request = {
      method: 'POST',
      setupRequest(req) {
        sequence += 1;
        const sender = senders[sequence % senders.length];
        if (!sender) throw new Error('no senders seeded');
        // A fresh client_id on every request: each one is a new message, never a replay.
        return { ...req, path: sender.path, headers: sender.headers, body: JSON.stringify({ message: `Room 204 needs towels (#${sequence})`, client_id: `tp-${sequence}` }) };
      },
    };
    return await load(`http://127.0.0.1:${stack.port}`, flags, [request]);
  } finally {
    await stack.close();
  }
}

async function measureBare(flags: Flags): Promise<LoadResult> {
  const server = await startChild('bare-hono');
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
    return await load(`http://127.0.0.1:${server.ready.port}`, flags, [request]);
  } finally {
    await server.stop();
  }
}

/** A short warm-up (JIT, statement caches), then the measured run. */
async function load(url: string, flags: Flags, requests: autocannon.Request[]): Promise<LoadResult> {
  await autocannon({ url, connections: flags.connections, duration: flags.smoke ? 0.5 : 2, requests });
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
