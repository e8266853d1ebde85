/**
 * The wire contract between the server and the widget.
 *
 * The server owns it; the widget imports it with `import type` only, so the two can never drift apart
 * (HotelMate's front end kept subscribing to channel names its back end had renamed). Channel names
 * travel in API responses and are never built by the widget.
 *
 * Field names follow HotelMate's rich message shape (see shared/reference/hotelmate-staff-chat-api.md).
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
}

export interface SenderInfo {
  id: string;
  full_name: string;
  avatar: string | null;
}

export interface ReplyPreview {
  id: number;
  message: string;
  sender_name: string;
}

export interface Attachment {
  id: number;
  file_name: string;
  file_type: 'image' | 'pdf' | 'document' | 'other';
  file_size: number;
  mime_type: string;
  file_url: string;
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
}

export interface LastMessage {
  id: number;
  sender_id: string;
  sender_name: string;
  /** At most 100 characters. */
  message: string;
  timestamp: string;
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
  };
}

/** Event names on the wire, as HotelMate's NotificationManager names them. */
export const EVENTS = {
  messageCreated: 'realtime_staff_chat_message_created',
  conversationUpdated: 'realtime_staff_chat_conversation_updated',
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

export type AnyEnvelope = MessageCreatedEnvelope | ConversationUpdatedEnvelope;

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
