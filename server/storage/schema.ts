import type { Generated } from 'kysely';

/**
 * The tables as Kysely sees them. One shape serves SQLite and PostgreSQL, so the column types are the
 * ones both agree on: timestamps are ISO 8601 UTC text (written by the server, so both dialects hand
 * back identical strings and text order is time order) and flags are 0/1 integers (better-sqlite3
 * cannot bind booleans).
 */
export interface Database {
  hotels: HotelsTable;
  staff: StaffTable;
  conversations: ConversationsTable;
  conversation_participants: ConversationParticipantsTable;
  messages: MessagesTable;
  message_reactions: MessageReactionsTable;
  message_attachments: MessageAttachmentsTable;
  acknowledgement_requests: AcknowledgementRequestsTable;
  message_acknowledgements: MessageAcknowledgementsTable;
  handover_items: HandoverItemsTable;
  message_mentions: MessageMentionsTable;
  message_pins: MessagePinsTable;
  message_forwards: MessageForwardsTable;
}

/** 0 or 1. */
export type Flag = number;

export interface HotelsTable {
  slug: string;
  created_at: string;
}

export interface StaffTable {
  hotel: string;
  id: string;
  full_name: string;
  avatar: string | null;
  department: string | null;
  role: string | null;
  created_at: string;
  updated_at: string;
}

export interface ConversationsTable {
  id: Generated<number>;
  hotel: string;
  title: string | null;
  is_group: Flag;
  /** The sorted pair of a 1:1's participants; unique per hotel, so two racing creations make one row. */
  direct_key: string | null;
  /** Set on a department channel only: unique per hotel, so racing first sign-ins make one channel. */
  department: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface ConversationParticipantsTable {
  conversation_id: number;
  staff_id: string;
  hotel: string;
  last_read_message_id: Generated<number>;
  joined_at: string;
  is_muted: Generated<Flag>;
  /** The newest message id when they archived it; archived while no newer message exists. Null: not archived. */
  archived_after_id: number | null;
}

export interface MessagesTable {
  id: Generated<number>;
  hotel: string;
  conversation_id: number;
  sender_id: string;
  client_id: string | null;
  message: string;
  reply_to: number | null;
  is_edited: Generated<Flag>;
  is_deleted: Generated<Flag>;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
}

export interface MessageReactionsTable {
  hotel: string;
  conversation_id: number;
  message_id: number;
  staff_id: string;
  emoji: string;
  created_at: string;
}

export interface MessageAttachmentsTable {
  id: Generated<number>;
  hotel: string;
  conversation_id: number;
  message_id: number;
  file_name: string;
  file_type: string;
  mime_type: string;
  file_size: number;
  storage_key: string;
  created_at: string;
}

/** One row per urgent message (also when it has no recipient, so the flag survives). */
export interface AcknowledgementRequestsTable {
  hotel: string;
  conversation_id: number;
  message_id: number;
  created_at: string;
}

/** One row per recipient of an urgent message: every participant but the sender at send time. */
export interface MessageAcknowledgementsTable {
  hotel: string;
  conversation_id: number;
  message_id: number;
  staff_id: string;
  acknowledged_at: string | null;
}

/** The checklist of a handover message, one row per item in its order. */
export interface HandoverItemsTable {
  id: Generated<number>;
  hotel: string;
  conversation_id: number;
  message_id: number;
  position: number;
  text: string;
  checked_by: string | null;
  checked_at: string | null;
}

export interface MessageMentionsTable {
  hotel: string;
  conversation_id: number;
  message_id: number;
  staff_id: string;
  /** The mentioned department this person belongs to, when `@Department` was used; else null. */
  department: string | null;
}

export interface MessagePinsTable {
  hotel: string;
  conversation_id: number;
  message_id: number;
  pinned_by: string;
  pinned_at: string;
}

export interface MessageForwardsTable {
  hotel: string;
  /** The new message, in the target conversation. */
  message_id: number;
  source_message_id: number;
  source_conversation_id: number;
  source_sender_id: string;
}

export type Dialect = 'sqlite' | 'postgres';
