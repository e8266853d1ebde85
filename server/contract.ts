/**
 * The wire contract between the server and the widget.
 *
 * The server owns it; the widget imports it with `import type` only, so the two can never drift apart
 * (HotelMate's front end kept subscribing to channel names its back end had renamed). Channel names
 * travel in API responses and are never built by the widget.
 *
 * Field names follow HotelMate's rich message shape (docs/DESIGN.md "Wire contract").
 */

/** Every non-2xx response carries this body. */
export interface ErrorBody {
  error: {
    /** Stable, machine-readable: `bad_request`, `unauthorized`, `not_participant`, `wrong_hotel`, `not_found`… */
    code: string;
    /** A sentence a person can read. */
    message: string;
    /** Optional details, e.g. the failing fields of a validation error. */
    details?: unknown;
  };
}

export interface StaffMember {
  /** The portal's staff id (the token's `sub`). */
  id: string;
  full_name: string;
  avatar: string | null;
  department: string | null;
  role: string | null;
}

/** The caller, as returned by `GET /staff_chat/{hotel}/me`. */
export interface Me extends StaffMember {
  hotel: string;
  /** The caller's private personal channel: new conversations and unread counts arrive here. */
  personal_channel: string;
  /**
   * The hotel's presence channel (`presence-…`): its members are the staff online now, each with
   * `user_id` (the staff id) and `user_info` {@link PresenceUserInfo}, both set by the server from the
   * token. Conversation channels also carry the client event `client-typing` ({@link TypingSignal}).
   */
  presence_channel: string;
}

/** `user_info` of a presence channel member. */
export interface PresenceUserInfo {
  name: string;
  avatar: string | null;
  department: string | null;
}

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

export interface SenderInfo {
  id: string;
  full_name: string;
  avatar: string | null;
}

/** What a reply shows of the message it answers. */
export interface ReplyPreview {
  id: number;
  message: string;
  /** Who sent the original: the widget labels the viewer's own "You" by this id, never by a name two people may share. */
  sender_id: string;
  sender_name: string;
}

/**
 * A file sent with a message (`POST …/conversations/{id}/upload/`). `mime_type` is the type the server
 * found in the file's content, never the one the uploader claimed.
 */
export interface Attachment {
  id: number;
  file_name: string;
  file_type: 'image' | 'pdf' | 'document' | 'other';
  /** In bytes. */
  file_size: number;
  mime_type: string;
  /**
   * A signed, expiring URL (an absolute path on the API's origin) that needs no token, so an `<img>` or a
   * download link can use it; it opens this one file only. Fresh URLs come with every message read.
   */
  file_url: string;
  /** Images only: the same signed URL, for a thumbnail sized by CSS. */
  thumbnail_url?: string | null;
  /** ISO 8601, UTC. Always sent by the server; optional only so hand-built test doubles need not invent it. */
  uploaded_at?: string;
}

export interface Message {
  /** Integer ids increase in the order the database stored the rows; history pages by them. */
  id: number;
  conversation_id: number;
  /** The sender's idempotency key; a replay with the same key returns this message instead of a new one. */
  client_id: string | null;
  sender_id: string;
  sender_info: SenderInfo;
  message: string;
  /** ISO 8601, UTC. */
  timestamp: string;
  reply_to: number | null;
  reply_to_message: ReplyPreview | null;
  attachments: Attachment[];
  is_edited: boolean;
  is_deleted: boolean;
  /*
   * The three fields below are always present in what the server sends. They are optional only so that
   * copies the widget builds itself before the server answers (optimistic sends) need not invent them.
   */
  /** When the text was last edited (ISO 8601, UTC), or null. */
  edited_at?: string | null;
  /**
   * When the message was deleted, or null. A deleted message stays in the history as a placeholder:
   * `message` is "", `attachments` and `reactions` are empty, `is_deleted` is true. The old text is
   * erased from the database, so no response or event can ever show it again.
   */
  deleted_at?: string | null;
  /** One entry per emoji used, in the order of {@link REACTION_EMOJIS} (so chips never jump around). */
  reactions?: ReactionSummary[];
}

/**
 * The emoji a reaction may use: HotelMate's set. A staff member may react with several of them to the
 * same message, each at most once (HotelMate keeps one reaction per person and replaces it; the issue asks
 * for toggling each on and off with counts of who reacted, which this follows).
 */
export const REACTION_EMOJIS = ['👍', '❤️', '😊', '😂', '😮', '😢', '🎉', '🔥', '✅', '👏'] as const;

export type ReactionEmoji = (typeof REACTION_EMOJIS)[number];

/** Who reacted to a message with one emoji. */
export interface ReactionSummary {
  emoji: ReactionEmoji;
  /** Always `staff_ids.length`. */
  count: number;
  /** In the order they reacted. */
  staff_ids: string[];
}

/**
 * How far one participant has read a conversation: every message with an id up to
 * `last_read_message_id` counts as seen by them. "Seen by" for a message is the participants (other than
 * its sender) whose mark is at least its id. A sender's mark moves to each message they send, with no
 * `messages_read` event: listeners apply that from `message_created`.
 */
export interface ReadMark {
  staff_id: string;
  last_read_message_id: number;
}

