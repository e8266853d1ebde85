import type {
  Attachment,
  Conversation,
  HandoverItem,
  Message,
  ReactionEmoji,
  ReactionSummary,
  ReadMark,
  SearchResult,
  StaffMember,
} from '../../contract/index.js';
import type { ConversationFeatureStorage, NewForward, NewMention } from './conversation-features.js';
import type { SearchQuery } from './search-text.js';

/**
 * Everything the routes need from the database. One implementation (Kysely) serves SQLite and
 * PostgreSQL alike; one contract test suite runs against both.
 *
 * Every method takes the hotel slug first: rows are scoped by hotel, and a query for another hotel's
 * id finds nothing, exactly as if the row did not exist.
 */
export interface Storage extends ConversationFeatureStorage {
  /**
   * Create or update a staff member from the token's claims, creating the hotel on its first staff
   * member. Called on every authenticated request, so it must be cheap when nothing changed.
   */
  upsertStaff(hotel: string, staff: StaffMember): Promise<StaffMember>;

  getStaff(hotel: string, staffId: string): Promise<StaffMember | undefined>;

  /** The directory, ordered by name; `search` matches name, department or role, case-insensitively. */
  listStaff(hotel: string, options?: { search?: string; limit?: number }): Promise<StaffMember[]>;

  /** The slug of every hotel in the database (the demo start refuses a database that holds a real one). */
  listHotels(): Promise<string[]>;

  /**
   * The conversations `staffId` takes part in, most recently active first, without `channel`. Those they
   * archived are left out, or with `archived: true` are the only ones listed.
   */
  listConversations(hotel: string, staffId: string, options?: { archived?: boolean }): Promise<Omit<Conversation, 'channel'>[]>;

  /** One conversation as `viewerId` sees it (their unread count), or undefined if it is not in this hotel. */
  getConversation(hotel: string, conversationId: number, viewerId: string): Promise<Omit<Conversation, 'channel'> | undefined>;

  /**
   * The conversation as each of its participants sees it (their own unread count), keyed by staff id in
   * participant order; undefined if it is not in this hotel. What {@link getConversation} gives for each
   * participant, in a fixed number of queries.
   */
  getConversationViews(hotel: string, conversationId: number): Promise<Map<string, Omit<Conversation, 'channel'>> | undefined>;

  /** Participant ids of a conversation of this hotel, or undefined when there is no such conversation. */
  getParticipantIds(hotel: string, conversationId: number): Promise<string[] | undefined>;

  /**
   * Create a conversation, or return the existing one when a 1:1 between the same two people exists.
   * All participant ids must be staff of the hotel (the caller checks). `created` tells which.
   */
  createConversation(
    hotel: string,
    input: { createdBy: string; participantIds: string[]; title: string | null },
  ): Promise<{ conversationId: number; created: boolean }>;

  /**
   * A page of messages, oldest first. With `afterId`: the oldest `limit` messages after it (catch-up);
   * with `beforeId`, or neither: the newest `limit` messages before it (history). `hasMore` says more
   * exist beyond the page in the direction asked for.
   */
  listMessages(
    hotel: string,
    conversationId: number,
    options: { limit: number; beforeId?: number; afterId?: number },
  ): Promise<{ messages: Message[]; hasMore: boolean }>;

  getMessage(hotel: string, messageId: number): Promise<Message | undefined>;

  /**
   * Store a message and bump the conversation's `updated_at`. When `clientId` is given and the same
   * sender already stored a message with it, nothing is written and that message comes back with
   * `created: false`; this holds under concurrency (a unique index on `(sender_id, client_id)`).
   * `replyTo` must be a message of the same conversation (the caller checks).
   * Sending also marks the conversation read up to the new message for the sender.
   * `attachments` (files already staged in the file store) are stored in the same transaction.
   */
  insertMessage(
    hotel: string,
    input: {
      conversationId: number;
      senderId: string;
      clientId: string | null;
      message: string;
      replyTo: number | null;
      attachments?: readonly NewAttachment[];
      /** Urgent: every participant but the sender, at this moment, owes an acknowledgement. */
      requiresAcknowledgement?: boolean;
      /** A handover note with this checklist (the caller checks the conversation is a department channel). */
      handoverItems?: readonly string[];
      /** Who it mentions (participants; the caller checks), stored in the same transaction. */
      mentions?: readonly NewMention[];
      forwardedFrom?: NewForward;
    },
  ): Promise<{ message: Message; created: boolean }>;

  /**
   * Several messages (each as {@link insertMessage} would store it, without client ids) in one
   * transaction: all of them or, on any failure, none. What a forward to several conversations uses.
   * Returned in the order given.
   */
  insertMessages(hotel: string, inputs: readonly (Parameters<Storage['insertMessage']>[1] & { clientId: null })[]): Promise<Message[]>;

  /** One attachment with what serving its file needs, or undefined when it is not in this hotel. */
  getAttachment(hotel: string, attachmentId: number): Promise<StoredAttachment | undefined>;

