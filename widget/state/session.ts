import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ChatConfig, Conversation, Me, Message, ReplyPreview, StaffMember } from '../../server/contract.js';
import { ApiClient } from '../api/client.js';
import { ApiError } from '../api/api-error.js';
import { createLogger } from '../debug.js';
import { getPusherClient, type Authorize, type RealtimeConnection } from '../realtime/pusher-client.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { createConnectionStore, isOffline } from './connection.js';
import { createConversationsStore } from './conversations.js';
import { createDirectory } from './directory.js';
import {
  describeError,
  ERROR_LOAD_FAILED,
  ERROR_NOT_FOUND,
  ERROR_SEND_FAILED,
  ERROR_START_FAILED,
  ERROR_TOO_LONG,
  type ErrorInfo,
} from './errors.js';
import { appendUnsent, isStored, mergeMessages, newestStoredId, oldestStoredId, updateUnsent } from './merge.js';
import { createMessageViews } from './messages.js';
import { browserStorage, loadOutbox, saveOutbox, type OutboxEntry, type OutboxStorage } from './outbox.js';
import type { ChatMessage, ConnectionState, ConversationView, DirectoryState } from './types.js';

export type { ChatMessage, ConnectionState, ConversationView, DirectoryState, MessageStatus } from './types.js';
export type { ErrorInfo } from './errors.js';

export interface ChatSessionOptions {
  apiBase: string;
  hotel: string;
  tokenProvider: () => Promise<string>;
  debug?: boolean;
}

/** Seams for tests and unusual hosts; every one has a browser default. */
export interface ChatSessionDeps {
  api?: ApiClient;
  /** Opens (or shares) the realtime connection; defaults to {@link getPusherClient}. */
  connect?: (config: ChatConfig, authorize: Authorize, scope: string, log: (...args: unknown[]) => void) => RealtimeConnection;
  /** Where unsent messages survive a reload; defaults to localStorage, null turns it off. */
  storage?: OutboxStorage | null;
  /** Whether a person is looking, so incoming messages count as read; defaults to page visibility. */
  isPageActive?: () => boolean;
  /** Delay that gathers several incoming messages into one mark-read call. Default 400 ms. */
  markReadDelayMs?: number;
  /** How often to refetch while the realtime connection is down. Default 15 s. */
  pollIntervalMs?: number;
}

export interface ChatSession {
  readonly api: ApiClient;
  /** Progress of `start()`. */
  readonly $status: ReadableAtom<'idle' | 'loading' | 'ready' | 'error'>;
  /** The latest failure of an action that has no other place to show it, as a sentence for people. */
  readonly $error: ReadableAtom<string | null>;
  /** The same failure with its stable code, for the `staff-chat-error` event. */
  readonly $errorInfo: ReadableAtom<ErrorInfo | null>;
  readonly $config: ReadableAtom<ChatConfig | null>;
  readonly $me: ReadableAtom<Me | null>;
  readonly $connection: ReadableAtom<ConnectionState>;
  /** Most recently active first. */
  readonly $conversations: ReadableAtom<Conversation[]>;
  readonly $unreadTotal: ReadableAtom<number>;
  /** Chat windows, in opening order. */
  readonly $openConversationIds: ReadableAtom<number[]>;
  /** The same atom for the same id, whether or not the conversation was ever opened. */
  conversationView(conversationId: number): ReadableAtom<ConversationView>;
  readonly $directory: ReadableAtom<DirectoryState>;

  /** Loads config, profile and conversations, then connects realtime. Never rejects: see `$status`, `$error`. */
  start(): Promise<void>;
  /** Releases every channel and the shared realtime connection. `start()` may be called again. */
  stop(): void;
  /** Opens a chat window: subscribes, loads the latest page once, marks it read. Never rejects: see the view's `error`. */
  openConversation(id: number): Promise<void>;
  closeConversation(id: number): void;
  /** Fetches the page before the oldest loaded message. */
  loadOlder(id: number): Promise<void>;
  /**
   * Shows the message at once (`pending`, negative id) and sends it; it becomes `sent` or `failed`.
   * Throws a RangeError for blank text and an Error before `start()` has loaded the profile.
   */
  sendMessage(conversationId: number, text: string, options?: { replyTo?: Message | null }): ChatMessage;
  /** Sends a failed message again with the same `client_id`, so the server cannot store it twice. */
  retryMessage(conversationId: number, clientId: string): void;
  searchDirectory(search: string): Promise<void>;
  /** Creates (or finds, for a 1:1) the conversation and opens it; rejects with the ApiError on failure. */
  startConversation(participantIds: string[], title?: string): Promise<number>;
  markRead(conversationId: number): Promise<void>;
}

