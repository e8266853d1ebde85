import { createMiddleware } from 'hono/factory';
import type { AuthEnv } from '../auth/middleware.js';
import { ApiError } from '../errors.js';
import type { SharedRateLimits } from './shared-buckets.js';
import { TokenBuckets } from './token-bucket.js';

/**
 * Refuses a staff member's request with 429 `rate_limited` and `Retry-After` (whole seconds) once
 * they used up their bucket. Runs after authentication, keyed by hotel and staff id, so one person
 * cannot starve the others; a refused request has done nothing and may be repeated as is.
 * `perMinute` 0 turns the limit off. With `shared`, every instance counts against the same buckets in
 * Redis (and falls back to its own while Redis does not answer).
 *
 * @example app.post('/send', auth, rateLimit({ perMinute: 120, what: 'messages' }), handler)
 */
export function rateLimit(options: { perMinute: number; what: string; now?: () => number; shared?: SharedRateLimits }) {
  const local =
    options.perMinute > 0 ? new TokenBuckets({ perMinute: options.perMinute, ...(options.now && { now: options.now }) }) : undefined;
  const buckets = local && options.shared ? options.shared.buckets(options.what, local) : local;
  return createMiddleware<AuthEnv>(async (c, next) => {
    if (buckets) {
      const { hotel, sub } = c.var.staff;
      const verdict = await buckets.take(`${hotel}\n${sub}`);
      if (!verdict.allowed) {
        const seconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
        const error = new ApiError(429, 'rate_limited', `Too many ${options.what}; try again in ${seconds} s.`, {
          retry_after: seconds,
        });
        const response = error.getResponse();
        response.headers.set('Retry-After', String(seconds));
        return response;
      }
    }
    await next();
  });
}
