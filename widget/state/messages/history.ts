import type { Message } from '../../../contract/index.js';
import type { ApiClient } from '../../api/client.js';
import { errorMsg } from '../../messages/errors.js';
import type { ConversationsStore } from '../conversations/conversations.js';
import type { ReadMarksStore } from '../conversations/read-marks.js';
import type { EventRouter } from '../live/router.js';
import type { RetryDelay } from '../shared/backoff.js';
import { describeError } from '../shared/errors.js';
import { dropUnsentCopies, mergeMessages, oldestStoredId } from './merge.js';
import type { MessageViews } from './views.js';

const PAGE_SIZE = 50;
/** Catch-up stops after this many pages; polling or the next resubscribe continues from there. */
const MAX_CATCH_UP_PAGES = 20;
/** Failed catch-ups tried again by themselves (backing off); after that, polling, waking or a resubscribe do. */
const MAX_CATCH_UP_RETRIES = 5;

export interface HistoryDeps {
  api: Pick<ApiClient, 'messages'>;
  log: (...args: unknown[]) => void;
  views: MessageViews;
  router: Pick<EventRouter, 'on' | 'onStored'>;
  /** Chat windows: each catches up when the session does. */
  $openConversationIds: { get(): number[] };
  readMarks: Pick<ReadMarksStore, 'advance'>;
  conversations: Pick<ConversationsStore, 'applyMessage'>;
  retryDelay: RetryDelay;
  /** The session's current epoch (session/lifecycle.ts): a page answered after it ended is dropped. */
  signal(): AbortSignal;
  /** Hands a catch-up page to everyone who keeps stored messages (the router's `stored`). */
  receive(conversationId: number, messages: readonly Message[]): void;
  /** Stored messages seen: the viewer's own leave the outbox. */
  settle(messages: readonly Message[]): void;
}

/**
 * A conversation's messages: its latest page, older pages, and catching up after a gap. Part of the
 * lazily loaded half (session/conversation-features.ts installs it); from then on it merges every
 * stored message into its view and catches up when a channel is confirmed or the session catches up.
 */