const PAGE_SIZE = 50;
/** Catch-up stops after this many pages; polling or the next resubscribe continues from there. */
const MAX_CATCH_UP_PAGES = 20;

/**
 * Creates the state of one `<staff-chat>`: nanostores atoms plus the actions that change them.
 * A page may hold several widgets, so nothing here is a module singleton.
 *
 * @example
 * const session = createChatSession({ apiBase: '/api', hotel: 'grand', tokenProvider });
 * await session.start();
 * session.$conversations.subscribe((list) => render(list));
 */
export function createChatSession(options: ChatSessionOptions, deps: ChatSessionDeps = {}): ChatSession {
  const log = createLogger(options.debug ?? false);
  let realtime: RealtimeConnection | null = null;
  const api =
    deps.api ??
    new ApiClient({
      apiBase: options.apiBase,
      hotel: options.hotel,
      tokenProvider: options.tokenProvider,
      socketId: () => realtime?.socketId(),
      log,
    });
  const connect =
    deps.connect ??
    ((config: ChatConfig, authorize: Authorize, scope: string, logger: (...args: unknown[]) => void) =>
      getPusherClient(config.pusher.key, config.pusher.options, authorize, scope, logger));
  const storage = deps.storage === undefined ? browserStorage() : deps.storage;
  const isPageActive = deps.isPageActive ?? (() => globalThis.document?.visibilityState !== 'hidden');
  const markReadDelayMs = deps.markReadDelayMs ?? 400;
  const pollIntervalMs = deps.pollIntervalMs ?? 15_000;

  const $status = atom<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const $errorInfo = atom<ErrorInfo | null>(null);
  const $error = computed($errorInfo, (info) => info?.message ?? null);
  const $config = atom<ChatConfig | null>(null);
  const $me = atom<Me | null>(null);
  const $connection = createConnectionStore();
  const $openConversationIds = atom<number[]>([]);
  const conversations = createConversationsStore();
  const views = createMessageViews();
  const directory = createDirectory(api, log);

  // Lifetime of one start()..stop(): async work from an older generation must not touch state.
  let generation = 0;
  let starting: Promise<void> | null = null;
  let cleanups: Array<() => void> = [];
  const heldChannels = new Map<number, () => void>();
  const markReadTimers = new Map<number, ReturnType<typeof setTimeout>>();
  const catchUps = new Map<number, Promise<void>>();
  const catchUpAgain = new Set<number>();
  const catchUpAfterLoad = new Set<number>();
  const sending = new Set<string>();
  /** client_ids whose last failure is worth retrying on its own when the connection comes back. */
  const retryableFailures = new Set<string>();
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let optimisticIds = 0;

  function fail(error: unknown, fallback: string): ErrorInfo {
    const info = describeError(error, fallback);
    $errorInfo.set(info);
    return info;
  }

  function isOpen(id: number): boolean {
    return $openConversationIds.get().includes(id);
  }

  function outboxKey(): string | null {
    const me = $me.get();
    return me ? `staff-chat.outbox.${options.hotel}.${me.id}` : null;
  }

  function persistOutbox(): void {
    const key = outboxKey();
    if (!key) return;
    const unsent = views.ids().flatMap((id) => views.get(id).messages.filter((m) => !isStored(m)));
    saveOutbox(storage, key, unsent);
  }

  // ---- start / stop -------------------------------------------------------------------------

  async function start(): Promise<void> {
    if (starting) return starting;
    if ($status.get() === 'ready') return;
    const gen = ++generation;
    $status.set('loading');
    $errorInfo.set(null);
    starting = (async () => {
      try {
        const [config, me, list] = await Promise.all([api.config(), api.me(), api.conversations()]);
        if (gen !== generation) return;
        $config.set(config);
        $me.set(me);
        conversations.replaceAll(list.results);
        restoreOutbox();
        connectRealtime(config, me, gen);
        watchVisibility();
        $status.set('ready');
      } catch (error) {
        if (gen !== generation) return;
        log('start failed', error);
        fail(error, ERROR_START_FAILED);
        $status.set('error');
      } finally {
        if (gen === generation) starting = null;
      }
    })();
    return starting;
  }

  function stop(): void {
    generation += 1;
    starting = null;
    for (const release of heldChannels.values()) release();
    heldChannels.clear();
    for (const cleanup of cleanups) cleanup();
    cleanups = [];
    for (const timer of markReadTimers.values()) clearTimeout(timer);
    markReadTimers.clear();
    stopPolling();
    realtime?.release();
    realtime = null;
    $connection.set('disconnected');
    $status.set('idle');
  }

  function connectRealtime(config: ChatConfig, me: Me, gen: number): void {
    let connection: RealtimeConnection;
    try {
      connection = connect(config, (socketId, channel) => api.authorizeChannel(socketId, channel), `${options.hotel}/${me.id}`, log);
    } catch (error) {
      log('realtime unavailable', error);
      onConnectionState('failed');
      return;
    }
    realtime = connection;
    onConnectionState(connection.state());
    cleanups.push(connection.onStateChange(onConnectionState));
    const onEvent = (event: Event): void => {
      if (gen === generation) handleRealtimeEvent((event as CustomEvent<RealtimeEvent>).detail);
    };
    connection.bus.addEventListener('event', onEvent);
    cleanups.push(() => connection.bus.removeEventListener('event', onEvent));
    // Every (re)subscription of the personal channel may follow a gap: refetch the list.
    cleanups.push(connection.acquire(me.personal_channel, () => void refreshConversations(), onSubscriptionError));
    for (const id of $openConversationIds.get()) holdConversationChannel(id);
  }

  function onSubscriptionError(channel: string, error: unknown): void {
    log('subscription failed', channel, error);
  }

  function onConnectionState(state: ConnectionState): void {
    $connection.set(state);
    if (isOffline(state)) startPolling();
    else if (state === 'connected') {
      stopPolling();
      retryFailedSends();
    }
  }

  function watchVisibility(): void {
    const doc = globalThis.document;
    if (!doc) return;
    const onVisibility = (): void => {
      if (!isPageActive()) return;
      for (const id of $openConversationIds.get()) {
        if ((conversations.find(id)?.unread_count ?? 0) > 0) scheduleMarkRead(id);
      }
    };
    doc.addEventListener('visibilitychange', onVisibility);
    cleanups.push(() => doc.removeEventListener('visibilitychange', onVisibility));
  }

  // ---- polling while realtime is down -------------------------------------------------------

  function startPolling(): void {
    if (pollTimer !== null) return;
    pollTimer = setInterval(() => {
      void refreshConversations();
      for (const id of $openConversationIds.get()) void catchUp(id);
    }, pollIntervalMs);
  }

  function stopPolling(): void {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  }

  // ---- realtime events ----------------------------------------------------------------------

  function handleRealtimeEvent(event: RealtimeEvent): void {
    if (event.type === 'message_created' && isMessage(event.payload)) receiveMessages(event.payload.conversation_id, [event.payload]);
    else if (event.type === 'conversation_updated' && isConversation(event.payload)) {
      conversations.upsert(event.payload);
      if (event.payload.unread_count > 0 && isOpen(event.payload.id) && isPageActive()) scheduleMarkRead(event.payload.id);
    }
  }

  /** Merges stored messages into a conversation (if its view exists) and its list entry. */
  function receiveMessages(conversationId: number, messages: readonly Message[]): void {
    if (messages.length === 0) return;
    const view = views.has(conversationId) ? views.get(conversationId) : null;
    if (view && (view.loaded || view.loading)) {
      views.update(conversationId, (v) => ({ messages: mergeMessages(v.messages, messages) }));
      // A stored copy may have replaced an unsent one, which then leaves the outbox.
      if (messages.some((m) => m.client_id && m.sender_id === $me.get()?.id)) persistOutbox();
    }
    const newest = messages.reduce((a, b) => (b.id > a.id ? b : a));
    conversations.applyMessage(newest);
    const me = $me.get();
    if (isOpen(conversationId) && isPageActive() && messages.some((m) => m.sender_id !== me?.id)) {
      scheduleMarkRead(conversationId);
    }
  }

  // ---- conversations ------------------------------------------------------------------------

  async function refreshConversations(): Promise<void> {
    const gen = generation;
    try {
      const { results } = await api.conversations();
      if (gen !== generation) return;
      conversations.replaceAll(results);
      for (const id of $openConversationIds.get()) {
        if ((conversations.find(id)?.unread_count ?? 0) > 0 && isPageActive()) scheduleMarkRead(id);
      }
    } catch (error) {
      log('conversation list refresh failed', error);
    }
  }

  /** Subscribes an open conversation's channel; each confirmation of it triggers a catch-up. */
  function holdConversationChannel(id: number): void {
    const conversation = conversations.find(id);
    if (!realtime || !conversation || heldChannels.has(id) || !isOpen(id)) return;
    heldChannels.set(id, realtime.acquire(conversation.channel, () => void catchUp(id), onSubscriptionError));
  }

  async function openConversation(id: number): Promise<void> {
    if (!isOpen(id)) $openConversationIds.set([...$openConversationIds.get(), id]);
    if (!conversations.find(id)) await refreshConversations();
    if (!conversations.find(id)) {
      views.update(id, () => ({ error: ERROR_NOT_FOUND, loading: false }));
      return;
    }
    holdConversationChannel(id);
    const view = views.get(id);
    if (!view.loaded && !view.loading) await loadLatest(id);
    else if (view.loaded) void catchUp(id);
    if (isOpen(id)) await markRead(id);
  }

  function closeConversation(id: number): void {
    $openConversationIds.set($openConversationIds.get().filter((open) => open !== id));
    heldChannels.get(id)?.();
    heldChannels.delete(id);
    const timer = markReadTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    markReadTimers.delete(id);
  }

  async function startConversation(participantIds: string[], title?: string): Promise<number> {
    try {
      const conversation = await api.createConversation(title ? { participant_ids: participantIds, title } : { participant_ids: participantIds });
      conversations.upsert(conversation);
      await openConversation(conversation.id);
      return conversation.id;
    } catch (error) {
      fail(error, ERROR_LOAD_FAILED);
      throw error;
    }
  }

  // ---- history ------------------------------------------------------------------------------

  async function loadLatest(id: number): Promise<void> {
    views.update(id, () => ({ loading: true, error: null }));
    try {
      const page = await api.messages(id, { limit: PAGE_SIZE });
      views.update(id, (v) => ({
        messages: mergeMessages(v.messages, page.messages),
        hasMore: page.has_more,
        loaded: true,
        loading: false,
      }));
      const newest = page.messages[page.messages.length - 1];
      if (newest) conversations.applyMessage(newest);
    } catch (error) {
      log('loading conversation failed', id, error);
      views.update(id, () => ({ loading: false, error: describeError(error, ERROR_LOAD_FAILED).message }));
      return;
    }
    // The channel may have been confirmed while the page was on its way: fetch what came between.
    if (catchUpAfterLoad.delete(id)) await catchUp(id);
  }

  async function loadOlder(id: number): Promise<void> {
    const view = views.get(id);
    if (view.loading) return;
    if (!view.loaded) return loadLatest(id);
    const beforeId = oldestStoredId(view.messages);
    if (!view.hasMore || beforeId === undefined) return;
    views.update(id, () => ({ loading: true, error: null }));
    try {
      const page = await api.messages(id, { limit: PAGE_SIZE, beforeId });
      views.update(id, (v) => ({ messages: mergeMessages(v.messages, page.messages), hasMore: page.has_more, loading: false }));
    } catch (error) {
      log('loading older messages failed', id, error);
      views.update(id, () => ({ loading: false, error: describeError(error, ERROR_LOAD_FAILED).message }));
    }
  }

  /**
   * Fetches everything after the newest stored message, page by page. Runs after every
   * subscription_succeeded (first and after each reconnect) and while polling; runs of one
   * conversation never overlap, a request during a run schedules one more run.
   */
  function catchUp(id: number): Promise<void> {
    const view = views.get(id);
    if (!view.loaded) {
      if (view.loading) catchUpAfterLoad.add(id);
      return Promise.resolve();
    }
    const running = catchUps.get(id);
    if (running) {
      catchUpAgain.add(id);
      return running;
    }
    const run = (async () => {
      do {
        catchUpAgain.delete(id);
        await fetchNewer(id);
      } while (catchUpAgain.has(id));
    })().finally(() => catchUps.delete(id));
    catchUps.set(id, run);
    return run;
  }

  async function fetchNewer(id: number): Promise<void> {
    const gen = generation;
    try {
      for (let pages = 0; pages < MAX_CATCH_UP_PAGES; pages += 1) {
        const afterId = newestStoredId(views.get(id).messages) ?? 0;
        const page = await api.messages(id, { limit: PAGE_SIZE, afterId });
        if (gen !== generation) return;
        receiveMessages(id, page.messages);
        if (!page.has_more || page.messages.length === 0) return;
      }
    } catch (error) {
      log('catch-up failed', id, error);
    }
  }

  // ---- sending ------------------------------------------------------------------------------

  function sendMessage(conversationId: number, text: string, sendOptions: { replyTo?: Message | null } = {}): ChatMessage {
    const me = $me.get();
    if (!me) throw new Error('The chat has not started yet');
    if (text.trim() === '') throw new RangeError('A message needs some text');
    const replyTo = sendOptions.replyTo && isStored(sendOptions.replyTo) ? sendOptions.replyTo : null;
    const optimistic: ChatMessage = {
      id: -++optimisticIds,
      conversation_id: conversationId,
      client_id: newClientId(),
      sender_id: me.id,
      sender_info: { id: me.id, full_name: me.full_name, avatar: me.avatar },
      message: text,
      timestamp: new Date().toISOString(),
      reply_to: replyTo?.id ?? null,
      reply_to_message: replyTo ? toReplyPreview(replyTo) : null,
      attachments: [],
      is_edited: false,
      is_deleted: false,
      status: 'pending',
    };
    views.update(conversationId, (v) => ({ messages: appendUnsent(v.messages, optimistic) }));
    const maxLength = $config.get()?.limits.message_max_length;
    if (maxLength !== undefined && text.length > maxLength) {
      markFailed(conversationId, optimistic.client_id ?? '', ERROR_TOO_LONG, false);
      return { ...optimistic, status: 'failed', error: ERROR_TOO_LONG };
    }
    persistOutbox();
    void deliver(conversationId, optimistic.client_id ?? '');
    return optimistic;
  }

  function retryMessage(conversationId: number, clientId: string): void {
    void deliver(conversationId, clientId);
  }

  async function deliver(conversationId: number, clientId: string): Promise<void> {
    const unsent = views.get(conversationId).messages.find((m) => !isStored(m) && m.client_id === clientId);
    if (!unsent || sending.has(clientId)) return;
    sending.add(clientId);
    retryableFailures.delete(clientId);
    if (unsent.status !== 'pending') {
      views.update(conversationId, (v) => ({
        messages: updateUnsent(v.messages, clientId, ({ error: _error, ...m }) => ({ ...m, status: 'pending' })),
      }));
    }
    try {
      const stored = await api.sendMessage(conversationId, {
        message: unsent.message,
        client_id: clientId,
        reply_to: unsent.reply_to,
      });
      views.update(conversationId, (v) => ({ messages: mergeMessages(v.messages, [stored]) }));
      conversations.applyMessage(stored);
    } catch (error) {
      log('send failed', conversationId, clientId, error);
      const { message } = describeError(error, ERROR_SEND_FAILED);
      markFailed(conversationId, clientId, message, error instanceof ApiError && error.retryable);
    } finally {
      sending.delete(clientId);
      persistOutbox();
    }
  }

  function markFailed(conversationId: number, clientId: string, error: string, retryable: boolean): void {
    views.update(conversationId, (v) => ({
      messages: updateUnsent(v.messages, clientId, (m) => ({ ...m, status: 'failed', error })),
    }));
    if (retryable) retryableFailures.add(clientId);
    persistOutbox();
  }

  /** After a reconnect, sends again what failed only because the network or server was down. */
  function retryFailedSends(): void {
    for (const id of views.ids()) {
      for (const m of views.get(id).messages) {
        if (m.status === 'failed' && m.client_id && retryableFailures.has(m.client_id)) void deliver(id, m.client_id);
      }
    }
  }

  /** Puts messages left unsent by an earlier page load back in their conversations and sends them. */
  function restoreOutbox(): void {
    const key = outboxKey();
    const me = $me.get();
    if (!key || !me) return;
    for (const entry of loadOutbox(storage, key)) {
      const known = views.get(entry.conversation_id).messages.some((m) => m.client_id === entry.client_id);
      if (known) continue;
      views.update(entry.conversation_id, (v) => ({ messages: appendUnsent(v.messages, fromOutbox(entry, me, -++optimisticIds)) }));
      void deliver(entry.conversation_id, entry.client_id);
    }
  }

  // ---- read state ---------------------------------------------------------------------------

  function scheduleMarkRead(id: number): void {
    const existing = markReadTimers.get(id);
    if (existing !== undefined) clearTimeout(existing);
    markReadTimers.set(
      id,
      setTimeout(() => {
        markReadTimers.delete(id);
        if (isOpen(id)) void markRead(id);
      }, markReadDelayMs),
    );
  }

  async function markRead(id: number): Promise<void> {
    const timer = markReadTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    markReadTimers.delete(id);
    conversations.setUnread(id, 0);
    try {
      const result = await api.markRead(id);
      conversations.setUnread(id, result.unread_count);
    } catch (error) {
      log('mark as read failed', id, error);
    }
  }

  return {
    api,
    $status,
    $error,
    $errorInfo,
    $config,
    $me,
    $connection,
    $conversations: conversations.$conversations,
    $unreadTotal: conversations.$unreadTotal,
    $openConversationIds,
    conversationView: (id) => views.view(id),
    $directory: directory.$directory,
    start,
    stop,
    openConversation,
    closeConversation,
    loadOlder,
    sendMessage,
    retryMessage,
    searchDirectory: directory.search,
    startConversation,
    markRead,
  };
}

