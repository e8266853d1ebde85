/**
 * Command-line flags of `bench/run.ts`. Every size has a full default (what DESIGN.md's budgets talk
 * about) and a smoke default (`--smoke`: proves the harness works in a few seconds, numbers not judged).
 */
import { parseArgs } from 'node:util';

export const SUITES = ['bundle', 'latency', 'throughput', 'fanout', 'history', 'search', 'render'] as const;
export type SuiteName = (typeof SUITES)[number];

export interface Flags {
  smoke: boolean;
  only: SuiteName[];
  /** latency: staff connected with pusher-js, conversation size, messages sent one after another. */
  staff: number;
  groupSize: number;
  sends: number;
  /** throughput: seconds per autocannon run, concurrent connections. */
  duration: number;
  connections: number;
  pgUrl: string;
  pg: boolean;
  /** fanout: raw sockets subscribed to one public channel, events published. */
  sockets: number;
  events: number;
  /** history: messages seeded into one conversation, page queries timed per kind. */
  history: number;
  queries: number;
  /** search: messages seeded, searches timed per kind of query. */
  searchMessages: number;
  searchQueries: number;
  /** render: messages in the conversation opened in Chromium, live messages appended after. */
  renderMessages: number;
  live: number;
  /** Write a V8 CPU profile of the server during the SQLite throughput run, into bench/results/. */
  cpuProf: boolean;
}

const FULL = {
  staff: 100,
  groupSize: 5,
  sends: 500,
  duration: 10,
  connections: 32,
  sockets: 1000,
  events: 200,
  history: 1_000_000,
  queries: 1000,
  searchMessages: 1_000_000,
  searchQueries: 400,
  renderMessages: 10_000,
  live: 1000,
};

const SMOKE: typeof FULL = {
  staff: 20,
  groupSize: 5,
  sends: 20,
  duration: 1,
  connections: 8,
  sockets: 100,
  events: 20,
  history: 20_000,
  queries: 100,
  searchMessages: 20_000,
  searchQueries: 40,
  renderMessages: 1000,
  live: 50,
};

export const USAGE = `usage: tsx bench/run.ts [--smoke] [--only=${SUITES.join(',')}]
  [--staff=N] [--group-size=N] [--sends=N]          delivery latency (default 100, 5, 500)
  [--duration=S] [--connections=N] [--no-pg] [--pg-url=URL]   send throughput (default 10 s, 32)
  [--sockets=N] [--events=N]                        hub fan-out and server memory (default 1000, 200)
  [--history=N] [--queries=N]                       history paging (default 1000000, 1000)
  [--search-messages=N] [--search-queries=N]       message search (default 1000000, 400)
  [--render-messages=N] [--live=N]                  rendering in Chromium (default 10000, 1000)
  [--cpu-prof]                                      CPU profile of the server's SQLite throughput run`;

const NUMERIC = {
  staff: 'staff',
  'group-size': 'groupSize',
  sends: 'sends',
  duration: 'duration',
  connections: 'connections',
  sockets: 'sockets',
  events: 'events',
  history: 'history',
  queries: 'queries',
  'search-messages': 'searchMessages',
  'search-queries': 'searchQueries',
  'render-messages': 'renderMessages',
  live: 'live',
} as const;

/** Parses `argv` (without node and the script); throws with the usage text on anything unknown. */
export function parseFlags(argv: string[]): Flags {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      smoke: { type: 'boolean', default: false },
      only: { type: 'string' },
      'no-pg': { type: 'boolean', default: false },
      'pg-url': { type: 'string', default: process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
      'cpu-prof': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      ...Object.fromEntries(Object.keys(NUMERIC).map((name) => [name, { type: 'string' as const }])),
    },
  });
  if (values.help) throw new Error(USAGE);
  const smoke = values.smoke;
  const sizes = { ...(smoke ? SMOKE : FULL) };
  for (const [flag, key] of Object.entries(NUMERIC)) {
    const raw = (values as Record<string, unknown>)[flag];
    if (typeof raw !== 'string') continue;
    const number = Number(raw.replaceAll('_', ''));
    if (!Number.isFinite(number) || number <= 0) throw new Error(`--${flag} must be a positive number\n${USAGE}`);
    sizes[key] = number;
  }
  const only = typeof values.only === 'string' ? values.only.split(',').map((name) => name.trim()) : [...SUITES];
  const unknown = only.filter((name) => !(SUITES as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`unknown benchmark ${unknown.join(', ')}\n${USAGE}`);
  if (sizes.groupSize < 2) throw new Error('--group-size must be at least 2');
  return {
    smoke,
    only: only as SuiteName[],
    ...sizes,
    pg: !values['no-pg'],
    pgUrl: values['pg-url'],
    cpuProf: values['cpu-prof'],
  };
}
