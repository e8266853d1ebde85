import type { Message } from '../../../contract/index.js';
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

/** Removes the unsent copies that these stored messages replace, without adding the stored ones. */
export function dropUnsentCopies(current: readonly ChatMessage[], incoming: readonly Message[]): ChatMessage[] {
  return current.filter(
    (m) => isStored(m) || !incoming.some((s) => isStored(s) && s.client_id && s.client_id === m.client_id && s.sender_id === m.sender_id),
  );
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

// The conversation list's functions live in merge-list.ts, which the always-loaded session core needs
// without the message functions above.
export * from '../conversations/merge-list.js';
