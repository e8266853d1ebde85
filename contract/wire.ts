/**
 * The JSON the REST API sends and accepts, and the claims of the portal's token.
 *
 * Field names follow HotelMate's rich message shape (docs/DESIGN.md "Wire contract"). Channel names
 * travel in these responses and are never built by the widget.
 */
import type { ReactionEmoji, ReactionSummary } from './reactions.js';

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
  /*
   * The four fields below are always sent by the server (docs: README "API"); optional only so that
   * copies the widget builds itself need not invent them.
   */
  /** `handover` for a shift's handover note with a checklist (department channels only), else `text`. */
  kind?: MessageKind;
  /** The sender asked every recipient to acknowledge it (an urgent message). */
  requires_acknowledgement?: boolean;
  /**
   * Who acknowledged, for everyone in the conversation; null unless `requires_acknowledgement` (and
   * null once the message is deleted: nothing is owed any more). A viewer still owes an
   * acknowledgement exactly when their id is in `pending`.
   */
  acknowledgements?: AcknowledgementSummary | null;
  /** The checklist of a `handover` message; null for `text`. */
  handover?: HandoverNote | null;
  /*
   * The four fields below (mentions, forwarding) are always present in what the server sends; optional
   * only so optimistic copies and test doubles need not invent them. A deleted message has none.
   */
  /** Ids of the staff the message mentions (HotelMate's `mentions`), in the order of `mentioned_staff`. */
  mentions?: string[];
  /** Who the message mentions (HotelMate's `mentioned_staff`), directly or through a department. */
  mentioned_staff?: SenderInfo[];
  /** The departments mentioned as `@Department` (their participants are in `mentions`). */
  mentioned_departments?: string[];
  /** Set when the message was forwarded from another conversation ({@link ForwardedFrom}). */
  forwarded_from?: ForwardedFrom | null;
}

/** Where a forwarded message came from: the original, as it was when forwarded. */
export interface ForwardedFrom {
  message_id: number;
  conversation_id: number;
  sender_id: string;
  sender_name: string;
}

export type MessageKind = 'text' | 'handover';

/**
 * The acknowledgement state of an urgent message. The recipients are fixed when it is sent: every
 * participant but the sender at that moment (someone who joins later owes nothing).
 */
export interface AcknowledgementSummary {
  /** How many recipients there are: `acknowledged.length + pending.length`. */
  total: number;
  /** In the order they acknowledged. */
  acknowledged: Acknowledgement[];
  /** Staff ids of the recipients who have not acknowledged yet, in id order. */
  pending: string[];
}

export interface Acknowledgement {
  /** Staff id. */
  id: string;
  full_name: string;
  /** ISO 8601, UTC. */
  at: string;
}

/** The checklist of a handover message. */
export interface HandoverNote {
  items: HandoverItem[];
}

