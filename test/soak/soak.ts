/**
 * The fault-injection soak: dozens of pusher-js clients in several conversations send thousands of
 * messages while their sockets are cut at random, responses are thrown away, the hub restarts once and
 * the HTTP server restarts once (SIGTERM, then a new process on the same port and database). At the end
 * every client's ordered list of every conversation it is in must equal the database's: nothing lost,
 * nothing shown twice.
 *
 * Faults are triggered by progress (acknowledged messages), and the end is reached when every send was
 * acknowledged and every client holds the database's count; nothing waits a fixed time.
 *
 * The engine is the embedded hub on a port of its own or a real soketi. With `instances` above one, that
 * many server processes share one PostgreSQL schema and that many soketi nodes share channels through
 * Redis: client i talks to server i and listens on the next node, so every message crosses from one
 * instance to another, and the restarts hit the first server and the first node.
 */
import { randomBytes } from 'node:crypto';
import { signStaffToken } from '../../server/auth/token.js';
import { TEST_REDIS_URL } from '../support/soketi.js';
import type { ChatConfig, Conversation } from '../../contract/index.js';
import { postgresDatabase, sqliteDatabase, type StoredMessage, type TestDatabase } from './database.js';
import { startHubHost, type HubHost } from './hub-host.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { apiRequest } from '../support/api-request.js';
import { SoakClient, type ClientStats } from './soak-client.js';
import { startSoketiHost } from './soketi-host.js';

