import type { IncomingMessage } from 'node:http';
import { createMiddleware } from 'hono/factory';

/**
 * Ends the connection after an answer given before its request's body had arrived (a 413, or a 401 to
 * an upload). Node then drops the connection rather than read megabytes it does not want, and a client
 * that kept it alive would send its next request into a closed socket; `Connection: close` tells it to
 * open a new one. Under `app.request()` (tests) there is no Node request and nothing to do.
 */
export const closeWhenBodyUnread = createMiddleware<{ Bindings: { incoming?: IncomingMessage } }>(async (c, next) => {
  await next();
  // Undefined under app.request() without an env, whatever Hono's Bindings type says.
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  if (incoming && !incoming.complete) c.res.headers.set('Connection', 'close');
});
