/**
 * Which chat windows are open, kept across a reload and restored once the session knows who is signed in
 * and which conversations they are in. Part of the session core (entry bundle), so it stays this small.
 *
 * Kept in sessionStorage, not localStorage: open windows are the layout of one tab (two portal tabs may
 * show different chats), and sessionStorage ends with the tab, so on a shared front-desk machine they do
 * not outlive the browser session. The key names the hotel and the staff id as well, so whoever signs in
 * next in the same tab starts with their own windows (none), never the previous person's.
 */
import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { OutboxStorage } from '../outbox/outbox-storage.js';

/** The part of `sessionStorage` this needs (the outbox's storage shape). */
export type WindowStorage = OutboxStorage;

/** The tab's sessionStorage, or null where it is unavailable (sandboxed iframes, some private modes). */
export function tabStorage(): WindowStorage | null {
  try {
    // Typed as always there, but missing outside a browser (the session also runs in Node).
    return (globalThis as { sessionStorage?: Storage }).sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** Where one staff member's open windows are kept. */
export function openWindowsKey(hotel: string, staffId: string): string {
  return `staff-chat.windows.${hotel}.${staffId}`;
}

/** The conversation ids saved under `key`, oldest first; anything unreadable counts as none. */
export function savedWindows(storage: WindowStorage, key: string): number[] {
  try {
    const saved: unknown = JSON.parse(storage.getItem(key) ?? '[]');
    return Array.isArray(saved) ? saved.filter((id): id is number => Number.isSafeInteger(id) && id > 0) : [];
  } catch {
    return [];
  }
}

function save(storage: WindowStorage, key: string, ids: readonly number[]): void {
  try {
    if (ids.length === 0) storage.removeItem(key);
    else storage.setItem(key, JSON.stringify(ids));
  } catch {
    // A full or refused storage only costs the windows after a reload.
  }
}

export interface OpenWindowsSource {
  hotel: string;
  $status: ReadableAtom<'idle' | 'loading' | 'ready' | 'error'>;
  $me: ReadableAtom<{ id: string } | null>;
  $openConversationIds: WritableAtom<number[]>;
  /** Whether the signed-in person is (still) in this conversation. */
  isMember(conversationId: number): boolean;
  open(conversationId: number): Promise<void>;
}

/**
 * Saves the open windows whenever they change, and reopens the saved ones each time the session is
 * ready, leaving out conversations the person is no longer in (and forgetting those).
 *
 * @returns stops saving and restoring
 */
export function keepOpenWindows(storage: WindowStorage | null, source: OpenWindowsSource): () => void {
  if (!storage) return () => undefined;
  /** The key of whoever's windows were restored; nothing is saved before, so a start cannot wipe them. */
  let key: string | null = null;
  const unlistenStatus = source.$status.subscribe((status) => {
    const me = source.$me.get();
    if (status !== 'ready' || !me) return;
    key = openWindowsKey(source.hotel, me.id);
    const open = source.$openConversationIds.get();
    const restore = savedWindows(storage, key).filter((id) => source.isMember(id) && !open.includes(id));
    for (const id of restore) void source.open(id).catch(() => undefined);
    save(storage, key, source.$openConversationIds.get());
  });
  const unlistenIds = source.$openConversationIds.listen((ids) => {
    if (key !== null) save(storage, key, ids);
  });
  return () => {
    unlistenStatus();
    unlistenIds();
  };
}
