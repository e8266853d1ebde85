import { atom, computed } from 'nanostores';
import type { ChatConfig, Me, ReactionEmoji } from '../../../server/contract.js';
import { ApiClient } from '../../api/client.js';
import { createLogger } from '../../debug.js';
import { errorMsg } from '../../messages/errors.js';
import { getPusherClient } from '../../realtime/pusher-client.js';
import { createConversationList } from '../conversations/conversation-list.js';
import { createConversationsStore } from '../conversations/conversations.js';
import type { DirectoryState } from '../conversations/directory.js';
import { createNotifications } from '../conversations/notifications.js';
import { keepOpenWindows, tabStorage } from '../conversations/open-windows.js';
import { createReadMarks } from '../conversations/read-marks.js';
import { createConnectionStore } from '../live/connection.js';
import { createRealtimeLink, type Connect } from '../live/link.js';
import { createPresence } from '../live/presence.js';
import { createEventRouter } from '../live/router.js';
import type { TypingState } from '../live/typing.js';
import { newUploadKey } from '../messages/ids.js';
import { nextOptimisticId, optimisticMessage } from '../messages/optimistic.js';
import type { ChatMessage } from '../messages/types.js';
import type { UploadItem } from '../messages/uploads.js';
import { createMessageViews } from '../messages/views.js';
import { browserStorage, memoryStorage, outboxKey } from '../outbox/outbox-storage.js';
import { exponentialBackoff } from '../shared/backoff.js';
import { describeError, type ErrorInfo } from '../shared/errors.js';
import { createPendingAcknowledgements } from '../urgent/pending.js';
import type { FeatureActions } from './conversation-features.js';
import { createLazyFeatures } from './lazy-features.js';
import { createLifecycle } from './lifecycle.js';
import type { ChatSession, ChatSessionDeps, ChatSessionOptions, SendOptions } from './session-types.js';

export type { ChatSession, ChatSessionDeps, ChatSessionOptions, SendOptions } from './session-types.js';
export type { DirectoryState } from '../conversations/directory.js';
export type { ConnectionState } from '../live/connection.js';
export type { ChatMessage, ConversationView, MessageStatus } from '../messages/types.js';
export type { ErrorInfo } from '../shared/errors.js';
export type { NotificationSettings } from '../conversations/notifications.js';
export type { ReadMarks } from '../conversations/read-marks.js';
export type { TypingPerson, TypingState } from '../live/typing.js';
export type { UploadItem } from '../messages/uploads.js';
export type { Housekeeping } from './session-types.js';
export type { PinsState } from '../pins/pins.js';
export type { MessageSearch, MessageTarget, SearchScope, SearchState } from '../search/message-search.js';
export type { HandoverState, HandoverStates, Handovers } from '../handover/handovers.js';

/** The features come in the chunk that loads on first use, with the elements (../../first-use.ts). */
const importFeatureModule = () => import('../../first-use.js');

/**
 * Creates the state of one `<staff-chat>`: nanostores atoms plus the actions that change them.
 * A page may hold several widgets, so nothing here is a module singleton.
 *
 * This is the facade: it creates each domain's stores (conversations/, messages/, live/), the router
 * they register with (live/router.ts), the lifecycle (lifecycle.ts) and the lazy boundary
 * (lazy-features.ts), and hands the elements one object. What a person needs only once they open a
 * conversation (history, sending, uploads, edits and reactions, typing, the directory) installs itself
 * from conversation-features.ts when its chunk loads; the atoms the elements bind are all created here,
 * so the API is the same either way.
 *
 * @example
 * const session = createChatSession({ apiBase: '/api', hotel: 'grand', tokenProvider });
 * await session.start();
 * session.$conversations.subscribe((list) => render(list));
 */
