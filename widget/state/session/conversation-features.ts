import type { ReadableAtom, WritableAtom } from 'nanostores';
import type { ChatConfig, Me, Message, ReactionEmoji } from '../../../server/contract.js';
import type { ApiClient } from '../../api/client.js';
import { createHousekeepingApi } from '../../api/housekeeping-api.js';
import type { ConversationsStore } from '../conversations/conversations.js';
import { createDirectory, type DirectoryState } from '../conversations/directory.js';
import { createHousekeeping } from '../conversations/housekeeping.js';
import { followMentionEvents } from '../conversations/mention-events.js';
import type { ReadMarksStore } from '../conversations/read-marks.js';
import { FEATURE_CHECKS } from '../live/feature-checks.js';
import { installFeatureChecks, type EventRouter } from '../live/router.js';
import { createHandovers, type Handovers } from '../handover/handovers.js';
import { createTyping, type TypingState } from '../live/typing.js';
import { createHistory } from '../messages/history.js';
import { createMessageChanges } from '../messages/message-changes.js';
import type { ChatMessage } from '../messages/types.js';
import { createUploads, type UploadItem } from '../messages/uploads.js';
import { createPins } from '../pins/pins.js';
import { createMessageSearch, type MessageSearch } from '../search/message-search.js';
import type { MessageViews } from '../messages/views.js';
import { outboxKey, type OutboxStorage } from '../outbox/outbox-storage.js';
import { createSending } from '../outbox/sending.js';
import type { RetryDelay } from '../shared/backoff.js';
import { onAbort } from '../shared/abort.js';
import { createAcknowledgements } from '../urgent/acknowledgements.js';
import type { PendingAcknowledgementsStore } from '../urgent/pending.js';
import { remindUntilAcknowledged, type Alert, type ReminderTimer } from '../urgent/reminders.js';
import type { Lifecycle } from './lifecycle.js';
import type { Housekeeping } from './session-types.js';

/** What the conversation features use of the session (chat-session.ts), which owns every atom. */
export interface FeatureContext {
  api: ApiClient;
  log: (...args: unknown[]) => void;
  hotel: string;
  views: MessageViews;
  storage: OutboxStorage;
  retryDelay: RetryDelay;
  nextOptimisticId(): number;
  $typing: WritableAtom<TypingState>;
  $uploads: WritableAtom<UploadItem[]>;
  $directory: WritableAtom<DirectoryState>;
  $me: ReadableAtom<Me | null>;
  $config: ReadableAtom<ChatConfig | null>;
  $openConversationIds: ReadableAtom<number[]>;
  conversations: ConversationsStore;
  readMarks: Pick<ReadMarksStore, 'advance'>;
  router: Pick<EventRouter, 'on' | 'onStored' | 'emit'>;
  lifecycle: Pick<Lifecycle, 'signal' | 'whileStarted' | 'whileConnected'>;
  /** The viewer's unacknowledged urgent messages (in the entry, for the launcher). */
  pending: PendingAcknowledgementsStore;
  /** A desktop notification and beep, as the alert settings allow (conversations/notifications.ts). */
  alert: Alert;
  /** The clock of the reminders; setInterval unless a test passes its own. */
  reminderTimer?: ReminderTimer;
  fail(error: unknown): void;
  /** Closes a conversation's window (the list's `close`): after leaving or archiving it. */
  closeConversation(conversationId: number): void;
}

/** What the session's facade calls once the features are here (through lazy-features.ts). */
export interface FeatureActions {
  /** Sends an optimistic message (optimistic.ts) already in its view; the others stop showing the viewer typing. */
  send(optimistic: ChatMessage, maxLength: number | undefined): void;
  retry(conversationId: number, clientId: string): void;
  openHistory(conversationId: number): Promise<void>;
  loadOlder(conversationId: number): Promise<void>;
  searchDirectory(search: string): Promise<void>;
  draftChanged(conversationId: number, draft: string): void;
  edit(conversationId: number, messageId: number, text: string): Promise<void>;
  remove(conversationId: number, messageId: number): Promise<void>;
  toggleReaction(conversationId: number, messageId: number, emoji: ReactionEmoji): Promise<void>;
  /** Department channels' handover notes: their state and actions (handover/handovers.ts). */
  handovers: Handovers;
  upload(conversationId: number, files: readonly File[], keys: readonly string[]): void;
  cancelUpload(key: string): void;
  acknowledge(conversationId: number, messageId: number): Promise<void>;
  /** Pins, mute, archive, leave, remove, forward, delete a file (ChatSession's `housekeeping()`). */
  housekeeping: Housekeeping;
  /** Message search: one scope per search box, and the message a chosen result opens. */
  messageSearch: MessageSearch;
}

