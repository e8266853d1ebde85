import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { StaffClaims } from '../contract.js';
import { ApiError } from '../errors.js';
import { HOTEL_SLUG, STAFF_ID } from '../notify/channels.js';

const MAX_TOKEN_LENGTH = 8192;
/** Tolerated clock difference between the portal and this server, for `nbf` and `iat` only. */
const CLOCK_SKEW_SECONDS = 60;

/** NUL (PostgreSQL cannot store it) or a lone UTF-16 surrogate (no character at all): never in a stored claim. */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const storable = (value: string | null | undefined) => value == null || !UNSTORABLE.test(value);

/** Portals send absent fields as null or "" as often as they omit them. */
const optionalClaim = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .refine(storable, 'must be text without NUL characters or lone surrogates')
    .transform((value) => value || undefined);

const claimsSchema = z.object({
  sub: z.string().regex(STAFF_ID, 'sub must be a staff id of at most 64 characters from A-Z a-z 0-9 _ - = @ , . ;'),
  hotel: z.string().regex(HOTEL_SLUG, 'hotel must be a lowercase slug such as grand-hotel'),
  name: z.string().trim().min(1).max(200).refine(storable, 'name must be text without NUL characters or lone surrogates'),
  // Shown as an image source by the widget, so only web URLs.
  avatar: optionalClaim(2048).refine((url) => url === undefined || /^https?:\/\/\S+$/i.test(url), 'avatar must be an http(s) URL'),
  department: optionalClaim(100),
  role: optionalClaim(100),
  exp: z.number().int().positive(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
});

/**
 * Verifies a portal-signed JWT and returns its claims. Only HS256 is accepted (never `none`, never an
 * asymmetric algorithm that could be confused with the shared secret), and `exp` is required.
 *
 * @throws ApiError 401 `unauthorized` for any token that is malformed, forged, expired or incomplete.
 */
export function verifyStaffToken(token: string, secret: string, now = Date.now()): StaffClaims {
  const parts = token.length <= MAX_TOKEN_LENGTH ? token.split('.') : [];
  const [header, payload, signature] = parts;
  if (parts.length !== 3 || !header || !payload || signature === undefined) throw unauthorized('The token is not a JWT.');

  const headerJson = decodePart(header);
  if (!isRecord(headerJson) || headerJson.alg !== 'HS256' || 'crit' in headerJson) {
    throw unauthorized('The token must be signed with HS256.');
  }
  if (headerJson.typ !== undefined && (typeof headerJson.typ !== 'string' || headerJson.typ.toUpperCase() !== 'JWT')) {
    throw unauthorized('The token is not a JWT.');
  }
  // Compared as text: Node's base64url decoder skips stray characters, so decoded bytes could match a mangled signature.
  const expected = Buffer.from(hmac(secret, `${header}.${payload}`).toString('base64url'));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw unauthorized('The token signature is invalid.');
  }

  const parsed = claimsSchema.safeParse(decodePart(payload));
  if (!parsed.success) {
    throw unauthorized('The token lacks required claims.', parsed.error.issues.map((issue) => ({
      claim: issue.path.join('.'),
      problem: issue.message,
    })));
  }
  const claims = parsed.data;
  const seconds = now / 1000;
  if (claims.exp <= seconds) throw unauthorized('The token has expired.');
  if (claims.nbf !== undefined && claims.nbf > seconds + CLOCK_SKEW_SECONDS) throw unauthorized('The token is not valid yet.');
  if (claims.iat !== undefined && claims.iat > seconds + CLOCK_SKEW_SECONDS) throw unauthorized('The token was issued in the future.');

  const { sub, hotel, name, avatar, department, role, exp } = claims;
  return {
    sub,
    hotel,
    name,
    exp,
    ...(avatar !== undefined && { avatar }),
    ...(department !== undefined && { department }),
    ...(role !== undefined && { role }),
  };
}

/**
 * Signs staff claims as an HS256 JWT, as a host portal's backend would. Used by the demo's token
 * endpoint and by tests.
 *
 * @example signStaffToken({ sub: 'anna', hotel: 'grand', name: 'Anna' }, secret) // valid for 12 hours
 */
export function signStaffToken(
  claims: Omit<StaffClaims, 'exp'> & { exp?: number },
  secret: string,
  ttlSeconds = 12 * 60 * 60,
): string {
  const exp = claims.exp ?? Math.floor(Date.now() / 1000) + ttlSeconds;
  const header = encodePart({ alg: 'HS256', typ: 'JWT' });
  const payload = encodePart({ ...claims, exp });
  return `${header}.${payload}.${hmac(secret, `${header}.${payload}`).toString('base64url')}`;
}

function hmac(secret: string, data: string): Buffer {
  return createHmac('sha256', secret).update(data).digest();
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodePart(part: string): unknown {
  try {
    return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw unauthorized('The token is not a JWT.');
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unauthorized(message: string, details?: unknown): ApiError {
  return new ApiError(401, 'unauthorized', message, details);
}
