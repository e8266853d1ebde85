/**
 * The parent's view of the server running in a child process as production runs it (`server/main.ts`,
 * started by the tests' launcher): REST calls with signed tokens, seeding staff and conversations
 * through the API, and unmodified pusher-js clients that authorize channels through
 * `/staff_chat/pusher/auth` exactly as the widget does.
 */
import type Pusher from 'pusher-js';
import type { ChatConfig, Conversation, Me } from '../../contract/index.js';
import { signStaffToken } from '../../server/auth/token.js';
import { apiRequest } from '../../test/support/api-request.js';
import { connectedPusher } from '../../test/support/pusher-client.js';
import { startServerProcess, type ServerProcess } from '../../test/support/server-process.js';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef0123456789';
export const BENCH_APP = { appId: '424242', key: 'benchkey0123456789ab', secret: 'benchsecret0123456789abcdef' };
export const BENCH_HOTEL = 'bench-hotel';

export interface BenchStack {
  child: ServerProcess;
  port: number;
  /** `http://127.0.0.1:PORT/api` */
  api: string;
  token(staffId: string): string;
  call<T>(token: string, method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<T>;
  /** A connected pusher-js client for `token`; disconnected by `close()`. */
  pusher(token: string): Promise<Pusher>;
  close(): Promise<void>;
}

/**
 * Starts the server on `databaseUrl` (a `file:` or `postgres://` URL), with the embedded hub, or
 * broadcasting through the self-hosted engine at `engine.port` (soketi) as a deployment would.
 */
export async function startBenchStack(databaseUrl: string, execArgv: string[] = [], engine?: { port: number }): Promise<BenchStack> {
  const child = await startServerProcess(
    {
      DATABASE_URL: databaseUrl,
      STAFF_CHAT_JWT_SECRET: BENCH_SECRET,
      PUSHER_APP_ID: BENCH_APP.appId,
      PUSHER_KEY: BENCH_APP.key,
      PUSHER_SECRET: BENCH_APP.secret,
      ...(engine && { PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(engine.port), PUSHER_USE_TLS: '0' }),
      // The suite measures the server's capacity; per-staff rate limits would turn the load into 429s.
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
      STAFF_CHAT_RATE_LIMIT_SEARCHES: '0',
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
      // Every bench socket comes from 127.0.0.1 and the fan-out ones hold only a public channel: the
      // per-address cap would refuse past 500 and the authorization deadline close them after 30 s.
      STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP: '10000',
      STAFF_CHAT_HUB_AUTHORIZE_WITHIN_SECONDS: '0',
    },
    { nodeArgs: execArgv, probe: true },
  );
  const port = child.port;
  const api = `http://127.0.0.1:${port}/api`;
  const clients = new Set<Pusher>();
  let config: ChatConfig | undefined;

  const call: BenchStack['call'] = async (token, method, path, body, headers = {}) => {
    const response = await apiRequest(`${api}${path}`, token, method, body, headers);
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return JSON.parse(text) as never;
  };

  return {
    child,
    port,
    api,
    token: (staffId) => signStaffToken({ sub: staffId, hotel: BENCH_HOTEL, name: `Staff ${staffId}` }, BENCH_SECRET),
    call,
    async pusher(token) {
      config ??= (await (await fetch(`${api}/staff_chat/config`)).json()) as ChatConfig;
      const client = await connectedPusher(config, async (socketId, channelName) => ({
        status: 200,
        body: await call<{ auth: string }>(token, 'POST', '/staff_chat/pusher/auth', { socket_id: socketId, channel_name: channelName }),
      }));
      clients.add(client);
      return client;
    },
    async close() {
      for (const client of clients) client.disconnect();
      await child.stop();
    },
  };
}

/** Staff `s0…s{n-1}`, each registered by a first request (the portal token creates the row). */
export async function seedStaff(stack: BenchStack, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `s${index}`);
  await inBatches(ids, 20, (id) => stack.call<Me>(stack.token(id), 'GET', `/staff_chat/${BENCH_HOTEL}/me`));
  return ids;
}

/** Splits `staffIds` into groups of `size` and creates one group conversation per group, via the API. */
export async function seedGroups(
  stack: BenchStack,
  staffIds: string[],
  size: number,
): Promise<{ conversation: Conversation; members: string[] }[]> {
  const groups: string[][] = [];
  for (let start = 0; start < staffIds.length; start += size) groups.push(staffIds.slice(start, start + size));
  return inBatches(
    groups.filter((members) => members.length >= 2),
    10,
    async (members) => {
      const [creator, ...others] = members as [string, ...string[]];
      const conversation = await stack.call<Conversation>(stack.token(creator), 'POST', `/staff_chat/${BENCH_HOTEL}/conversations/`, {
        participant_ids: others,
        title: `group ${creator}`,
      });
      return { conversation, members };
    },
  );
}

/** Runs `work` over `items` with at most `concurrency` in flight; results in input order. */
export async function inBatches<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
