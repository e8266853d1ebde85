import { Hono } from 'hono';
import { pusherClientOptions } from '../config.js';
import type { ChatConfig } from '../contract.js';
import { ALLOWED_MIME_TYPES } from '../files/file-types.js';
import { publicUrlOf } from '../http/public-url.js';
import type { RouteDeps } from './deps.js';

/**
 * `GET /staff_chat/config`: public; what the widget needs before it has a token. The answer depends on
 * the request's host, so no cache may keep it for someone else.
 */
export function configRoutes({ config }: RouteDeps) {
  return new Hono().get('/', (c) => {
    const publicUrl = publicUrlOf(config, new URL(c.req.url), { proto: c.req.header('x-forwarded-proto'), host: c.req.header('x-forwarded-host') });
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
    };
    c.header('Cache-Control', 'no-store');
    return c.json(body);
  });
}
