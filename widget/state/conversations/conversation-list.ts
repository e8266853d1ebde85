/**
 * The conversation list as the session keeps it current: refetching it, the open chat windows and their
 * channels, unread counts, and the short timers that gather incoming messages into one mark-read call.
 * It owns what the server says about conversations (`conversation_updated`, `messages_read`, the list
 * side of every stored message), registered with the router. In the entry: a conversation's history
 * comes from the lazily loaded half (`openHistory`), which this never imports.
 */
import type { WritableAtom } from 'nanostores';
import type { Me, Message } from '../../../server/contract.js';
import type { ApiClient } from '../../api/client.js';
import { errorMsg } from '../../messages/errors.js';
import type { RealtimeConnection } from '../../realtime/pusher-client.js';
import type { EventRouter } from '../live/router.js';
import type { MessageViews } from '../messages/views.js';
import { onAbort } from '../shared/abort.js';
import type { ConversationsStore } from './conversations.js';
import type { createNotifications } from './notifications.js';
import type { ReadMarksStore } from './read-marks.js';

export interface ConversationListDeps {
  api: ApiClient;
  log: (...args: unknown[]) => void;
  conversations: ConversationsStore;
  views: MessageViews;
  readMarks: ReadMarksStore;
  alerting: Pick<ReturnType<typeof createNotifications>, 'conversationChanged'>;
  $me: WritableAtom<Me | null>;
  $openConversationIds: WritableAtom<number[]>;
  router: Pick<EventRouter, 'on' | 'onStored' | 'emit'>;
  /** The connection, while there is one. */
  realtime(): RealtimeConnection | null;
  onSubscriptionError(channel: string, error: unknown): void;
  /** The current epoch of the session (session/lifecycle.ts): a refetch answered after it ended is dropped. */
  signal(): AbortSignal;
  /**
   * Runs `then` once the code of open chat windows (the lazily loaded half) is here, loading it if
   * need be; null if it cannot load.
   */
  withFeatures<T>(then: () => Promise<T>): Promise<T | null>;
  /** A conversation's history on opening it: its latest page the first time, what came since after. */
  openHistory(id: number): Promise<void>;
  /** Whether a person is looking, so incoming messages count as read. */
  isPageActive(): boolean;
  /** Shows a failure that has no other place (`$error`). */
  fail(error: unknown, fallback: string): void;
  /** Gathers several incoming messages into one mark-read call. */
  markReadDelayMs: number;
}

