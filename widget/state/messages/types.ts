import type { Message } from '../../../contract/index.js';

export type MessageStatus = 'pending' | 'sent' | 'failed';

/**
 * A message as the widget shows it. Optimistic ones have a negative `id` (and their `client_id`)
 * until the server stores them; render lists keyed by `client_id ?? id` so the bubble keeps its
 * DOM node when the stored copy replaces it.
 */
export interface ChatMessage extends Message {
  status: MessageStatus;
  /** Why sending failed, as a sentence for people. */
  error?: string;
  /** A failed message the outbox will send again by itself (the failure was the network or the server). */
  retrying?: boolean;
}

export interface ConversationView {
  /** Stored ones sorted by id, then the unsent ones in the order they were written. */
  messages: ChatMessage[];
  loading: boolean;
  /** Older history exists on the server. */
  hasMore: boolean;
  error: string | null;
  /** The latest page has been fetched at least once. */
  loaded: boolean;
}
