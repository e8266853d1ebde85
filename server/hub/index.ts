/**
 * The embedded Pusher Channels server: protocol 7 over `ws` at `/app/{key}` plus Pusher's HTTP API at
 * `/apps/{appId}/...`, sharing the app's HTTP port. It behaves like Pusher so the server can switch to
 * hosted Pusher (or soketi, sockudo) with configuration only.
 *
 * @example
 * const hub = createHub({ appId, key, secret });
 * app.route('/', hub.http);
 * server.on('upgrade', (req, socket, head) => { if (!hub.handleUpgrade(req, socket, head)) socket.destroy(); });
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Hono } from 'hono';
import { WebSocketServer } from 'ws';
import { addressLimitKey } from '../limits/client-address.js';
import { ConnectionCaps } from './connection-caps.js';
import { HubCore } from './core.js';
import { createHttpApi } from './http-api.js';
import { ErrorCode, isValidChannelName, Limits } from './protocol.js';
import { acceptSocket, appKeyFromPath, refuseSocket } from './socket-handler.js';
import { createWebhookSender, noWebhooks } from './webhooks.js';

export interface HubOptions {
  appId: string;
  key: string;
  secret: string;
  /** Sent in connection_established; the server pings a socket after this much silence (default 120). */
  activityTimeoutSeconds?: number;
  /** Close with 4201 when nothing arrives within this after our ping (default 30 000). */
  pongTimeoutMs?: number;
  webhooks?: { url: string }[];
  /** How long channel_vacated / member_removed webhooks wait for a comeback (default 3000, Pusher's figure). */
  webhookDebounceMs?: number;
  /** Bounds against hostile or broken clients; each has a default (see {@link DEFAULT_HUB_LIMITS}). */
  limits?: Partial<HubLimits>;
  /**
   * The client address of an upgrade request, for the per-address cap. Default: the socket's peer
   * address. Behind a proxy, pass `clientAddress` from server/limits/client-address.ts with trust on.
   */
  clientAddress?: (request: IncomingMessage) => string;
  /** Refused sockets allowed to be closing at once before the rest get HTTP 503 (default 1000; tests). */
  maxRefusalsInFlight?: number;
  log?: (message: string, details?: unknown) => void;
}

/** What one process's hub will hold, and for how long, before it refuses or closes a socket. */
export interface HubLimits {
  /** Open sockets in total; past it new ones get 4100 (back off). Keep below the open-file limit. */
  maxConnections: number;
  /** Open sockets per client address (IPv6: per /64); past it new ones from there get 4100. */
  maxConnectionsPerAddress: number;
  /** Subscribe + unsubscribe frames per socket and second (twice this may come at once). */
  subscribeFramesPerSecond: number;
  /** A presence member that comes back within this is not announced as gone and back. 0: at once. */
  memberLeaveDelayMs: number;
  /** A socket with no private/presence subscription and no sign-in for this long gets 4100. 0: never. */
  authorizeWithinMs: number;
  /** A socket with more than this much unsent data (it does not read) gets 4100. */
  maxBufferedBytes: number;
}

/** The defaults of the STAFF_CHAT_HUB_* settings; server/config.ts (hubLimitsFrom) explains each figure. */
export const DEFAULT_HUB_LIMITS: HubLimits = {
  maxConnections: 10_000,
  maxConnectionsPerAddress: 500,
  subscribeFramesPerSecond: 10,
  memberLeaveDelayMs: 3000,
  authorizeWithinMs: 30_000,
  maxBufferedBytes: 1024 * 1024,
};

/**
 * Refused sockets are upgraded so pusher-js hears 4100 and backs off; this many may be closing at once.
 * Past it a flood of them could itself use up file descriptors, so the rest get a bare HTTP 503.
 */
const MAX_REFUSALS_IN_FLIGHT = 1000;
/** How long a refused socket may take to go (each is closed or terminated within about this). */
const REFUSED_SOCKET_GRACE_MS = 1000;

/** What the hub holds; all zero once every socket is gone (tests check this after sudden closes). */
export interface HubStats {
  sockets: number;
  channels: number;
  presenceMembers: number;
  /** Signed-in users (`pusher:signin`) with at least one open socket. */
  users: number;
  /** Sockets holding a slot under the connection caps (including ones still closing). */
  admitted: number;
  /** Client addresses (or IPv6 /64s) holding any of them. */
  addresses: number;
}

export interface Hub {
  /** Hono app serving the HTTP API: POST /apps/:appId/events, /batch_events, GET /apps/:appId/channels[/...], ... */
  readonly http: Hono;
  /** Handle an HTTP upgrade; returns false (and does nothing) when the URL is not /app/{something}. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /**
   * What `POST /apps/{id}/batch_events` does, for the server this hub is embedded in: the same checks
   * (nothing is published when one event is refused), without HTTP and signing in between. Each request
   * to itself cost the server more than storing the message it announced (bench: throughput).
   */
  triggerBatch(batch: readonly { channel: string; name: string; data: string; socket_id?: string }[]): void;
  /**
   * The server authorized socket `socketId` for `channel` as `holder` (an opaque key for one person).
   * Ignored for a socket the hub does not hold (a made-up socket id stores nothing).
   */
  grant(socketId: string, channel: string, holder: string): void;
  /**
   * `holder` may no longer listen on `channel` (they left the conversation or were removed): every
   * socket subscribed only on their authorization leaves it, silently, as if it had unsubscribed. A
   * socket another person also authorized stays. Pusher itself has no such call (a private channel
   * subscription lasts as long as its socket), so this is the embedded hub's alone. Returns how many left.
   */
  revoke(channel: string, holder: string): number;
  /** Graceful shutdown: every socket gets pusher:error 4200 then close 4200 (clients reconnect at once); timers stop. */
  close(): Promise<void>;
  stats(): HubStats;
}

