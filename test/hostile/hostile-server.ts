/**
 * The server under attack: `server/main.ts` as production runs it, in a child process (started by the
 * soak's {@link startServerProcess}), with a fresh SQLite file, a real JWT secret (not demo mode) and the
 * embedded hub. Staff come into being from their tokens' claims on their first request, and
 * conversations are created through the REST API, as a portal's staff would.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signStaffToken } from '../../server/auth/token.js';
import type { ChatConfig, Conversation } from '../../contract/index.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { httpRequest, type HttpOptions, type HttpResponse } from './http-client.js';

/** The first hotel; each attack on a shared server gets a hotel of its own ({@link HostileServer.inHotel}). */
export const HOTEL = 'hostile-inn';
const JWT_SECRET = 'hostile-suite-secret-0123456789abcdefghij';

/** Where attackers connect from; colleagues use the default source address, 127.0.0.1. */
export const ATTACKER_ADDRESS = '127.0.0.2';

export interface HostileServer {
  readonly process: ServerProcess;
  readonly pid: number;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  /** `http://127.0.0.1:PORT/api/staff_chat` */
  readonly api: string;
  /** `ws://127.0.0.1:PORT/app/KEY?protocol=7…`, what pusher-js opens. */
  readonly socketUrl: string;
  readonly config: ChatConfig;
  /** The hotel this view's staff belong to. */
  readonly hotel: string;
  /** The same server, with staff of another hotel: attacks sharing a server share no staff or channels. */
  inHotel(hotel: string): HostileServer;
  /** A portal-signed token for `staffId` of {@link hotel}; with `department`, its channel's member. */
  token(staffId: string, name?: string, department?: string): string;
  /** A REST call under the hotel: `'/conversations/'` → `/api/staff_chat/{hotel}/conversations/`. */
  call<T = unknown>(
    token: string,
    method: string,
    hotelPath: string,
    body?: unknown,
    options?: Partial<HttpOptions>,
  ): Promise<HttpResponse<T>>;
  /** `POST /staff_chat/pusher/auth` for a socket: the `{auth, channel_data?}` the hub checks. */
  authorize(token: string, socketId: string, channel: string, localAddress?: string): Promise<{ auth: string; channel_data?: string }>;
  /** Creates a group conversation of `creator` with `others` (each must have made a request before). */
  conversation(creatorToken: string, others: string[], title?: string): Promise<Conversation>;
  /** Registers staff by one request each (their rows come from the token's claims), in `department` if given. */
  enrol(staffIds: string[], department?: string): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

/** Starts the server with `env` on top of the suite's settings and resolves once it answers. */
export async function startHostileServer(env: Record<string, string> = {}): Promise<HostileServer> {
  const dir = mkdtempSync(join(tmpdir(), 'staff-chat-hostile-'));
  const uploadDir = join(dir, 'uploads');
  const serverProcess = await startServerProcess({
    DATABASE_URL: `file:${join(dir, 'chat.sqlite')}`,
    STAFF_CHAT_JWT_SECRET: JWT_SECRET,
    STAFF_CHAT_UPLOAD_DIR: uploadDir,
    ...env,
  }).catch((error: unknown) => {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  });
  const { pid } = serverProcess;
  const origin = `http://127.0.0.1:${serverProcess.port}`;
  const api = `${origin}/api/staff_chat`;
  const configResponse = await httpRequest<ChatConfig>({ method: 'GET', url: `${api}/config` });
  if (configResponse.status !== 200) throw new Error(`GET /config answered ${configResponse.status}`);
  const config = configResponse.body;
  const socketUrl = `ws://127.0.0.1:${serverProcess.port}/app/${config.pusher.key}?protocol=7&client=js&version=8.6.0`;

  const stop = async () => {
    // A server that does not finish within a few seconds of SIGTERM (an attack may have wedged it) is
    // killed: graceful shutdown is not what this suite tests.
    const killer = setTimeout(() => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }, 5000);
    try {
      await serverProcess.stop('SIGTERM');
    } finally {
      clearTimeout(killer);
      rmSync(dir, { recursive: true, force: true });
    }
  };

  const inHotel = (hotel: string): HostileServer => {
    const token = (staffId: string, name = `Staff ${staffId}`, department?: string) =>
      signStaffToken({ sub: staffId, hotel, name, ...(department && { department }) }, JWT_SECRET);
    const call: HostileServer['call'] = (bearer, method, hotelPath, body, options = {}) =>
      httpRequest({ method, url: `${api}/${hotel}${hotelPath}`, token: bearer, body, ...options });
    return {
      process: serverProcess,
      pid,
      origin,
      api,
      socketUrl,
      config,
      hotel,
      inHotel,
      token,
      call,
      async authorize(bearer, socketId, channel, localAddress) {
        const response = await httpRequest<{ auth: string; channel_data?: string }>({
          method: 'POST',
          url: `${api}/pusher/auth`,
          token: bearer,
          body: { socket_id: socketId, channel_name: channel },
          ...(localAddress && { localAddress }),
        });
        if (response.status !== 200)
          throw new Error(`pusher auth for ${channel} answered ${response.status}: ${JSON.stringify(response.body)}`);
        return response.body;
      },
      async conversation(creatorToken, others, title) {
        const response = await call<Conversation>(creatorToken, 'POST', '/conversations/', {
          participant_ids: others,
          ...(title && { title }),
        });
        if (response.status !== 201 && response.status !== 200) throw new Error(`creating a conversation answered ${response.status}`);
        return response.body;
      },
      async enrol(staffIds, department) {
        const tokens = new Map<string, string>();
        for (const staffId of staffIds) {
          const bearer = token(staffId, undefined, department);
          const me = await call(bearer, 'GET', '/me');
          if (me.status !== 200) throw new Error(`GET /me for ${staffId} answered ${me.status}`);
          tokens.set(staffId, bearer);
        }
        return tokens;
      },
      stop,
    };
  };
  const server = inHotel(HOTEL);
  return server;
}