export function createConversationList(deps: ConversationListDeps) {
  const { api, log, conversations, views, router, $openConversationIds, isPageActive, markReadDelayMs } = deps;
  const heldChannels = new Map<number, () => void>();
  const markReadTimers = new Map<number, ReturnType<typeof setTimeout>>();

  function isOpen(id: number): boolean {
    return $openConversationIds.get().includes(id);
  }

  /** Marks read (after a moment) every open conversation that has unread messages. */
  function markOpenUnread(): void {
    for (const id of $openConversationIds.get()) {
      if ((conversations.find(id)?.unread_count ?? 0) > 0 && isPageActive()) scheduleMarkRead(id);
    }
  }

  async function refresh(): Promise<void> {
    const signal = deps.signal();
    try {
      const { results } = await api.conversations();
      if (signal.aborted) return;
      conversations.replaceAll(results);
      markOpenUnread();
    } catch (error) {
      log('conversation list refresh failed', error);
    }
  }

  /** Stored messages of a conversation: its list entry, read marks and mark-read (the view is history's). */
  function receive(conversationId: number, messages: readonly Message[]): void {
    if (messages.length === 0) return;
    // A sender has read up to what they send.
    deps.readMarks.advance(
      conversationId,
      messages.map((m) => ({ staff_id: m.sender_id, last_read_message_id: m.id })),
    );
    const newest = messages.reduce((a, b) => (b.id > a.id ? b : a));
    conversations.applyMessage(newest);
    const me = deps.$me.get();
    if (isOpen(conversationId) && isPageActive() && messages.some((m) => m.sender_id !== me?.id)) {
      scheduleMarkRead(conversationId);
    }
  }

  /** Subscribes an open conversation's channel; each confirmation of it triggers a catch-up. */
  function holdChannel(id: number): void {
    const conversation = conversations.find(id);
    const connection = deps.realtime();
    if (!connection || !conversation || heldChannels.has(id) || !isOpen(id)) return;
    heldChannels.set(
      id,
      connection.acquire(conversation.channel, () => router.emit('subscribed', id), deps.onSubscriptionError),
    );
  }

  async function open(id: number): Promise<void> {
    if (!isOpen(id)) $openConversationIds.set([...$openConversationIds.get(), id]);
    // Loaded before the channel is held, so none of its events arrives before the code for them.
    const opened = await deps.withFeatures(() => openWithFeatures(id));
    if (opened === null) views.update(id, () => ({ error: errorMsg.errorLoadFailed, loading: false }));
  }

  async function openWithFeatures(id: number): Promise<void> {
    if (!conversations.find(id)) await refresh();
    if (!conversations.find(id)) {
      views.update(id, () => ({ error: errorMsg.errorNotFound, loading: false }));
      return;
    }
    holdChannel(id);
    await deps.openHistory(id);
    if (isOpen(id)) await markRead(id);
  }

  function close(id: number): void {
    $openConversationIds.set($openConversationIds.get().filter((open) => open !== id));
    heldChannels.get(id)?.();
    heldChannels.delete(id);
    clearMarkRead(id);
  }

  async function start(participantIds: string[], title?: string): Promise<number> {
    try {
      const conversation = await api.createConversation(
        title ? { participant_ids: participantIds, title } : { participant_ids: participantIds },
      );
      conversations.upsert(conversation);
      await open(conversation.id);
      return conversation.id;
    } catch (error) {
      deps.fail(error, errorMsg.errorLoadFailed);
      throw error;
    }
  }

  async function addParticipants(conversationId: number, staffIds: string[]): Promise<void> {
    try {
      conversations.upsert(await api.addParticipants(conversationId, staffIds));
    } catch (error) {
      deps.fail(error, errorMsg.errorLoadFailed);
      throw error;
    }
  }

  function clearMarkRead(id: number): void {
    const timer = markReadTimers.get(id);
    if (timer !== undefined) clearTimeout(timer);
    markReadTimers.delete(id);
  }

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
    clearMarkRead(id);
    conversations.setUnread(id, 0);
    try {
      const result = await api.markRead(id);
      conversations.setUnread(id, result.unread_count);
    } catch (error) {
      log('mark as read failed', id, error);
    }
  }

  /** A person looks at the page again: what came in while they did not counts as read now. Until `signal` aborts. */
  function watchVisibility(signal: AbortSignal): void {
    const doc = globalThis.document as Document | undefined;
    if (!doc) return;
    const onVisibility = (): void => {
      if (!isPageActive()) return;
      for (const id of $openConversationIds.get()) {
        if ((conversations.find(id)?.unread_count ?? 0) > 0) scheduleMarkRead(id);
      }
    };
    doc.addEventListener('visibilitychange', onVisibility);
    globalThis.addEventListener('focus', onVisibility);
    onAbort(signal, () => {
      doc.removeEventListener('visibilitychange', onVisibility);
      globalThis.removeEventListener('focus', onVisibility);
    });
  }

  router.onStored(receive);
  router.on('conversation_updated', (conversation) => {
    deps.alerting.conversationChanged(conversations.find(conversation.id), conversation, deps.$me.get()?.id);
    conversations.upsert(conversation);
    if (conversation.unread_count > 0 && isOpen(conversation.id) && isPageActive()) scheduleMarkRead(conversation.id);
  });
  router.on('messages_read', (read) =>
    deps.readMarks.advance(read.conversation_id, [{ staff_id: read.read_by_staff_id, last_read_message_id: read.last_read_message_id }]),
  );
  router.on('catch_up', () => void refresh());

  return {
    refresh,
    holdChannel,
    open,
    close,
    start,
    addParticipants,
    markRead,
    watchVisibility,
    /** At stop(): lets go of every conversation channel and forgets pending mark-read calls. */
    release(): void {
      for (const release of heldChannels.values()) release();
      heldChannels.clear();
      for (const timer of markReadTimers.values()) clearTimeout(timer);
      markReadTimers.clear();
    },
  };
}

export type ConversationList = ReturnType<typeof createConversationList>;