function toReplyPreview(message: Message): ReplyPreview {
  return { id: message.id, message: message.message.slice(0, 100), sender_name: message.sender_info.full_name };
}

function fromOutbox(entry: OutboxEntry, me: StaffMember, id: number): ChatMessage {
  const preview = entry.reply_to_message;
  const validPreview =
    preview && typeof preview.id === 'number' && typeof preview.message === 'string' && typeof preview.sender_name === 'string';
  return {
    id,
    conversation_id: entry.conversation_id,
    client_id: entry.client_id,
    sender_id: me.id,
    sender_info: { id: me.id, full_name: me.full_name, avatar: me.avatar },
    message: entry.message,
    timestamp: entry.timestamp,
    reply_to: entry.reply_to,
    reply_to_message: validPreview ? { id: preview.id, message: preview.message, sender_name: preview.sender_name } : null,
    attachments: [],
    is_edited: false,
    is_deleted: false,
    status: 'pending',
  };
}

/** A UUID v4; `crypto.randomUUID` exists only on secure origins, and portals are not always https. */
function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.id === 'number' &&
    typeof m.conversation_id === 'number' &&
    typeof m.sender_id === 'string' &&
    typeof m.message === 'string' &&
    typeof m.sender_info === 'object' &&
    m.sender_info !== null
  );
}

function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.id === 'number' && typeof c.channel === 'string' && typeof c.unread_count === 'number';
}
