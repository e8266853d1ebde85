/**
 * The public shape of a session (ChatSession, its options and test seams), apart from the code that
 * builds it (chat-session.ts), so the contract reads on its own. chat-session.ts re-exports every type here.
 */
import type { ReadableAtom } from 'nanostores';
import type { ChatConfig, Conversation, Me, Message, ReactionEmoji } from '../../../contract/index.js';
import type { ApiClient } from '../../api/client.js';
import type { Authorize, RealtimeConnection } from '../../realtime/pusher-client.js';
import type { RetryDelay } from '../shared/backoff.js';
import type { ErrorInfo } from '../shared/errors.js';
import type { Handovers } from '../handover/handovers.js';
import type { Alerts, NotificationSettings } from '../conversations/notifications.js';
import type { OutboxStorage } from '../outbox/outbox-storage.js';
import type { ReadMarks } from '../conversations/read-marks.js';
import type { DirectoryState } from '../conversations/directory.js';
import type { ConnectionState } from '../live/connection.js';
import type { ChatMessage, ConversationView } from '../messages/types.js';
import type { TypingState } from '../live/typing.js';
import type { UploadItem } from '../messages/uploads.js';
import type { ReminderTimer } from '../urgent/reminders.js';
import type { PinsStore } from '../pins/pins.js';
import type { HousekeepingStore } from '../conversations/housekeeping.js';

import type { MessageSearch } from '../search/message-search.js';

/**
 * Pins and the viewer's housekeeping of conversations (mute, archive, leave, remove someone, forward,
 * delete a file), from the lazily loaded half: see `ChatSession.loadFeatures`. Every action resolves
 * with why it failed, or null.
 */
export type Housekeeping = Pick<PinsStore, 'pins' | 'setPinned'> & HousekeepingStore;

/**
 * The stores and actions that arrive with the lazily loaded half (state/session/conversation-features.ts),
 * each a domain's own: `ChatSession.loadFeatures` hands them out together, so a feature added to that
 * chunk adds a field here, not another accessor to the session.
 */
export interface LoadedFeatures {
  /** Department channels' handover notes (state/handover/handovers.ts): their state and actions. */
  readonly handovers: Handovers;
  /** Pins, mute, archive, leave, remove someone, forward, delete a file. */
  readonly housekeeping: Housekeeping;
  /** Message search (state/search/message-search.ts): one scope per search box, and the message a chosen result opens. */
  readonly messageSearch: MessageSearch;
}

export interface ChatSessionOptions {
  apiBase: string;
  hotel: string;
  tokenProvider: () => Promise<string>;
  /** False when the token came from the `token` attribute and cannot be renewed (see ApiClientOptions). */
  tokenRefreshable?: boolean;
  debug?: boolean;
}

/** Seams for tests and unusual hosts; every one has a browser default. */
export interface ChatSessionDeps {
  api?: ApiClient;
  /** Opens (or shares) the realtime connection; defaults to {@link getPusherClient}. */
  connect?: (config: ChatConfig, authorize: Authorize, scope: string, log: (...args: unknown[]) => void) => RealtimeConnection;
  /** Where unsent messages survive a reload; defaults to localStorage, null turns it off. */
  storage?: OutboxStorage | null;
  /** Where the open chat windows survive a reload (open-windows.ts); defaults to sessionStorage, null turns it off. */
  windowStorage?: OutboxStorage | null;
  /** Whether a person is looking, so incoming messages count as read; defaults to page visibility. */
  isPageActive?: () => boolean;
  /** Delay that gathers several incoming messages into one mark-read call. Default 400 ms. */
  markReadDelayMs?: number;
  /** How often to refetch while the realtime connection is down. Default 15 s. */
  pollIntervalMs?: number;
  /** Wait before sending again after the n-th failure in a row (and before restarting a failed start). Default 1 s doubling to 30 s. */
  retryDelay?: RetryDelay;
  /** Desktop notification, sound and settings storage; defaults to the browser's. */
  alerts?: Alerts;
  /** Runs the reminders of unacknowledged urgent messages every `ms`; defaults to setInterval (urgent/reminders.ts). */
  reminderTimer?: ReminderTimer;
}

/** What a message answers and whom it mentions, beside its text. */
export interface SendOptions {
  replyTo?: Message | null;
  /** Ask every other participant to acknowledge it (an urgent message). */
  requiresAcknowledgement?: boolean;
  /**
   * Who it mentions (ids of participants, and departments in groups): sent as `mentions` and
   * `mention_departments`, and shown on the message at once (`mentioned_staff` gives the names).
   */
  mentioned?: Pick<Message, 'mentions' | 'mentioned_staff' | 'mentioned_departments'>;
}

/** `ChatSession.alerts`: the alert settings and their one action. */
export interface SessionAlerts {
  readonly $settings: ReadableAtom<NotificationSettings>;
  /** Changes the settings; turning desktop alerts on asks the browser's permission (call from a click). */
  configure(change: Partial<NotificationSettings>): Promise<void>;
}

