/**
 * Test harness: a real HTTP server on 127.0.0.1:0 running the hub, unmodified pusher-js clients signing
 * with the real `pusher` SDK, the SDK itself for triggers, and a raw `ws` client for frames pusher-js
 * would never send. Everything it opens is closed by `close()`.
 */
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import PusherServer from 'pusher';
import Pusher, { type Channel, type Options } from 'pusher-js';
import { WebSocket, type ClientOptions as WsClientOptions } from 'ws';
import { createHub, type Hub, type HubOptions } from '../hub/index.js';

export const APP = { appId: '4242', key: 'test-key', secret: 'test-secret' } as const;

export interface ClientOptions {
  /** For presence channels: the member this client joins as. */
  presence?: { user_id: string; user_info?: Record<string, unknown> };
  /** For sign-in: the user data signed by the SDK. */
  user?: { id: string; [field: string]: unknown };
  /** Signs with this secret instead of the app's (to provoke auth failures). */
  secret?: string;
  options?: Partial<Options>;
  /** Called on every channel authorization pusher-js asks for. */
  onAuthorize?: (socketId: string, channelName: string) => void;
}

export interface TestHub {
  hub: Hub;
  port: number;
  sdk: PusherServer;
  /** An SDK with other credentials, for signature failures. */
  sdkWith(overrides: Partial<{ key: string; secret: string; appId: string }>): PusherServer;
  /** A connected pusher-js client (resolves once `connected`). */
  client(options?: ClientOptions): Promise<Pusher>;
  /**
   * Simulates a server restart: a fresh hub takes over the same port, then the old one closes
   * (4200 to every socket). Returns the old hub, already closed.
   */
  restart(): Promise<Hub>;
  /**
   * A raw WebSocket to `path` (default `/app/{key}?protocol=7`); `wsOptions` sets headers such as
   * X-Forwarded-For, or `localAddress` (127.0.0.2) to come from another address.
   */
  raw(path?: string, wsOptions?: WsClientOptions): Promise<RawSocket>;
  close(): Promise<void>;
}

export interface StartHubExtras {
  /** Extra routes on the same HTTP server (a test page, an auth endpoint), mounted before the hub's. */
  routes?: (app: Hono) => void;
}

/** The path pusher-js 8.6 connects to. */
export const RAW_PATH = `/app/${APP.key}?protocol=7&client=js&version=8.6.0&flash=false`;

