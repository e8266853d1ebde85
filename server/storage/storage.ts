import type { Conversation, Message, StaffMember } from '../contract.js';

/**
 * Everything the routes need from the database. One implementation (Kysely) serves SQLite and
 * PostgreSQL alike; one contract test suite runs against both.
 *
 * Every method takes the hotel slug first: rows are scoped by hotel, and a query for another hotel's
 * id finds nothing, exactly as if the row did not exist.
 */
export interface Storage {
  /**
   * Create or update a staff member from the token's claims, creating the hotel on its first staff
   * member. Called on every authenticated request, so it must be cheap when nothing changed.
   */
  upsertStaff(hotel: string, staff: StaffMember): Promise<StaffMember>;

  getStaff(hotel: string, staffId: string): Promise<StaffMember | undefined>;

  /** The directory, ordered by name; `search` matches name, department or role, case-insensitively. */
  listStaff(hotel: string, options?: { search?: string; limit?: number }): Promise<StaffMember[]>;

  /** The conversations `staffId` takes part in, most recently active first, without `channel`. */
  listConversations(hotel: string, staffId: string): Promise<Omit<Conversation, 'channel'>[]>;

  /** One conversation as `viewerId` sees it (their unread count), or undefined if it is not in this hotel. */
  getConversation(hotel: string, conversationId: number, viewerId: string): Promise<Omit<Conversation, 'channel'> | undefined>;

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
   */
  insertMessage(
    hotel: string,
    input: { conversationId: number; senderId: string; clientId: string | null; message: string; replyTo: number | null },
  ): Promise<{ message: Message; created: boolean }>;

  /** Mark everything up to `upToId` (default: the newest) read for `staffId`; returns the new last-read id. */
  markRead(hotel: string, conversationId: number, staffId: string, upToId?: number): Promise<number>;

  close(): Promise<void>;
}
