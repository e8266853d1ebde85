import './process-shim.js';
import { atom, computed, type WritableAtom } from 'nanostores';
import type { ChatConfig, Conversation, Me, Message, SearchPage, StaffMember } from '../../contract/index.js';
import type { SearchQuery } from '../api/client.js';
import { createMessageSearch, type MessageSearch } from '../state/search/message-search.js';
import type { Handovers } from '../state/handover/handovers.js';
import { chatMessage, ME } from './fixtures.js';
import type {
  ChatSession,
  ConnectionState,
  ConversationView,
  ErrorInfo,
  Housekeeping,
  NotificationSettings,
  PinsState,
  ReadMarks,
  TypingState,
} from '../state/session.js';

/*
 * A stand-in ChatSession for element tests: real nanostores atoms the test can set, and actions that
 * record their calls (and do the obvious minimum, like adding an open conversation id), so an element
 * is tested alone, without a server or a socket.
 */

// The builders are the one fixture set of all widget tests; element tests import them from here.
export { chatMessage, conversationWith as conversation, ME, staff } from './fixtures.js';

export type Call = [name: string, ...args: unknown[]];

export interface FakeSession {
  session: ChatSession;
  calls: Call[];
  status: WritableAtom<'idle' | 'loading' | 'ready' | 'error'>;
  errorInfo: WritableAtom<ErrorInfo | null>;
  me: WritableAtom<Me | null>;
  connection: WritableAtom<ConnectionState>;
  conversations: WritableAtom<Conversation[]>;
  openIds: WritableAtom<number[]>;
  directory: WritableAtom<{ results: StaffMember[]; loading: boolean; error: string | null }>;
  onlineIds: WritableAtom<ReadonlySet<string>>;
  typing: WritableAtom<TypingState>;
  view(id: number): WritableAtom<ConversationView>;
  /** What `session.handovers()` resolves with: a real store over a fake API (handover-fakes.ts), or null. */
  handovers: Handovers | null;
  readMarks: WritableAtom<ReadMarks>;
  alertSettings: WritableAtom<NotificationSettings>;
  pendingAcknowledgements: WritableAtom<Message[]>;
  /** What startConversation resolves with (or rejects with, when an Error). */
  startResult: number | Error;
  /** A conversation's pins, as `housekeeping().pins(id)` hands them out. */
  pins(id: number): WritableAtom<PinsState>;
  /** What the next housekeeping actions (pin, mute, leave…) resolve with: null for success. */
  housekeepingResult: ErrorInfo | null;
  /** The real message search (state/search/), over `searchAnswer`. */
  search: MessageSearch;
  /** Answers each search request; records it in `calls` as `searchMessages` first. Default: no results. */
  searchAnswer: (query: SearchQuery) => Promise<SearchPage>;
}

const emptyView = (): ConversationView => ({ messages: [], loading: false, hasMore: false, error: null, loaded: true });

