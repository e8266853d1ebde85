/**
 * The conversation list as the session keeps it current: refetching it, the open chat windows and their
 * channels, unread counts, and the short timers that gather incoming messages into one mark-read call.
 * Part of the session core (session.ts), so it is in the entry: what needs the conversation features
 * reaches them through the loader and never imports them.
 */
import type { Message } from '../../../server/contract.js';
import type { RealtimeConnection } from '../../realtime/pusher-client.js';
import { errorMsg } from '../../messages/errors.js';
import type { SessionCore } from '../session/session-core.js';

/**
 * @param realtime the connection, while there is one
 * @param markReadDelayMs gathers several incoming messages into one mark-read call
 */
export function createConversationList(
  core: SessionCore,
  realtime: () => RealtimeConnection | null,
  markReadDelayMs: number,
  onSubscriptionError: (channel: string, error: unknown) => void,
) {
  const { api, log, conversations, views, features, $openConversationIds, isPageActive } = core;
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
    const gen = core.generation;
    try {
      const { results } = await api.conversations();
      if (gen !== core.generation) return;
      conversations.replaceAll(results);
      markOpenUnread();
    } catch (error) {
      log('conversation list refresh failed', error);
    }
  }

  /** Merges stored messages into a conversation (if its view exists) and its list entry. */
  function receive(conversationId: number, messages: readonly Message[]): void {
    if (messages.length === 0) return;
    // Views hold messages only once the features have loaded (they load and send them).
    features.current()?.history.merge(conversationId, messages);
    // A sender has read up to what they send.
    core.readMarks.advance(conversationId, messages.map((m) => ({ staff_id: m.sender_id, last_read_message_id: m.id })));
    const newest = messages.reduce((a, b) => (b.id > a.id ? b : a));
    conversations.applyMessage(newest);
    const me = core.$me.get();
    if (isOpen(conversationId) && isPageActive() && messages.some((m) => m.sender_id !== me?.id)) {
      scheduleMarkRead(conversationId);
    }
  }

  /** Subscribes an open conversation's channel; each confirmation of it triggers a catch-up. */
  function holdChannel(id: number): void {
    const conversation = conversations.find(id);
    const connection = realtime();
    if (!connection || !conversation || heldChannels.has(id) || !isOpen(id)) return;
    heldChannels.set(id, connection.acquire(conversation.channel, () => void features.current()?.history.catchUp(id), onSubscriptionError));
  }

  async function open(id: number): Promise<void> {
    if (!isOpen(id)) $openConversationIds.set([...$openConversationIds.get(), id]);
    // Loaded before the channel is held, so none of its events arrives before the code for them.
    const loaded = features.current() ?? (await features.load());
    if (!loaded) {
      views.update(id, () => ({ error: errorMsg.errorLoadFailed, loading: false }));
      return;
    }
    if (!conversations.find(id)) await refresh();
    if (!conversations.find(id)) {
      views.update(id, () => ({ error: errorMsg.errorNotFound, loading: false }));
      return;
    }
    holdChannel(id);
    await loaded.history.open(id);
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
      const conversation = await api.createConversation(title ? { participant_ids: participantIds, title } : { participant_ids: participantIds });
      conversations.upsert(conversation);
      await open(conversation.id);
      return conversation.id;
    } catch (error) {
      core.fail(error, errorMsg.errorLoadFailed);
      throw error;
    }
  }

  async function addParticipants(conversationId: number, staffIds: string[]): Promise<void> {
    try {
      conversations.upsert(await api.addParticipants(conversationId, staffIds));
    } catch (error) {
      core.fail(error, errorMsg.errorLoadFailed);
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

  /** A person looks at the page again: what came in while they did not counts as read now. */
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
    core.cleanups.push(() => {
      doc.removeEventListener('visibilitychange', onVisibility);
      globalThis.removeEventListener('focus', onVisibility);
    });
  }

  return {
    isOpen,
    refresh,
    receive,
    holdChannel,
    open,
    close,
    start,
    addParticipants,
    scheduleMarkRead,
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
