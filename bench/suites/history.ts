/**
 * History paging on a big database: `--history` messages (default 1,000,000) in SQLite, spread over 20
 * conversations. Timed: the latest page (what opening a conversation asks for) and `before_id` pages
 * at random depths (scrolling up), each `--queries` times, once at the storage layer (the query
 * alone) and once through the API (token check, membership, JSON). No DESIGN.md budget: the rows show
 * that a page costs the same at any depth and any database size.
 */
import type { Flags } from '../support/flags.js';
import type { Row } from '../support/report.js';
import { seedHistory } from '../support/seed-history.js';
import { BENCH_HOTEL, startBenchStack } from '../support/stack.js';
import { summarize, type Summary } from '../support/stats.js';
import { createStorage } from '../../server/storage/index.js';

const PAGE = 50;
const CONVERSATIONS = 20;
const WARMUP = 50;

export async function runHistory(flags: Flags, dataDir: string): Promise<Row[]> {
  const file = `${dataDir}/history.sqlite`;
  const seedStarted = performance.now();
  const seeded = await seedHistory(file, { total: flags.history, conversations: CONVERSATIONS, memberIds: ['h0', 'h1', 'h2', 'h3', 'h4'] });
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  // Deterministic "random" depths, so two runs ask for the same pages.
  let state = 42;
  const randomBefore = () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    // The conversation's ids are CONVERSATIONS apart: start deep enough that a full page lies below.
    const lowest = seeded.firstId + (PAGE + 1) * CONVERSATIONS;
    return lowest + Math.floor((state / 2 ** 31) * (seeded.newestId - lowest));
  };

  const storage = await createStorage(`file:${file}`);
  let latest: Summary;
  let before: Summary;
  try {
    const page = (beforeId?: number) =>
      storage.listMessages(BENCH_HOTEL, seeded.conversationId, { limit: PAGE, ...(beforeId === undefined ? {} : { beforeId }) });
    const check = (result: Awaited<ReturnType<typeof page>>) => {
      if (result.messages.length !== PAGE) throw new Error(`a page held ${result.messages.length} messages, not ${PAGE}`);
    };
    latest = await time(flags.queries, async () => check(await page()));
    before = await time(flags.queries, async () => check(await page(randomBefore())));
  } finally {
    await storage.close();
  }

  const stack = await startBenchStack(`file:${file}`);
  let api: Summary;
  try {
    const token = stack.token(seeded.members[0]!);
    const path = `/staff_chat/${BENCH_HOTEL}/conversations/${seeded.conversationId}/messages/?limit=${PAGE}`;
    api = await time(flags.queries, async () => {
      const body = await stack.call<{ messages: unknown[] }>(token, 'GET', path);
      if (body.messages.length !== PAGE) throw new Error(`the API page held ${body.messages.length} messages`);
    });
  } finally {
    await stack.close();
  }

  const size = `${formatCount(flags.history)} in db, ${formatCount(seeded.messages)} in conversation`;
  const note = `seeded in ${seedSeconds.toFixed(1)} s`;
  return [
    { bench: 'history', metric: `latest ${PAGE}, storage p50 (${size})`, value: latest.p50, unit: 'ms', note },
    { bench: 'history', metric: `latest ${PAGE}, storage p99`, value: latest.p99, unit: 'ms' },
    { bench: 'history', metric: `before_id page at random depth, storage p50`, value: before.p50, unit: 'ms' },
    { bench: 'history', metric: `before_id page at random depth, storage p99`, value: before.p99, unit: 'ms' },
    { bench: 'history', metric: `latest ${PAGE} through GET messages/, p50`, value: api.p50, unit: 'ms' },
    { bench: 'history', metric: `latest ${PAGE} through GET messages/, p99`, value: api.p99, unit: 'ms' },
  ];
}

/** Runs `work` WARMUP times unmeasured, then `count` times one after another; durations in ms. */
async function time(count: number, work: () => Promise<void>): Promise<Summary> {
  for (let index = 0; index < WARMUP; index += 1) await work();
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return summarize(samples);
}

function formatCount(value: number): string {
  return value >= 1_000_000 ? `${value / 1_000_000}M` : value >= 1000 ? `${Math.round(value / 1000)}k` : String(value);
}
