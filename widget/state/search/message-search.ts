import { atom, type ReadableAtom } from 'nanostores';
import type { SearchResult } from '../../../contract/index.js';
import type { ApiClient } from '../../api/client.js';
import { errorMsg } from '../../messages/errors.js';
import { describeError } from '../shared/errors.js';

export interface SearchState {
  /** What the shown results answer, as typed; '' when nothing is searched. */
  query: string;
  results: SearchResult[];
  /** A first page or "Load more" is on its way. */
  loading: boolean;
  /** Why the last request failed, as a sentence for people; `retry()` asks again. */
  error: string | null;
  /** The server has more results: `more()` fetches the next page. */
  hasMore: boolean;
}

/** One search box's results: the panel's (every conversation) or one window's. */
export interface SearchScope {
  readonly $state: ReadableAtom<SearchState>;
  /** Searches for `text` from its first page; blank text (or only punctuation) clears the results. */
  search(text: string): Promise<void>;
  /** The next page, appended. */
  more(): Promise<void>;
  /** The request that failed, again. */
  retry(): Promise<void>;
  clear(): void;
}

/** A request to show one message in its conversation's window (a search result was chosen). */
export interface MessageTarget {
  conversationId: number;
  messageId: number;
}

export interface MessageSearch {
  /** The scope of one conversation, or of all the caller's (no id); the same object for the same id. */
  scope(conversationId?: number): SearchScope;
  /** The message a window should scroll to and highlight; the window takes it with `take`. */
  readonly $target: ReadableAtom<MessageTarget | null>;
  openAt(conversationId: number, messageId: number): void;
  /** The window of `conversationId` has shown the target: forget it. */
  take(conversationId: number): void;
}

const EMPTY: SearchState = { query: '', results: [], loading: false, error: null, hasMore: false };
/** The server refuses a query without a letter or digit (400); it is not worth a request. */
const SEARCHABLE = /[\p{L}\p{N}]/u;

/**
 * Message search (README "Search"): one scope per search box, each showing only the answer to its
 * latest query however answers interleave, paging with the server's `next_cursor` (which continues
 * exactly where a ranked page ended, unlike `before_id`). Part of the lazily loaded features.
 */
export function createMessageSearch(api: Pick<ApiClient, 'searchMessages'>, log: (...args: unknown[]) => void): MessageSearch {
  const scopes = new Map<number, SearchScope>();
  const $target = atom<MessageTarget | null>(null);

  function createScope(conversationId: number | undefined): SearchScope {
    const $state = atom<SearchState>(EMPTY);
    let ticket = 0;
    let cursor: string | null = null;
    /** What `retry` repeats: the first page of a query, or the page after `cursor`. */
    let failed: (() => Promise<void>) | null = null;

    async function fetchPage(query: string, after: string | null): Promise<void> {
      const mine = ++ticket;
      $state.set({ ...$state.get(), query, loading: true, error: null });
      try {
        const page = await api.searchMessages({
          q: query,
          ...(conversationId !== undefined && { conversationId }),
          ...(after !== null && { cursor: after }),
        });
        if (mine !== ticket) return;
        cursor = page.next_cursor;
        failed = null;
        const results = after === null ? page.results : [...$state.get().results, ...page.results];
        $state.set({ query, results, loading: false, error: null, hasMore: page.has_more && cursor !== null });
      } catch (error) {
        if (mine !== ticket) return;
        log('message search failed', error);
        failed = () => fetchPage(query, after);
        $state.set({ ...$state.get(), loading: false, error: describeError(error, errorMsg.errorLoadFailed).message });
      }
    }

    return {
      $state,
      search(text) {
        if (!SEARCHABLE.test(text)) {
          this.clear();
          return Promise.resolve();
        }
        cursor = null;
        if ($state.get().query !== text) $state.set({ ...EMPTY, query: text });
        return fetchPage(text, null);
      },
      more() {
        const { query, loading, hasMore } = $state.get();
        if (loading || !hasMore || cursor === null) return Promise.resolve();
        return fetchPage(query, cursor);
      },
      retry: () => failed?.() ?? Promise.resolve(),
      clear() {
        ticket++;
        cursor = null;
        failed = null;
        $state.set(EMPTY);
      },
    };
  }

  return {
    scope(conversationId) {
      const key = conversationId ?? 0;
      let scope = scopes.get(key);
      if (!scope) {
        scope = createScope(conversationId);
        scopes.set(key, scope);
      }
      return scope;
    },
    $target,
    openAt: (conversationId, messageId) => $target.set({ conversationId, messageId }),
    take(conversationId) {
      if ($target.get()?.conversationId === conversationId) $target.set(null);
    },
  };
}
