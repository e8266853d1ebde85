/**
 * One staff member's chat client, following the widget's realtime rules (DESIGN.md flow steps 7 and 9)
 * with the unmodified pusher-js and fetch, and no widget code:
 *
 * - merge every stored message by id, from REST answers and realtime events alike;
 * - after every (re)subscription of a conversation channel, catch up with `messages/?after_id=`;
 * - resend a message with the same `client_id` until the server acknowledges it (2xx);
 * - while the socket is not connected, catch up by polling (DESIGN.md: "polling while the realtime
 *   connection is down"). The widget starts once pusher-js calls the connection unavailable (10 s)
 *   and polls every 15 s; here it starts at once, every second, so a pusher-js connection attempt
 *   that fails and waits out its 15 s timeout does not make the soak wait as long.
 *
 * One rule is stricter than "after_id = the newest id I hold": the newest id held may come from the
 * client's own send or from a realtime event that overtook an older one, and a catch-up from there
 * skips the older message for good if the socket dropped before it arrived. So `after_id` is the
 * newest id a catch-up returned: everything up to it is known to be held.
 */
import Pusher, { type Channel } from 'pusher-js';
import { EVENTS, type ChatConfig, type Message, type MessageCreatedEnvelope, type MessagePage } from '../../contract/index.js';

export interface ClientStats {
  sent: number;
  /** Sends whose response was thrown away on purpose. */
  aborted: number;
  resends: number;
  rateLimited: number;
  networkErrors: number;
  catchUps: number;
  subscriptions: number;
  subscriptionErrors: number;
  realtimeMessages: number;
  /** Catch-up rounds started by polling while the socket was down. */
  polls: number;
}

export interface SoakClientOptions {
  staffId: string;
  hotel: string;
  token: string;
  /** `http://127.0.0.1:PORT/api` */
  api: string;
  config: ChatConfig;
  /** Where pusher-js connects (the fault proxy), overriding the config's wsHost/wsPort. */
  ws: { host: string; port: number };
  conversations: { id: number; channel: string }[];
  random: () => number;
  /** Chance that a send's response is thrown away (the request may well have been stored). */
  abortChance: number;
  /**
   * `newest-held` catches up from the newest id the client holds, whatever brought it (the simpler
   * rule, which can skip a message; `npm run soak -- --newest-held` shows it). Default `caught-up`.
   */
  afterIdRule?: 'caught-up' | 'newest-held';
  /** Reports fatal surprises (an unexpected 4xx), which end the soak as a failure. */
  onFatal: (error: Error) => void;
}

const PAGE_SIZE = 100;
const POLL_INTERVAL_MS = 1000;