/**
 * Everything a person needs once they open a conversation, send or pick files: history and catch-up,
 * the outbox, uploads, edits and reactions, acknowledgements and their reminders, typing, the staff directory. A chunk of its own, imported by
 * the session on first use (and fetched with the elements), so a portal page that only shows the
 * launcher's badge never loads it. Each part registers with the router for the events it owns as it is
 * created (history.ts, message-changes.ts, sending.ts); this adds the parts of each start they live
 * for, and returns the actions the session's facade forwards to.
 */
export function installConversationFeatures(context: FeatureContext): FeatureActions {
  const { api, log, views, router, lifecycle, $me, conversations } = context;
  installFeatureChecks(FEATURE_CHECKS);
  const meId = () => $me.get()?.id ?? '';
  const stored = (conversationId: number, messages: readonly Message[]) => router.emit('stored', { conversationId, messages });

  const sending = createSending({
    api,
    views,
    router,
    storage: context.storage,
    nextOptimisticId: context.nextOptimisticId,
    retryDelay: context.retryDelay,
    log,
    onStored: (id, message) => stored(id, [message]),
  });
  const handovers = createHandovers({ api, views, router, log, fail: context.fail });
  const uploads = createUploads({
    $uploads: context.$uploads,
    api,
    limits: () => context.$config.get()?.limits,
    log,
    onStored: (id, message) => stored(id, [message]),
  });
  const typing = createTyping(
    {
      me: () => $me.get(),
      conversation: conversations.find,
      conversationOnChannel: (channel) => conversations.$conversations.get().find((c) => c.channel === channel),
    },
    { $typing: context.$typing },
  );
  const changes = createMessageChanges({
    api,
    views,
    router,
    meId: () => $me.get()?.id,
    fail: context.fail,
    updatePreview: (message) => conversations.applyMessage(message),
  });
  const acknowledgements = createAcknowledgements({
    api,
    views,
    router,
    pending: context.pending,
    meId: () => $me.get()?.id,
    fail: context.fail,
  });
  const directory = createDirectory(api, log, context.$directory);
  followMentionEvents({ api, conversations, router });
  const history = createHistory({
    api,
    log,
    views,
    router,
    $openConversationIds: context.$openConversationIds,
    readMarks: context.readMarks,
    conversations,
    retryDelay: context.retryDelay,
    signal: lifecycle.signal,
    receive: stored,
    settle: (messages) => sending.settle(messages, meId()),
  });

  const housekeepingApi = createHousekeepingApi(api);
  const pins = createPins({ api: housekeepingApi, router, log });
  const settings = createHousekeeping({ api: housekeepingApi, conversations, views, router, $me, close: context.closeConversation });

  // The outbox lives from each start to its stop; typing rides on each start's connection.
  lifecycle.whileStarted(({ me, signal }) => {
    sending.start(outboxKey(context.hotel, me.id), me);
    onAbort(signal, () => sending.stop());
    remindUntilAcknowledged(context.pending.$pending, context.alert, signal, context.reminderTimer);
  });
  lifecycle.whileConnected(({ connection, signal }) => onAbort(signal, typing.watch(connection)));

  return {
    send(optimistic, maxLength) {
      typing.sent(optimistic.conversation_id);
      sending.send(optimistic, maxLength);
    },
    retry: sending.retry,
    openHistory: history.open,
    loadOlder: history.loadOlder,
    searchDirectory: directory.search,
    draftChanged: typing.draftChanged,
    edit: changes.edit,
    remove: changes.remove,
    toggleReaction: changes.toggleReaction,
    handovers,
    upload: (conversationId, files, keys) => void uploads.add(conversationId, files, keys),
    cancelUpload: uploads.cancel,
    acknowledge: acknowledgements.acknowledge,
    housekeeping: { pins: pins.pins, setPinned: pins.setPinned, ...settings },
    messageSearch: createMessageSearch(api, log),
  };
}
