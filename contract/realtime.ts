/**
 * What arrives over Pusher: the event names, the envelope every server event is wrapped in, and the
 * payloads that are not REST shapes. The widget's event bus checks envelopes against this; the
 * notifier builds them.
 */
import type { AcknowledgementChange, Conversation, HandoverItemChange, Message, Pin, Unpin } from './wire.js';
import type { ReactionEmoji, ReactionSummary } from './reactions.js';

/**
 * Data of `client-typing`, sent by a participant's widget on the conversation's private channel (at
 * most every few seconds while typing; `typing: false` when the draft is cleared). Client events are
 * relayed unchecked: a receiver trusts `staff_id` only as far as it names a participant, and shows the
 * name it already knows for that participant.
 */
export interface TypingSignal {
  staff_id: string;
  name: string;
  typing: boolean;
}

/** Event names on the wire, as HotelMate's NotificationManager names them. */
export const EVENTS = {
  messageCreated: 'realtime_staff_chat_message_created',
  conversationUpdated: 'realtime_staff_chat_conversation_updated',
  messageEdited: 'realtime_staff_chat_message_edited',
  messageDeleted: 'realtime_staff_chat_message_deleted',
  reactionChanged: 'realtime_staff_chat_reaction_changed',
  messagesRead: 'realtime_staff_chat_messages_read',
  messageAcknowledged: 'realtime_staff_chat_message_acknowledged',
  handoverItemChanged: 'realtime_staff_chat_handover_item_changed',
  staffMentioned: 'realtime_staff_chat_staff_mentioned',
  messagePinned: 'realtime_staff_chat_message_pinned',
  messageUnpinned: 'realtime_staff_chat_message_unpinned',
  participantLeft: 'realtime_staff_chat_participant_left',
  attachmentDeleted: 'realtime_staff_chat_attachment_deleted',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** Every server event's `category`: what tells a staff-chat envelope from anything else on a channel. */
export const ENVELOPE_CATEGORY = 'staff_chat';

/** The data of every event the server triggers. */
export interface Envelope<T = unknown, K extends string = string> {
  category: typeof ENVELOPE_CATEGORY;
  type: K;
  payload: T;
  meta: {
    hotel_slug: string;
    /** Unique per event; the widget drops an id it has already seen. */
    event_id: string;
    /** ISO 8601, UTC. */
    ts: string;
    /**
     * Set when the payload was cut to fit Pusher's 10 KB event limit (a very long message text, a very
     * large group's participant list): treat the payload as a hint and fetch the whole thing over REST.
     */
    truncated?: true;
  };
}

/** `message_created` on the conversation channel: the stored message. */
export type MessageCreatedEnvelope = Envelope<Message, 'message_created'>;

/**
 * `conversation_updated` on each other participant's personal channel: the conversation as that
 * participant sees it (their own `unread_count`), so a list and a launcher badge update without a fetch.
 */
export type ConversationUpdatedEnvelope = Envelope<Conversation, 'conversation_updated'>;

/**
 * `message_edited` on the conversation channel: the whole message after the edit (`is_edited`,
 * `edited_at`). HotelMate sends a subset; the whole message lets a listener replace it by `id`.
 */
export type MessageEditedEnvelope = Envelope<Message, 'message_edited'>;

/**
 * `message_deleted` on the conversation channel: the placeholder (`is_deleted`, `deleted_at`, `message`
 * "", no attachments or reactions); HotelMate's `message_id` is its `id`. Each participant's personal
 * channel also gets `conversation_updated`, as a deleted message is no longer unread or a list preview.
 */
export type MessageDeletedEnvelope = Envelope<Message, 'message_deleted'>;

/** The answer of both react routes and the payload of `reaction_changed`. */
export interface ReactionChange {
  conversation_id: number;
  message_id: number;
  /** The message's reactions after the change: replace the old list with it. */
  reactions: ReactionSummary[];
  /**
   * Who asked for what. A repeated request answers the same way with nothing changed; events are sent
   * only for real changes.
   */
  staff_id: string;
  emoji: ReactionEmoji;
  action: 'added' | 'removed';
}

/**
 * `reaction_changed` on the conversation channel (HotelMate has no reaction event). If `meta.truncated`
 * is set, `staff_ids` lists were cut to fit Pusher's event limit (counts stay exact).
 */
export type ReactionChangedEnvelope = Envelope<ReactionChange, 'reaction_changed'>;

/** Payload of `messages_read`. */
export interface MessagesRead {
  conversation_id: number;
  read_by_staff_id: string;
  /** The reader's new {@link ReadMark}. */
  last_read_message_id: number;
  /** ISO 8601, UTC. */
  read_at: string;
}

/**
 * `messages_read` on the conversation channel, sent when a participant's read mark moves forward. The
 * reader's own personal channel also gets `conversation_updated` with their new unread count, so their
 * other tabs and devices clear their badges.
 */
export type MessagesReadEnvelope = Envelope<MessagesRead, 'messages_read'>;

/**
 * `message_acknowledged` on the conversation channel (the sender's and everyone's "acknowledged by"), and
 * on the acknowledger's personal channel, so their other tabs drop it from their pending banner.
 */
export type MessageAcknowledgedEnvelope = Envelope<AcknowledgementChange, 'message_acknowledged'>;

/** `handover_item_changed` on the conversation channel: an item was ticked or unticked. */
export type HandoverItemChangedEnvelope = Envelope<HandoverItemChange, 'handover_item_changed'>;

/** Payload of `staff_mentioned` (HotelMate's fields; `message` is a preview of at most 100 characters). */
export interface StaffMentioned {
  conversation_id: number;
  message_id: number;
  mentioned_staff_id: string;
  mentioned_staff_name: string;
  mentioned_staff_avatar: string | null;
  /** Set when the mention came through `@Department`. */
  department: string | null;
  sender_id: string;
  sender_name: string;
  sender_avatar: string | null;
  message: string;
  timestamp: string;
}

/**
 * `staff_mentioned` on the mentioned person's personal channel (never the sender's own), once per
 * message and person: on send, and on an edit that newly mentions them. Sent whether or not they muted
 * the conversation.
 */
export type StaffMentionedEnvelope = Envelope<StaffMentioned, 'staff_mentioned'>;

/** `message_pinned` on the conversation channel: the new {@link Pin}; `meta.truncated` when its message text was cut. */
export type MessagePinnedEnvelope = Envelope<Pin, 'message_pinned'>;

/** `message_unpinned` on the conversation channel. A deleted message leaves the pins with `message_deleted` alone. */
export type MessageUnpinnedEnvelope = Envelope<Unpin, 'message_unpinned'>;

/** Payload of `participant_left`. */
export interface ParticipantLeft {
  conversation_id: number;
  staff_id: string;
  staff_name: string;
  /** Who removed them; null when they left themself. */
  removed_by: string | null;
  /** ISO 8601, UTC. */
  left_at: string;
}

/**
 * `participant_left` on the conversation channel and on the leaver's personal channel (their other tabs
 * drop the conversation; a removed person learns it). Each remaining participant also gets
 * `conversation_updated` with the new participant list.
 */
export type ParticipantLeftEnvelope = Envelope<ParticipantLeft, 'participant_left'>;

/** Payload of `attachment_deleted` (HotelMate's fields). */
export interface AttachmentDeletedEvent {
  conversation_id: number;
  message_id: number;
  attachment_id: number;
  deleted_by_staff_id: string;
  deleted_by_staff_name: string;
  deleted_at: string;
}

/** `attachment_deleted` on the conversation channel: drop the attachment from the message. */
export type AttachmentDeletedEnvelope = Envelope<AttachmentDeletedEvent, 'attachment_deleted'>;

export type AnyEnvelope =
  | MessageAcknowledgedEnvelope
  | HandoverItemChangedEnvelope
  | MessageCreatedEnvelope
  | ConversationUpdatedEnvelope
  | MessageEditedEnvelope
  | MessageDeletedEnvelope
  | ReactionChangedEnvelope
  | MessagesReadEnvelope
  | StaffMentionedEnvelope
  | MessagePinnedEnvelope
  | MessageUnpinnedEnvelope
  | ParticipantLeftEnvelope
  | AttachmentDeletedEnvelope;
