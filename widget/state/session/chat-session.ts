import { atom, computed } from 'nanostores';
import type { ChatConfig, Me, Message, ReactionEmoji } from '../../../server/contract.js';
import { ApiClient } from '../../api/client.js';
import { createLogger } from '../../debug.js';
import { getPusherClient } from '../../realtime/pusher-client.js';
import { createConnectionStore } from '../live/connection.js';
import type { ConversationFeatures } from './conversation-features.js';
import { createConversationList } from '../conversations/conversation-list.js';
import { createConversationsStore } from '../conversations/conversations.js';
import { describeError, type ErrorInfo } from '../shared/errors.js';
import { errorMsg } from '../../messages/errors.js';
import { exponentialBackoff } from '../shared/backoff.js';
import { createFeatureLoader } from './lazy-features.js';
import { newUploadKey } from '../messages/ids.js';
import { createMessageViews } from '../messages/views.js';
import { createNotifications } from '../conversations/notifications.js';
import { nextOptimisticId, optimisticMessage } from '../messages/optimistic.js';
import { createReadMarks } from '../conversations/read-marks.js';
import { createPresence } from '../live/presence.js';
import { browserStorage, memoryStorage, outboxKey } from '../outbox/outbox-storage.js';
import { createEventDispatch, createRealtimeLink, type Connect } from '../live/link.js';
import type { SessionCore } from './session-core.js';
import { createLifecycle } from './lifecycle.js';
import type { ChatSession, ChatSessionDeps, ChatSessionOptions } from './session-types.js';
import type { TypingState } from '../live/typing.js';
import type { UploadItem } from '../messages/uploads.js';
import type { ChatMessage, DirectoryState } from '../messages/types.js';

export type { ChatSession, ChatSessionDeps, ChatSessionOptions } from './session-types.js';
export type { ChatMessage, ConnectionState, ConversationView, DirectoryState, MessageStatus } from '../messages/types.js';
export type { ErrorInfo } from '../shared/errors.js';
export type { NotificationSettings } from '../conversations/notifications.js';
export type { ReadMarks } from '../conversations/read-marks.js';
export type { TypingPerson, TypingState } from '../live/typing.js';
export type { UploadItem } from '../messages/uploads.js';

/** The features come in the chunk that loads on first use, with the elements (../first-use.ts). */
const importFeatureModule = () => import('../../first-use.js');

