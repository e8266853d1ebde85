import { Hono, type Context } from 'hono';
import { every, except } from 'hono/combine';
import { cors } from 'hono/cors';
import type Pusher from 'pusher';
import { requireStaff, tokenBeforeBody } from './auth/middleware.js';
import { StaffSync } from './auth/staff-sync.js';
import type { Config } from './config.js';
import { ApiError, handleError, handleNotFound } from './errors.js';
import type { ServerExtension } from './extension.js';
import { apiSecurityHeaders } from './http/security-headers.js';
import { closeWhenBodyUnread } from './http/unread-body.js';
import { bodyLimit } from './limits/body-limit.js';
import { rateLimit } from './limits/rate-limit.js';
import type { SharedRateLimits } from './limits/shared-buckets.js';
import { requireUtf8Body } from './limits/utf8-body.js';
import { consoleLogger, type Logger } from './logger.js';
import type { Notifier } from './notify/notifier.js';
import { withSignedAttachmentUrls } from './files/attachment-urls.js';
import type { FileStore } from './files/file-store.js';
import { localDiskStore } from './files/local-disk.js';
import { UrlSigner } from './files/signed-url.js';
import { acknowledgementRoutes } from './routes/acknowledgements.js';
import { attachmentDeleteRoutes } from './routes/attachment-delete.js';
import { attachmentRoutes } from './routes/attachments.js';
import { conversationSettingsRoutes } from './routes/conversation-settings.js';
import { forwardRoutes } from './routes/forward.js';
import { isUploadPath, uploadRoutes } from './routes/upload.js';
import { configRoutes } from './routes/config.js';
import { conversationRoutes } from './routes/conversations.js';
import { conversationChannel } from './notify/channels.js';
import { holderKey, type RouteDeps, type SubscriptionGrants } from './routes/deps.js';
import { handoverRoutes } from './routes/handover.js';
import { messageChangeRoutes } from './routes/message-changes.js';
import { messageRoutes } from './routes/messages.js';
import { participantRoutes } from './routes/participants.js';
import { pinListRoutes, pinRoutes } from './routes/pins.js';
import { pusherAuthRoutes } from './routes/pusher-auth.js';
import { searchRoutes } from './routes/search.js';
import { staffRoutes } from './routes/staff.js';
import type { Storage } from './storage/storage.js';

export interface AppDeps {
  config: Config;
  storage: Storage;
  /** The `pusher` SDK instance; the app signs channel authorizations with it. */
  pusher: Pusher;
  notifier: Notifier;
  log?: Logger;
  /** Where attachments are kept; default: the local disk at `config.uploads.dir`. */
  files?: FileStore;
  /** Rate-limit buckets shared by every instance (REDIS_URL); default: this process's own. */
  sharedLimits?: SharedRateLimits;
  /** The embedded hub's subscription grants, so a leaver's open subscription can be dropped. */
  subscriptions?: SubscriptionGrants;
  /** The demo's extra API routes; production has none. */
  extension?: ServerExtension;
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
  const { rate } = config.limits;
  const signer = new UrlSigner(config.jwtSecret);
  const files = deps.files ?? localDiskStore(config.uploads.dir, { log });
  const routeDeps: RouteDeps = {
    ...deps,
    // Every message a route answers or notifies carries freshly signed attachment URLs.
    storage: withSignedAttachmentUrls(deps.storage, signer, config.apiBase),
    log,
    // Every authenticated request counts against its sender's request budget.
    auth: every(
      requireStaff({
        jwtSecret: config.jwtSecret,
        staffSync: new StaffSync(deps.storage, (hotel, ids, { staffId, left }) => {
          ids.forEach((id) => void deps.notifier.departmentMembershipChanged(hotel, id));
          // Moved to another department: their tabs stop hearing the old one's channel (embedded hub).
          for (const id of left) deps.subscriptions?.revoke(conversationChannel(hotel, id), holderKey(hotel, staffId));
        }),
      }),
      rateLimit({ perMinute: rate.requestsPerMinute, what: 'requests', ...(deps.sharedLimits && { shared: deps.sharedLimits }) }),
    ),
    limitMessages: rateLimit({
      perMinute: rate.messagesPerMinute,
      what: 'messages',
      ...(deps.sharedLimits && { shared: deps.sharedLimits }),
    }),
    limitChanges: rateLimit({ perMinute: rate.changesPerMinute, what: 'changes', ...(deps.sharedLimits && { shared: deps.sharedLimits }) }),
  };

  const staffChat = new Hono()
    .route('/config', configRoutes(routeDeps))
    .route('/pusher/auth', pusherAuthRoutes(routeDeps))
    .route('/:hotel', staffRoutes(routeDeps))
    .route('/:hotel/conversations', conversationRoutes(routeDeps))
    .route('/:hotel/conversations', messageRoutes(routeDeps))
    .route('/:hotel/conversations', participantRoutes(routeDeps))
    .route('/:hotel/messages', messageChangeRoutes(routeDeps))
    .route('/:hotel/messages', pinRoutes(routeDeps))
    .route('/:hotel/conversations', pinListRoutes(routeDeps))
    .route('/:hotel/conversations', conversationSettingsRoutes(routeDeps))
    .route(
      '/:hotel/messages',
      forwardRoutes(
        routeDeps,
        rateLimit({ perMinute: config.forward.perMinute, what: 'forwards', ...(deps.sharedLimits && { shared: deps.sharedLimits }) }),
      ),
    )
    .route('/:hotel/conversations', uploadRoutes({ ...routeDeps, files }))
    .route('/:hotel/attachments', attachmentRoutes({ ...routeDeps, files, signer }))
    .route(
      '/:hotel/search',
      searchRoutes(
        routeDeps,
        rateLimit({ perMinute: config.search.perMinute, what: 'searches', ...(deps.sharedLimits && { shared: deps.sharedLimits }) }),
      ),
    )
    .route('/:hotel', acknowledgementRoutes(routeDeps))
    .route('/:hotel', handoverRoutes(routeDeps))
    .route('/:hotel/attachments', attachmentDeleteRoutes({ ...routeDeps, files }));
  for (const [path, routes] of Object.entries(deps.extension?.apiRoutes?.(routeDeps) ?? {})) staffChat.route(path, routes);

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
  // Every request with a body shows a valid token before its body is read; only these take bodies from
  // anyone (the demo's token endpoint stands in for the portal's sign-in).
  const isTokenFree = (c: Context) => /\/staff_chat\/(config|dev\/token)\/?$/.test(c.req.path);
  api.use('*', except(isTokenFree, tokenBeforeBody(config.jwtSecret)));
  // Uploads are the one exception: binary multipart bodies, with their own, larger limit (routes/upload.ts).
  const isUpload = (c: Context) => isUploadPath(c.req.path);
  api.use(
    '*',
    except(
      isUpload,
      bodyLimit({
        maxSize: config.limits.bodyMaxBytes,
        onError: () => {
          throw new ApiError(413, 'payload_too_large', `The request body is larger than ${config.limits.bodyMaxBytes} bytes.`);
        },
      }),
    ),
  );
  api.use('*', except(isUpload, requireUtf8Body()));

  const app = new Hono({ strict: false });
  app.use('*', closeWhenBodyUnread, apiSecurityHeaders());
  app.route(config.apiBase || '/', api.route('/staff_chat', staffChat));
  app.onError(handleError(log));
  app.notFound(handleNotFound);
  return app;
}

/** The app's type, for a typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>;