/** `ChatSession.uploads`: the files being sent and what a person does with them. */
export interface SessionUploads {
  /** Files being sent, each with its progress, or the sentence saying why it was not sent. */
  readonly $items: ReadableAtom<UploadItem[]>;
  /** Sends each file as a message of its own; returns their upload keys. */
  send(conversationId: number, files: readonly File[]): string[];
  /** Cancels an upload in flight, or clears a failed one. */
  cancel(key: string): void;
}

export interface ChatSession {
  /** Progress of `start()`. */
  readonly $status: ReadableAtom<'idle' | 'loading' | 'ready' | 'error'>;
  /** The latest failure of an action that has no other place to show it, as a sentence for people. */
  readonly $error: ReadableAtom<string | null>;
  /** The same failure with its stable code, for the `staff-chat-error` event. */
  readonly $errorInfo: ReadableAtom<ErrorInfo | null>;
  readonly $config: ReadableAtom<ChatConfig | null>;
  readonly $me: ReadableAtom<Me | null>;
  readonly $connection: ReadableAtom<ConnectionState>;
  /** Most recently active first. */
  readonly $conversations: ReadableAtom<Conversation[]>;
  readonly $unreadTotal: ReadableAtom<number>;
  /** Chat windows, in opening order. */
  readonly $openConversationIds: ReadableAtom<number[]>;
  /** The same atom for the same id, whether or not the conversation was ever opened. */
  conversationView(conversationId: number): ReadableAtom<ConversationView>;
  readonly $directory: ReadableAtom<DirectoryState>;
  /** Staff ids of the hotel's staff online now (from the presence channel); empty while offline. */
  readonly $onlineIds: ReadableAtom<ReadonlySet<string>>;
  /** Who is typing in each open conversation, by conversation id; never the viewer. */
  readonly $typing: ReadableAtom<TypingState>;

  /** Loads config, profile and conversations, then connects realtime. Never rejects: see `$status`, `$error`. */
  start(): Promise<void>;
  /** Releases every channel and the shared realtime connection. `start()` may be called again. */
  stop(): void;
  /** Opens a chat window: subscribes, loads the latest page once, marks it read. Never rejects: see the view's `error`. */
  openConversation(id: number): Promise<void>;
  closeConversation(id: number): void;
  /** Fetches the page before the oldest loaded message. */
  loadOlder(id: number): Promise<void>;
  /**
   * Shows the message at once (`pending`, negative id) and sends it; it becomes `sent` or `failed`.
   * Throws a RangeError for blank text and an Error before `start()` has loaded the profile.
   */
  sendMessage(conversationId: number, text: string, options?: SendOptions): ChatMessage;
  /** Sends a failed message again with the same `client_id`, so the server cannot store it twice. */
  retryMessage(conversationId: number, clientId: string): void;
  searchDirectory(search: string): Promise<void>;
  /** Creates (or finds, for a 1:1) the conversation and opens it; rejects with the ApiError on failure. */
  startConversation(participantIds: string[], title?: string): Promise<number>;
  markRead(conversationId: number): Promise<void>;
  /** The viewer's draft in a conversation changed: tells the others they are typing (throttled), or stopped. */
  notifyTyping(conversationId: number, draft: string): void;
  /** Per conversation, how far each participant has read (for "seen by"). */
  readonly $readMarks: ReadableAtom<ReadMarks>;
  /** Desktop notification and sound for new messages: the viewer's choice, kept across reloads. */
  readonly alerts: SessionAlerts;
  /** The viewer's own message: shown changed at once, rolled back (with `$error`) if the server refuses. */
  editMessage(conversationId: number, messageId: number, text: string): Promise<void>;
  /** The viewer's own message becomes the "deleted" placeholder for everyone. */
  deleteMessage(conversationId: number, messageId: number): Promise<void>;
  /** Adds the viewer's reaction, or removes it if the message already has it. */
  toggleReaction(conversationId: number, messageId: number, emoji: ReactionEmoji): Promise<void>;
  /** Adds people to a group; rejects with the ApiError on failure. */
  addParticipants(conversationId: number, staffIds: string[]): Promise<void>;
  /** Urgent messages still waiting for the viewer's acknowledgement, oldest first, across conversations. */
  readonly $pendingAcknowledgements: ReadableAtom<Message[]>;
  /** The viewer confirms an urgent message sent to them; a failure shows in `$error`. */
  acknowledgeMessage(conversationId: number, messageId: number): Promise<void>;
  /** Files sent as messages of their own (see `state/messages/uploads.ts`). */
  readonly uploads: SessionUploads;
  /**
   * Handover notes, pins and housekeeping, message search: what arrives with the lazily loaded half,
   * once it is here (loading it the first time); null if it cannot load. The same object every time.
   */
  loadFeatures(): Promise<LoadedFeatures | null>;
}
