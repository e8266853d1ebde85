import type { ChatMessage } from './types.js';

/** The part of `localStorage` the outbox needs. */
export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What is kept of an unsent message, enough to send it again after a reload with the same client_id. */
export interface OutboxEntry {
  conversation_id: number;
  client_id: string;
  message: string;
  reply_to: number | null;
  reply_to_message: ChatMessage['reply_to_message'];
  timestamp: string;
}

/** The page's localStorage, or null where it is unavailable (private mode, sandboxed iframes). */
export function browserStorage(): OutboxStorage | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

/** Reads the saved unsent messages; anything unreadable is ignored rather than trusted. */
export function loadOutbox(storage: OutboxStorage | null, key: string): OutboxEntry[] {
  if (!storage) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(storage.getItem(key) ?? '[]');
  } catch {
    return [];
  }
  return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
}

/** Saves every unsent message (pending or failed); removes the key when there are none. */
export function saveOutbox(storage: OutboxStorage | null, key: string, unsent: readonly ChatMessage[]): void {
  if (!storage) return;
  try {
    if (unsent.length === 0) {
      storage.removeItem(key);
      return;
    }
    const entries: OutboxEntry[] = unsent.flatMap((m) =>
      m.client_id
        ? [{
            conversation_id: m.conversation_id,
            client_id: m.client_id,
            message: m.message,
            reply_to: m.reply_to,
            reply_to_message: m.reply_to_message,
            timestamp: m.timestamp,
          }]
        : [],
    );
    storage.setItem(key, JSON.stringify(entries));
  } catch {
    // A full or blocked storage only costs the reload guarantee; sending still works.
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.conversation_id === 'number' &&
    typeof entry.client_id === 'string' &&
    typeof entry.message === 'string' &&
    typeof entry.timestamp === 'string' &&
    (entry.reply_to === null || typeof entry.reply_to === 'number')
  );
}
