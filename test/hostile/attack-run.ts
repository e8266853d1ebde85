/**
 * Runs one attack against a fresh server while the colleagues work, and judges it: colleague latency,
 * failed colleague actions, server memory, and the attack's own checks. Each attack prints one line:
 * attack, colleague p50/p95/max, peak RSS, and what the server did.
 */
import { COLLEAGUE_MAX_MS, COLLEAGUE_P95_MS, RSS_GROWTH_MAX_MB, RSS_MAX_MB } from './bounds.js';
import { forkColleagues, startColleagueProbe, type ColleagueProcess, type ProbeReport, type ProbeSample } from './colleague-probe.js';
import { startHostileServer, type HostileServer } from './hostile-server.js';

/** The colleagues work this long before the attack starts, for the "before" level of memory and latency. */
const BASELINE_MS = 700;
/** …and this long after it ended: a backlog the attack left (queued frames, a busy database) hurts them then. */
const TAIL_MS = 1000;

/** What an attack reports back. */
export interface AttackResult {
  /** What the server did, for the line: "refused 2800 (503 at the handshake), closed 12 with 4100". */
  serverDid: string;
  /** Attack-specific checks that failed, one sentence each; empty when it held. */
  problems: string[];
}

export interface AttackVerdict {
  line: string;
  /** Every bound that was broken, one sentence each. */
  problems: string[];
  report: ProbeReport;
}

export interface AttackContext {
  server: HostileServer;
  /** Aborted when the server's memory passes the abort ceiling: stop at once. */
  signal: AbortSignal;
}

export interface AttackSpec {
  /** The test's name. */
  title: string;
  /** The attack's name in its line. */
  name: string;
  /** Settings for the server's child process on top of the suite's (a shared server gets every attack's). */
  env?: Record<string, string>;
  /**
   * Whether colleagues also open new sockets during the attack (default true). Off where the attack
   * fills the hub's total cap on purpose, which refuses everyone's new sockets alike.
   */
  colleaguesOpenSockets?: boolean;
  /** Before the colleagues start (e.g. sockets that the attack needs in place). */
  prepare?(server: HostileServer): Promise<void>;
  run(context: AttackContext): Promise<AttackResult>;
  /** After the tail, before the server stops: cleanup of the attack's sockets. */
  cleanup?(): Promise<void> | void;
}

/** A server and colleague process that several attacks use in turn (the short suite), each in a hotel of its own. */
export interface SharedRig {
  server: HostileServer;
  colleagues: ColleagueProcess;
}

/**
 * Runs `spec` while the colleagues work, and judges it. With `shared`, the attack runs in a new hotel on
 * that server; without, it gets a server of its own, started with its settings and stopped after.
 */
export async function runAttack(spec: AttackSpec, shared?: SharedRig & { hotel: string }): Promise<AttackVerdict> {
  const colleagues = shared?.colleagues ?? forkColleagues();
  let server: HostileServer;
  try {
    server = shared ? shared.server.inHotel(shared.hotel) : await startHostileServer(spec.env);
  } catch (error) {
    colleagues.child.kill();
    throw error;
  }
  try {
    await spec.prepare?.(server);
    const probe = await startColleagueProbe(server, colleagues, { newSockets: spec.colleaguesOpenSockets ?? true });
    await delay(BASELINE_MS);
    await probe.phase('attack');
    let result: AttackResult;
    try {
      result = await spec.run({ server, signal: probe.abort });
      await delay(TAIL_MS);
    } finally {
      await spec.cleanup?.();
    }
    const report = await probe.stop();
    return judge(spec.name, result, report, probe.abort.aborted ? String(probe.abort.reason) : undefined);
  } finally {
    if (!shared) {
      colleagues.child.kill();
      await server.stop();
    }
  }
}

function judge(name: string, result: AttackResult, report: ProbeReport, aborted: string | undefined): AttackVerdict {
  const during = report.samples.filter((sample) => sample.phase === 'attack');
  const latencies = during.map((sample) => sample.ms).sort((a, b) => a - b);
  const p50 = percentile(latencies, 0.5);
  const p95 = percentile(latencies, 0.95);
  const max = latencies.at(-1) ?? Number.NaN;
  const failed = during.filter((sample) => !sample.ok);
  const before = report.rss.baseline?.last ?? Number.NaN;
  const peak = report.rss.attack?.peak ?? Number.NaN;

  const problems: string[] = [];
  if (aborted) problems.push(aborted);
  if (during.length === 0) problems.push('the colleagues completed no action during the attack');
  if (!(p95 < COLLEAGUE_P95_MS)) problems.push(`colleague p95 ${ms(p95)} is not under ${COLLEAGUE_P95_MS} ms`);
  if (!(max < COLLEAGUE_MAX_MS))
    problems.push(`colleague max ${ms(max)} is not under ${COLLEAGUE_MAX_MS} ms (slowest: ${slowest(during)})`);
  if (failed.length > 0) problems.push(`${failed.length} colleague actions failed: ${summarizeFailures(failed)}`);
  if (!(peak - before < RSS_GROWTH_MAX_MB))
    problems.push(`server RSS grew ${mb(peak - before)} (${mb(before)} → ${mb(peak)}), not under ${RSS_GROWTH_MAX_MB} MB`);
  if (!(peak < RSS_MAX_MB)) problems.push(`server RSS peaked at ${mb(peak)}, not under ${RSS_MAX_MB} MB`);
  problems.push(...result.problems);

  const verdict = problems.length === 0 ? 'PASS' : 'FAIL';
  const line =
    `${verdict} ${name.padEnd(22)} colleagues p50 ${ms(p50)} p95 ${ms(p95)} max ${ms(max)} ` +
    `(${during.length} actions, ${failed.length} failed); server RSS ${mb(before)} → peak ${mb(peak)}; server: ${result.serverDid}`;
  return { line, problems, report };
}

function percentile(sorted: number[], share: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)]!;
}

function slowest(samples: ProbeSample[]): string {
  const worst = samples.reduce<ProbeSample | undefined>((a, b) => (a && a.ms >= b.ms ? a : b), undefined);
  return worst ? `${worst.kind} ${ms(worst.ms)}` : 'none';
}

function summarizeFailures(failed: ProbeSample[]): string {
  const counts = new Map<string, number>();
  for (const sample of failed) {
    const key = `${sample.kind}: ${sample.detail ?? 'failed'}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts]
    .slice(0, 4)
    .map(([key, count]) => `${count}× ${key}`)
    .join('; ');
}

const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} ms` : 'n/a');
const mb = (value: number) => (Number.isFinite(value) ? `${value.toFixed(0)} MB` : 'n/a');

/** A measurement window, not a wait for an event: the colleagues work while it passes. */
export function delay(milliseconds: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, milliseconds);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

/** Counts of values, as `4100×12, 1006×3`. */
export function histogram(values: Iterable<string | number>): string {
  const counts = new Map<string | number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts.size === 0 ? 'none' : [...counts].map(([value, count]) => `${value}×${count}`).join(', ');
}
