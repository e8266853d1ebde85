/**
 * Message search on a big database: `--search-messages` (1,000,000) messages in SQLite, over 200
 * conversations of which the searcher takes part in 20. Realistic queries, each kind `--search-queries`
 * times, through `GET …/search/` (token, rate limit off, validation, membership, JSON) and at the
 * storage layer: a common word, a rare word (a guest's surname), two words, and a prefix being typed.
 * Budget (DESIGN.md): p99 under 50 ms through the endpoint.
 */
import type { SearchPage } from '../../contract/index.js';
import { createStorage } from '../../server/storage/index.js';
import { parseSearchQuery } from '../../server/storage/search-text.js';
import type { Flags } from '../support/flags.js';
import type { Row } from '../support/report.js';
import { seedSearch } from '../support/seed-search.js';
import { BENCH_HOTEL, startBenchStack } from '../support/stack.js';
import { summarize, type Summary } from '../support/stats.js';

const WARMUP = 20;
const BUDGET_P99_MS = 50;

export async function runSearch(flags: Flags, dataDir: string): Promise<Row[]> {
  const file = `${dataDir}/search.sqlite`;
  const seeded = await seedSearch(file, flags.searchMessages);
  const kinds: { kind: string; queries: string[] }[] = [
    { kind: 'common word', queries: ['guest', 'room', 'please', 'breakfast'] },
    { kind: 'rare word', queries: seeded.rareNames.slice(0, 8) },
    { kind: 'two words', queries: ['late checkout', 'airport taxi', 'zimmer fruhstuck', 'chambre demande'] },
    { kind: 'prefix', queries: ['tow', 'reserv', 'break', 'misaf'] },
  ];
  if (kinds[1]!.queries.length === 0) throw new Error('the seed left the searcher no surname to look for');

  const storage = await createStorage(`file:${file}`);
  const atStorage = new Map<string, Summary>();
  try {
    for (const { kind, queries } of kinds) {
      atStorage.set(
        kind,
        await time(flags.searchQueries, queries, async (q) => {
          const query = parseSearchQuery(q);
          if (!query) throw new Error(`"${q}" has no words`);
          return (await storage.searchMessages(BENCH_HOTEL, seeded.searcher, { query, limit: 20 })).results.length;
        }),
      );
    }
  } finally {
    await storage.close();
  }

  const stack = await startBenchStack(`file:${file}`);
  const atApi = new Map<string, Summary>();
  const found = new Map<string, number>();
  try {
    const token = stack.token(seeded.searcher);
    for (const { kind, queries } of kinds) {
      let results = 0;
      atApi.set(
        kind,
        await time(flags.searchQueries, queries, async (q) => {
          const page = await stack.call<SearchPage>(token, 'GET', `/staff_chat/${BENCH_HOTEL}/search/?q=${encodeURIComponent(q)}&limit=20`);
          results += page.count;
          return page.count;
        }),
      );
      found.set(kind, results);
    }
  } finally {
    await stack.close();
  }

  const size = `${formatCount(flags.searchMessages)} in db, ${formatCount(seeded.visible)} visible`;
  const rows: Row[] = [];
  for (const { kind } of kinds) {
    const api = atApi.get(kind)!;
    const perQuery = (found.get(kind)! / api.count).toFixed(1);
    rows.push(
      {
        bench: 'search',
        metric: `${kind} through GET search/, p50 (${size})`,
        value: api.p50,
        unit: 'ms',
        note: `${perQuery} results per query`,
      },
      { bench: 'search', metric: `${kind} through GET search/, p95`, value: api.p95, unit: 'ms' },
      {
        bench: 'search',
        metric: `${kind} through GET search/, p99`,
        value: api.p99,
        unit: 'ms',
        budget: { kind: 'below', limit: BUDGET_P99_MS },
      },
      { bench: 'search', metric: `${kind}, storage p99`, value: atStorage.get(kind)!.p99, unit: 'ms' },
    );
  }
  rows[0]!.note = `${rows[0]!.note}; seeded in ${seeded.seconds.toFixed(1)} s`;
  return rows;
}

/** Runs each query in turn, WARMUP unmeasured, then `count` measured; throws when a query finds nothing. */
async function time(count: number, queries: string[], work: (q: string) => Promise<number>): Promise<Summary> {
  for (let index = 0; index < WARMUP; index++) await work(queries[index % queries.length]!);
  const samples: number[] = [];
  const hits = new Map<string, number>();
  for (let index = 0; index < count; index++) {
    const q = queries[index % queries.length]!;
    const started = performance.now();
    const results = await work(q);
    samples.push(performance.now() - started);
    hits.set(q, Math.max(hits.get(q) ?? 0, results));
  }
  const empty = [...hits].filter(([, results]) => results === 0).map(([q]) => q);
  if (empty.length > 0) throw new Error(`these searches found nothing, so they measure nothing: ${empty.join(', ')}`);
  return summarize(samples);
}

function formatCount(value: number): string {
  return value >= 1_000_000 ? `${value / 1_000_000}M` : value >= 1000 ? `${Math.round(value / 1000)}k` : String(value);
}
