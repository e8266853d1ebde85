// Where unsent messages are kept. Part of the session core: at start it looks whether an earlier page
// load left messages to send, and loads the sending code (sending.ts and the rest, on first use) only if so.

/** The part of `localStorage` the outbox needs. */
export interface OutboxStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The page's localStorage, or null where it is unavailable (private mode, sandboxed iframes). */
export function browserStorage(): OutboxStorage | null {
  try {
    // Typed as always there, but missing outside a browser (the session also runs in Node).
    return (globalThis as { localStorage?: Storage }).localStorage ?? null;
  } catch {
    return null;
  }
}

/** Where a staff member's outbox lives; per hotel and staff, so two people on one browser never mix. */
export function outboxKey(hotel: string, staffId: string): string {
  return `staff-chat.outbox.${hotel}.${staffId}`;
}

/** A storage kept in memory, for pages without localStorage: unsent messages then last as long as the page. */
export function memoryStorage(): OutboxStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}