export interface SoakOptions {
  clients: number;
  conversations: number;
  messagesPerClient: number;
  /** Sends each client keeps in flight. */
  concurrency: number;
  /** One random socket is cut per this many acknowledged messages. */
  dropEvery: number;
  /** Chance that a send's response is thrown away before it arrives. */
  abortChance: number;
  database: 'sqlite' | 'postgres';
  /** Default `hub` (the embedded hub on a port of its own). */
  engine?: 'hub' | 'soketi';
  /** Server processes and engine nodes; more than one needs `postgres` and `soketi` (on Redis). Default 1. */
  instances?: number;
  seed?: number;
  afterIdRule?: 'caught-up' | 'newest-held';
  /** How long clients may take to hold the database's messages once every send was acknowledged. */
  convergeTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface SoakReport {
  clients: number;
  conversations: number;
  intended: number;
  acknowledged: number;
  stored: number;
  /** Intended messages missing from the database, plus stored messages missing from a client's list. */
  lost: number;
  /** Rows beyond one per intended message, plus list entries that are not stored rows. */
  duplicated: number;
  /** Client lists that differ from the database's in order or content. */
  mismatchedLists: number;
  /** `hubRestarts` counts restarts of the engine (or of one of its nodes), whichever it is. */
  faults: { socketDrops: number; abortedResponses: number; hubRestarts: number; serverRestarts: number };
  totals: ClientStats;
  seconds: number;
  /** Human-readable reasons, empty when the soak passed. */
  problems: string[];
}

const HOTEL = 'soak-hotel';

/**
 * A hub socket is cut only once the hub has welcomed it: cut during the handshake, pusher-js waits out
 * its 15 s connection timeout before trying again, slow and no different for message delivery.
 */
const pusherHandshakeDone = (fromHub: Buffer) => fromHub.includes('pusher:connection_established');

export async function runSoak(options: SoakOptions): Promise<SoakReport> {
  const started = performance.now();
  const log = (line: string) => options.log?.(`${((performance.now() - started) / 1000).toFixed(1)} s: ${line}`);
  const random = seededRandom(options.seed ?? Date.now());
  const secret = randomBytes(24).toString('hex');
  const app = {
    appId: String(100_000 + Math.floor(random() * 800_000)),
    key: randomBytes(10).toString('hex'),
    secret: randomBytes(20).toString('hex'),
  };

  const instances = options.instances ?? 1;
  const engine = options.engine ?? 'hub';
  if (instances > 1 && (engine !== 'soketi' || options.database !== 'postgres')) {
    throw new Error('several instances need soketi (nodes on Redis) and PostgreSQL (one database)');
  }
  // Each run has its own Redis keys and channel, so runs sharing the test Redis never hear each other.
  const redisPrefix = instances > 1 ? `staff-chat-soak-${randomBytes(6).toString('hex')}` : undefined;
  const each = <T>(start: (index: number) => Promise<T>) => Promise.all(Array.from({ length: instances }, (_, index) => start(index)));

  const database: TestDatabase = options.database === 'postgres' ? await postgresDatabase() : sqliteDatabase();
  const hubs: HubHost[] = await each(() =>
    engine === 'soketi' ? startSoketiHost(app, { ...(redisPrefix && { redisPrefix }) }) : startHubHost(app),
  );
  // Clients' sockets go through one proxy per node, which cuts them at random; the servers' triggers
  // through another, which never cuts (a lost trigger is no client's fault to recover from; see the report).
  const proxies = await each((i) => startTcpProxy({ host: '127.0.0.1', port: hubs[i]!.port }, { established: pusherHandshakeDone }));
  const triggerProxies = await each((i) => startTcpProxy({ host: '127.0.0.1', port: hubs[i]!.port }));
  const servers: ServerProcess[] = await each((i) =>
    startServerProcess({
      DATABASE_URL: database.url,
      STAFF_CHAT_JWT_SECRET: secret,
      PUSHER_APP_ID: app.appId,
      PUSHER_KEY: app.key,
      PUSHER_SECRET: app.secret,
      PUSHER_HOST: '127.0.0.1',
      PUSHER_PORT: String(triggerProxies[i]!.port),
      PUSHER_USE_TLS: '0',
      // On, but out of the way: a 429 would only slow the soak down (clients do honour Retry-After).
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '100000',
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '1000000',
      // Several instances count against one limit per person.
      ...(redisPrefix && { REDIS_URL: TEST_REDIS_URL, STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX: `${redisPrefix}:rate:` }),
    }),
  );
  const apiOf = (index: number) => `http://127.0.0.1:${servers[index % instances]!.port}/api`;
  for (const [i, server] of servers.entries()) {
    log(
      `server on ${server.port} (${database.kind}), ${engine} on ${hubs[i]!.port} behind ${proxies[i]!.port} (clients) and ${triggerProxies[i]!.port} (triggers)`,
    );
  }

  const clients: SoakClient[] = [];
  const fatal: Error[] = [];
  const faults = { socketDrops: 0, abortedResponses: 0, hubRestarts: 0, serverRestarts: 0 };
  try {
    // ---- setup: staff, conversations, connected clients ----
    const staffIds = Array.from({ length: options.clients }, (_, i) => `soak-${String(i).padStart(3, '0')}`);
    const tokens = new Map(staffIds.map((id) => [id, signStaffToken({ sub: id, hotel: HOTEL, name: `Staff ${id}` }, secret)]));
    const call = async (staffId: string, method: string, path: string, body?: unknown) => {
      const response = await apiRequest(`${apiOf(staffIds.indexOf(staffId))}${path}`, tokens.get(staffId) ?? '', method, body);
      const json: unknown = await response.json();
      if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
      return json;
    };
    for (const id of staffIds) await call(id, 'GET', `/staff_chat/${HOTEL}/me`);

    // Everyone is in their home conversation; every third person is in the next one too.
    const members = Array.from({ length: options.conversations }, () => [] as string[]);
    staffIds.forEach((id, i) => {
      members[i % options.conversations]!.push(id);
      if (i % 3 === 0) members[(i + 1) % options.conversations]!.push(id);
    });
    const conversations: Conversation[] = [];
    for (const [index, group] of members.entries()) {
      const [creator, ...others] = group;
      if (!creator || others.length === 0) throw new Error('every conversation needs two members; use more clients');
      conversations.push(
        (await call(creator, 'POST', `/staff_chat/${HOTEL}/conversations/`, {
          participant_ids: others,
          title: `Soak ${index}`,
        })) as Conversation,
      );
    }
    const config = (await (await fetch(`${apiOf(0)}/staff_chat/config`)).json()) as ChatConfig;

    for (const [index, id] of staffIds.entries()) {
      const mine = conversations.filter((conversation) => conversation.participants.some((p) => p.id === id));
      clients.push(
        new SoakClient({
          staffId: id,
          hotel: HOTEL,
          token: tokens.get(id)!,
          api: apiOf(index),
          config,
          ws: { host: '127.0.0.1', port: proxies[(index + 1) % instances]!.port },
          conversations: mine.map((conversation) => ({ id: conversation.id, channel: conversation.channel })),
          random,
          abortChance: options.abortChance,
          ...(options.afterIdRule && { afterIdRule: options.afterIdRule }),
          onFatal: (error) => fatal.push(error),
        }),
      );
    }
    await Promise.all(clients.map((client) => client.start()));
    log(`${clients.length} clients subscribed to ${conversations.length} conversations`);

    // ---- the storm: sends, with faults triggered by progress ----
    const intended = options.clients * options.messagesPerClient;
    const texts = new Map<string, { text: string; conversationId: number; senderId: string }>();
    let acknowledged = 0;
    let faultChain = Promise.resolve();
    const runFault = (name: string, fault: () => Promise<void>) => {
      faultChain = faultChain.then(async () => {
        const at = acknowledged;
        await fault();
        log(`${name} at ${at} acknowledged, done at ${acknowledged}`);
      });
    };
    const onAcknowledged = () => {
      acknowledged += 1;
      const proxy = proxies[(acknowledged / options.dropEvery) % instances];
      if (acknowledged % options.dropEvery === 0 && proxy?.dropOne(random)) faults.socketDrops += 1;
      if (acknowledged === Math.floor(intended / 3)) {
        runFault(`${engine} restart`, async () => {
          await hubs[0]!.restart((port) => {
            proxies[0]!.retarget(port);
            triggerProxies[0]!.retarget(port);
          });
          faults.hubRestarts += 1;
        });
      }
      if (acknowledged === Math.floor((2 * intended) / 3)) {
        runFault('server restart', async () => {
          servers[0] = await servers[0]!.restart();
          faults.serverRestarts += 1;
        });
      }
    };

    await Promise.all(
      clients.map(async (client, clientIndex) => {
        const staffId = staffIds[clientIndex]!;
        const mine = [...client.messages.keys()];
        let next = 0;
        const worker = async () => {
          while (next < options.messagesPerClient && fatal.length === 0) {
            const n = next++;
            const conversationId = mine[Math.floor(random() * mine.length)]!;
            const clientId = `${staffId}-${n}`;
            // Markup and non-ASCII on purpose: stored and returned as text, byte for byte.
            const text =
              n % 7 === 0 ? `<script>alert("${clientId}")</script> & <b>bold</b> ✓ ${clientId}` : `message ${n} from ${staffId} 🛎️`;
            texts.set(clientId, { text, conversationId, senderId: staffId });
            await client.send(conversationId, clientId, text);
            onAcknowledged();
          }
        };
        await Promise.all(Array.from({ length: options.concurrency }, worker));
      }),
    );
    await faultChain;
    const [firstFatal] = fatal;
    if (firstFatal) throw firstFatal;
    log(`all ${acknowledged} sends acknowledged`);

    // ---- the end: every client holds exactly what the database holds ----
    const rows = await database.messages();
    const byConversation = new Map<number, StoredMessage[]>();
    for (const row of rows) byConversation.set(row.conversation_id, [...(byConversation.get(row.conversation_id) ?? []), row]);
    const deadline = Date.now() + (options.convergeTimeoutMs ?? 60_000);
    const converged = () =>
      clients.every((client) => [...client.messages.keys()].every((id) => client.list(id).length >= (byConversation.get(id)?.length ?? 0)));
    let nextReport = Date.now() + 1000;
    while (!converged() && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      if (Date.now() > nextReport) {
        nextReport += 1000;
        const behind = clients.filter((client) =>
          [...client.messages.keys()].some((id) => client.list(id).length < (byConversation.get(id)?.length ?? 0)),
        );
        log(`waiting for ${behind.length} clients: ${behind.map((client) => client.describe()).join('; ')}`);
      }
    }

    const report = compare({ options, clients, rows, byConversation, texts, acknowledged, faults, intended });
    report.seconds = Math.round((performance.now() - started) / 100) / 10;
    if (!converged()) report.problems.push("clients did not reach the database's message counts before the deadline");
    faults.abortedResponses = report.totals.aborted;
    return report;
  } finally {
    for (const client of clients) client.stop();
    for (const server of servers) await server.stop('SIGTERM');
    for (const proxy of [...proxies, ...triggerProxies]) await proxy.close();
    for (const hub of hubs) await hub.close();
    await database.drop();
  }
}

function compare(input: {
  options: SoakOptions;
  clients: SoakClient[];
  rows: StoredMessage[];
  byConversation: Map<number, StoredMessage[]>;
  texts: Map<string, { text: string; conversationId: number; senderId: string }>;
  acknowledged: number;
  faults: SoakReport['faults'];
  intended: number;
}): SoakReport {
  const { clients, rows, byConversation, texts } = input;
  const problems: string[] = [];
  let lost = 0;
  let duplicated = 0;
  let mismatchedLists = 0;

  // The database against what was meant to be sent.
  const rowsByClientId = new Map<string, StoredMessage[]>();
  for (const row of rows) rowsByClientId.set(row.client_id ?? '', [...(rowsByClientId.get(row.client_id ?? '') ?? []), row]);
  for (const [clientId, sent] of texts) {
    const stored = rowsByClientId.get(clientId) ?? [];
    if (stored.length === 0) {
      lost += 1;
      problems.push(`${clientId} was acknowledged but is not in the database`);
    }
    if (stored.length > 1) duplicated += stored.length - 1;
    const row = stored[0];
    if (row && (row.message !== sent.text || row.conversation_id !== sent.conversationId || row.sender_id !== sent.senderId)) {
      problems.push(`${clientId} is stored differently from how it was sent`);
    }
  }
  for (const [clientId, stored] of rowsByClientId) {
    if (!texts.has(clientId)) {
      duplicated += stored.length;
      problems.push(`the database holds ${stored.length} message(s) with client_id ${clientId || '(none)'}, which nobody sent`);
    }
  }

  // Every client against the database, conversation by conversation.
  for (const client of clients) {
    for (const conversationId of client.messages.keys()) {
      const expected = byConversation.get(conversationId) ?? [];
      const held = client.list(conversationId);
      const storedIds = new Set(expected.map((row) => row.id));
      const heldIds = new Set(held.map((message) => message.id));
      const missing = expected.filter((row) => !heldIds.has(row.id)).length;
      const extra = held.filter((message) => !storedIds.has(message.id)).length;
      lost += missing;
      duplicated += extra;
      const same =
        held.length === expected.length &&
        held.every((message, i) => {
          const row = expected[i]!;
          return (
            message.id === row.id &&
            message.client_id === row.client_id &&
            message.sender_id === row.sender_id &&
            message.message === row.message
          );
        });
      if (!same) {
        mismatchedLists += 1;
        if (problems.length < 20)
          problems.push(`a client's list of conversation ${conversationId} differs: ${missing} missing, ${extra} extra`);
      }
    }
  }
  if (lost > 0 || duplicated > 0) problems.unshift(`${lost} lost, ${duplicated} duplicated`);
  if (input.acknowledged !== input.intended) problems.push(`${input.acknowledged} of ${input.intended} sends were acknowledged`);

  const totals = clients.reduce<ClientStats>(
    (sum, client) => {
      for (const key of Object.keys(sum) as (keyof ClientStats)[]) sum[key] += client.stats[key];
      return sum;
    },
    {
      sent: 0,
      aborted: 0,
      resends: 0,
      rateLimited: 0,
      networkErrors: 0,
      catchUps: 0,
      subscriptions: 0,
      subscriptionErrors: 0,
      realtimeMessages: 0,
      polls: 0,
    },
  );
  return {
    clients: clients.length,
    conversations: byConversation.size,
    intended: input.intended,
    acknowledged: input.acknowledged,
    stored: rows.length,
    lost,
    duplicated,
    mismatchedLists,
    faults: input.faults,
    totals,
    seconds: 0,
    problems,
  };
}

/** The soak's one line of counts. */
export function formatReport(report: SoakReport): string {
  const { faults, totals } = report;
  return [
    `soak: ${report.clients} clients, ${report.conversations} conversations, ${report.acknowledged}/${report.intended} acknowledged, ${report.stored} stored`,
    `      lost ${report.lost}, duplicated ${report.duplicated}, mismatched lists ${report.mismatchedLists}`,
    `      faults: ${faults.socketDrops} socket drops, ${faults.hubRestarts} engine restart, ${faults.serverRestarts} server restart; ` +
      `${faults.abortedResponses} responses thrown away; ${totals.resends} resends, ${totals.networkErrors} network errors, ${totals.rateLimited} rate limited`,
    `      realtime: ${totals.realtimeMessages} events, ${totals.subscriptions} subscriptions, ${totals.subscriptionErrors} refused, ${totals.catchUps} catch-ups, ${totals.polls} polls while down; ${report.seconds} s`,
  ].join('\n');
}

/** Mulberry32: the same seed gives the same choices, so a failing run can be repeated. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
