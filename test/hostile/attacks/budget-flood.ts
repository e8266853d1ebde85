/**
 * The loop a budget flood runs: `concurrency` requests at a time for `seconds`, each answer's status
 * kept, and each 429 checked for `Retry-After` and the one error body. Then what the token bucket
 * allows: a burst of a quarter of the per-minute rate, refilling at that rate, one token of slack.
 */
import { histogram } from '../attack-run.js';

export interface FloodAnswer {
  status: number | string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

export interface FloodOutcome {
  statuses: (number | string)[];
  elapsedSeconds: number;
  /** The most accepted answers (of `okStatus`) the bucket allows in `elapsedSeconds`. */
  allowed: number;
  accepted: number;
  problems: string[];
  summary: string;
}

export async function budgetFlood(options: {
  concurrency: number;
  seconds: number;
  signal: AbortSignal;
  perMinute: number;
  /** What an accepted request answers: one status, or several (201 the first time, 200 a repeat). */
  okStatus: number | readonly number[];
  what: string;
  request: (sequence: number) => Promise<FloodAnswer>;
}): Promise<FloodOutcome> {
  const statuses: (number | string)[] = [];
  let withoutRetryAfter = 0;
  let withoutErrorShape = 0;
  let sequence = 0;
  const started = performance.now();
  const stopAt = started + options.seconds * 1000;
  await Promise.all(
    Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < stopAt && !options.signal.aborted) {
        const response = await options
          .request(sequence++)
          .catch((error: NodeJS.ErrnoException): FloodAnswer => ({ status: error.code ?? 'error', headers: {}, body: {} }));
        statuses.push(response.status);
        if (response.status === 429) {
          if (!response.headers['retry-after']) withoutRetryAfter += 1;
          const error = (response.body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
          if (typeof error?.code !== 'string' || typeof error.message !== 'string') withoutErrorShape += 1;
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - started) / 1000;
  const okStatuses: readonly (number | string)[] = typeof options.okStatus === 'number' ? [options.okStatus] : options.okStatus;
  const isOk = (status: number | string) => okStatuses.includes(status);
  const accepted = statuses.filter(isOk).length;
  const allowed = options.perMinute / 4 + Math.ceil((elapsedSeconds * options.perMinute) / 60) + 1;
  const problems: string[] = [];
  if (accepted > allowed)
    problems.push(`${accepted} ${options.what} were accepted, more than the limit's ${allowed} in ${elapsedSeconds.toFixed(1)} s`);
  if (!statuses.includes(429)) problems.push(`no ${options.what} were refused with 429`);
  const other = statuses.filter((status) => !isOk(status) && status !== 429);
  if (other.length > 0)
    problems.push(`${other.length} ${options.what} ended otherwise than ${okStatuses.join(', ')} or 429: ${histogram(other)}`);
  if (withoutRetryAfter > 0) problems.push(`${withoutRetryAfter} 429 answers lack Retry-After`);
  if (withoutErrorShape > 0) problems.push(`${withoutErrorShape} 429 answers lack the {"error":{"code","message"}} body`);
  const summary = `answered ${statuses.length} ${options.what} in ${elapsedSeconds.toFixed(1)} s (${(statuses.length / elapsedSeconds).toFixed(0)}/s): ${histogram(statuses)}; limit allows ${allowed}`;
  return { statuses, elapsedSeconds, allowed, accepted, problems, summary };
}
