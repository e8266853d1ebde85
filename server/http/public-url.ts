import type { Config } from '../config.js';

/** The request headers that say where the browser reached us, when a trusted proxy writes them. */
export interface ForwardedHeaders {
  proto?: string | undefined;
  host?: string | undefined;
}

/**
 * Where the browser reached this server: STAFF_CHAT_PUBLIC_URL when set; else the request's own URL,
 * corrected by `X-Forwarded-Proto`/`-Host` only when STAFF_CHAT_TRUST_PROXY=1. Without a trusted proxy
 * those headers are anyone's to write, so they are ignored.
 */
export function publicUrlOf(config: Config, requestUrl: URL, forwarded: ForwardedHeaders = {}): URL {
  if (config.http.publicUrl) return config.http.publicUrl;
  if (!config.http.trustProxy) return new URL(requestUrl.origin);
  const url = new URL(requestUrl.origin);
  // A chain of proxies appends; the first value is what the outermost one saw from the browser.
  const proto = firstValue(forwarded.proto)?.toLowerCase();
  if (proto === 'https' || proto === 'wss') url.protocol = 'https:';
  else if (proto === 'http' || proto === 'ws') url.protocol = 'http:';
  const host = firstValue(forwarded.host);
  const match = host ? /^([A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/.exec(host) : null;
  if (match?.[1]) {
    url.hostname = match[1];
    url.port = match[2] ?? '';
  }
  return url;
}

function firstValue(header: string | undefined): string | undefined {
  return header?.split(',')[0]?.trim() || undefined;
}
