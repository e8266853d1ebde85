import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { StaffClaims } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { StaffSync } from './staff-sync.js';
import { verifyStaffToken } from './token.js';

/** Context variables set by {@link requireStaff}. */
export interface AuthEnv {
  Variables: { staff: StaffClaims; bearerClaims?: Promise<StaffClaims> };
}

const BEARER = /^Bearer[ \t]+([A-Za-z0-9_\-.=]+)[ \t]*$/i;

/**
 * The verified claims of the request's Bearer token, checked once per request however many middlewares
 * ask (the body gate and {@link requireStaff}).
 *
 * @throws ApiError 401 `unauthorized` (no, malformed, forged or expired token).
 */
export function bearerClaims(c: Context<AuthEnv>, jwtSecret: string): Promise<StaffClaims> {
  let claims = c.get('bearerClaims');
  if (!claims) {
    claims = (async () => {
      const header = c.req.header('authorization');
      if (!header) throw new ApiError(401, 'unauthorized', 'An Authorization: Bearer token is required.');
      const token = BEARER.exec(header)?.[1];
      if (!token) throw new ApiError(401, 'unauthorized', 'The Authorization header must be "Bearer <token>".');
      return verifyStaffToken(token, jwtSecret);
    })();
    c.set('bearerClaims', claims);
  }
  return claims;
}

/**
 * Checks the token of a request with a body before anything reads that body, so a stranger who
 * trickles a body a byte a second is answered 401 at once (and the connection closed, see
 * http/unread-body.ts) instead of holding it open until the request timeout.
 */
export function tokenBeforeBody(jwtSecret: string) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') await bearerClaims(c, jwtSecret);
    await next();
  });
}

/**
 * Authenticates the caller from `Authorization: Bearer <JWT>`, sets `c.var.staff`, and keeps their
 * staff row in step with the claims. On routes with a `{hotel}` path segment, the token's hotel must
 * be that one.
 *
 * @throws ApiError 401 `unauthorized` (no, malformed, forged or expired token), 403 `wrong_hotel`.
 */
export function requireStaff(deps: { jwtSecret: string; staffSync: StaffSync }) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const claims = await bearerClaims(c, deps.jwtSecret);

    const hotel = c.req.param('hotel');
    if (hotel !== undefined && hotel !== claims.hotel) {
      throw new ApiError(403, 'wrong_hotel', 'The token belongs to another hotel.');
    }
    await deps.staffSync.sync(claims);
    c.set('staff', claims);
    await next();
  });
}
