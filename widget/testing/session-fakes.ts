import type { ReadableAtom } from 'nanostores';
import type {
  AcknowledgementChange,
  ChatConfig,
  Conversation,
  ConversationList,
  CreateConversationBody,
  Me,
  Message,
  MessagePage,
  PendingAcknowledgements,
  PusherClientOptions,
  SendMessageBody,
  StaffList,
} from '../../server/contract.js';
import { ApiClient, type MessageQuery } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import { EventBus } from '../realtime/event-bus.js';
import type { ConnectionState, RealtimeConnection } from '../realtime/pusher-client.js';
import { conversation, ME, message } from './fixtures.js';

// Test doubles for the session: a fake server behind the ApiClient's methods, and a fake of the
// realtime connection whose subscriptions and events the test drives by hand.

export { ME } from './fixtures.js';

export const CONFIG: ChatConfig = {
  pusher: {
    key: 'key',
    options: { cluster: 'local', forceTLS: false, enabledTransports: ['ws'] },
    auth_endpoint: '/api/staff_chat/pusher/auth',
  },
  limits: { message_max_length: 40, page_size_max: 100 },
};

/** A promise whose settling the test controls. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

type Call = { method: string; args: unknown[] };

/** The ApiClient with every endpoint answered from memory, recording calls. */
export class FakeApi extends ApiClient {
  conversationList: Conversation[] = [conversation(1, { unread_count: 2 }), conversation(2, { unread_count: 1 })];
  stored = new Map<number, Message[]>();
  calls: Call[] = [];
  nextId = 100;
  /** When set, the next send waits for this instead of answering at once. */
  sendGate: Promise<void> | null = null;
  /** When set, the next sends fail with it. */
  sendError: ApiError | null = null;
  /** When set, the answer of the next messages() waits for it. */
  messagesGate: Promise<void> | null = null;
  /** When set, the next messages() fails with it (once). */
  messagesError: ApiError | null = null;
  startError: ApiError | null = null;
  /** The viewer's unacknowledged urgent messages, as `acknowledgements/pending/` answers them. */
  pending: Message[] = [];
  private waiters: { method: string; count: number; resolve: (call: Call) => void }[] = [];

  constructor() {
    super({ apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' });
  }

  /** Resolves at the next call of `method` from now. */
  nextCall(method: string): Promise<Call> {
    return this.waitForCalls(method, this.callsOf(method).length + 1);
  }

  /** Resolves with the `count`-th call of `method`, at once if it already happened. */
  waitForCalls(method: string, count: number): Promise<Call> {
    const existing = this.callsOf(method)[count - 1];
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve) => this.waiters.push({ method, count, resolve }));
  }

