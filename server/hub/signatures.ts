/**
 * Every signature the Pusher protocol uses: channel authorization (private, presence), user sign-in,
 * signed HTTP API requests and webhooks. HMAC SHA256 in hex, compared in constant time.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** How far `auth_timestamp` may be from our clock, in seconds (Pusher: 600). */
export const REQUEST_TIMESTAMP_WINDOW_SECONDS = 600;

/** hex(HMAC_SHA256(secret, text)). */
export function hmacHex(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** Lowercase hex MD5 of the exact body bytes. */
export function md5Hex(body: string | Uint8Array): string {
  return createHash('md5').update(body).digest('hex');
}

/** Constant-time comparison of two strings; unequal lengths are simply unequal. */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The app credentials a signature is checked against. */
export interface AppCredentials {
  appId: string;
  key: string;
  secret: string;
}

/** Checks an `auth` value of the form `key:hex(hmac(secret, stringToSign))`. */
function verifyAuthValue(app: AppCredentials, auth: string, stringToSign: string): boolean {
  const separator = auth.indexOf(':');
  if (separator < 0) return false;
  const key = auth.slice(0, separator);
  const signature = auth.slice(separator + 1);
  return safeEqual(key, app.key) && safeEqual(signature, hmacHex(app.secret, stringToSign));
}

/**
 * Verifies a private or presence channel subscription. For presence the signature also covers the exact
 * `channel_data` string the client forwards.
 */
export function verifyChannelAuth(app: AppCredentials, socketId: string, channel: string, auth: string, channelData?: string): boolean {
  const stringToSign = channelData === undefined ? `${socketId}:${channel}` : `${socketId}:${channel}:${channelData}`;
  return verifyAuthValue(app, auth, stringToSign);
}

/** Verifies a `pusher:signin`: the signature covers `socket_id::user::user_data`. */
export function verifyUserAuth(app: AppCredentials, socketId: string, auth: string, userData: string): boolean {
  return verifyAuthValue(app, auth, `${socketId}::user::${userData}`);
}

/** Why a signed HTTP request was refused; all of them are 401s. */
export type RequestSignatureFailure =
  'missing_parameters' | 'wrong_key' | 'unsupported_version' | 'stale_timestamp' | 'bad_body_md5' | 'bad_signature';

export interface SignedRequest {
  method: string;
  /** The request path, e.g. `/apps/123/events`. */
  path: string;
  /** Decoded query parameters, as received. */
  query: readonly (readonly [string, string])[];
  /** The raw body ('' when there is none). */
  body: string;
}

/**
 * Checks an HTTP API request signed per Pusher's auth_version 1.0: key, version, a timestamp within the
 * window, body_md5 recomputed from the raw body, and the HMAC over `METHOD\npath\nsorted query`.
 * Returns undefined when the request is genuine.
 */
export function verifyRequestSignature(
  app: AppCredentials,
  request: SignedRequest,
  nowSeconds: number = Date.now() / 1000,
): RequestSignatureFailure | undefined {
  const params = new Map<string, string>();
  for (const [name, value] of request.query) params.set(name.toLowerCase(), value);

  const key = params.get('auth_key');
  const timestamp = params.get('auth_timestamp');
  const version = params.get('auth_version');
  const signature = params.get('auth_signature');
  if (key === undefined || timestamp === undefined || version === undefined || signature === undefined) {
    return 'missing_parameters';
  }
  if (!safeEqual(key, app.key)) return 'wrong_key';
  if (version !== '1.0') return 'unsupported_version';
  const sentAt = Number(timestamp);
  if (!Number.isFinite(sentAt) || Math.abs(nowSeconds - sentAt) > REQUEST_TIMESTAMP_WINDOW_SECONDS) {
    return 'stale_timestamp';
  }
  // Trust the body, not the parameter that claims to describe it.
  if (request.body.length > 0) {
    const claimed = params.get('body_md5');
    if (claimed === undefined || !safeEqual(claimed, md5Hex(request.body))) return 'bad_body_md5';
  }

  params.delete('auth_signature');
  const sortedQuery = [...params.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&');
  const stringToSign = `${request.method.toUpperCase()}\n${request.path}\n${sortedQuery}`;
  return safeEqual(signature, hmacHex(app.secret, stringToSign)) ? undefined : 'bad_signature';
}