export interface LastMessage {
  id: number;
  sender_id: string;
  sender_name: string;
  /** At most 100 characters. */
  message: string;
  timestamp: string;
  /** Present, true, when that message was deleted (its text is then empty). */
  is_deleted?: boolean;
  /** The file name of its first attachment, when it has any (and is not deleted). */
  attachment_name?: string;
}

export interface Conversation {
  id: number;
  hotel: string;
  title: string | null;
  is_group: boolean;
  participants: StaffMember[];
  last_message: LastMessage | null;
  unread_count: number;
  created_at: string;
  updated_at: string;
  /** The private channel this conversation's events arrive on. */
  channel: string;
}

export interface MessagePage {
  /** Oldest first. */
  messages: Message[];
  count: number;
  /** More messages exist beyond this page in the direction asked for. */
  has_more: boolean;
  /**
   * Every participant's read mark, for "seen by"; later changes arrive as `messages_read` events. Always
   * sent by the server; optional only so that hand-built pages (test doubles) need not invent it.
   */
  read_marks?: ReadMark[];
}

export interface StaffList {
  results: StaffMember[];
  count: number;
}

export interface ConversationList {
  results: Conversation[];
  count: number;
}

/** `POST /staff_chat/{hotel}/conversations/` */
export interface CreateConversationBody {
  participant_ids: string[];
  title?: string;
}

/** `POST /staff_chat/{hotel}/conversations/{id}/send-message/` */
export interface SendMessageBody {
  message: string;
  attachments?: number[];
  reply_to?: number | null;
  client_id?: string;
}

/** `PATCH /staff_chat/{hotel}/messages/{id}/edit/`: the author only; answers the edited {@link Message}. */
export interface EditMessageBody {
  message: string;
}

/**
 * `POST /staff_chat/{hotel}/messages/{id}/react/` adds the caller's reaction (201; 200 when it was
 * already there), `DELETE /staff_chat/{hotel}/messages/{id}/react/{emoji}/` removes it (200, also when it
 * was not there). Both are idempotent, so a retried request never undoes itself; a widget toggles by
 * choosing POST or DELETE from the summary it shows. Both answer a {@link ReactionChange}.
 */
export interface ReactBody {
  emoji: ReactionEmoji;
}

/** `POST /staff_chat/{hotel}/conversations/{id}/participants/`: groups only; answers the {@link Conversation}. */
export interface AddParticipantsBody {
  participant_ids: string[];
}

/** `POST /staff_chat/{hotel}/conversations/{id}/mark_as_read/` answers this. */
export interface MarkReadResult {
  last_read_id: number;
  unread_count: number;
}

/** Options handed to `new Pusher(key, options)`; the widget passes them through unchanged. */
export interface PusherClientOptions {
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  wssPort?: number;
  wsPath?: string;
  forceTLS: boolean;
  enabledTransports: Array<'ws' | 'wss'>;
  disableStats?: boolean;
}

/** `GET /staff_chat/config`: public, needs no token. */
export interface ChatConfig {
  pusher: {
    key: string;
    options: PusherClientOptions;
    /** Absolute path (under the API base) of the channel authorization endpoint. */
    auth_endpoint: string;
  };
  limits: {
    message_max_length: number;
    page_size_max: number;
    /*
     * The upload limits below are always sent by the server; optional only so hand-built test doubles
     * need not invent them.
     */
    /** Largest file one upload may carry, in bytes. */
    upload_max_bytes?: number;
    /** Most files in one upload. */
    upload_max_files?: number;
    /** The MIME types an upload may be (checked against the content), for a file input's `accept`. */
    upload_types?: string[];
  };
  /**
   * Whether the page that asked (its `Origin`) may call the API. This answer is readable from any
   * origin, so a portal missing from STAFF_CHAT_ALLOWED_ORIGINS learns why its calls fail, where the
   * browser would otherwise report only a network error. Optional only for hand-built test doubles.
   */
  origin_allowed?: boolean;
}

/** Event names on the wire, as HotelMate's NotificationManager names them. */
export const EVENTS = {
  messageCreated: 'realtime_staff_chat_message_created',
  conversationUpdated: 'realtime_staff_chat_conversation_updated',
  messageEdited: 'realtime_staff_chat_message_edited',
  messageDeleted: 'realtime_staff_chat_message_deleted',
  reactionChanged: 'realtime_staff_chat_reaction_changed',
  messagesRead: 'realtime_staff_chat_messages_read',
} as const;

export type EventName = (typeof EVENTS)[keyof typeof EVENTS];

/** The data of every event the server triggers. */
export interface Envelope<T = unknown, K extends string = string> {
  category: 'staff_chat';
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

export type AnyEnvelope =
  | MessageCreatedEnvelope
  | ConversationUpdatedEnvelope
  | MessageEditedEnvelope
  | MessageDeletedEnvelope
  | ReactionChangedEnvelope
  | MessagesReadEnvelope;

/** Claims of the portal-signed JWT (HS256). */
export interface StaffClaims {
  /** Staff id. */
  sub: string;
  /** Hotel slug. */
  hotel: string;
  name: string;
  avatar?: string;
  department?: string;
  role?: string;
  exp: number;
}
