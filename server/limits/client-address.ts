/**
 * The address a request came from, for per-address limits (the hub's connection cap today, HTTP limits
 * later). One function so every limit agrees on who "one client" is.
 */
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

/**
 * The client's address. With `trustedProxies` 0 it is the socket's peer address. With N > 0 it is read
 * from `X-Forwarded-For`: each proxy appends the address it saw, so the last N entries were written by
 * our own proxies and entry N from the right is the client as the outermost of them saw it. Entries to
 * its left came from the client and can be forged, so they are never used. A header shorter than N
 * gives its left-most entry; a missing header or an entry that is not an address gives the peer address.
 *
 * @example clientAddress(req, 1) // "203.0.113.7" for "X-Forwarded-For: 10.9.9.9, 203.0.113.7"
 */
export function clientAddress(request: IncomingMessage, trustedProxies: number): string {
  const peer = normaliseAddress(request.socket.remoteAddress ?? '') ?? 'unknown';
  if (trustedProxies <= 0) return peer;
  const header = request.headers['x-forwarded-for'];
  // Node joins repeated X-Forwarded-For headers with ", ", so one split covers both forms.
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) return peer;
  const index = Math.max(0, entries.length - trustedProxies);
  return normaliseAddress(entries[index] ?? '') ?? peer;
}

/**
 * The key a per-address limit counts under: the address itself for IPv4, its /64 network for IPv6,
 * because one subscriber line or host usually holds a whole /64 and could otherwise pick a fresh
 * address for every connection.
 */
export function addressLimitKey(address: string): string {
  if (isIP(address) !== 6) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** An IP address without port, brackets or the IPv4-mapped prefix; undefined when it is not one. */
function normaliseAddress(raw: string): string | undefined {
  let address = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  // Some proxies (Azure's) write "203.0.113.7:51234".
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) address = mapped[1];
  return isIP(address) === 0 ? undefined : address.toLowerCase();
}

/** The eight 16-bit groups of an IPv6 address, as written without leading zeros. */
function expandIpv6(address: string): string[] | undefined {
  const [head = '', tail] = address.split('::');
  const split = (part: string) => (part === '' ? [] : part.split(':'));
  const left = split(head);
  const right = tail === undefined ? [] : split(tail);
  // An embedded IPv4 tail ("::1.2.3.4") is two groups; only the first four groups matter here.
  const missing = 8 - left.length - right.length;
  if (missing < 0) return undefined;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  return groups.map((group) => (/^[0-9a-f]{1,4}$/i.test(group) ? parseInt(group, 16).toString(16) : group));
}