/** Starts a hub behind a real HTTP server on an ephemeral loopback port. */
export async function startHub(options: Partial<HubOptions> = {}, extras: StartHubExtras = {}): Promise<TestHub> {
  const mount = (mounted: Hub): Hono => {
    const routes = new Hono();
    extras.routes?.(routes);
    return routes.route('/', mounted.http);
  };
  let hub = createHub({ ...APP, ...options });
  let app = mount(hub);
  // Hono's listener answers every request itself, errors included: nothing is left to await.
  const listener = getRequestListener((request) => app.fetch(request));
  const server: Server = createServer((request, response) => void listener(request, response));
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;

  const clients = new Set<Pusher>();
  const raws = new Set<RawSocket>();
  const sdkWith = (overrides: Partial<{ key: string; secret: string; appId: string }>) =>
    new PusherServer({ ...APP, ...overrides, host: '127.0.0.1', port: String(port), useTLS: false });
  const sdk = sdkWith({});

  return {
    get hub() {
      return hub;
    },
    port,
    sdk,
    sdkWith,
    async client(clientOptions = {}) {
      const signer = clientOptions.secret ? sdkWith({ secret: clientOptions.secret }) : sdk;
      const client = new Pusher(APP.key, {
        cluster: 'mt1',
        wsHost: '127.0.0.1',
        wsPort: port,
        forceTLS: false,
        enabledTransports: ['ws'],
        channelAuthorization: {
          customHandler: ({ socketId, channelName }, callback) => {
            clientOptions.onAuthorize?.(socketId, channelName);
            const presence = channelName.startsWith('presence-') ? clientOptions.presence : undefined;
            callback(null, signer.authorizeChannel(socketId, channelName, presence));
          },
        },
        userAuthentication: {
          customHandler: ({ socketId }, callback) => {
            if (!clientOptions.user) {
              callback(new Error('no user configured'), null);
              return;
            }
            callback(null, signer.authenticateUser(socketId, clientOptions.user));
          },
        },
        ...clientOptions.options,
      });
      clients.add(client);
      await waitForState(client, 'connected');
      return client;
    },
    async restart() {
      const old = hub;
      hub = createHub({ ...APP, ...options });
      app = mount(hub);
      await old.close();
      return old;
    },
    async raw(path = RAW_PATH, wsOptions = {}) {
      const socket = await openRaw(`ws://127.0.0.1:${port}${path}`, wsOptions);
      raws.add(socket);
      return socket;
    },
    async close() {
      for (const client of clients) client.disconnect();
      for (const socket of raws) socket.ws.terminate();
      await hub.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves when the client's connection reaches `state`. */
export function waitForState(client: Pusher, state: string): Promise<void> {
  if (client.connection.state === state) return Promise.resolve();
  return new Promise((resolve) => {
    const handler = (change: { current: string }) => {
      if (change.current !== state) return;
      client.connection.unbind('state_change', handler);
      resolve();
    };
    client.connection.bind('state_change', handler);
  });
}

/** Resolves with the payload of the next `event` on a channel (or on the client's global emitter). */
/** What pusher-js lets you bind to: a client, a channel or `client.user`. */
interface EventSource {
  bind(event: string, callback: (data: never, metadata: never) => void): unknown;
  unbind(event: string, callback: (data: never, metadata: never) => void): unknown;
}

export function nextEvent<T = unknown>(target: EventSource, event: string): Promise<{ data: T; metadata: unknown }> {
  return new Promise((resolve) => {
    const handler = (data: T, metadata: unknown) => {
      target.unbind(event, handler);
      resolve({ data, metadata });
    };
    target.bind(event, handler);
  });
}

/** Subscribes and waits for `pusher:subscription_succeeded`. */
export async function subscribed(client: Pusher, channelName: string): Promise<Channel> {
  const channel = client.subscribe(channelName);
  await nextEvent(channel, 'pusher:subscription_succeeded');
  return channel;
}

/** Signs a pusher-js client in and waits until its `#server-to-user-{id}` channel is subscribed. */
export async function signedIn(client: Pusher): Promise<void> {
  client.signin();
  await client.user.signinDonePromise;
  const channel = client.user.serverToUserChannel;
  if (!channel.subscribed) await nextEvent(channel, 'pusher:subscription_succeeded');
}

/** Waits, one event-loop turn at a time, until `predicate` holds (for server-side effects of a close). */
export async function until(predicate: () => boolean | Promise<boolean>, what = 'condition'): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Resolves with `value` when `promise` has not settled within `ms`: proof that nothing arrived. */
export function nothingWithin<T>(promise: Promise<T>, ms: number): Promise<'nothing' | T> {
  return Promise.race([promise, new Promise<'nothing'>((resolve) => setTimeout(() => resolve('nothing'), ms))]);
}

export interface RawFrame {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

/** A bare WebSocket client that queues frames so tests can await them in order. */
export interface RawSocket {
  ws: WebSocket;
  /** The next frame (waits if none is queued). */
  next(): Promise<RawFrame>;
  /** The next frame with this event name, skipping others. */
  nextOf(event: string): Promise<RawFrame>;
  send(frame: unknown): void;
  /** Resolves with the close code and reason. */
  closed: Promise<{ code: number; reason: string }>;
}

/** Opens a {@link RawSocket} at `url` (any Pusher-protocol engine's `/app/{key}`). */
export async function openRaw(url: string, wsOptions: WsClientOptions = {}): Promise<RawSocket> {
  const ws = new WebSocket(url, wsOptions);
  const queue: RawFrame[] = [];
  const waiters: ((frame: RawFrame) => void)[] = [];
  ws.on('message', (data) => {
    const frame = JSON.parse(String(data)) as RawFrame;
    const waiter = waiters.shift();
    if (waiter) waiter(frame);
    else queue.push(frame);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => resolve({ code, reason: String(reason) }));
  });
  await once(ws, 'open');
  const next = () => {
    const queued = queue.shift();
    return queued ? Promise.resolve(queued) : new Promise<RawFrame>((resolve) => waiters.push(resolve));
  };
  return {
    ws,
    next,
    async nextOf(event) {
      for (;;) {
        const frame = await next();
        if (frame.event === event) return frame;
      }
    },
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    closed,
  };
}

/** The decoded `data` of a frame whose data is a JSON string. */
export function decoded(frame: RawFrame): unknown {
  return typeof frame.data === 'string' ? JSON.parse(frame.data) : frame.data;
}
