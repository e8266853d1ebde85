import { atom, computed } from 'nanostores';
import type { Conversation, Message } from '../../../contract/index.js';
import { applyMessageToConversations, replaceConversations, setUnread, unreadTotal, upsertConversation } from './merge-list.js';

/**
 * Whether an unread message of the conversation mentions the viewer. The server's `mention_count`
 * counts unread messages only, so it is never more than `unread_count`: reading (which zeroes the
 * unread count here at once) clears the mention without a count of its own to keep in step.
 */
export const hasUnreadMention = (c: Conversation): boolean => !!c.mention_count && c.unread_count > 0;

/** The conversation list and its unread total; every change goes through merge-list.ts. */
export function createConversationsStore() {
  const $conversations = atom<Conversation[]>([]);
  const $unreadTotal = computed($conversations, unreadTotal);
  return {
    $conversations,
    $unreadTotal,
    find: (id: number) => $conversations.get().find((c) => c.id === id),
    replaceAll: (list: readonly Conversation[]) => $conversations.set(replaceConversations($conversations.get(), list)),
    upsert: (conversation: Conversation) => $conversations.set(upsertConversation($conversations.get(), conversation)),
    applyMessage: (message: Message) => $conversations.set(applyMessageToConversations($conversations.get(), message)),
    setUnread: (id: number, unread: number) => $conversations.set(setUnread($conversations.get(), id, unread)),
  };
}

export type ConversationsStore = ReturnType<typeof createConversationsStore>;
