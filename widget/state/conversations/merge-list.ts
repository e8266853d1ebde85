import { PREVIEW_LENGTH, type Conversation, type LastMessage, type Message } from '../../../contract/index.js';

// Pure functions behind the conversation list and its unread counts (the message lists' are in messages/merge.ts).

/** What the conversation list shows of a message (at most 100 characters, as the server sends it). */
export function toLastMessage(message: Message): LastMessage {
  const last: LastMessage = {
    id: message.id,
    sender_id: message.sender_id,
    sender_name: message.sender_info.full_name,
    message: message.message.slice(0, PREVIEW_LENGTH),
    timestamp: message.timestamp,
  };
  const file = message.attachments[0]?.file_name;
  if (message.is_deleted) last.is_deleted = true;
  else if (file) last.attachment_name = file;
  return last;
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
 * Moves a conversation's preview to `message` if it is newer, or rewrites it in place when `message` is
 * the preview's own message, edited or deleted. Unread counts are left alone: they come from the server
 * (list, `conversation_updated`, mark-read) so they can never drift.
 */
export function applyMessageToConversations(list: readonly Conversation[], message: Message): Conversation[] {
  const existing = list.find((c) => c.id === message.conversation_id);
  const last = existing?.last_message;
  if (!existing || (last && last.id > message.id)) return list.slice();
  if (last?.id === message.id) {
    if (last.message === message.message.slice(0, PREVIEW_LENGTH) && Boolean(last.is_deleted) === message.is_deleted) return list.slice();
    return list.map((c) => (c === existing ? { ...c, last_message: toLastMessage(message) } : c));
  }
  const updated: Conversation = { ...existing, last_message: toLastMessage(message) };
  return sortConversations([...list.filter((c) => c.id !== existing.id), updated]);
}

export function setUnread(list: readonly Conversation[], conversationId: number, unread: number): Conversation[] {
  return list.map((c) => (c.id === conversationId && c.unread_count !== unread ? { ...c, unread_count: unread } : c));
}

/** The launcher's badge: a muted conversation counts for nothing (the server's `total_unread` agrees). */
export function unreadTotal(list: readonly Conversation[]): number {
  return list.reduce((total, c) => total + (c.is_muted ? 0 : Math.max(0, c.unread_count)), 0);
}

/** Replaces the whole list with the server's, keeping any newer preview already merged locally. */
export function replaceConversations(current: readonly Conversation[], incoming: readonly Conversation[]): Conversation[] {
  return incoming
    .reduce<Conversation[]>((list, conversation) => {
      const existing = current.find((c) => c.id === conversation.id);
      const withPreview = existing ? upsertConversation([existing], conversation) : [conversation];
      return [...list, ...withPreview];
    }, [])
    .sort((a, b) => activity(b) - activity(a) || b.id - a.id);
}
