import type { SenderInfo, StaffMember } from '../../../server/contract.js';
import type { OutboxStorage } from './outbox-storage.js';
import type { ChatMessage } from '../messages/types.js';

// Where the outbox is kept (and under which key) is outbox-storage.ts, part of the session core.

/** What is kept of an unsent message, enough to send it again after a reload with the same client_id. */
export interface OutboxEntry {
  conversation_id: number;
  client_id: string;
  message: string;
  reply_to: number | null;
  reply_to_message: ChatMessage['reply_to_message'];
  timestamp: string;
  /** Who it mentions (send-message's `mentions`, `mention_departments`), with the names to show them by; absent when nobody. */
  mentions?: string[];
  mention_departments?: string[];
  mentioned_staff?: SenderInfo[];
  /** Sent as an urgent message that every recipient must acknowledge. */
  requires_acknowledgement?: true;
  /** Why the server refused it; such a message waits for the person's "Retry" instead of being resent. */
  failed?: string;
}

/** The unsent messages of one staff member in one hotel, kept in storage under one key. */
export interface Outbox {
  /** Oldest first. */
  list(): OutboxEntry[];
  /** Adds the entry, or replaces the one with its client_id in place. */
  put(entry: OutboxEntry): void;
  remove(clientId: string): void;
}

/**
 * An outbox over `storage`. Every change reads the stored list again and writes it back, instead of
 * saving this page's view of it: a second tab of the same person keeps its own entries.
 */
export function createOutbox(storage: OutboxStorage | null, key: string): Outbox {
  function list(): OutboxEntry[] {
    if (!storage) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(storage.getItem(key) ?? '[]');
    } catch {
      return [];
    }
    // Anything unreadable is dropped rather than trusted.
    return Array.isArray(parsed) ? parsed.filter(isEntry) : [];
  }

  function write(entries: readonly OutboxEntry[]): void {
    if (!storage) return;
    try {
      if (entries.length === 0) storage.removeItem(key);
      else storage.setItem(key, JSON.stringify(entries));
    } catch {
      // A full or blocked storage only costs the reload guarantee; sending still works.
    }
  }

  return {
    list,
    put(entry) {
      const entries = list();
      const index = entries.findIndex((e) => e.client_id === entry.client_id);
      if (index === -1) entries.push(entry);
      else entries[index] = entry;
      write(entries);
    },
    remove(clientId) {
      const entries = list();
      const kept = entries.filter((e) => e.client_id !== clientId);
      if (kept.length !== entries.length) write(kept);
    },
  };
}

/** The outbox entry of an unsent message (`client_id` is always set on those). */
export function toOutboxEntry(message: ChatMessage): OutboxEntry {
  const entry: OutboxEntry = {
    conversation_id: message.conversation_id,
    client_id: message.client_id ?? '',
    message: message.message,
    reply_to: message.reply_to,
    reply_to_message: message.reply_to_message,
    timestamp: message.timestamp,
  };
  if (message.mentions?.length) entry.mentions = message.mentions;
  if (message.mentioned_departments?.length) entry.mention_departments = message.mentioned_departments;
  if (message.mentioned_staff?.length) entry.mentioned_staff = message.mentioned_staff;
  if (message.status === 'failed' && !message.retrying && message.error) entry.failed = message.error;
  if (message.requires_acknowledgement) entry.requires_acknowledgement = true;
  return entry;
}

/** A mentioned person as stored with an entry: an id and a name at least. */
function isNamedStaff(value: unknown): value is NonNullable<ChatMessage['mentioned_staff']>[number] {
  const staff = value as { id?: unknown; full_name?: unknown } | null;
  return typeof staff?.id === 'string' && typeof staff.full_name === 'string';
}

/** The message an entry left by an earlier page load shows as: pending, or failed with its reason. */
export function fromOutboxEntry(entry: OutboxEntry, me: StaffMember, id: number): ChatMessage {
  const preview = entry.reply_to_message;
  const validPreview =
    preview && typeof preview.id === 'number' && typeof preview.message === 'string' && typeof preview.sender_name === 'string';
  const message: ChatMessage = {
    id,
    conversation_id: entry.conversation_id,
    client_id: entry.client_id,
    sender_id: me.id,
    sender_info: { id: me.id, full_name: me.full_name, avatar: me.avatar },
    message: entry.message,
    timestamp: entry.timestamp,
    reply_to: entry.reply_to,
    // An entry written before previews carried `sender_id` has none: '' is no one, so its quote shows the name.
    reply_to_message: validPreview
      ? {
          id: preview.id,
          message: preview.message,
          sender_id: typeof preview.sender_id === 'string' ? preview.sender_id : '',
          sender_name: preview.sender_name,
        }
      : null,
    attachments: [],
    is_edited: false,
    is_deleted: false,
    status: entry.failed ? 'failed' : 'pending',
  };
  if (entry.failed) message.error = entry.failed;
  if (isStrings(entry.mentions)) message.mentions = entry.mentions;
  if (isStrings(entry.mention_departments)) message.mentioned_departments = entry.mention_departments;
  if (Array.isArray(entry.mentioned_staff)) {
    // Read back from storage, so anything may be in it, whatever the type says.
    const stored: unknown[] = entry.mentioned_staff;
    message.mentioned_staff = stored.filter(isNamedStaff);
  }
  if (entry.requires_acknowledgement === true) message.requires_acknowledgement = true;
  return message;
}

function isStrings(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return (
    typeof entry.conversation_id === 'number' &&
    typeof entry.client_id === 'string' &&
    entry.client_id !== '' &&
    typeof entry.message === 'string' &&
    typeof entry.timestamp === 'string' &&
    (entry.reply_to === null || typeof entry.reply_to === 'number') &&
    (entry.failed === undefined || typeof entry.failed === 'string') &&
    (entry.mentions === undefined || isStrings(entry.mentions)) &&
    (entry.mention_departments === undefined || isStrings(entry.mention_departments))
  );
}
