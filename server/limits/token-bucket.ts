/**
 * In-memory token buckets, one per key (a staff member). Each bucket holds up to `burst` tokens and
 * refills continuously at `perMinute / 60` tokens a second; a request takes one token or is refused
 * with the time until the next one.
 *
 * Per process: behind a load balancer each instance limits on its own, so the effective limit is the
 * per-instance one times the number of instances a client is spread over, unless the buckets are shared
 * through Redis (`REDIS_URL`, see `SharedRateLimits`).
 *
 * @example
 * const buckets = new TokenBuckets({ perMinute: 120 });
 * const verdict = buckets.take('grand\nanna'); // { allowed: false, retryAfterMs: 480 } when empty
 */
/** A bucket's answer: go ahead, or wait `retryAfterMs` for the next token. */
export type Verdict = { allowed: true } | { allowed: false; retryAfterMs: number };

export class TokenBuckets {
  readonly perMinute: number;
  readonly burst: number;
  private readonly refillPerMs: number;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;
  private readonly maxKeys: number;

  constructor(options: { perMinute: number; burst?: number; now?: () => number; maxKeys?: number }) {
    if (!(options.perMinute > 0)) throw new RangeError('perMinute must be positive');
    this.perMinute = options.perMinute;
    // A quarter of a minute's worth: a person catching up on an outbox is not refused, a loop is.
    this.burst = Math.max(1, options.burst ?? Math.ceil(options.perMinute / 4));
    this.refillPerMs = options.perMinute / 60_000;
    this.now = options.now ?? Date.now;
    this.maxKeys = options.maxKeys ?? 100_000;
  }

  /** Takes one token for `key`, or says how long until one is available. */
  take(key: string): Verdict {
    const now = this.now();
    const bucket = this.buckets.get(key);
    const tokens = bucket ? Math.min(this.burst, bucket.tokens + (now - bucket.at) * this.refillPerMs) : this.burst;
    if (tokens < 1) {
      if (bucket) Object.assign(bucket, { tokens, at: now });
      return { allowed: false, retryAfterMs: Math.ceil((1 - tokens) / this.refillPerMs) };
    }
    if (!bucket && this.buckets.size >= this.maxKeys) this.forgetFull(now);
    if (bucket) Object.assign(bucket, { tokens: tokens - 1, at: now });
    else this.buckets.set(key, { tokens: tokens - 1, at: now });
    return { allowed: true };
  }

  /** How many keys are remembered; for tests. */
  get size(): number {
    return this.buckets.size;
  }

  /** A full bucket is the same as none, so forgetting it bounds memory without changing any answer. */
  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.at) * this.refillPerMs >= this.burst) this.buckets.delete(key);
    }
  }
}