export class SoakClient {
  readonly stats: ClientStats = {
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
  };
  /** Per conversation: every stored message this client holds, by id. */
  readonly messages = new Map<number, Map<number, Message>>();
  private readonly caughtUpTo = new Map<number, number>();
  private readonly catchUps = new Map<number, Promise<void>>();
  private readonly catchUpAgain = new Set<number>();
  private readonly pusher: Pusher;
  private stopped = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly options: SoakClientOptions) {
    for (const { id } of options.conversations) {
      this.messages.set(id, new Map());
      this.caughtUpTo.set(id, 0);
    }
    this.pusher = new Pusher(options.config.pusher.key, {
      ...options.config.pusher.options,
      wsHost: options.ws.host,
      wsPort: options.ws.port,
      wssPort: options.ws.port,
      channelAuthorization: {
        endpoint: '', // unused: customHandler below
        transport: 'ajax',
        customHandler: ({ socketId, channelName }, callback) => {
          this.request('POST', '/staff_chat/pusher/auth', { socket_id: socketId, channel_name: channelName }).then(
            ({ status, body }) =>
              status === 200 ? callback(null, body as { auth: string }) : callback(new Error(`channel authorization: ${status}`), null),
            (error: Error) => callback(error, null),
          );
        },
      },
    });
  }

  /** Connects and subscribes every conversation; resolves once each has been subscribed once. */
  async start(): Promise<void> {
    await Promise.all(this.options.conversations.map(({ id, channel }) => this.hold(id, channel)));
    this.pollTimer = setInterval(() => {
      if (this.pusher.connection.state === 'connected') return;
      this.stats.polls += 1;
      for (const { id } of this.options.conversations) void this.catchUp(id);
    }, POLL_INTERVAL_MS);
  }

  /** Sends `text` to a conversation and resolves once the server has acknowledged it. */
  async send(conversationId: number, clientId: string, text: string): Promise<Message> {
    const path = `/staff_chat/${this.options.hotel}/conversations/${conversationId}/send-message/`;
    for (let attempt = 0; ; attempt += 1) {
      if (attempt > 0) this.stats.resends += 1;
      const abort = this.options.random() < this.options.abortChance;
      if (abort) this.stats.aborted += 1;
      let response: { status: number; body: unknown; retryAfter: number };
      try {
        const socketId = this.pusher.connection.socket_id;
        response = await this.request(
          'POST',
          path,
          { message: text, client_id: clientId },
          {
            ...(socketId && { 'x-socket-id': socketId }),
            // A response lost on its way back: the request itself may have been stored.
            ...(abort && { abortAfterMs: Math.floor(this.options.random() * 15) }),
          },
        );
      } catch {
        this.stats.networkErrors += 1;
        await pause(25 + this.options.random() * 100);
        continue;
      }
      if (response.status === 200 || response.status === 201) {
        const message = response.body as Message;
        this.merge(conversationId, [message]);
        this.stats.sent += 1;
        return message;
      }
      if (response.status === 429) {
        this.stats.rateLimited += 1;
        await pause(response.retryAfter * 1000);
        continue;
      }
      if (response.status >= 500) {
        await pause(50);
        continue;
      }
      const error = new Error(`${this.options.staffId}: send answered ${response.status} ${JSON.stringify(response.body)}`);
      this.options.onFatal(error);
      throw error;
    }
  }

  /** The client's list for a conversation, oldest first. */
  list(conversationId: number): Message[] {
    return [...(this.messages.get(conversationId)?.values() ?? [])].sort((a, b) => a.id - b.id);
  }

  /** Connection state and catch-up marks, for the log while the soak waits for this client. */
  describe(): string {
    const marks = [...this.caughtUpTo].map(([id, mark]) => `${id}:${mark}/${this.list(id).length}`).join(',');
    return `${this.options.staffId} ${this.pusher.connection.state} [${marks}]`;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.pollTimer);
    this.pusher.disconnect();
  }

  private hold(conversationId: number, channelName: string): Promise<void> {
    return new Promise((resolve) => {
      const channel: Channel = this.pusher.subscribe(channelName);
      channel.bind(EVENTS.messageCreated, (event: MessageCreatedEnvelope) => {
        this.stats.realtimeMessages += 1;
        // A payload cut to fit Pusher's size limit is fetched whole by the next catch-up.
        if (event.meta.truncated) void this.catchUp(conversationId);
        else this.merge(conversationId, [event.payload]);
      });
      // Fires on the first subscription and again after every reconnect: each may follow a gap.
      channel.bind('pusher:subscription_succeeded', () => {
        this.stats.subscriptions += 1;
        resolve();
        void this.catchUp(conversationId);
      });
      // Authorization failed (the server restarting, say): pusher-js does not try again by itself.
      channel.bind('pusher:subscription_error', () => {
        this.stats.subscriptionErrors += 1;
        void pause(100 + this.options.random() * 200).then(() => {
          if (!this.stopped) this.pusher.subscribe(channelName);
        });
      });
    });
  }

  /** Catch-up runs of one conversation never overlap; asking during a run schedules one more. */
  private catchUp(conversationId: number): Promise<void> {
    const running = this.catchUps.get(conversationId);
    if (running) {
      this.catchUpAgain.add(conversationId);
      return running;
    }
    const run = (async () => {
      do {
        this.catchUpAgain.delete(conversationId);
        await this.fetchNewer(conversationId);
      } while (this.catchUpAgain.has(conversationId) && !this.stopped);
    })().finally(() => this.catchUps.delete(conversationId));
    this.catchUps.set(conversationId, run);
    return run;
  }

  /** Pages forward from the catch-up mark until the server has nothing newer; retries until it answers. */
  private async fetchNewer(conversationId: number): Promise<void> {
    this.stats.catchUps += 1;
    while (!this.stopped) {
      const afterId =
        this.options.afterIdRule === 'newest-held'
          ? (this.list(conversationId).at(-1)?.id ?? 0)
          : (this.caughtUpTo.get(conversationId) ?? 0);
      const path = `/staff_chat/${this.options.hotel}/conversations/${conversationId}/messages/?limit=${PAGE_SIZE}&after_id=${afterId}`;
      let response: { status: number; body: unknown; retryAfter: number };
      try {
        response = await this.request('GET', path);
      } catch {
        this.stats.networkErrors += 1;
        await pause(50 + this.options.random() * 100);
        continue;
      }
      if (response.status === 429) {
        this.stats.rateLimited += 1;
        await pause(response.retryAfter * 1000);
        continue;
      }
      if (response.status !== 200) {
        if (response.status < 500) this.options.onFatal(new Error(`${this.options.staffId}: catch-up answered ${response.status}`));
        await pause(50);
        continue;
      }
      const page = response.body as MessagePage;
      this.merge(conversationId, page.messages);
      const newest = page.messages.at(-1);
      if (newest) this.caughtUpTo.set(conversationId, Math.max(afterId, newest.id));
      if (!page.has_more || !newest) return;
    }
  }

  private merge(conversationId: number, messages: readonly Message[]): void {
    const held = this.messages.get(conversationId);
    if (!held) {
      this.options.onFatal(new Error(`${this.options.staffId} got a message of conversation ${conversationId}, which they are not in`));
      return;
    }
    for (const message of messages) {
      if (message.conversation_id !== conversationId) {
        this.options.onFatal(new Error(`message ${message.id} of conversation ${message.conversation_id} arrived for ${conversationId}`));
      }
      held.set(message.id, message);
    }
  }

  private async request(
    method: string,
    path: string,
    body?: unknown,
    extra: { 'x-socket-id'?: string; abortAfterMs?: number } = {},
  ): Promise<{ status: number; body: unknown; retryAfter: number }> {
    const controller = new AbortController();
    const timer = extra.abortAfterMs === undefined ? undefined : setTimeout(() => controller.abort(), extra.abortAfterMs);
    try {
      const response = await fetch(`${this.options.api}${path}`, {
        method,
        signal: controller.signal,
        headers: {
          authorization: `Bearer ${this.options.token}`,
          ...(body !== undefined && { 'content-type': 'application/json' }),
          ...(extra['x-socket-id'] && { 'x-socket-id': extra['x-socket-id'] }),
        },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      const text = await response.text();
      return {
        status: response.status,
        body: text ? JSON.parse(text) : undefined,
        retryAfter: Number(response.headers.get('retry-after') ?? 1),
      };
    } finally {
      clearTimeout(timer);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
