import { isUtf8 } from 'node:buffer';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.js';

/**
 * Refuses a request body that is not valid UTF-8 with 400 `bad_request`. Without it, the JSON and
 * form parsers would quietly turn the bad bytes into U+FFFD and store a message nobody wrote.
 * Runs after the body-size limit, so it never reads more than that.
 */
export function requireUtf8Body() {
  const decoder = new TextDecoder();
  return createMiddleware(async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Through Hono's body cache, not `c.req.raw`: touching the raw Request makes @hono/node-server build
      // a web Request and stream, which cost more than the rest of a send-message (bench: 4x fewer req/s).
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (!isUtf8(bytes)) throw new ApiError(400, 'bad_request', 'The request body is not valid UTF-8.');
      // The route's JSON parser reads this text instead of decoding the bytes again. (Hono's body cache
      // holds promises, though its type names the resolved values.)
      c.req.bodyCache.text = Promise.resolve(decoder.decode(bytes)) as unknown as string;
    }
    await next();
  });
}
