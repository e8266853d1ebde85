import { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { TokenBuckets, Verdict } from './token-bucket.js';

/**
 * One token bucket per person shared by every server instance, kept in Redis: the same arithmetic as
 * {@link TokenBuckets} (burst, continuous refill), done atomically by a script on Redis's own clock, so
 * two instances behind a load balancer hold a person to one limit rather than to twice it.
 *
 * When Redis cannot answer (down, unreachable, slower than `timeoutMs`), each instance falls back to
 * its in-memory buckets: the limiter neither fails open (a Redis outage would lift every limit) nor
 * closed (it would refuse every request, taking the chat down with the cache). A warning is logged
 * when the fallback starts and an info line when Redis answers again.
 *
 * @example
 * const shared = new SharedRateLimits({ url: 'redis://127.0.0.1:6379', prefix: 'staff-chat:rate:', log });
 * const buckets = shared.buckets('messages', local); // local: new TokenBuckets({ perMinute: 120 })
 * await buckets.take('grand\nanna');
 */
export class SharedRateLimits {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly log: Logger;
  private falling = false;

  constructor(options: { url: string; prefix: string; log: Logger; timeoutMs?: number }) {
    this.prefix = options.prefix;
    this.log = options.log;
    this.redis = new Redis(options.url, {
      // Fail fast instead of queueing: a request waits at most `timeoutMs` for its verdict.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: options.timeoutMs ?? 250,
      // Reconnects forever, at most a second apart; the fallback covers the gap.
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    });
    // ioredis emits an error per failed reconnect; without a listener the process would crash.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_TOKEN });
  }

  /** Buckets named `name` (e.g. `messages`) with `local`'s sizes, falling back to `local` itself. */
  buckets(name: string, local: TokenBuckets): { take(key: string): Promise<Verdict> } {
    const ttlMs = Math.ceil(local.burst / (local.perMinute / 60_000)) + 1000;
    return {
      take: async (key) => {
        try {
          const [allowed, retryAfterMs] = (await (this.redis as RedisWithTakeToken).takeToken(
            `${this.prefix}${name}:${key}`,
            local.burst,
            local.perMinute / 60_000,
            ttlMs,
          )) as [number, number];
          this.recovered();
          return allowed === 1 ? { allowed: true } : { allowed: false, retryAfterMs };
        } catch (error) {
          this.fellBack(error);
          return local.take(key);
        }
      },
    };
  }

  /** Closes the connection; verdicts after this come from the local buckets. */
  close(): Promise<void> {
    this.redis.disconnect(false);
    return Promise.resolve();
  }

  private fellBack(error: unknown): void {
    if (this.falling) return;
    this.falling = true;
    this.log.warn('rate limits: Redis does not answer; each instance limits on its own until it does', {
      error: error instanceof Error ? error.message : String(error),
    });
  }

  private recovered(): void {
    if (!this.falling) return;
    this.falling = false;
    this.log.info('rate limits: Redis answers again; limits are shared between instances');
  }
}

type RedisWithTakeToken = Redis & { takeToken(key: string, burst: number, refillPerMs: number, ttlMs: number): Promise<unknown> };

// KEYS[1]: the bucket; ARGV: burst, refill per ms, expiry in ms (a full bucket is the same as none).
// Returns {1, 0} when a token was taken, {0, ms until the next one} otherwise. Redis's TIME is the one
// clock of every instance; numbers are stored with tostring so fractions of a token survive.
const TAKE_TOKEN = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local burst = tonumber(ARGV[1])
local rate = tonumber(ARGV[2])
local stored = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = burst
if stored[1] then tokens = math.min(burst, tonumber(stored[1]) + (now - tonumber(stored[2])) * rate) end
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(now))
redis.call('PEXPIRE', KEYS[1], ARGV[3])
if allowed == 1 then return {1, 0} end
return {0, math.ceil((1 - tokens) / rate)}
`;
