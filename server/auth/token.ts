import { createHmac, type webcrypto } from 'node:crypto';
import { compactVerify, errors as joseErrors, type CompactVerifyResult } from 'jose';
import { z } from 'zod';
import { isStorableText, type StaffClaims } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import { HOTEL_SLUG, STAFF_ID } from '../notify/channels.js';

const MAX_TOKEN_LENGTH = 8192;
/** Tolerated clock difference between the portal and this server, for `nbf` and `iat` only. */
const CLOCK_SKEW_SECONDS = 60;

/** NUL (PostgreSQL cannot store it) or a lone UTF-16 surrogate (no character at all): never in a stored claim. */
const storable = (value: string | null | undefined) => value == null || isStorableText(value);

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
 * Verifies a portal-signed JWT and returns its claims. The JWS itself (its form, the algorithm allow-list,
 * the HMAC) is `jose`'s; the claims are this schema's. Only HS256 is accepted (never `none`, never an
 * asymmetric algorithm that could be confused with the shared secret), no `crit` extension is, and `exp`
 * is required.
 *
 * @throws ApiError 401 `unauthorized` for any token that is malformed, forged, expired or incomplete.
 */
export async function verifyStaffToken(token: string, secret: string, now = Date.now()): Promise<StaffClaims> {
  if (token.length > MAX_TOKEN_LENGTH) throw unauthorized('The token is not a JWT.');
  let verified: CompactVerifyResult;
  try {
    verified = await compactVerify(token, await hmacKey(secret), { algorithms: ['HS256'] });
  } catch (error) {
    throw refusalOf(error);
  }
  const header = verified.protectedHeader;
  // jose understands `crit: ["b64"]` (an unencoded payload); a portal never sends extensions, so none is taken.
  if ('crit' in header) throw unauthorized('The token must be signed with HS256.');
  if (header.typ !== undefined && (typeof header.typ !== 'string' || header.typ.toUpperCase() !== 'JWT')) {
    throw unauthorized('The token is not a JWT.');
  }

  const parsed = claimsSchema.safeParse(decodePayload(verified.payload));
  if (!parsed.success) {
    throw unauthorized(
      'The token lacks required claims.',
      parsed.error.issues.map((issue) => ({
        claim: issue.path.join('.'),
        problem: issue.message,
      })),
    );
  }
  // Checked here rather than by jose's jwtVerify: its clock tolerance would stretch `exp` as well.
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

/** Imported once per secret: a server has one, and importing costs more than verifying. */
const hmacKeys = new Map<string, Promise<webcrypto.CryptoKey>>();

function hmacKey(secret: string): Promise<webcrypto.CryptoKey> {
  let key = hmacKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    hmacKeys.set(secret, key);
  }
  return key;
}

/** jose's refusals, in the words the API has always used for them. */
function refusalOf(error: unknown): ApiError {
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return unauthorized('The token must be signed with HS256.');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return unauthorized('The token signature is invalid.');
  if (error instanceof joseErrors.JOSEError) return unauthorized('The token is not a JWT.');
  throw error;
}

/**
 * Signs staff claims as an HS256 JWT, as a host portal's backend would. Used by the demo's token
 * endpoint and by tests (some forty call sites, many in synchronous set-up), so it stays synchronous
 * where jose's `SignJWT` is not; every token it makes is checked by jose in {@link verifyStaffToken}.
 *
 * @example signStaffToken({ sub: 'anna', hotel: 'grand', name: 'Anna' }, secret) // valid for 12 hours
 */
export function signStaffToken(claims: Omit<StaffClaims, 'exp'> & { exp?: number }, secret: string, ttlSeconds = 12 * 60 * 60): string {
  const exp = claims.exp ?? Math.floor(Date.now() / 1000) + ttlSeconds;
  const header = encodePart({ alg: 'HS256', typ: 'JWT' });
  const payload = encodePart({ ...claims, exp });
  return `${header}.${payload}.${createHmac('sha256', secret).update(`${header}.${payload}`).digest('base64url')}`;
}

function encodePart(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function decodePayload(payload: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(payload));
  } catch {
    throw unauthorized('The token is not a JWT.');
  }
}

function unauthorized(message: string, details?: unknown): ApiError {
  return new ApiError(401, 'unauthorized', message, details);
}