/**
 * Creates the state of one `<staff-chat>`: nanostores atoms plus the actions that change them.
 * A page may hold several widgets, so nothing here is a module singleton.
 *
 * This is the core every portal page loads: the profile, the conversation list and its unread counts
 * (and the alerts they raise), the realtime connection with the personal and presence channels. What a
 * person needs only once they open a conversation (history, sending, uploads, edits and reactions,
 * typing, the directory) is state/conversation-features.ts, imported on first use in the chunk of the
 * elements. The atoms the elements bind are all created here, so the API is the same either way.
 *
 * This file puts the parts together: the conversation list and read state (conversation-list.ts), the
 * realtime wiring and event dispatch (realtime-link.ts), start/stop (session-lifecycle.ts) and the
 * features' loader (feature-loader.ts).
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
    deps.connect ?? ((config, authorize, scope, logger) => getPusherClient(config.pusher.key, config.pusher.options, authorize, scope, logger));
  // Without storage the outbox still carries unsent messages across stop() and start(), not across reloads.
  const storage = (deps.storage === undefined ? browserStorage() : deps.storage) ?? memoryStorage();
  // Read means in view and focused: a portal left open in a window behind others does not clear badges.
  const isPageActive = deps.isPageActive ?? (() => globalThis.document?.visibilityState !== 'hidden' && globalThis.document?.hasFocus() !== false);
  const retryDelay = deps.retryDelay ?? exponentialBackoff();

  const $me = atom<Me | null>(null);
  const $config = atom<ChatConfig | null>(null);
  const $errorInfo = atom<ErrorInfo | null>(null);
  const $openConversationIds = atom<number[]>([]);
  const $typing = atom<TypingState>({});
  const $uploads = atom<UploadItem[]>([]);
  const $directory = atom<DirectoryState>({ results: [], loading: false, error: null });
  const views = createMessageViews();
  const conversations = createConversationsStore();
  const readMarks = createReadMarks();
  const presence = createPresence(log);
  const alerting = createNotifications(() => !isPageActive(), deps.alerts);
  const link = createRealtimeLink(connect, (socketId, channel) => api.authorizeChannel(socketId, channel), presence, log);
  const fail = (error: unknown, fallback: string): void => $errorInfo.set(describeError(error, fallback));

  // Its callbacks run once the chunk is here, long after `core` and `list` below exist.
  const features = createFeatureLoader(
    importFeatureModule,
    ({ createConversationFeatures }): ConversationFeatures =>
      createConversationFeatures({
        api,
        log,
        views,
        storage,
        nextOptimisticId,
        retryDelay,
        $typing,
        $uploads,
        $directory,
        $me,
        $config,
        conversations,
        readMarks,
        generation: () => core.generation,
        receive: list.receive,
        fail: (error) => fail(error, errorMsg.errorLoadFailed),
      }),
    // Starts the parts of the features that run with the session: the outbox, and typing on the connection.
    (loaded) => {
      const me = $me.get();
      if (!core.live || !me) return;
      loaded.sending.start(outboxKey(options.hotel, me.id), me);
      const realtime = link.current();
      if (realtime) core.cleanups.push(loaded.typing.watch(realtime));
    },
    log,
  );

  const core: SessionCore = {
    api,
    log,
    hotel: options.hotel,
    generation: 0,
    live: false,
    cleanups: [],
    $status: atom<'idle' | 'loading' | 'ready' | 'error'>('idle'),
    $errorInfo,
    $config,
    $me,
    $connection: createConnectionStore(),
    $openConversationIds,
    conversations,
    views,
    readMarks,
    storage,
    features,
    isPageActive,
    fail,
  };
  const list = createConversationList(core, link.current, deps.markReadDelayMs ?? 400, link.onSubscriptionError);
  const { start, stop } = createLifecycle(
    core,
    list,
    link,
    createEventDispatch(core, list, alerting),
    retryDelay,
    deps.pollIntervalMs ?? 15_000,
  );

  function sendMessage(conversationId: number, text: string, sendOptions: { replyTo?: Message | null } = {}): ChatMessage {
    const me = $me.get();
    if (!me) throw new Error('The chat has not started yet');
    if (text.trim() === '') throw new RangeError('A message needs some text');
    // Only a stored message (positive id) can be replied to.
    const replyTo = sendOptions.replyTo && sendOptions.replyTo.id > 0 ? sendOptions.replyTo : null;
    const optimistic = optimisticMessage(me, conversationId, text, replyTo);
    const maxLength = $config.get()?.limits.message_max_length;
    const loaded = features.current();
    if (loaded) return loaded.send(optimistic, maxLength);
    // The elements load the features before anyone can type, so only a host calling early gets here:
    // the message shows at once, and goes to the outbox and out as soon as the sending code is here.
    views.update(conversationId, (v) => ({ messages: [...v.messages, optimistic] }));
    features.withFeatures((f) => void f.send(optimistic, maxLength));
    return maxLength !== undefined && text.length > maxLength ? { ...optimistic, status: 'failed', error: errorMsg.errorTooLong } : optimistic;
  }

  const { viaFeatures, ifFeatures } = features;
  return {
    api,
    $status: core.$status,
    $error: computed($errorInfo, (info) => info?.message ?? null),
    $errorInfo,
    $config,
    $me,
    $connection: core.$connection,
    $conversations: conversations.$conversations,
    $unreadTotal: conversations.$unreadTotal,
    $openConversationIds,
    conversationView: (id) => views.view(id),
    $directory,
    $onlineIds: presence.$onlineIds,
    $typing,
    start,
    stop,
    openConversation: list.open,
    closeConversation: list.close,
    loadOlder: viaFeatures((f, id: number) => f.history.loadOlder(id)),
    sendMessage,
    // Without the features there is no failed message to retry, no open conversation to type in and no
    // upload to cancel: these never load them.
    retryMessage: (conversationId, clientId) => ifFeatures((f) => f.sending.retry(conversationId, clientId)),
    searchDirectory: viaFeatures((f, search: string) => f.directory.search(search)),
    startConversation: list.start,
    markRead: list.markRead,
    notifyTyping: (conversationId, draft) => ifFeatures((f) => f.typing.draftChanged(conversationId, draft)),
    $readMarks: readMarks.$readMarks,
    $alertSettings: alerting.$settings,
    configureAlerts: alerting.configure,
    editMessage: viaFeatures((f, conversationId: number, messageId: number, text: string) => f.changes.edit(conversationId, messageId, text)),
    deleteMessage: viaFeatures((f, conversationId: number, messageId: number) => f.changes.remove(conversationId, messageId)),
    toggleReaction: viaFeatures((f, conversationId: number, messageId: number, emoji: ReactionEmoji) =>
      f.changes.toggleReaction(conversationId, messageId, emoji),
    ),
    addParticipants: list.addParticipants,
    $uploads,
    uploadFiles(conversationId, files) {
      const keys = files.map(() => newUploadKey());
      features.withFeatures((loaded) => void loaded.uploads.add(conversationId, files, keys));
      return keys;
    },
    cancelUpload: (key) => ifFeatures((f) => f.uploads.cancel(key)),
  };
}
