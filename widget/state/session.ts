import { atom, computed, type ReadableAtom } from 'nanostores';
import type { ChatConfig, Conversation, Me, Message, MessagesRead, ReactionChange, ReactionEmoji } from '../../server/contract.js';
import { ApiClient } from '../api/client.js';
import { createLogger } from '../debug.js';
import { getPusherClient, type Authorize, type RealtimeConnection } from '../realtime/pusher-client.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { createConnectionStore, isOffline } from './connection.js';
import type { ConversationFeatures } from './conversation-features.js';
import { createConversationsStore } from './conversations.js';
import { describeError, ERROR_LOAD_FAILED, ERROR_NOT_FOUND, ERROR_START_FAILED, ERROR_TOO_LONG, isTransient, type ErrorInfo } from './errors.js';
import { exponentialBackoff, type RetryDelay } from './backoff.js';
import { newUploadKey } from './ids.js';
import { createMessageViews } from './messages.js';
import { createNotifications, type Alerts, type NotificationSettings } from './notifications.js';
import { nextOptimisticId, optimisticMessage } from './optimistic.js';
import { createReadMarks, type ReadMarks } from './read-marks.js';
import { createPresence } from './presence.js';
import type { TypingState } from './typing.js';
import { browserStorage, memoryStorage, outboxKey, type OutboxStorage } from './outbox-storage.js';
import type { UploadItem } from './uploads.js';
import { watchWake } from './wake.js';
import type { ChatMessage, ConnectionState, ConversationView, DirectoryState } from './types.js';

export type { ChatMessage, ConnectionState, ConversationView, DirectoryState, MessageStatus } from './types.js';
export type { ErrorInfo } from './errors.js';
export type { NotificationSettings } from './notifications.js';
export type { ReadMarks } from './read-marks.js';
export type { TypingPerson, TypingState } from './typing.js';
export type { UploadItem } from './uploads.js';

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
  /** Wait before sending again after the n-th failure in a row (and before restarting a failed start). Default 1 s doubling to 30 s. */
  retryDelay?: RetryDelay;
  /** Desktop notification, sound and settings storage; defaults to the browser's. */
  alerts?: Alerts;
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
  /** Staff ids of the hotel's staff online now (from the presence channel); empty while offline. */
  readonly $onlineIds: ReadableAtom<ReadonlySet<string>>;
  /** Who is typing in each open conversation, by conversation id; never the viewer. */
  readonly $typing: ReadableAtom<TypingState>;

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
  /** The viewer's draft in a conversation changed: tells the others they are typing (throttled), or stopped. */
  notifyTyping(conversationId: number, draft: string): void;
  /** Per conversation, how far each participant has read (for "seen by"). */
  readonly $readMarks: ReadableAtom<ReadMarks>;
  readonly $alertSettings: ReadableAtom<NotificationSettings>;
  /** Changes the alert settings; turning desktop alerts on asks the browser's permission (call from a click). */
  configureAlerts(change: Partial<NotificationSettings>): Promise<void>;
  /** The viewer's own message: shown changed at once, rolled back (with `$error`) if the server refuses. */
  editMessage(conversationId: number, messageId: number, text: string): Promise<void>;
  /** The viewer's own message becomes the "deleted" placeholder for everyone. */
  deleteMessage(conversationId: number, messageId: number): Promise<void>;
  /** Adds the viewer's reaction, or removes it if the message already has it. */
  toggleReaction(conversationId: number, messageId: number, emoji: ReactionEmoji): Promise<void>;
  /** Adds people to a group; rejects with the ApiError on failure. */
  addParticipants(conversationId: number, staffIds: string[]): Promise<void>;
  /** Files being sent, each with its progress, or the sentence saying why it was not sent. */
  readonly $uploads: ReadableAtom<UploadItem[]>;
  /** Sends each file as a message of its own (see `state/uploads.ts`); returns their upload keys. */
  uploadFiles(conversationId: number, files: readonly File[]): string[];
  /** Cancels an upload in flight, or clears a failed one. */
  cancelUpload(key: string): void;
}

/** The features come in the chunk that loads on first use, with the elements (../first-use.ts). */
const importFeatureModule = () => import('../first-use.js');