  callsOf(method: string): Call[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Stores a message as if someone sent it while the widget was not listening. */
  storeMessage(conversationId: number, extra: Partial<Message> = {}): Message {
    const stored = message(this.nextId++, { conversation_id: conversationId, ...extra });
    this.stored.set(conversationId, [...(this.stored.get(conversationId) ?? []), stored]);
    return stored;
  }

  private record(method: string, args: unknown[]): void {
    const call = { method, args };
    this.calls.push(call);
    const count = this.callsOf(method).length;
    const due = this.waiters.filter((w) => w.method === method && w.count <= count);
    this.waiters = this.waiters.filter((w) => !due.includes(w));
    for (const waiter of due) waiter.resolve(call);
  }

  /** What config() answers: a test changes it to play a server restarted with other settings. */
  configAnswer: ChatConfig = CONFIG;

  override async config(): Promise<ChatConfig> {
    this.record('config', []);
    if (this.startError) throw this.startError;
    return this.configAnswer;
  }

  override async me(): Promise<Me> {
    this.record('me', []);
    return ME;
  }

  override async conversations(): Promise<ConversationList> {
    this.record('conversations', []);
    return { results: this.conversationList.map((c) => ({ ...c })), count: this.conversationList.length };
  }

  override async staffList(search?: string): Promise<StaffList> {
    this.record('staffList', [search]);
    return { results: [], count: 0 };
  }

  override async createConversation(body: CreateConversationBody): Promise<Conversation> {
    this.record('createConversation', [body]);
    const created = conversation(50, { title: body.title ?? null });
    this.conversationList = [...this.conversationList, created];
    return created;
  }

  override async messages(conversationId: number, q: MessageQuery = {}): Promise<MessagePage> {
    this.record('messages', [conversationId, q]);
    const error = this.messagesError;
    this.messagesError = null;
    if (error) throw error;
    const gate = this.messagesGate;
    this.messagesGate = null;
    const all = this.stored.get(conversationId) ?? [];
    const limit = q.limit ?? 50;
    let page: Message[];
    let hasMore: boolean;
    if (q.afterId !== undefined) {
      const newer = all.filter((m) => m.id > (q.afterId ?? 0));
      page = newer.slice(0, limit);
      hasMore = newer.length > limit;
    } else {
      const older = q.beforeId === undefined ? all : all.filter((m) => m.id < (q.beforeId ?? 0));
      page = older.slice(-limit);
      hasMore = older.length > limit;
    }
    // The page is read at call time; the gate only delays the answer, as a slow network would.
    if (gate) await gate;
    return { messages: page, count: page.length, has_more: hasMore };
  }

  override async sendMessage(conversationId: number, body: SendMessageBody): Promise<Message> {
    this.record('sendMessage', [conversationId, body]);
    const gate = this.sendGate;
    this.sendGate = null;
    if (gate) await gate;
    if (this.sendError) throw this.sendError;
    const replay = (this.stored.get(conversationId) ?? []).find((m) => m.client_id === body.client_id);
    if (replay) return replay;
    return this.storeMessage(conversationId, {
      client_id: body.client_id ?? null,
      message: body.message,
      sender_id: ME.id,
      sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
      reply_to: body.reply_to ?? null,
      ...(body.requires_acknowledgement && { requires_acknowledgement: true }),
    });
  }

  override async pendingAcknowledgements(): Promise<PendingAcknowledgements> {
    this.record('pendingAcknowledgements', []);
    return { results: [...this.pending], count: this.pending.length };
  }

  /** Moves the viewer from the stored message's `pending` to its `acknowledged`, and answers the change. */
  override async acknowledge(messageId: number): Promise<AcknowledgementChange> {
    this.record('acknowledge', [messageId]);
    const stored = [...this.stored.values()].flat().find((m) => m.id === messageId);
    if (!stored?.acknowledgements) throw new ApiError(409, 'acknowledgement_not_requested', 'Not urgent');
    const acknowledgement = { id: ME.id, full_name: ME.full_name, at: new Date().toISOString() };
    const before = stored.acknowledgements;
    const acknowledgements = {
      ...before,
      acknowledged: [...before.acknowledged, acknowledgement],
      pending: before.pending.filter((id) => id !== ME.id),
    };
    const next = { ...stored, acknowledgements };
    for (const [id, list] of this.stored)
      this.stored.set(
        id,
        list.map((m) => (m.id === messageId ? next : m)),
      );
    this.pending = this.pending.filter((m) => m.id !== messageId);
    return { conversation_id: stored.conversation_id, message_id: messageId, acknowledgement, acknowledgements };
  }

  override async markRead(conversationId: number): Promise<{ last_read_id: number; unread_count: number }> {
    this.record('markRead', [conversationId]);
    return { last_read_id: 0, unread_count: 0 };
  }
}

/** The realtime connection, driven by the test: confirm subscriptions, deliver events, change state. */
export class FakeRealtime implements RealtimeConnection {
  readonly bus = new EventBus();
  readonly held = new Map<string, Set<(members?: unknown) => void>>();
  /** Client events sent: [channel, event, data]. */
  readonly triggered: [string, string, unknown][] = [];
  /** The options each reconfigure() was given: [key, options]. */
  readonly reconfigured: [string, PusherClientOptions][] = [];
  released = false;
  private current: ConnectionState = 'connecting';
  private listeners = new Set<(state: ConnectionState) => void>();
  private eventIds = 0;

  acquire(channelName: string, onSubscribed: (members?: unknown) => void): () => void {
    const holders = this.held.get(channelName) ?? new Set();
    holders.add(onSubscribed);
    this.held.set(channelName, holders);
    return () => {
      holders.delete(onSubscribed);
      if (holders.size === 0) this.held.delete(channelName);
    };
  }

  /** Confirms the channel's subscription, as pusher-js does first and after every reconnect. */
  confirm(channelName: string, members?: unknown): void {
    for (const onSubscribed of this.held.get(channelName) ?? []) onSubscribed(members);
  }

  trigger(channelName: string, eventName: string, data: unknown): boolean {
    if (!this.held.has(channelName)) return false;
    this.triggered.push([channelName, eventName, data]);
    return true;
  }

  /** Delivers a presence change or a client event, as the channel registry passes them on. */
  signal(channelName: string, eventName: string, data: unknown): void {
    this.bus.signal(channelName, eventName, data);
  }

  deliver(channelName: string, type: string, payload: unknown): void {
    this.bus.publish(channelName, `realtime_staff_chat_${type}`, {
      category: 'staff_chat',
      type,
      payload,
      meta: { hotel_slug: 'grand', event_id: `ev-${++this.eventIds}`, ts: new Date().toISOString() },
    });
  }

  socketId(): string | undefined {
    return '1.1';
  }

  state(): ConnectionState {
    return this.current;
  }

  setState(state: ConnectionState): void {
    this.current = state;
    for (const listener of this.listeners) listener(state);
  }

  onStateChange(listener: (state: ConnectionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  reconfigure(key: string, options: PusherClientOptions): void {
    this.reconfigured.push([key, options]);
  }

  release(): void {
    this.released = true;
  }
}

/** Resolves once the atom's value satisfies `predicate` (at once if it already does). */
export function until<T>(store: ReadableAtom<T>, predicate: (value: T) => boolean): Promise<T> {
  return new Promise((resolve) => {
    let done = false;
    const unsubscribe = store.subscribe((value) => {
      if (done || !predicate(value)) return;
      done = true;
      resolve(value);
      // Later, not here: subscribe() calls this at once with the current value, before it has returned.
      queueMicrotask(() => unsubscribe());
    });
  });
}

/** A Storage stand-in kept in memory. */
export class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
  removeItem(key: string): void {
    this.items.delete(key);
  }
}
