import type { Conversation, LastMessage, Message } from '../../server/contract.js';
import type { ChatMessage } from './types.js';

// Pure functions behind "a message is never shown twice": every change to a list goes through here.

/** Whether the server has stored it (optimistic messages have negative ids). */
export function isStored(message: Pick<Message, 'id'>): boolean {
  return message.id > 0;
}

/** A stored message as the widget shows it. */
export function sent(message: Message): ChatMessage {
  return { ...message, status: 'sent' };
}

/**
 * Merges stored messages into a list: one with a known id replaces it; one whose `client_id`
 * matches an unsent message of the same sender replaces that one (the sender's own optimistic
 * copy, whichever of the REST answer and the realtime event arrives first); anything else is
 * inserted in id order. Unsent messages stay at the end in the order they were written.
 */
export function mergeMessages(current: readonly ChatMessage[], incoming: readonly Message[]): ChatMessage[] {
  if (incoming.length === 0) return current.slice();
  const stored = current.filter(isStored);
  let unsent = current.filter((m) => !isStored(m));
  for (const message of incoming) {
    if (!isStored(message)) continue;
    const index = findIndexById(stored, message.id);
    if (stored[index]?.id === message.id) stored[index] = sent(message);
    else stored.splice(index, 0, sent(message));
    if (message.client_id) {
      unsent = unsent.filter((m) => !(m.client_id === message.client_id && m.sender_id === message.sender_id));
    }
  }
  return [...stored, ...unsent];
}

/** Adds an optimistic message at the end, after the other unsent ones. */
export function appendUnsent(current: readonly ChatMessage[], message: ChatMessage): ChatMessage[] {
  return [...current, message];
}

/** Applies `change` to the unsent message with this `client_id`; the list is unchanged if there is none. */
export function updateUnsent(
  current: readonly ChatMessage[],
  clientId: string,
  change: (message: ChatMessage) => ChatMessage,
): ChatMessage[] {
  return current.map((m) => (!isStored(m) && m.client_id === clientId ? change(m) : m));
}

export function newestStoredId(messages: readonly ChatMessage[]): number | undefined {
  for (let i = messages.length - 1; i >= 0; i -= 1) {
    const message = messages[i];
    if (message && isStored(message)) return message.id;
  }
  return undefined;
}

export function oldestStoredId(messages: readonly ChatMessage[]): number | undefined {
  const first = messages[0];
  return first && isStored(first) ? first.id : undefined;
}

/** First index whose id is >= `id` in a list of stored messages sorted by id. */
function findIndexById(sorted: readonly ChatMessage[], id: number): number {
  // New messages almost always belong at the end, so check there before searching.
  const last = sorted[sorted.length - 1];
  if (!last || last.id < id) return sorted.length;
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid]?.id ?? 0) < id) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** What the conversation list shows of a message (at most 100 characters, as the server sends it). */
export function toLastMessage(message: Message): LastMessage {
  return {
    id: message.id,
    sender_id: message.sender_id,
    sender_name: message.sender_info.full_name,
    message: message.message.slice(0, 100),
    timestamp: message.timestamp,
  };
}

/** Most recently active first; ties broken by the newer conversation. */
export function sortConversations(list: readonly Conversation[]): Conversation[] {
  return [...list].sort((a, b) => activity(b) - activity(a) || b.id - a.id);
}

function activity(conversation: Conversation): number {
  const times = [conversation.updated_at, conversation.last_message?.timestamp].map((t) => (t ? Date.parse(t) : NaN));
  const valid = times.filter((t) => !Number.isNaN(t));
  return valid.length > 0 ? Math.max(...valid) : 0;
}

/**
 * Inserts or replaces a conversation, keeping whichever `last_message` is newer (an update
 * triggered before a message we already merged must not roll the preview back).
 */
export function upsertConversation(list: readonly Conversation[], incoming: Conversation): Conversation[] {
  const existing = list.find((c) => c.id === incoming.id);
  let next = incoming;
  if (existing?.last_message && (!incoming.last_message || incoming.last_message.id < existing.last_message.id)) {
    next = { ...incoming, last_message: existing.last_message };
  }
  return sortConversations([...list.filter((c) => c.id !== incoming.id), next]);
}

/**
 * Moves a conversation's preview to `message` if it is newer. Unread counts are left alone: they
 * come from the server (list, `conversation_updated`, mark-read) so they can never drift.
 */
export function applyMessageToConversations(list: readonly Conversation[], message: Message): Conversation[] {
  const existing = list.find((c) => c.id === message.conversation_id);
  if (!existing || (existing.last_message && existing.last_message.id >= message.id)) return list.slice();
  const updated: Conversation = { ...existing, last_message: toLastMessage(message) };
  return sortConversations([...list.filter((c) => c.id !== existing.id), updated]);
}

export function setUnread(list: readonly Conversation[], conversationId: number, unread: number): Conversation[] {
  return list.map((c) => (c.id === conversationId && c.unread_count !== unread ? { ...c, unread_count: unread } : c));
}

export function unreadTotal(list: readonly Conversation[]): number {
  return list.reduce((total, c) => total + Math.max(0, c.unread_count), 0);
}

/** Replaces the whole list with the server's, keeping any newer preview already merged locally. */
export function replaceConversations(current: readonly Conversation[], incoming: readonly Conversation[]): Conversation[] {
  return incoming.reduce<Conversation[]>((list, conversation) => {
    const existing = current.find((c) => c.id === conversation.id);
    const withPreview = existing ? upsertConversation([existing], conversation) : [conversation];
    return [...list, ...withPreview];
  }, []).sort((a, b) => activity(b) - activity(a) || b.id - a.id);
}
