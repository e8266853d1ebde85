/**
 * `npm run bench` (`tsx bench/run.ts [flags]`): runs each benchmark, prints one table (value, budget,
 * bare baseline, ratio, verdict) and writes it as JSON under bench/results/. See bench/README.md.
 *
 * Exit code: 0 when every benchmark ran, 1 when one failed to run. A missed budget does not fail the
 * run (numbers depend on the machine); `bench/bundle-check.ts` is the one budget gate.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseFlags, type Flags, type SuiteName } from './support/flags.js';
import { resultsDir } from './support/paths.js';
import { formatTable, ratioOf, shortfall, verdict, type Row } from './support/report.js';
import { runBundle } from './suites/bundle.js';
import { runFanout } from './suites/fanout.js';
import { runHistory } from './suites/history.js';
import { runLatency } from './suites/latency.js';
import { runRender } from './suites/render.js';
import { runSearch } from './suites/search.js';
import { runThroughput } from './suites/throughput.js';

type Suite = (flags: Flags, dataDir: string) => Promise<Row[]>;

const suites: Record<SuiteName, Suite> = {
  bundle: () => runBundle(),
  latency: runLatency,
  throughput: runThroughput,
  fanout: runFanout,
  history: runHistory,
  search: runSearch,
  render: runRender,
};

let flags: Flags;
try {
  flags = parseFlags(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(2);
}

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGb: Math.round(totalmem() / 2 ** 30),
  node: process.version,
};
const started = new Date();
const dataDir = mkdtempSync(join(tmpdir(), 'staff-chat-bench-'));
const rows: Row[] = [];
const failures: { suite: SuiteName; error: string }[] = [];

console.log(`staff-chat bench${flags.smoke ? ' (smoke: sizes too small for the budgets to mean anything)' : ''}`);
console.log(`machine: ${machine.cpus} cpus, ${machine.cpu}, ${machine.memoryGb} GB, node ${machine.node}\n`);

for (const name of flags.only) {
  const startedAt = performance.now();
  process.stdout.write(`running ${name}… `);
  try {
    const suiteRows = await suites[name](flags, dataDir);
    rows.push(...suiteRows);
    console.log(`done in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push({ suite: name, error: message });
    console.log(`FAILED\n${message}`);
  }
}
rmSync(dataDir, { recursive: true, force: true });

console.log(`\n${formatTable(rows)}\n`);
const missed = rows.map(shortfall).filter((line): line is string => line !== undefined);
if (missed.length > 0) console.log(`missed budgets${flags.smoke ? ' (smoke sizes: not meaningful)' : ''}:\n  ${missed.join('\n  ')}\n`);

mkdirSync(resultsDir, { recursive: true });
const file = join(resultsDir, `${started.toISOString().replaceAll(':', '-').replace(/\..+/, '')}${flags.smoke ? '-smoke' : ''}.json`);
const json = {
  started: started.toISOString(),
  machine,
  commit: gitHead(),
  flags,
  rows: rows.map((row) => ({ ...row, ratio: ratioOf(row), verdict: verdict(row) })),
  failures,
};
writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
writeFileSync(join(resultsDir, flags.smoke ? 'latest-smoke.json' : 'latest.json'), `${JSON.stringify(json, null, 2)}\n`);
console.log(`results: ${file}`);
if (failures.length > 0) {
  console.error(`${failures.length} benchmark(s) failed to run: ${failures.map((failure) => failure.suite).join(', ')}`);
  process.exit(1);
}
// Clients of the suites (pusher-js reconnect timers, keep-alive agents) must not hold the process open.
process.exit(0);

function gitHead(): string | undefined {
  try {
    const head = readFileSync(new URL('../.git/HEAD', import.meta.url), 'utf8').trim();
    if (!head.startsWith('ref: ')) return head;
    return readFileSync(new URL(`../.git/${head.slice(5)}`, import.meta.url), 'utf8').trim();
  } catch {
    return undefined;
  }
}
