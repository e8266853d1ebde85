/**
 * The whole server stack for integration and end-to-end tests: `startServer` on 127.0.0.1 port 0 with a
 * fresh SQLite file, the embedded hub, and helpers to sign tokens and to connect unmodified pusher-js
 * clients that authorize through the real `/staff_chat/pusher/auth` endpoint, as the widget does.
 * With `engine: 'soketi'` the same stack broadcasts through a real soketi instead (PUSHER_HOST/PORT), so
 * a suite proves the promise that moving to a self-hosted engine is configuration only.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { signStaffToken } from '../../server/auth/token.js';
import { loadConfig } from '../../server/config.js';
import type { ChatConfig, StaffMember } from '../../contract/index.js';
import { silentLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { demoExtension } from '../../demo/demo-mode.js';
import { apiRequest, jsonBody } from './api-request.js';
import { connectedPusher } from './pusher-client.js';
import { engineEnv, startSoketi, type SoketiNode } from './soketi.js';

export const JWT_SECRET = 'integration-test-secret-0123456789abcdef';

export interface Stack {
  server: RunningServer;
  api: string;
  token(hotel: string, staff: Pick<StaffMember, 'id' | 'full_name'>): string;
  /** A REST call with a Bearer token; returns status and parsed JSON. */
  call<T = unknown>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; body: T }>;
  /** An unmodified pusher-js client configured from `GET /staff_chat/config`, connected. */
  pusher(token: string): Promise<Pusher>;
  close(): Promise<void>;
}

/** Which realtime engine a stack broadcasts through: the embedded hub (default) or a real soketi. */
export type Engine = 'hub' | 'soketi';

/** Every engine the realtime suites run against; a suite loops over these. */
export const ENGINES: readonly Engine[] = ['hub', 'soketi'];

export interface StackOptions {
  /** Start as `npm start` does: the demo hotel seeded, the demo portal and the dev token endpoint. */
  demo?: boolean;
  /** Default `hub`. */
  engine?: Engine;
}

/** For `soketi`: a node of its own with fresh credentials, and the server's settings to use it. */
async function engineFor(engine: Engine = 'hub'): Promise<{ env: Record<string, string>; node?: SoketiNode }> {
  if (engine === 'hub') return { env: {} };
  const app = {
    appId: `app-${randomBytes(4).toString('hex')}`,
    key: randomBytes(10).toString('hex'),
    secret: randomBytes(20).toString('hex'),
  };
  const node = await startSoketi(app);
  return { env: engineEnv(app, node.port), node };
}

/** The start options for the demo or a production server, quiet and on loopback. */
function startOptions(demo = false) {
  return { hostname: '127.0.0.1', log: silentLogger, ...(demo && { extension: demoExtension }) };
}

export async function startStack(env: Record<string, string> = {}, { demo, engine }: StackOptions = {}): Promise<Stack> {
  const dir = mkdtempSync(join(tmpdir(), 'staff-chat-'));
  const external = await engineFor(engine);
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: `file:${join(dir, 'chat.sqlite')}`,
      STAFF_CHAT_JWT_SECRET: JWT_SECRET,
      STAFF_CHAT_UPLOAD_DIR: join(dir, 'uploads'),
      ...external.env,
      ...env,
    },
    { demo },
  );
  const server = await startServer(config, startOptions(demo));
  const api = `http://127.0.0.1:${server.port}/api`;
  const clients = new Set<Pusher>();

  const call: Stack['call'] = async <T>(
    token: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const response = await apiRequest(`${api}${path}`, token, method, body, headers);
    return { status: response.status, body: await jsonBody<T>(response) };
  };

  return {
    server,
    api,
    token: (hotel, staff) => signStaffToken({ sub: staff.id, hotel, name: staff.full_name }, JWT_SECRET),
    call,
    async pusher(token) {
      const config = (await (await fetch(`${api}/staff_chat/config`)).json()) as ChatConfig;
      const client = await connectedPusher(config, (socketId, channelName) =>
        call(token, 'POST', '/staff_chat/pusher/auth', { socket_id: socketId, channel_name: channelName }),
      );
      clients.add(client);
      return client;
    },
    async close() {
      for (const client of clients) client.disconnect();
      await server.close();
      await external.node?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A stack whose server can go down and come back, as in a deploy or a crash: see {@link startRestartableStack}. */
export interface RestartableStack {
  /** The server running now (a new object after each restart). */
  readonly server: RunningServer;
  /** e.g. `http://127.0.0.1:41234`; the same across restarts. */
  readonly url: string;
  readonly api: string;
  token(hotel: string, staff: Pick<StaffMember, 'id' | 'full_name'>): string;
  /** A REST call with a Bearer token; returns status and parsed JSON. */
  call<T = unknown>(token: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Graceful shutdown of the server (hub sockets closed with 4200); the database file stays. */
  stop(): Promise<void>;
  /** Starts the server again on the same port with the same database file. */
  restart(): Promise<void>;
  /** Stops the server if it runs and removes the database. */
  close(): Promise<void>;
}

/**
 * Like {@link startStack}, but the server can be stopped and started again on the same port with the
 * same SQLite file, so browsers and their sockets see an outage and a recovery, not a new server.
 */
export async function startRestartableStack(
  env: Record<string, string> = {},
  { demo, engine }: StackOptions = {},
): Promise<RestartableStack> {
  const dir = mkdtempSync(join(tmpdir(), 'staff-chat-'));
  const external = await engineFor(engine);
  const settings = {
    DATABASE_URL: `file:${join(dir, 'chat.sqlite')}`,
    STAFF_CHAT_JWT_SECRET: JWT_SECRET,
    STAFF_CHAT_UPLOAD_DIR: join(dir, 'uploads'),
    ...external.env,
    ...env,
  };
  const options = startOptions(demo);
  let server: RunningServer | null = await startServer(loadConfig({ PORT: '0', ...settings }, { demo }), options);
  const port = server.port;
  const api = `http://127.0.0.1:${port}/api`;
  let current: RunningServer = server;

  return {
    get server() {
      return current;
    },
    url: server.url,
    api,
    token: (hotel, staff) => signStaffToken({ sub: staff.id, hotel, name: staff.full_name }, JWT_SECRET),
    async call<T>(token: string, method: string, path: string, body?: unknown) {
      const response = await apiRequest(`${api}${path}`, token, method, body);
      return { status: response.status, body: await jsonBody<T>(response) };
    },
    async stop() {
      const running = server;
      server = null;
      await running?.close();
    },
    async restart() {
      if (server) return;
      server = await startServer(loadConfig({ PORT: String(port), ...settings }, { demo }), options);
      current = server;
    },
    async close() {
      await server?.close();
      server = null;
      await external.node?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Resolves with the outcome of subscribing `channelName`: succeeded, or the subscription error. */
export function subscribe(client: Pusher, channelName: string): Promise<{ ok: true; channel: Channel } | { ok: false; error: unknown }> {
  return new Promise((resolve) => {
    const channel = client.subscribe(channelName);
    channel.bind('pusher:subscription_succeeded', () => resolve({ ok: true, channel }));
    channel.bind('pusher:subscription_error', (error: unknown) => resolve({ ok: false, error }));
  });
}

/** The next event `eventName` on `channel`. */
export function nextEvent<T>(channel: Channel, eventName: string): Promise<T> {
  return new Promise((resolve) => {
    const handler = (data: T) => {
      channel.unbind(eventName, handler);
      resolve(data);
    };
    channel.bind(eventName, handler);
  });
}
