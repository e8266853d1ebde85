/**
 * The real server (startServer, embedded hub) on 127.0.0.1 port 0 over a database the test can read
 * directly (SQLite file or a fresh PostgreSQL schema), for the bad-input and authorization suites:
 * raw requests (any bytes, any headers), tokens of every kind, and a full snapshot of every table.
 */
import { request as httpRequest } from 'node:http';
import type Pusher from 'pusher-js';
import { signStaffToken } from '../../server/auth/token.js';
import { demoExtension } from '../../demo/demo-mode.js';
import { loadConfig } from '../../server/config.js';
import type { ChatConfig } from '../../contract/index.js';
import { silentLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { postgresDatabase, sqliteDatabase, type TestDatabase } from '../soak/database.js';
import { connectedPusher } from '../support/pusher-client.js';

export const SECRET = 'hardening-test-secret-0123456789abcdef';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  json: unknown;
}

export interface HardenedStack {
  server: RunningServer;
  database: TestDatabase;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  token(hotel: string, sub: string, extra?: { exp?: number; name?: string }): string;
  /** A request under `/api`, sent as given: `body` as a string or raw bytes; JSON when an object. */
  request(
    method: string,
    path: string,
    options?: { token?: string; headers?: Record<string, string>; body?: unknown },
  ): Promise<RawResponse>;
  /** An unmodified pusher-js client holding `token`, connected, authorizing through the real endpoint. */
  pusher(token: string): Promise<Pusher>;
  close(): Promise<void>;
}

export async function startHardenedStack(
  kind: 'sqlite' | 'postgres',
  env: Record<string, string> = {},
  { demo = false }: { demo?: boolean } = {},
): Promise<HardenedStack> {
  const database = kind === 'postgres' ? await postgresDatabase() : sqliteDatabase();
  const config = loadConfig(
    {
      PORT: '0',
      DATABASE_URL: database.url,
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
      STAFF_CHAT_RATE_LIMIT_CHANGES: '0',
      STAFF_CHAT_RATE_LIMIT_SEARCHES: '0',
      STAFF_CHAT_RATE_LIMIT_FORWARDS: '0',
      ...env,
    },
    { demo },
  );
  const server = await startServer(config, { hostname: '127.0.0.1', log: silentLogger, ...(demo && { extension: demoExtension }) });
  const origin = `http://127.0.0.1:${server.port}`;
  const clients = new Set<Pusher>();

  // node:http rather than fetch: fetch normalises paths (`..`, `%2e%2e`), and path tricks must arrive as sent.
  const request: HardenedStack['request'] = (method, path, options = {}) =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
      let body: string | Uint8Array | Uint8Array[] | undefined;
      if (typeof options.body === 'string' || options.body instanceof Uint8Array) body = options.body;
      else if (Array.isArray(options.body) && options.body.every((chunk) => chunk instanceof Uint8Array)) body = options.body;
      else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      // An array of chunks goes out chunked, without Content-Length.
      if (body !== undefined && !Array.isArray(body)) headers['content-length'] = String(Buffer.byteLength(body));
      const req = httpRequest({ host: '127.0.0.1', port: server.port, method, path: `/api${path}`, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = text ? JSON.parse(text) : undefined;
          } catch {
            json = undefined;
          }
          const responseHeaders = new Headers();
          for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
          resolve({ status: res.statusCode ?? 0, headers: responseHeaders, text, json });
        });
        res.on('error', reject);
      });
      // The server may answer (413) and close before the whole body is written.
      req.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
      });
      req.on('close', () => reject(new Error(`${method} ${path}: the connection closed without an answer`)));
      if (Array.isArray(body)) for (const chunk of body) req.write(chunk);
      else if (body !== undefined) req.write(body);
      req.end();
    });

  return {
    server,
    database,
    origin,
    token: (hotel, sub, extra = {}) =>
      signStaffToken({ sub, hotel, name: extra.name ?? `Name of ${sub}`, ...(extra.exp && { exp: extra.exp }) }, SECRET),
    request,
    async pusher(token) {
      const chatConfig = (await request('GET', '/staff_chat/config')).json as ChatConfig;
      const client = await connectedPusher(chatConfig, async (socketId, channelName) => {
        const { status, json } = await request('POST', '/staff_chat/pusher/auth', {
          token,
          body: { socket_id: socketId, channel_name: channelName },
        });
        return { status, body: json };
      });
      clients.add(client);
      return client;
    },
    async close() {
      for (const client of clients) client.disconnect();
      await server.close();
      await database.drop();
    },
  };
}

/** Asserts the one error shape: `{"error": {"code", "message", details?}}` and nothing else. */
export function isErrorShape(json: unknown): json is { error: { code: string; message: string } } {
  if (typeof json !== 'object' || json === null || Object.keys(json).join() !== 'error') return false;
  const error = (json as { error: unknown }).error;
  if (typeof error !== 'object' || error === null) return false;
  const keys = Object.keys(error).sort().join();
  const { code, message } = error as { code: unknown; message: unknown };
  return (keys === 'code,message' || keys === 'code,details,message') && typeof code === 'string' && typeof message === 'string';
}