export function createHistory(deps: HistoryDeps) {
  const { api, log, views, settle } = deps;
  const catchUps = new Map<number, Promise<void>>();
  const catchUpAgain = new Set<number>();
  const catchUpAfterLoad = new Set<number>();
  /**
   * Per conversation, the id up to which the view is known to hold every message: moved only by pages
   * the server returned (the latest page and catch-up pages). Never by the newest message held, which
   * may be the sender's own acknowledged send or a live event that overtook earlier ones while a socket
   * was down: catching up after that id would skip the messages in between for good.
   */
  const completeUpTo = new Map<number, number>();
  /** Catch-ups in a row that failed, per conversation; reset by one that succeeds. */
  const catchUpFailures = new Map<number, number>();
  const markComplete = (id: number, page: readonly Message[]) => {
    const newest = page[page.length - 1]?.id;
    if (newest !== undefined && newest > (completeUpTo.get(id) ?? 0)) completeUpTo.set(id, newest);
  };

  /** Merges stored messages into a conversation's view, if it has one, and out of the outbox. */
  function merge(conversationId: number, messages: readonly Message[]): void {
    const view = views.has(conversationId) ? views.get(conversationId) : null;
    if (view && (view.loaded || view.loading)) {
      views.update(conversationId, (v) => ({ messages: mergeMessages(v.messages, messages) }));
    } else if (view) {
      // A lone stored message in a conversation never loaded would leave a gap in its history, but
      // the optimistic copy it replaces must go.
      views.update(conversationId, (v) => ({ messages: dropUnsentCopies(v.messages, messages) }));
    }
    settle(messages);
  }

  /** An opened conversation: its latest page the first time, what came since on the next. */
  async function open(id: number): Promise<void> {
    const view = views.get(id);
    if (!view.loaded && !view.loading) await loadLatest(id);
    else if (view.loaded) void catchUp(id);
  }

  async function loadLatest(id: number): Promise<void> {
    views.update(id, () => ({ loading: true, error: null }));
    try {
      const page = await api.messages(id, { limit: PAGE_SIZE });
      views.update(id, (v) => ({
        messages: mergeMessages(v.messages, page.messages),
        hasMore: page.has_more,
        loaded: true,
        loading: false,
      }));
      settle(page.messages);
      markComplete(id, page.messages);
      deps.readMarks.advance(id, page.read_marks ?? []);
      const newest = page.messages[page.messages.length - 1];
      if (newest) deps.conversations.applyMessage(newest);
    } catch (error) {
      log('loading conversation failed', id, error);
      views.update(id, () => ({ loading: false, error: describeError(error, errorMsg.errorLoadFailed).message }));
      return;
    }
    // The channel may have been confirmed while the page was on its way: fetch what came between.
    if (catchUpAfterLoad.delete(id)) await catchUp(id);
  }

  /** Fetches the page before the oldest loaded message. */
  async function loadOlder(id: number): Promise<void> {
    const view = views.get(id);
    if (view.loading) return;
    if (!view.loaded) return loadLatest(id);
    const beforeId = oldestStoredId(view.messages);
    if (!view.hasMore || beforeId === undefined) return;
    views.update(id, () => ({ loading: true, error: null }));
    try {
      const page = await api.messages(id, { limit: PAGE_SIZE, beforeId });
      views.update(id, (v) => ({ messages: mergeMessages(v.messages, page.messages), hasMore: page.has_more, loading: false }));
    } catch (error) {
      log('loading older messages failed', id, error);
      views.update(id, () => ({ loading: false, error: describeError(error, errorMsg.errorLoadFailed).message }));
    }
  }

  /**
   * Fetches everything after the last complete page, page by page. Runs after every
   * subscription_succeeded (first and after each reconnect) and while polling; runs of one
   * conversation never overlap, a request during a run schedules one more run.
   */
  function catchUp(id: number): Promise<void> {
    const view = views.get(id);
    if (!view.loaded) {
      if (view.loading) catchUpAfterLoad.add(id);
      return Promise.resolve();
    }
    const running = catchUps.get(id);
    if (running) {
      catchUpAgain.add(id);
      return running;
    }
    const run = (async () => {
      do {
        catchUpAgain.delete(id);
        await fetchNewer(id);
      } while (catchUpAgain.has(id));
    })().finally(() => catchUps.delete(id));
    catchUps.set(id, run);
    return run;
  }

  async function fetchNewer(id: number): Promise<void> {
    const signal = deps.signal();
    try {
      for (let pages = 0; pages < MAX_CATCH_UP_PAGES; pages += 1) {
        const afterId = completeUpTo.get(id) ?? 0;
        const page = await api.messages(id, { limit: PAGE_SIZE, afterId });
        if (signal.aborted) return;
        deps.readMarks.advance(id, page.read_marks ?? []);
        deps.receive(id, page.messages);
        markComplete(id, page.messages);
        if (!page.has_more || page.messages.length === 0) break;
      }
      catchUpFailures.delete(id);
    } catch (error) {
      log('catch-up failed', id, error);
      // With the socket still up nothing else would fetch again until the next reconnect, so a message
      // stored meanwhile (and whose live event went missing) would wait that long: try again, backing off.
      const failures = (catchUpFailures.get(id) ?? 0) + 1;
      catchUpFailures.set(id, failures);
      if (failures <= MAX_CATCH_UP_RETRIES) {
        setTimeout(() => {
          if (!signal.aborted) void catchUp(id);
        }, deps.retryDelay(failures));
      }
    }
  }

  deps.router.onStored(merge);
  deps.router.on('subscribed', (id) => void catchUp(id));
  deps.router.on('catch_up', () => {
    for (const id of deps.$openConversationIds.get()) void catchUp(id);
  });

  return { merge, open, loadOlder, catchUp };
}