export function createFakeSession(): FakeSession {
  const calls: Call[] = [];
  const views = new Map<number, WritableAtom<ConversationView>>();
  const view = (id: number): WritableAtom<ConversationView> => {
    let v = views.get(id);
    if (!v) views.set(id, (v = atom(emptyView())));
    return v;
  };
  const status = atom<'idle' | 'loading' | 'ready' | 'error'>('ready');
  const errorInfo = atom<ErrorInfo | null>(null);
  const config = atom<ChatConfig | null>(null);
  const me = atom<Me | null>(ME);
  const connection = atom<ConnectionState>('connected');
  const conversations = atom<Conversation[]>([]);
  const openIds = atom<number[]>([]);
  const directory = atom<{ results: StaffMember[]; loading: boolean; error: string | null }>({
    results: [],
    loading: false,
    error: null,
  });
  const onlineIds = atom<ReadonlySet<string>>(new Set());
  const typing = atom<TypingState>({});
  const readMarks = atom<ReadMarks>({});
  const alertSettings = atom<NotificationSettings>({ desktop: false, sound: false });
  const pendingAcknowledgements = atom<Message[]>([]);
  let optimistic = 0;
  const pinAtoms = new Map<number, WritableAtom<PinsState>>();
  const pins = (id: number): WritableAtom<PinsState> => {
    let p = pinAtoms.get(id);
    if (!p) pinAtoms.set(id, (p = atom<PinsState>({ pins: [], loading: false, loaded: true, error: null })));
    return p;
  };
  // Each action records its name and arguments, and resolves with `housekeepingResult`.
  const act =
    (name: string) =>
    async (...args: unknown[]): Promise<ErrorInfo | null> => {
      calls.push([name, ...args]);
      return fake.housekeepingResult;
    };
  const housekeeping: Housekeeping = {
    pins,
    setPinned: act('setPinned'),
    setMuted: act('setMuted'),
    setArchived: act('setArchived'),
    leave: act('leave'),
    removeParticipant: act('removeParticipant'),
    forward: act('forward'),
    deleteAttachment: act('deleteAttachment'),
  };

  const fake: FakeSession = {
    calls,
    status,
    errorInfo,
    me,
    connection,
    conversations,
    openIds,
    directory,
    onlineIds,
    typing,
    view,
    handovers: null,
    readMarks,
    alertSettings,
    pendingAcknowledgements,
    startResult: 99,
    pins,
    housekeepingResult: null,
    search: createMessageSearch(
      {
        searchMessages(query) {
          calls.push(['searchMessages', query]);
          return fake.searchAnswer(query);
        },
      },
      () => undefined,
    ),
    searchAnswer: async () => ({ results: [], count: 0, has_more: false, next_cursor: null }),
    session: {
      api: null as unknown as ChatSession['api'],
      $status: status,
      $error: computed(errorInfo, (info) => info?.message ?? null),
      $errorInfo: errorInfo,
      $config: config,
      $me: me,
      $connection: connection,
      $conversations: conversations,
      $unreadTotal: computed(conversations, (list) => list.reduce((sum, c) => sum + c.unread_count, 0)),
      $openConversationIds: openIds,
      $directory: directory,
      $onlineIds: onlineIds,
      $typing: typing,
      conversationView: view,
      async start() {
        calls.push(['start']);
      },
      stop() {
        calls.push(['stop']);
      },
      async openConversation(id: number) {
        calls.push(['openConversation', id]);
        if (!openIds.get().includes(id)) openIds.set([...openIds.get(), id]);
      },
      closeConversation(id: number) {
        calls.push(['closeConversation', id]);
        openIds.set(openIds.get().filter((x) => x !== id));
      },
      async loadOlder(id: number) {
        calls.push(['loadOlder', id]);
      },
      $uploads: atom([]),
      uploadFiles(conversationId: number, files: readonly File[]) {
        calls.push(['uploadFiles', conversationId, files.map((file) => file.name)]);
        return [];
      },
      cancelUpload(key: string) {
        calls.push(['cancelUpload', key]);
      },
      sendMessage(conversationId: number, text: string, options?: { replyTo?: Message | null; requiresAcknowledgement?: boolean }) {
        calls.push(['sendMessage', conversationId, text, options?.replyTo ?? null]);
        const m = chatMessage(-++optimistic, text, {
          conversation_id: conversationId,
          client_id: `client-${optimistic}`,
          sender_id: ME.id,
          sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
          status: 'pending',
          ...(options?.requiresAcknowledgement && { requires_acknowledgement: true }),
        });
        const v = view(conversationId);
        v.set({ ...v.get(), messages: [...v.get().messages, m] });
        return m;
      },
      retryMessage(conversationId: number, clientId: string) {
        calls.push(['retryMessage', conversationId, clientId]);
      },
      async searchDirectory(search: string) {
        calls.push(['searchDirectory', search]);
      },
      async startConversation(participantIds: string[], title?: string) {
        calls.push(['startConversation', participantIds, title]);
        if (fake.startResult instanceof Error) throw fake.startResult;
        const id = fake.startResult;
        if (!openIds.get().includes(id)) openIds.set([...openIds.get(), id]);
        return id;
      },
      async markRead(id: number) {
        calls.push(['markRead', id]);
      },
      notifyTyping(conversationId: number, draft: string) {
        calls.push(['notifyTyping', conversationId, draft]);
      },
      $readMarks: readMarks,
      $alertSettings: alertSettings,
      async configureAlerts(change) {
        calls.push(['configureAlerts', change]);
        alertSettings.set({ ...alertSettings.get(), ...change });
      },
      async editMessage(conversationId, messageId, text) {
        calls.push(['editMessage', conversationId, messageId, text]);
      },
      async deleteMessage(conversationId, messageId) {
        calls.push(['deleteMessage', conversationId, messageId]);
      },
      async toggleReaction(conversationId, messageId, emoji) {
        calls.push(['toggleReaction', conversationId, messageId, emoji]);
      },
      async handovers() {
        return fake.handovers;
      },
      async addParticipants(conversationId, staffIds) {
        calls.push(['addParticipants', conversationId, staffIds]);
      },
      $pendingAcknowledgements: pendingAcknowledgements,
      async acknowledgeMessage(conversationId, messageId) {
        calls.push(['acknowledgeMessage', conversationId, messageId]);
      },
      async housekeeping() {
        return housekeeping;
      },
      messageSearch: async () => fake.search,
    },
  };
  return fake;
}

/** The calls made to one action, by name. */
export function callsTo(fake: FakeSession, name: string): unknown[][] {
  return fake.calls.filter(([n]) => n === name).map(([, ...args]) => args);
}
