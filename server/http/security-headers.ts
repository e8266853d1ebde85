import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

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
 * which shows a portal with a strict CSP can embed it.
 */
export function pageSecurityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      // Avatars may live anywhere on https; upload previews are blob: URLs.
      imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
      connectSrc: ["'self'"],
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
