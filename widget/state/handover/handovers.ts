import { atom, type ReadableAtom } from 'nanostores';
import type { HandoverItem, HandoverItemChange, Message } from '../../../contract/index.js';
import { currentHandover, handoverHistory, sendHandover, tickHandoverItem } from '../../api/handover.js';
import type { ApiClient } from '../../api/client.js';
import { errorMsg } from '../../messages/errors.js';
import type { EventRouter } from '../live/router.js';
import { newClientId } from '../messages/ids.js';
import type { MessageViews } from '../messages/views.js';
import { describeError } from '../shared/errors.js';

/** What a department channel's window shows of its handover notes. */
export interface HandoverState {
  /** The note pinned at the top: the newest one not deleted; null when there is none. */
  current: Message | null;
  /** The current note has been fetched at least once. */
  loaded: boolean;
  /** Why fetching it (or the history) failed, as a sentence for people. */
  error: string | null;
  /** Past notes, newest first (the current one included, as the server lists them); null until asked for. */
  history: Message[] | null;
  /** Older notes exist beyond `history`. */
  hasMore: boolean;
  loadingHistory: boolean;
}

/** Handover notes by conversation id. */
export type HandoverStates = Readonly<Record<number, HandoverState>>;

/** What the elements use: the state and the actions (through `session.handovers()`). */
export interface Handovers {
  readonly $handovers: ReadableAtom<HandoverStates>;
  /** Fetches the channel's current note (again, when called again: a window reopened may be behind). */
  open(conversationId: number): Promise<void>;
  /** The first page of past notes, then each call the next older one. */
  loadHistory(conversationId: number): Promise<void>;
  /**
   * Sends a note; resolves with the stored message, which is then the current note and in the message
   * list. Rejects with the server's ApiError (the form shows it and keeps what was typed).
   */
  send(conversationId: number, summary: string, items: readonly string[]): Promise<Message>;
  /** Ticks or unticks an item: shown at once, put back (with `fail`) if the server refuses. */
  setItem(conversationId: number, messageId: number, itemId: number, checked: boolean): Promise<void>;
}

const EMPTY: HandoverState = { current: null, loaded: false, error: null, history: null, hasMore: false, loadingHistory: false };

const isNote = (message: Message): boolean => message.kind === 'handover' && !message.is_deleted && message.handover != null;

/** `message` with `item` in place of the item of the same id (unchanged if it has none). */
function withItem(message: Message, item: HandoverItem): Message {
  const items = message.handover?.items;
  if (!items?.some((i) => i.id === item.id)) return message;
  return { ...message, handover: { items: items.map((i) => (i.id === item.id ? item : i)) } };
}

/**
 * Handover notes of department channels: the current one of each open channel, its history on demand,
 * sending a new one and ticking items. Owns `handover_item_changed`; follows `message_created` (a newer
 * note replaces the pinned one), `message_edited` and `message_deleted` (a deleted current note gives
 * way to the one before). A tick changes the same message wherever it shows: pinned, in the history and in the list.
 */
