import type { SenderInfo } from '../../contract/index.js';

/**
 * The storage half of issue 10's conversation features: mentions, pins, forwards, each person's own
 * settings (mute, archive), leaving and deleting one attachment. Part of {@link Storage}; kept in its own
 * interface so the main one stays readable.
 */
export interface ConversationFeatureStorage {
  /**
   * Replace a message's mentions with `mentions` (in one transaction). Returns the ids mentioned now
   * that were not before, and whether anything changed. Nothing for a deleted message.
   */
  replaceMentions(hotel: string, messageId: number, mentions: readonly NewMention[]): Promise<{ added: string[]; changed: boolean }>;

  /**
   * Pin a message of `conversationId`, unless `maxPins` messages (not deleted) are pinned there already.
   * `pinned`: new; `already`: it was (nothing changed); `full`: refused; `gone`: no such message there, or
   * deleted. Serialised per conversation, so two racing pins cannot pass the limit together.
   */
  pinMessage(
    hotel: string,
    input: { conversationId: number; messageId: number; staffId: string; maxPins: number },
  ): Promise<{ outcome: 'pinned' | 'already' | 'full' | 'gone'; pin?: StoredPin }>;

  /** Unpin; false when it was not pinned. */
  unpinMessage(hotel: string, conversationId: number, messageId: number): Promise<boolean>;

  /** The pins of a conversation whose messages are not deleted, newest pin first. */
  listPins(hotel: string, conversationId: number): Promise<StoredPin[]>;

  /** Mute or unmute for one participant; false when nothing changed (or they are no participant). */
  setMuted(hotel: string, conversationId: number, staffId: string, muted: boolean): Promise<boolean>;

  /**
   * Archive (up to the newest message now) or unarchive for one participant; false when nothing changed.
   * A message newer than the archive mark brings the conversation back by itself: nothing is written on send.
   */
  setArchived(hotel: string, conversationId: number, staffId: string, archived: boolean): Promise<boolean>;

  /**
   * Take a participant out of a conversation (their read mark and settings go; their messages stay).
   * False when they were not in it. The last one out leaves a conversation nobody can open.
   */
  removeParticipant(hotel: string, conversationId: number, staffId: string): Promise<boolean>;

  /**
   * Delete one attachment row. Undefined when there is none in this hotel; otherwise whether another
   * row (a forwarded copy) still uses its file, so the caller removes the bytes only when none does.
   */
  deleteAttachment(hotel: string, attachmentId: number): Promise<{ fileStillUsed: boolean } | undefined>;
}

/** One person a new or edited message mentions; `department` when it came through `@Department`. */
export interface NewMention {
  staffId: string;
  department: string | null;
}

/** Where a new message was forwarded from (stored with it by `insertMessage`). */
export interface NewForward {
  messageId: number;
  conversationId: number;
  senderId: string;
}

export interface StoredPin {
  conversation_id: number;
  message_id: number;
  pinned_by: SenderInfo;
  pinned_at: string;
}