/** At most this many grants per socket: a person in more conversations than this is not dropped from the rest. */
const MAX_GRANTS_PER_SOCKET = 1000;

/** How long close() waits for clients to finish the closing handshake before dropping them. */
const CLOSE_GRACE_MS = 1000;

/** Creates the hub. It does nothing until mounted: route `http` and forward upgrades to `handleUpgrade`. */
export function createHub(options: HubOptions): Hub {
  const app = { appId: options.appId, key: options.key, secret: options.secret };
  const log = options.log ?? (() => {});
  const webhooks =
    options.webhooks && options.webhooks.length > 0
      ? createWebhookSender({ app, targets: options.webhooks, debounceMs: options.webhookDebounceMs ?? 3000, log })
      : noWebhooks;
  const limits = { ...DEFAULT_HUB_LIMITS, ...options.limits };
  const core = new HubCore({ app, webhooks, log, memberLeaveDelayMs: limits.memberLeaveDelayMs });
  const activityTimeoutSeconds = options.activityTimeoutSeconds ?? 120;
  const socketOptions = {
    activityTimeoutSeconds,
    activityTimeoutMs: activityTimeoutSeconds * 1000,
    pongTimeoutMs: options.pongTimeoutMs ?? 30_000,
    limits: {
      subscribeFramesPerSecond: limits.subscribeFramesPerSecond,
      subscribeFramesBurst: limits.subscribeFramesPerSecond * 2,
      authorizeWithinMs: limits.authorizeWithinMs,
      maxBufferedBytes: limits.maxBufferedBytes,
    },
  };
  const addressOf = options.clientAddress ?? ((request: IncomingMessage) => request.socket.remoteAddress ?? 'unknown');
  const caps = new ConnectionCaps(limits.maxConnections, limits.maxConnectionsPerAddress);
  const maxRefusalsInFlight = options.maxRefusalsInFlight ?? MAX_REFUSALS_IN_FLIGHT;
  let refusalsInFlight = 0;
  const wss = new WebSocketServer({ noServer: true, maxPayload: Limits.maxSocketPayloadBytes });
  const http = createHttpApi(core);
  let closing = false;

  return {
    http,

    handleUpgrade(req, socket, head) {
      const pathname = new URL(req.url ?? '/', 'http://hub.invalid').pathname;
      if (appKeyFromPath(pathname) === undefined) return false;
      if (closing) {
        socket.destroy();
        return true;
      }
      const admission = caps.admit(addressLimitKey(addressOf(req)));
      if (admission.admitted) {
        socket.once('close', admission.release);
        wss.handleUpgrade(req, socket, head, (ws) => acceptSocket(core, ws, req, socketOptions));
        return true;
      }
      if (refusalsInFlight >= maxRefusalsInFlight) {
        socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        // The HTTP server allows half-open sockets: without this, a client that never closes keeps it.
        setTimeout(() => socket.destroy(), REFUSED_SOCKET_GRACE_MS).unref();
        return true;
      }
      refusalsInFlight += 1;
      socket.once('close', () => (refusalsInFlight -= 1));
      wss.handleUpgrade(req, socket, head, (ws) => refuseSocket(ws, admission.reason));
      return true;
    },

    triggerBatch(batch) {
      if (batch.length > Limits.maxBatchSize) throw new Error(`A batch holds at most ${Limits.maxBatchSize} events.`);
      for (const event of batch) {
        if (!isValidChannelName(event.channel)) throw new Error(`Invalid channel name ${JSON.stringify(event.channel.slice(0, 210))}.`);
        if (event.name.length === 0 || event.name.length > Limits.maxEventNameLength) throw new Error('Invalid event name.');
        if (Buffer.byteLength(event.data) > Limits.maxEventDataBytes) throw new Error('Event data is over 10 KB.');
      }
      for (const event of batch) core.publish(event.channel, event.name, event.data, event.socket_id);
    },

    async close() {
      closing = true;
      const sockets = [...wss.clients];
      const closed = Promise.all(
        sockets.map(
          (ws) =>
            new Promise<void>((resolve) => {
              if (ws.readyState === ws.CLOSED) resolve();
              else ws.once('close', () => resolve());
            }),
        ),
      );
      for (const connection of [...core.connections.values()]) {
        connection.closeWith(ErrorCode.GenericReconnect, 'Server is closing. Please reconnect shortly.');
      }
      // Sockets refused at the handshake are not in core.connections but are already closing.
      const grace = setTimeout(() => sockets.forEach((ws) => ws.terminate()), CLOSE_GRACE_MS);
      await closed;
      clearTimeout(grace);
      for (const connection of [...core.connections.values()]) core.disconnect(connection);
      core.stop();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await webhooks.close();
    },

    grant(socketId, channel, holder) {
      const connection = core.connections.get(socketId);
      if (!connection) return;
      const holders = connection.grants.get(channel);
      if (holders) holders.add(holder);
      else if (connection.grants.size < MAX_GRANTS_PER_SOCKET) connection.grants.set(channel, new Set([holder]));
    },

    revoke(channel, holder) {
      let left = 0;
      for (const connection of [...core.channels.sockets(channel)]) {
        const holders = connection.grants.get(channel);
        if (!holders?.delete(holder) || holders.size > 0) continue;
        connection.grants.delete(channel);
        core.leave(connection, channel);
        left += 1;
      }
      return left;
    },

    stats() {
      return {
        sockets: core.connections.size,
        channels: core.channels.channelCount,
        presenceMembers: core.channels.presenceMemberCount,
        users: core.users.size,
        admitted: caps.counts.connections,
        addresses: caps.counts.addresses,
      };
    },
  };
}