export interface HandoverItem {
  /** Unique across the hotel; what the tick route names. */
  id: number;
  text: string;
  checked: boolean;
  /** Who ticked it last, and when (ISO 8601, UTC); both null while unticked. */
  checked_by: SenderInfo | null;
  checked_at: string | null;
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

/**
 * `direct` (two people), `group` (people added by hand), `department` (everyone whose token names that
 * department, kept in step at sign-in; nobody is added or removed by hand).
 */
export type ConversationKind = 'direct' | 'group' | 'department';

export interface Conversation {
  id: number;
  hotel: string;
  title: string | null;
  is_group: boolean;
  /** Always sent by the server; optional only so hand-built test doubles need not invent it. */
  kind?: ConversationKind;
  /** The department a `department` channel is for (also its title); null for the other kinds. */
  department?: string | null;
  participants: StaffMember[];
  last_message: LastMessage | null;
  unread_count: number;
  created_at: string;
  updated_at: string;
  /** The private channel this conversation's events arrive on. */
  channel: string;
  /*
   * The three fields below are the viewer's own settings and counts; always sent by the server, optional
   * only so hand-built test doubles need not invent them.
   */
  /** Unread messages that mention the viewer (directly or through their department): a count apart from `unread_count`, cleared by `mark_as_read`. */
  mention_count?: number;
  /** The viewer muted it (`conversations/{id}/mute/`): events still arrive; the widget stays quiet about them, mentions excepted. */
  is_muted?: boolean;
  /** The viewer archived it (`conversations/{id}/archive/`) and nothing new arrived since; listed only with `?archived=1`. */
  is_archived?: boolean;
  /** Who started it: in a group, they (and STAFF_CHAT_ADMIN_ROLES) may remove people. Always sent by the server. */
  created_by?: string;
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
export interface SendMessageBody extends MentionFields {
  message: string;
  attachments?: number[];
  reply_to?: number | null;
  client_id?: string;
  /** Ask every other participant to acknowledge it (an urgent message). */
  requires_acknowledgement?: boolean;
  /**
   * Makes it a `handover` message with this checklist (1 to {@link HANDOVER_MAX_ITEMS} items of at most
   * {@link HANDOVER_ITEM_MAX_LENGTH} characters); department channels only.
   */
  handover_items?: string[];
}

/**
 * `POST /staff_chat/{hotel}/messages/{id}/acknowledge/` answers this (201 the first time, 200 when it
 * was already acknowledged: idempotent); it is also the payload of `message_acknowledged`.
 */
export interface AcknowledgementChange {
  conversation_id: number;
  message_id: number;
  /** Who acknowledged, and when (the first time, on a repeat too). */
  acknowledgement: Acknowledgement;
  /** The message's state afterwards: replace the old one with it. */
  acknowledgements: AcknowledgementSummary;
}

/** `GET /staff_chat/{hotel}/acknowledgements/pending/`: the caller's unacknowledged urgent messages. */
export interface PendingAcknowledgements {
  /** Oldest first, across every conversation the caller is in; at most 100. */
  results: Message[];
  count: number;
}

/** `PATCH /staff_chat/{hotel}/messages/{id}/handover/items/{item_id}/`: tick (true) or untick (false). */
export interface HandoverTickBody {
  checked: boolean;
}

/** The answer of the tick route and the payload of `handover_item_changed`. */
export interface HandoverItemChange {
  conversation_id: number;
  message_id: number;
  item: HandoverItem;
}

/** `GET /staff_chat/{hotel}/conversations/{id}/handover/`: the note pinned at the top, until the next one. */
export interface CurrentHandover {
  /** The channel's latest `handover` message that is not deleted, or null. */
  handover: Message | null;
}

/** `GET /staff_chat/{hotel}/conversations/{id}/handovers/?before_id=&limit=`: past notes, newest first. */
export interface HandoverHistory {
  results: Message[];
  count: number;
  has_more: boolean;
}

/**
 * Who a message mentions, on send and edit. `mentions`: staff ids, each a participant of the
 * conversation (else 400 `invalid_mention`); `mention_departments`: groups only, each the department of
 * at least one participant (matched case-insensitively), standing for all its participants. Repeats
 * collapse; at most {@link MAX_MENTIONS} ids and {@link MAX_MENTION_DEPARTMENTS} departments.
 */
export interface MentionFields {
  mentions?: string[];
  mention_departments?: string[];
}

/**
 * `PATCH /staff_chat/{hotel}/messages/{id}/edit/`: the author only; answers the edited {@link Message}.
 * With `mentions` or `mention_departments` the message's mentions are replaced by the new set (an empty
 * list removes them); without both they stay. Only people newly mentioned get `staff_mentioned`.
 */
export interface EditMessageBody extends MentionFields {
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

/**
 * A pinned message. `POST /staff_chat/{hotel}/messages/{id}/pin/` pins (201; 200 when it already was),
 * `DELETE …/messages/{id}/pin/` unpins (200, also when it was not); any participant may do either.
 * `GET …/conversations/{id}/pins/` lists them as a {@link PinList}. A deleted message drops from the pins.
 */
export interface Pin {
  conversation_id: number;
  message_id: number;
  pinned_by: SenderInfo;
  /** ISO 8601, UTC. */
  pinned_at: string;
  message: Message;
}

/** At most this many messages are pinned in one conversation; one more is 409 `too_many_pins`. */
export const MAX_PINS = 20;

/** `GET …/conversations/{id}/pins/`: newest pin first. */
export interface PinList {
  pins: Pin[];
  count: number;
}

/** Payload of `message_unpinned`. */
export interface Unpin {
  conversation_id: number;
  message_id: number;
  unpinned_by: string;
  /** ISO 8601, UTC. */
  unpinned_at: string;
}

/**
 * `POST /staff_chat/{hotel}/messages/{id}/forward/` (HotelMate's name): the caller, a participant of the
 * message's conversation and of every target, posts a copy of it (text and attachments, the files
 * shared by reference, no mentions or reply) into each target, marked `forwarded_from`.
 */
export interface ForwardBody {
  conversation_ids: number[];
}

/** Most targets of one forward. */
export const MAX_FORWARD_TARGETS = 10;

/** The answer of `forward/`: the new message in each target, in the order asked. */
export interface ForwardResult {
  success: true;
  total_forwarded: number;
  results: { conversation_id: number; message: Message }[];
}

/** `GET /staff_chat/{hotel}/conversations/unread-count/` (HotelMate's shape, plus mentions and mutes). */
export interface UnreadCount {
  /** Unread messages of every conversation that is not muted: the launcher's badge. */
  total_unread: number;
  /** Unread mentions, muted conversations included (a mention gets through a mute). */
  total_mentions: number;
  /** Conversations with anything unread, muted ones included. */
  conversations_with_unread: number;
  breakdown: {
    conversation_id: number;
    unread_count: number;
    mention_count: number;
    title: string | null;
    is_group: boolean;
    is_muted: boolean;
  }[];
}

/** `DELETE /staff_chat/{hotel}/attachments/{id}/delete/` (HotelMate's name): the uploader only. */
export interface AttachmentDeleted {
  success: true;
  attachment_id: number;
  message_id: number;
}

/** Options handed to `new Pusher(key, options)`; the widget passes them through unchanged. */
export interface PusherClientOptions {
  cluster: string;
  wsHost?: string;
  wsPort?: number;
  wssPort?: number;
  wsPath?: string;
  forceTLS: boolean;
  enabledTransports: ('ws' | 'wss')[];
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

/**
 * One hit of `GET /staff_chat/{hotel}/search/?q=`: a message of one of the caller's conversations. The
 * snippet is plain text; `highlights` are `[start, end)` offsets into it in UTF-16 code units (what
 * `String.prototype.slice` counts), in order and never overlapping, so the widget wraps those pieces in
 * elements of its own and never renders markup.
 */
export interface SearchResult {
  message_id: number;
  conversation_id: number;
  sender_id: string;
  sender_name: string;
  /** When the message was sent, ISO 8601 UTC. */
  timestamp: string;
  is_edited: boolean;
  /** The message text, cut to about 160 characters around the first match, "…" where cut. */
  snippet: string;
  highlights: [number, number][];
}

/**
 * `GET /staff_chat/{hotel}/search/?q=&conversation_id=&before_id=&cursor=&limit=`. Results come best
 * first within bands of recent matches (see README "Search"); `next_cursor`, passed back as `cursor`,
 * asks for the page after this one. A page may hold fewer than `limit` results while `has_more` is
 * true: ask again with `next_cursor`.
 */
export interface SearchPage {
  results: SearchResult[];
  count: number;
  has_more: boolean;
  next_cursor: string | null;
}
