import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import Pusher from 'pusher';
import { createApp } from './app.js';
import type { Config } from './config.js';
import type { ServerExtension } from './extension.js';
import { createHub, type Hub } from './hub/index.js';
import { lingerOnEarlyClose } from './http/lingering-close.js';
import { clientAddress } from './limits/client-address.js';
import { SharedRateLimits } from './limits/shared-buckets.js';
import { consoleLogger, type Logger } from './logger.js';
import { hubPublisher } from './notify/hub-publisher.js';
import { PusherNotifier } from './notify/notifier.js';
import { sdkPublisher } from './notify/sdk-publisher.js';
import { createStorage, type Storage } from './storage/index.js';

/** How long close() lets requests in flight finish before cutting their connections. */
const DRAIN_TIMEOUT_MS = 10_000;

/** Where `vite build` puts the drop-in script that host portals load. */
const widgetDist = fileURLToPath(new URL('../dist', import.meta.url));

export interface RunningServer {
  /** e.g. `http://127.0.0.1:3000` */
  readonly url: string;
  readonly port: number;
  readonly storage: Storage;
  /** The embedded hub, when no external Pusher engine is configured. */
  readonly hub: Hub | undefined;
  /**
   * Graceful shutdown: stop accepting connections, close hub sockets with 4200 (clients reconnect at
   * once, to the next instance), let requests and notifications in flight finish, close the database.
   */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Interface to listen on; the default listens on every interface, as a server should. */
  hostname?: string;
  log?: Logger;
  /** Hub timing, for tests that need pings sooner than Pusher's 120 s. */
  hub?: { activityTimeoutSeconds?: number; pongTimeoutMs?: number };
  /** What the start script adds (the demo's seed, pages and dev token); production adds nothing. */
  extension?: ServerExtension;
}

/**
 * Starts the whole server on `config.port`: the REST API, the embedded hub on the same port (unless
 * PUSHER_* points at an external engine), the widget script at `/staff-chat.js`, and what
 * `options.extension` adds (the demo portal). Port 0 picks a free port (tests).
 */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const log = options.log ?? consoleLogger;
  const { extension } = options;
  const storage = await createStorage(config.databaseUrl, { ...config.database, log });
  try {
    await extension?.prepare?.(storage);
  } catch (error) {
    await storage.close();
    throw error;
  }

  const realtime = config.realtime;
  const hub =
    realtime.mode === 'embedded'
      ? createHub({
          ...realtime,
          limits: config.hubLimits,
          clientAddress: (request) => clientAddress(request, config.trustedProxies),
          ...options.hub,
        })
      : undefined;

  // The SDK for the embedded hub needs the port we listen on, so the request handler is attached after
  // listen(); nothing can arrive before then anyway.
  const server = createServer({
    headersTimeout: config.http.headersTimeoutMs,
    requestTimeout: config.http.requestTimeoutMs,
    // Node checks both timeouts on this interval (30 s by default), which would let a slow-header
    // attack hold a connection three times longer than the setting says.
    connectionsCheckingInterval: Math.min(1000, config.http.headersTimeoutMs),
  });
  await listen(server, config.port, options.hostname);
  const port = (server.address() as AddressInfo).port;

  const pusher = createPusherSdk(realtime, port);
  // With the embedded hub, events are published in-process rather than over HTTP to ourselves.
  const publisher = hub ? hubPublisher(hub) : sdkPublisher(pusher);
  const notifier = new PusherNotifier({ publisher, storage, log });

  const redis = config.limits.rate.redis;
  const sharedLimits = redis && new SharedRateLimits({ ...redis, log });
  const app = createApp({
    config,
    storage,
    pusher,
    notifier,
    log,
    ...(extension && { extension }),
    ...(sharedLimits && { sharedLimits }),
    ...(hub && { subscriptions: hub }),
  });
  if (hub) app.route('/', hub.http);
  app.use('/staff-chat.js', widgetHeaders);
  app.use('/chunks/*', widgetHeaders);
  app.get('/staff-chat.js*', serveStatic({ root: widgetDist }));
  app.get('/chunks/*', serveStatic({ root: widgetDist }));
  const pages = extension?.pages?.(config);
  if (pages) app.route('/', pages);

  const listener = getRequestListener(app.fetch);
  // Node's close() waits for kept-alive connections to time out, and busy clients never let them:
  // while draining, every answer, including those to requests already in flight, ends its connection.
  let draining = false;
  const inFlight = new Set<ServerResponse>();
  server.on('request', (req, res) => {
    lingerOnEarlyClose(req);
    if (draining) res.setHeader('Connection', 'close');
    else {
      inFlight.add(res);
      res.once('close', () => inFlight.delete(res));
    }
    void listener(req, res);
  });
  const drain = () => {
    draining = true;
    for (const res of inFlight) {
      if (!res.headersSent) res.setHeader('Connection', 'close');
      else {
        const socket = res.socket;
        res.once('finish', () => socket?.end());
      }
    }
  };
  server.on('upgrade', (req, socket, head) => {
    if (!hub?.handleUpgrade(req, socket, head)) socket.destroy();
  });

  const host = options.hostname && options.hostname !== '0.0.0.0' ? options.hostname : 'localhost';
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    port,
    storage,
    hub,
    close() {
      closing ??= (async () => {
        drain();
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await hub?.close();
        server.closeIdleConnections();
        // A request that never ends must not keep the process alive forever.
        const force = setTimeout(() => server.closeAllConnections(), DRAIN_TIMEOUT_MS);
        await stopped;
        clearTimeout(force);
        await notifier.idle();
        await sharedLimits?.close();
        await storage.close();
      })();
      return closing;
    },
  };
}

/** The official SDK, pointed at the embedded hub on our own port, at hosted Pusher, or at a self-hosted engine. */
function createPusherSdk(realtime: Config['realtime'], ownPort: number): Pusher {
  const credentials = { appId: realtime.appId, key: realtime.key, secret: realtime.secret };
  if (realtime.mode === 'embedded') return new Pusher({ ...credentials, host: '127.0.0.1', port: String(ownPort), useTLS: false });
  if (realtime.host) {
    return new Pusher({
      ...credentials,
      host: realtime.host,
      useTLS: realtime.useTLS,
      ...(realtime.port ? { port: String(realtime.port) } : {}),
    });
  }
  return new Pusher({ ...credentials, cluster: realtime.cluster ?? 'mt1', useTLS: realtime.useTLS });
}

function listen(server: Server, port: number, hostname: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/** Any portal may load the script (it holds no secrets); a short cache keeps deploys visible quickly. */
const widgetHeaders = async (c: { header(name: string, value: string): void }, next: () => Promise<void>) => {
  await next();
  c.header('Access-Control-Allow-Origin', '*');
  c.header('Cross-Origin-Resource-Policy', 'cross-origin');
  c.header('Cache-Control', 'public, max-age=300');
  c.header('X-Content-Type-Options', 'nosniff');
};
