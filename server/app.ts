import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import type Pusher from 'pusher';
import { requireStaff } from './auth/middleware.js';
import { StaffSync } from './auth/staff-sync.js';
import type { Config } from './config.js';
import { ApiError, handleError, handleNotFound } from './errors.js';
import { consoleLogger, type Logger } from './logger.js';
import type { Notifier } from './notify/notifier.js';
import { configRoutes } from './routes/config.js';
import { conversationRoutes } from './routes/conversations.js';
import type { RouteDeps } from './routes/deps.js';
import { devTokenRoutes } from './routes/dev-token.js';
import { messageRoutes } from './routes/messages.js';
import { pusherAuthRoutes } from './routes/pusher-auth.js';
import { staffRoutes } from './routes/staff.js';
import type { Storage } from './storage/storage.js';

export interface AppDeps {
  config: Config;
  storage: Storage;
  /** The `pusher` SDK instance; the app signs channel authorizations with it. */
  pusher: Pusher;
  notifier: Notifier;
  log?: Logger;
}

/**
 * The HTTP API (DESIGN.md "Wire contract"), shared by `main.ts` and the tests. Every REST path lives
 * under `config.apiBase`; a trailing slash is optional everywhere.
 *
 * @example const app = createApp({ config, storage, pusher, notifier }); serve({ fetch: app.fetch });
 */
export function createApp(deps: AppDeps) {
  const { config } = deps;
  const log = deps.log ?? consoleLogger;
  const routeDeps: RouteDeps = {
    ...deps,
    log,
    auth: requireStaff({ jwtSecret: config.jwtSecret, staffSync: new StaffSync(deps.storage) }),
  };

  const staffChat = new Hono()
    .route('/config', configRoutes(routeDeps))
    .route('/pusher/auth', pusherAuthRoutes(routeDeps))
    .route('/:hotel', staffRoutes(routeDeps))
    .route('/:hotel/conversations', conversationRoutes(routeDeps))
    .route('/:hotel/conversations', messageRoutes(routeDeps));
  if (config.demo) staffChat.route('/dev/token', devTokenRoutes(routeDeps));

  const api = new Hono();
  if (config.allowedOrigins.length > 0) {
    api.use(
      '*',
      cors({
        origin: config.allowedOrigins.includes('*') ? '*' : config.allowedOrigins,
        allowHeaders: ['Authorization', 'Content-Type', 'X-Socket-Id'],
        allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
        maxAge: 600,
      }),
    );
  }
  api.use(
    '*',
    bodyLimit({
      maxSize: config.limits.bodyMaxBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `The request body is larger than ${config.limits.bodyMaxBytes} bytes.`);
      },
    }),
  );

  const app = new Hono({ strict: false }).route(config.apiBase || '/', api.route('/staff_chat', staffChat));
  app.onError(handleError(log));
  app.notFound(handleNotFound);
  return app;
}

/** The app's type, for a typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