/**
 * Creates the state of one `<staff-chat>`: nanostores atoms plus the actions that change them.
 * A page may hold several widgets, so nothing here is a module singleton.
 *
 * This is the core every portal page loads: the profile, the conversation list and its unread counts
 * (and the alerts they raise), the realtime connection with the personal and presence channels. What a
 * person needs only once they open a conversation (history, sending, uploads, edits and reactions,
 * typing, the directory) is state/conversation-features.ts, imported on first use in the chunk of the
 * elements. The atoms the elements bind are all created here, so the API is the same either way.
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
  // Without storage the outbox still carries unsent messages across stop() and start(), not across reloads.
  const storage = (deps.storage === undefined ? browserStorage() : deps.storage) ?? memoryStorage();
  // Read means in view and focused: a portal left open in a window behind others does not clear badges.
  const isPageActive = deps.isPageActive ?? (() => globalThis.document?.visibilityState !== 'hidden' && globalThis.document?.hasFocus() !== false);
  const markReadDelayMs = deps.markReadDelayMs ?? 400;
  const pollIntervalMs = deps.pollIntervalMs ?? 15_000;
  const retryDelay = deps.retryDelay ?? exponentialBackoff();

  const $status = atom<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const $errorInfo = atom<ErrorInfo | null>(null);
  const $error = computed($errorInfo, (info) => info?.message ?? null);
  const $config = atom<ChatConfig | null>(null);
  const $me = atom<Me | null>(null);
  const $connection = createConnectionStore();
  const $openConversationIds = atom<number[]>([]);
  const conversations = createConversationsStore();
  const views = createMessageViews();
  const presence = createPresence(log);
  const readMarks = createReadMarks();
  const $typing = atom<TypingState>({});
  const $uploads = atom<UploadItem[]>([]);
  const $directory = atom<DirectoryState>({ results: [], loading: false, error: null });
  const alerting = createNotifications(() => !isPageActive(), deps.alerts);

  // Lifetime of one start()..stop(): async work from an older generation must not touch state.
  let generation = 0;
  let starting: Promise<void> | null = null;
  /** Between a successful start and stop: what loads later joins in (the outbox sends, typing listens). */
  let live = false;
  let cleanups: Array<() => void> = [];
  const heldChannels = new Map<number, () => void>();
  const markReadTimers = new Map<number, ReturnType<typeof setTimeout>>();
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let startFailures = 0;
  let pollTimer: ReturnType<typeof setInterval> | null = null;

  // ---- modules loaded on first use ----------------------------------------------------------

  let features: ConversationFeatures | null = null;
  /** Set while the features' chunk is on its way (realtime events and early calls wait in `afterLoad`). */
  let featuresLoad: Promise<ConversationFeatures | null> | null = null;
  const afterLoad: Array<() => void> = [];

  /** The conversation features, importing them the first time; null if their chunk cannot load. */
  function loadFeatures(): Promise<ConversationFeatures | null> {
    if (features) return Promise.resolve(features);
    // What waited runs in order, right as the features arrive: nothing can come in between.
    const runWaiting = () => afterLoad.splice(0).forEach((run) => run());
    featuresLoad ??= importFeatureModule().then(
      ({ createConversationFeatures }) => {
        const loaded = createConversationFeatures({
          api,
          log,
          views,
          storage,
          nextOptimisticId,
          retryDelay,
          $typing,
          $uploads,
          $directory,
          $me,
          $config,
          conversations,
          readMarks,
          generation: () => generation,
          receive: receiveMessages,
          fail: (error) => fail(error, ERROR_LOAD_FAILED),
        });
        features = loaded;
        const me = $me.get();
        if (live && me) joinFeatures(loaded, me);
        runWaiting();
        return loaded;
      },
      (error: unknown) => {
        log('could not load the conversation features', error);
        featuresLoad = null;
        runWaiting();
        return null;
      },
    );
    return featuresLoad;
  }

  /** Starts the parts of the features that run with the session: the outbox, and typing on the connection. */
  function joinFeatures(loaded: ConversationFeatures, me: Me): void {
    loaded.sending.start(outboxKey(options.hotel, me.id), me);
    if (realtime) cleanups.push(loaded.typing.watch(realtime));
  }

  /** Runs `run` with the features now, or once they have loaded (loading them), after what waits already. */
  function withFeatures(run: (loaded: ConversationFeatures) => void): void {
    if (features) return run(features);
    afterLoad.push(() => {
      if (features) run(features);
    });
    void loadFeatures();
  }

  /** A call that needs the features: straight through once they are loaded, so it behaves as it always did. */
  function viaFeatures<A extends unknown[]>(call: (loaded: ConversationFeatures, ...args: A) => Promise<void>): (...args: A) => Promise<void> {
    return async (...args) => {
      const loaded = features ?? (await loadFeatures());
      if (loaded) await call(loaded, ...args);
    };
  }

  /** Like `withFeatures` for calls that only matter once the features are loaded or loading. */
  function ifFeatures(run: (loaded: ConversationFeatures) => void): void {
    if (features || featuresLoad) withFeatures(run);
  }

  function fail(error: unknown, fallback: string): ErrorInfo {
    const info = describeError(error, fallback);
    $errorInfo.set(info);
    return info;
  }

  function isOpen(id: number): boolean {
    return $openConversationIds.get().includes(id);
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
        startFailures = 0;
        live = true;
        if (features) features.sending.start(outboxKey(options.hotel, me.id), me);
        else if (storage.getItem(outboxKey(options.hotel, me.id)) !== null) {
          // Messages an earlier page load could not send go out now, without waiting for anyone to
          // open the chat; they are back in their conversations by the time the session is ready.
          await loadFeatures();
          if (gen !== generation) return;
        }
        connectRealtime(config, me, gen);
        watchVisibility();
        cleanups.push(watchWake(onWake));
        $status.set('ready');
      } catch (error) {
        if (gen !== generation) return;
        log('start failed', error);
        fail(error, ERROR_START_FAILED);
        $status.set('error');
        // The server may be restarting or the network gone for a moment: try again on our own.
        if (isTransient(error)) scheduleRestart();
      } finally {
        if (gen === generation) starting = null;
      }
    })();
    return starting;
  }

  function stop(): void {
    generation += 1;
    starting = null;
    live = false;
    if (restartTimer !== null) clearTimeout(restartTimer);
    restartTimer = null;
    features?.sending.stop();
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

  function scheduleRestart(): void {
    if (restartTimer !== null) clearTimeout(restartTimer);
    startFailures += 1;
    restartTimer = setTimeout(() => {
      restartTimer = null;
      void start();
    }, retryDelay(startFailures));
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
    cleanups.push(presence.watch(connection, me.presence_channel));
    if (features) cleanups.push(features.typing.watch(connection));
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
      // The network is back: what waits for a backoff timer goes now. Catch-up follows each
      // channel's subscription_succeeded.
      features?.sending.retryNow();
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
    globalThis.addEventListener('focus', onVisibility);
    cleanups.push(() => {
      doc.removeEventListener('visibilitychange', onVisibility);
      globalThis.removeEventListener('focus', onVisibility);
    });
  }

  /**
   * The tab came back from the background or from sleep, or the browser is online again: events may
   * have been missed even if the socket looks connected, so fetch the list and every open
   * conversation now, and send what waits in the outbox.
   */
  function onWake(): void {
    log('wake: catching up');
    catchUpAll();
    features?.sending.retryNow();
  }

  function catchUpAll(): void {
    void refreshConversations();
    for (const id of $openConversationIds.get()) void features?.history.catchUp(id);
  }

  // ---- polling while realtime is down -------------------------------------------------------

  function startPolling(): void {
    if (pollTimer !== null) return;
    // pusher-js has already tried for a while before it says unavailable: fetch now, then regularly.
    catchUpAll();
    pollTimer = setInterval(catchUpAll, pollIntervalMs);
  }

  function stopPolling(): void {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  }

  // ---- realtime events ----------------------------------------------------------------------

  function handleRealtimeEvent(event: RealtimeEvent): void {
    if (!features && featuresLoad) {
      // The features are on their way: no event may overtake the ones waiting for them.
      const gen = generation;
      afterLoad.push(() => {
        if (gen === generation) applyRealtimeEvent(event);
      });
      return;
    }
    applyRealtimeEvent(event);
  }

  function applyRealtimeEvent(event: RealtimeEvent): void {
    // Edits, deletions and reactions only change messages already in a view, and only the
    // conversation features put messages in views: without them there is nothing to change.
    if (event.type === 'message_created' && isMessage(event.payload)) receiveMessages(event.payload.conversation_id, [event.payload]);
    else if ((event.type === 'message_edited' || event.type === 'message_deleted') && isMessage(event.payload)) features?.changes.applyMessage(event.payload);
    else if (event.type === 'reaction_changed') {
      const change = event.payload as ReactionChange;
      if (Array.isArray(change?.reactions)) features?.changes.applyReactions(change.conversation_id, change.message_id, change.reactions);
    } else if (event.type === 'messages_read') {
      const read = event.payload as MessagesRead;
      if (typeof read?.last_read_message_id === 'number') {
        readMarks.advance(read.conversation_id, [{ staff_id: read.read_by_staff_id, last_read_message_id: read.last_read_message_id }]);
      }
    } else if (event.type === 'conversation_updated' && isConversation(event.payload)) {
      alerting.conversationChanged(conversations.find(event.payload.id), event.payload, $me.get()?.id);
      conversations.upsert(event.payload);
      if (event.payload.unread_count > 0 && isOpen(event.payload.id) && isPageActive()) scheduleMarkRead(event.payload.id);
    }
  }

  /** Merges stored messages into a conversation (if its view exists) and its list entry. */
  function receiveMessages(conversationId: number, messages: readonly Message[]): void {
    if (messages.length === 0) return;
    // Views hold messages only once the features have loaded (they load and send them).
    features?.history.merge(conversationId, messages);
    // A sender has read up to what they send.
    readMarks.advance(conversationId, messages.map((m) => ({ staff_id: m.sender_id, last_read_message_id: m.id })));
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
    heldChannels.set(id, realtime.acquire(conversation.channel, () => void features?.history.catchUp(id), onSubscriptionError));
  }

  async function openConversation(id: number): Promise<void> {
    if (!isOpen(id)) $openConversationIds.set([...$openConversationIds.get(), id]);
    // Loaded before the channel is held, so none of its events arrives before the code for them.
    const loaded = features ?? (await loadFeatures());
    if (!loaded) {
      views.update(id, () => ({ error: ERROR_LOAD_FAILED, loading: false }));
      return;
    }
    if (!conversations.find(id)) await refreshConversations();
    if (!conversations.find(id)) {
      views.update(id, () => ({ error: ERROR_NOT_FOUND, loading: false }));
      return;
    }
    holdConversationChannel(id);
    await loaded.history.open(id);
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

  // ---- sending ------------------------------------------------------------------------------

  function sendMessage(conversationId: number, text: string, sendOptions: { replyTo?: Message | null } = {}): ChatMessage {
    const me = $me.get();
    if (!me) throw new Error('The chat has not started yet');
    if (text.trim() === '') throw new RangeError('A message needs some text');
    // Only a stored message (positive id) can be replied to.
    const replyTo = sendOptions.replyTo && sendOptions.replyTo.id > 0 ? sendOptions.replyTo : null;
    const optimistic = optimisticMessage(me, conversationId, text, replyTo);
    const maxLength = $config.get()?.limits.message_max_length;
    if (features) return features.send(optimistic, maxLength);
    // The elements load the features before anyone can type, so only a host calling early gets here:
    // the message shows at once, and goes to the outbox and out as soon as the sending code is here.
    views.update(conversationId, (v) => ({ messages: [...v.messages, optimistic] }));
    withFeatures((loaded) => void loaded.send(optimistic, maxLength));
    return maxLength !== undefined && text.length > maxLength ? { ...optimistic, status: 'failed', error: ERROR_TOO_LONG } : optimistic;
  }

  function uploadFiles(conversationId: number, files: readonly File[]): string[] {
    const keys = files.map(() => newUploadKey());
    withFeatures((loaded) => void loaded.uploads.add(conversationId, files, keys));
    return keys;
  }

  async function addParticipants(conversationId: number, staffIds: string[]): Promise<void> {
    try {
      conversations.upsert(await api.addParticipants(conversationId, staffIds));
    } catch (error) {
      fail(error, ERROR_LOAD_FAILED);
      throw error;
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

  const loadOlder = viaFeatures((f, id: number) => f.history.loadOlder(id));
  const searchDirectory = viaFeatures((f, search: string) => f.directory.search(search));
  const editMessage = viaFeatures((f, conversationId: number, messageId: number, text: string) => f.changes.edit(conversationId, messageId, text));
  const deleteMessage = viaFeatures((f, conversationId: number, messageId: number) => f.changes.remove(conversationId, messageId));
  const toggleReaction = viaFeatures((f, conversationId: number, messageId: number, emoji: ReactionEmoji) => f.changes.toggleReaction(conversationId, messageId, emoji));

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
    $directory,
    $onlineIds: presence.$onlineIds,
    $typing,
    start,
    stop,
    openConversation,
    closeConversation,
    loadOlder,
    sendMessage,
    // Without the features there is no failed message to retry, no open conversation to type in and no
    // upload to cancel: these never load them.
    retryMessage: (conversationId, clientId) => ifFeatures((f) => f.sending.retry(conversationId, clientId)),
    searchDirectory,
    startConversation,
    markRead,
    notifyTyping: (conversationId, draft) => ifFeatures((f) => f.typing.draftChanged(conversationId, draft)),
    $readMarks: readMarks.$readMarks,
    $alertSettings: alerting.$settings,
    configureAlerts: alerting.configure,
    editMessage,
    deleteMessage,
    toggleReaction,
    addParticipants,
    $uploads,
    uploadFiles,
    cancelUpload: (key) => ifFeatures((f) => f.uploads.cancel(key)),
  };
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
