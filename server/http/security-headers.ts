import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { RealtimeConfig } from '../config.js';

/**
 * Security headers on every answer the server gives. A response that set its own (an attachment's
 * sandboxing CSP, a page's policy) keeps them. The API answers JSON only, so its policy allows nothing
 * and no page may frame it. Resources are `same-origin` for `no-cors` loads except where a portal
 * must load them from its own origin: the widget script and attachment files set `cross-origin`.
 */
export function apiSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    overwrite: false,
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    referrerPolicy: 'no-referrer',
    // Pages served here (the demo) are framed by each other only; SAMEORIGIN matches frame-ancestors 'self'.
    xFrameOptions: 'SAMEORIGIN',
  });
}

/**
 * The policy of the pages the server serves (the demo portal): scripts, styles, sockets and frames from
 * this origin only, nothing inline, and framed by this origin only. The widget runs under it unchanged,
 * which shows a portal with a strict CSP can embed it. `socketOrigins` adds an external realtime
 * engine's WebSocket origins (see {@link realtimeSocketOrigins}), which is all such a portal must add.
 */
export function pageSecurityHeaders(socketOrigins: string[] = []): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // Avatars may live anywhere on https; upload previews are blob: URLs.
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      connectSrc: ["'self'", ...socketOrigins],
      frameSrc: ["'self'"],
      frameAncestors: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'self'"],
    },
    referrerPolicy: 'same-origin',
    xFrameOptions: 'SAMEORIGIN',
  });
}

/**
 * The WebSocket origins pusher-js opens for an external engine: `ws://` and `wss://` at its host and port
 * (pusher-js tries the other scheme when one fails), or hosted Pusher's cluster host. None for the
 * embedded hub, which shares the page's origin.
 */
export function realtimeSocketOrigins(realtime: RealtimeConfig): string[] {
  if (realtime.mode === 'embedded') return [];
  if (realtime.host !== undefined) {
    const port = realtime.port === undefined ? '' : `:${realtime.port}`;
    return realtime.useTLS ? [`wss://${realtime.host}${port}`] : [`ws://${realtime.host}${port}`, `wss://${realtime.host}${port}`];
  }
  return [`wss://ws-${realtime.cluster ?? 'mt1'}.pusher.com`];
}