  /** Mark everything up to `upToId` (default: the newest) read for `staffId`; returns the new last-read id. */
  markRead(hotel: string, conversationId: number, staffId: string, upToId?: number): Promise<number>;

  /** Every participant's read mark, in participant order; empty when there is no such conversation. */
  getReadMarks(hotel: string, conversationId: number): Promise<ReadMark[]>;

  /**
   * Replace a message's text and stamp `is_edited`/`edited_at`. A deleted message, or the same text,
   * changes nothing (`changed: false`). The caller checks that the editor is the author. Undefined when
   * the message is not in this hotel.
   */
  editMessage(hotel: string, messageId: number, text: string): Promise<{ message: Message; changed: boolean } | undefined>;

  /**
   * Soft-delete: erase the text, drop its reactions, stamp `is_deleted`/`deleted_at`. The row stays so
   * the history shows a placeholder and replies keep their target. Deleting again changes nothing.
   */
  deleteMessage(hotel: string, messageId: number): Promise<{ message: Message; changed: boolean } | undefined>;

  /**
   * Add one person's emoji to a message of `conversationId`; `changed: false` when it was already there
   * or the message is deleted. Returns the message's reactions afterwards.
   */
  addReaction(hotel: string, input: ReactionInput): Promise<{ reactions: ReactionSummary[]; changed: boolean }>;

  /** Remove one person's emoji from a message; `changed: false` when it was not there. */
  removeReaction(hotel: string, input: ReactionInput): Promise<{ reactions: ReactionSummary[]; changed: boolean }>;

  /**
   * Add staff (all staff of the hotel; the caller checks) to a conversation, which becomes a group. They
   * join with everything so far marked read, and see the history. Returns the ids that were not
   * participants yet; when there are any, the conversation's `updated_at` moves.
   */
  addParticipants(hotel: string, conversationId: number, staffIds: string[]): Promise<string[]>;

  /**
   * Messages of the conversations `staffId` takes part in now (decided at query time, so someone
   * removed finds nothing more there) that hold every word of `query`; deleted messages never. Best
   * first within bands of recent matches: each band is the newest candidates below its bound, ranked
   * by `matchText` (search-text.ts)'s score, then newer first. `next` continues after the last result, or is null
   * when nothing more matches. A page may hold fewer than `limit` results when a few bands had none.
   */
  searchMessages(
    hotel: string,
    staffId: string,
    options: { query: SearchQuery; limit: number; conversationId?: number; cursor?: SearchCursor },
  ): Promise<{ results: SearchResult[]; next: SearchCursor | null }>;

  /**
   * Stamp `staffId`'s acknowledgement of an urgent message; a repeat keeps the first time
   * (`changed: false`). Undefined when they are not one of its recipients (the caller checks that the
   * message exists, is urgent and is not deleted).
   */
  acknowledgeMessage(hotel: string, messageId: number, staffId: string): Promise<{ acknowledgedAt: string; changed: boolean } | undefined>;

  /** Ids of the urgent messages `staffId` still owes, oldest first: not deleted, in conversations they are still in. */
  pendingAcknowledgementIds(hotel: string, staffId: string, limit: number): Promise<number[]>;

  /**
   * Put `staffId` in their department's channel (made on first need, one per hotel and department, also
   * under racing first sign-ins) and take them out of any other department's; `null` leaves all.
   * They join with the whole history visible and nothing unread. Returns what changed.
   */
  syncDepartment(hotel: string, staffId: string, department: string | null): Promise<{ joined: number | null; left: number[] }>;

  /**
   * Tick or untick one item of a handover message; a repeat changes nothing and keeps who ticked it.
   * Undefined when the message has no such item in this hotel.
   */
  setHandoverItem(
    hotel: string,
    input: { messageId: number; itemId: number; staffId: string; checked: boolean },
  ): Promise<{ item: HandoverItem; changed: boolean } | undefined>;

  /** The id of a conversation's newest handover message that is not deleted. */
  currentHandoverId(hotel: string, conversationId: number): Promise<number | undefined>;

  /** Ids of a conversation's handover messages that are not deleted, newest first, before `beforeId`. */
  handoverIds(
    hotel: string,
    conversationId: number,
    options: { limit: number; beforeId?: number },
  ): Promise<{ ids: number[]; hasMore: boolean }>;

  close(): Promise<void>;
}

/**
 * Where a search continues: the band of candidates with ids below `before`, and within it after the
 * result with `score` and `id` (or from its start when `after` is absent).
 */
export interface SearchCursor {
  before: number;
  after?: { score: number; id: number };
}

export interface ReactionInput {
  conversationId: number;
  messageId: number;
  staffId: string;
  emoji: ReactionEmoji;
}

/** An attachment row to store with a new message; the bytes are already in the file store under `storageKey`. */
export interface NewAttachment {
  fileName: string;
  fileType: Attachment['file_type'];
  mimeType: string;
  fileSize: number;
  storageKey: string;
}

/** An attachment with its place in the file store; `storage_key` never leaves the server. */
export interface StoredAttachment extends Attachment {
  message_id: number;
  conversation_id: number;
  storage_key: string;
  message_deleted: boolean;
}