export function createHandovers(deps: {
  api: Pick<ApiClient, 'request' | 'hotelPath' | 'sendMessage'>;
  views: MessageViews;
  router: Pick<EventRouter, 'on' | 'onStored' | 'emit'>;
  log: (...args: unknown[]) => void;
  /** Shows a failure where the person sees it (the session's error line). */
  fail: (error: unknown) => void;
}): Handovers {
  const { api, views, router } = deps;
  const $handovers = atom<HandoverStates>({});

  const stateOf = (conversationId: number): HandoverState => $handovers.get()[conversationId] ?? EMPTY;
  function patch(conversationId: number, change: (state: HandoverState) => Partial<HandoverState>): void {
    const state = stateOf(conversationId);
    $handovers.set({ ...$handovers.get(), [conversationId]: { ...state, ...change(state) } });
  }

  /** Applies a changed item everywhere the note shows. */
  function applyItem({ conversation_id, message_id, item }: HandoverItemChange): void {
    const change = (message: Message) => (message.id === message_id ? withItem(message, item) : message);
    if ($handovers.get()[conversation_id]) {
      patch(conversation_id, (state) => ({
        current: state.current && change(state.current),
        history: state.history?.map(change) ?? null,
      }));
    }
    if (views.has(conversation_id) && views.get(conversation_id).messages.some((m) => m.id === message_id)) {
      views.update(conversation_id, (view) => ({ messages: view.messages.map((m) => (m.id === message_id ? { ...m, ...change(m) } : m)) }));
    }
  }

  /** A stored note (sent here, or by a colleague): newer than the pinned one, it takes its place. */
  function noteArrived(conversationId: number, message: Message): void {
    if (!$handovers.get()[conversationId]) return;
    patch(conversationId, (state) => {
      if (state.current && state.current.id >= message.id) return {};
      const history = state.history?.some((m) => m.id === message.id) === false ? [message, ...state.history] : state.history;
      return { current: message, loaded: true, history };
    });
  }

  router.on('handover_item_changed', applyItem);
  router.onStored((conversationId, messages) => {
    for (const message of messages) if (isNote(message)) noteArrived(conversationId, message);
  });
  // A colleague edited a note's summary: the pinned copy and the history follow.
  router.on('message_edited', (message) => {
    if (!$handovers.get()[message.conversation_id]) return;
    const replace = (m: Message) => (m.id === message.id ? message : m);
    patch(message.conversation_id, (state) => ({
      current: state.current && replace(state.current),
      history: state.history?.map(replace) ?? null,
    }));
  });
  router.on('message_deleted', (message) => {
    const state = $handovers.get()[message.conversation_id];
    if (!state) return;
    const wasCurrent = state.current?.id === message.id;
    patch(message.conversation_id, (s) => ({
      history: s.history?.filter((m) => m.id !== message.id) ?? null,
      ...(wasCurrent && { current: null }),
    }));
    // The note before it is pinned again: only the server knows which that is.
    if (wasCurrent) void open(message.conversation_id);
  });

  async function open(conversationId: number): Promise<void> {
    try {
      const { handover } = await currentHandover(api, conversationId);
      patch(conversationId, (state) => ({
        current: handover && state.current && state.current.id > handover.id ? state.current : handover,
        loaded: true,
        error: null,
      }));
    } catch (error) {
      deps.log('could not load the handover note', error);
      patch(conversationId, () => ({ loaded: true, error: describeError(error, errorMsg.errorLoadFailed).message }));
    }
  }

  async function loadHistory(conversationId: number): Promise<void> {
    const state = stateOf(conversationId);
    if (state.loadingHistory || (state.history && !state.hasMore)) return;
    const oldest = state.history?.at(-1)?.id;
    patch(conversationId, () => ({ loadingHistory: true }));
    try {
      const page = await handoverHistory(api, conversationId, oldest);
      patch(conversationId, (s) => {
        const known = new Set((s.history ?? []).map((m) => m.id));
        return {
          history: [...(s.history ?? []), ...page.results.filter((m) => !known.has(m.id))],
          hasMore: page.has_more,
          loadingHistory: false,
          error: null,
        };
      });
    } catch (error) {
      deps.log('could not load past handovers', error);
      patch(conversationId, () => ({ loadingHistory: false, error: describeError(error, errorMsg.errorLoadFailed).message }));
    }
  }

  async function send(conversationId: number, summary: string, items: readonly string[]): Promise<Message> {
    const stored = await sendHandover(
      api,
      conversationId,
      summary.trim(),
      items.map((item) => item.trim()),
      newClientId(),
    );
    if (!$handovers.get()[conversationId]) patch(conversationId, () => ({}));
    // The same path as any stored message: the list shows it, and noteArrived pins it.
    router.emit('stored', { conversationId, messages: [stored] });
    return stored;
  }

  /** The note as it shows now, wherever it is: pinned, in the history or in the list. */
  function findNote(conversationId: number, messageId: number): Message | undefined {
    const state = $handovers.get()[conversationId];
    const listed = views.has(conversationId) ? views.get(conversationId).messages.find((m) => m.id === messageId) : undefined;
    return [state?.current, ...(state?.history ?? []), listed].find((m): m is Message => m?.id === messageId);
  }

  async function setItem(conversationId: number, messageId: number, itemId: number, checked: boolean): Promise<void> {
    const before = findNote(conversationId, messageId)?.handover?.items.find((i) => i.id === itemId);
    if (!before || before.checked === checked) return;
    // Shown ticked at once; who and when come with the server's answer.
    applyItem({ conversation_id: conversationId, message_id: messageId, item: { ...before, checked, checked_by: null, checked_at: null } });
    try {
      applyItem(await tickHandoverItem(api, messageId, itemId, checked));
    } catch (error) {
      applyItem({ conversation_id: conversationId, message_id: messageId, item: before });
      deps.fail(error);
    }
  }

  return { $handovers, open, loadHistory, send, setItem };
}