export function createChatSession(options: ChatSessionOptions, deps: ChatSessionDeps = {}): ChatSession {
  const log = createLogger(options.debug ?? false);
  const api =
    deps.api ??
    new ApiClient({
      apiBase: options.apiBase,
      hotel: options.hotel,
      tokenProvider: options.tokenProvider,
      ...(options.tokenRefreshable === false && { tokenRefreshable: false }),
      socketId: () => link.current()?.socketId(),
      log,
    });
  const connect: Connect =
    deps.connect ??
    ((config, authorize, scope, logger) => getPusherClient(config.pusher.key, config.pusher.options, authorize, scope, logger));
  // Without storage the outbox still carries unsent messages across stop() and start(), not across reloads.
  const storage = (deps.storage === undefined ? browserStorage() : deps.storage) ?? memoryStorage();
  // Read means in view and focused: a portal left open in a window behind others does not clear badges.
  const isPageActive =
    deps.isPageActive ??
    (() => {
      // Absent where the session runs outside a page (the realtime-recovery test drives it from Node).
      const doc = globalThis.document as Document | undefined;
      return doc?.visibilityState !== 'hidden' && doc?.hasFocus() !== false;
    });
  const retryDelay = deps.retryDelay ?? exponentialBackoff();

  const $status = atom<'idle' | 'loading' | 'ready' | 'error'>('idle');
  const $me = atom<Me | null>(null);
  const $config = atom<ChatConfig | null>(null);
  const $errorInfo = atom<ErrorInfo | null>(null);
  const $connection = createConnectionStore();
  const $openConversationIds = atom<number[]>([]);
  const $typing = atom<TypingState>({});
  const $uploads = atom<UploadItem[]>([]);
  const $directory = atom<DirectoryState>({ results: [], loading: false, error: null });
  const views = createMessageViews();
  const conversations = createConversationsStore();
  const readMarks = createReadMarks();
  const presence = createPresence(log);
  // Someone else's new message may be urgent: `pending` asks (it exists by the time any message arrives).
  const alerting = createNotifications(
    () => !isPageActive(),
    deps.alerts,
    () => void pending.check(),
  );
  const router = createEventRouter();
  const link = createRealtimeLink(connect, (socketId, channel) => api.authorizeChannel(socketId, channel), presence, router, log);
  const fail = (error: unknown, fallback: string): void => $errorInfo.set(describeError(error, fallback));
  const pending = createPendingAcknowledgements(api, router, log);

  // Its install runs once the chunk is here, long after `lifecycle` below exists.
  const features = createLazyFeatures(
    importFeatureModule,
    ({ installConversationFeatures }): FeatureActions =>
      installConversationFeatures({
        api,
        log,
        hotel: options.hotel,
        views,
        storage,
        nextOptimisticId,
        retryDelay,
        $typing,
        $uploads,
        $directory,
        $me,
        $config,
        $openConversationIds,
        conversations,
        readMarks,
        router,
        lifecycle,
        pending,
        alert: alerting.alert,
        reminderTimer: deps.reminderTimer,
        fail: (error) => fail(error, errorMsg.errorLoadFailed),
        closeConversation: (id) => list.close(id),
      }),
    router,
    log,
  );
  const list = createConversationList({
    api,
    log,
    conversations,
    views,
    readMarks,
    alerting,
    $me,
    $openConversationIds,
    router,
    realtime: link.current,
    onSubscriptionError: link.onSubscriptionError,
    signal: () => lifecycle.signal(),
    withFeatures: (then) => features.run(then),
    openHistory: features.via((f, id: number) => f.openHistory(id)),
    isPageActive,
    fail,
    markReadDelayMs: deps.markReadDelayMs ?? 400,
  });
  const lifecycle = createLifecycle({
    api,
    log,
    hotel: options.hotel,
    $status,
    $errorInfo,
    $config,
    $me,
    $connection,
    $openConversationIds,
    conversations,
    list,
    link,
    router,
    fail,
    retryDelay,
    pollIntervalMs: deps.pollIntervalMs ?? 15_000,
  });
  keepOpenWindows(deps.windowStorage === undefined ? tabStorage() : deps.windowStorage, {
    hotel: options.hotel,
    $status,
    $me,
    $openConversationIds,
    isMember: (id) => conversations.find(id) !== undefined,
    open: list.open,
  });
  // Messages an earlier page load could not send go out at start, without waiting for anyone to open
  // the chat: the sending code loads, and they are back in their conversations by the time it is ready.
  lifecycle.whileStarted(({ me }) => (storage.getItem(outboxKey(options.hotel, me.id)) !== null ? features.load() : undefined));
  // An urgent message waiting for the viewer brings the code that reminds them of it (reminders.ts).
  lifecycle.whileStarted(() => void pending.check());
  pending.$pending.listen((messages) => void (messages.length > 0 && features.load()));

  function sendMessage(conversationId: number, text: string, sendOptions: SendOptions = {}): ChatMessage {
    const me = $me.get();
    if (!me) throw new Error('The chat has not started yet');
    if (text.trim() === '') throw new RangeError('A message needs some text');
    // Only a stored message (positive id) can be replied to.
    const replyTo = sendOptions.replyTo && sendOptions.replyTo.id > 0 ? sendOptions.replyTo : null;
    const optimistic: ChatMessage = {
      ...optimisticMessage(me, conversationId, text, replyTo, sendOptions.requiresAcknowledgement),
      ...sendOptions.mentioned,
    };
    const maxLength = $config.get()?.limits.message_max_length;
    // The message shows at once, and goes to the outbox and out as soon as the sending code is here
    // (the elements load it before anyone can type; only a host calling early waits for it).
    views.update(conversationId, (v) => ({ messages: [...v.messages, optimistic] }));
    features.use((f) => f.send(optimistic, maxLength));
    return maxLength !== undefined && text.length > maxLength
      ? { ...optimistic, status: 'failed', error: errorMsg.errorTooLong }
      : optimistic;
  }

  return {
    api,
    $status,
    $error: computed($errorInfo, (info) => info?.message ?? null),
    $errorInfo,
    $config,
    $me,
    $connection,
    $conversations: conversations.$conversations,
    $unreadTotal: conversations.$unreadTotal,
    $openConversationIds,
    conversationView: (id) => views.view(id),
    $directory,
    $onlineIds: presence.$onlineIds,
    $typing,
    start: lifecycle.start,
    stop: lifecycle.stop,
    openConversation: list.open,
    closeConversation: list.close,
    loadOlder: features.via((f, id: number) => f.loadOlder(id)),
    sendMessage,
    // Without the features there is no failed message to retry, no open conversation to type in and no
    // upload to cancel: these never load them.
    retryMessage: (conversationId, clientId) => features.useIfLoading((f) => f.retry(conversationId, clientId)),
    searchDirectory: features.via((f, search: string) => f.searchDirectory(search)),
    startConversation: list.start,
    markRead: list.markRead,
    notifyTyping: (conversationId, draft) => features.useIfLoading((f) => f.draftChanged(conversationId, draft)),
    $readMarks: readMarks.$readMarks,
    $alertSettings: alerting.$settings,
    configureAlerts: alerting.configure,
    editMessage: features.via((f, conversationId: number, messageId: number, text: string) => f.edit(conversationId, messageId, text)),
    deleteMessage: features.via((f, conversationId: number, messageId: number) => f.remove(conversationId, messageId)),
    toggleReaction: features.via((f, conversationId: number, messageId: number, emoji: ReactionEmoji) =>
      f.toggleReaction(conversationId, messageId, emoji),
    ),
    addParticipants: list.addParticipants,
    $pendingAcknowledgements: pending.$pending,
    acknowledgeMessage: features.via((f, conversationId: number, messageId: number) => f.acknowledge(conversationId, messageId)),
    $uploads,
    uploadFiles(conversationId, files) {
      const keys = files.map(() => newUploadKey());
      features.use((f) => f.upload(conversationId, files, keys));
      return keys;
    },
    cancelUpload: (key) => features.useIfLoading((f) => f.cancelUpload(key)),
    housekeeping: () => features.run((f) => Promise.resolve(f.housekeeping)),
    messageSearch: () => features.run((f) => Promise.resolve(f.messageSearch)),
    handovers: () => features.run((f) => Promise.resolve(f.handovers)),
  };
}
