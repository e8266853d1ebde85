import { Hono } from 'hono';
import { pusherClientOptions, type Config } from '../config.js';
import type { ChatConfig } from '../../contract/index.js';
import { ALLOWED_MIME_TYPES } from '../files/file-types.js';
import { publicUrlOf } from '../http/public-url.js';
import type { RouteDeps } from './deps.js';

/** Same origin (no `Origin` header, or ours), `*`, or one of STAFF_CHAT_ALLOWED_ORIGINS. */
function originAllowed(config: Config, origin: string | undefined, publicUrl: URL): boolean {
  // The host alone decides "same origin" here: without a trusted proxy the scheme we see may not be the browser's.
  if (!origin || (URL.canParse(origin) && new URL(origin).host === publicUrl.host)) return true;
  return config.allowedOrigins.includes('*') || config.allowedOrigins.includes(origin);
}

/**
 * `GET /staff_chat/config`: public; what the widget needs before it has a token. The answer depends on
 * the request's host, so no cache may keep it for someone else.
 */
export function configRoutes({ config }: RouteDeps) {
  return new Hono().get('/', (c) => {
    const publicUrl = publicUrlOf(config, new URL(c.req.url), {
      proto: c.req.header('x-forwarded-proto'),
      host: c.req.header('x-forwarded-host'),
    });
    const body: ChatConfig = {
      pusher: {
        key: config.realtime.key,
        options: pusherClientOptions(config, publicUrl),
        auth_endpoint: `${config.apiBase}/staff_chat/pusher/auth`,
      },
      limits: {
        message_max_length: config.limits.messageMaxLength,
        page_size_max: config.limits.pageSizeMax,
        upload_max_bytes: config.uploads.maxBytes,
        upload_max_files: config.uploads.maxFiles,
        upload_types: [...ALLOWED_MIME_TYPES],
      },
      origin_allowed: originAllowed(config, c.req.header('origin'), publicUrl),
    };
    c.header('Cache-Control', 'no-store');
    // Public and secret-free, so any page may read it, including one the API's CORS refuses.
    c.header('Access-Control-Allow-Origin', '*');
    return c.json(body);
  });
}
