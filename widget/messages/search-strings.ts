/**
 * The strings of message search, a table of its own (bound like ui.ts's, translated in ./locales/ like
 * every other) so that only the lazily loaded search element carries their English: ui.ts's table
 * travels with the entry script, whose budget has no room left.
 */
import { bindMessages } from './locale.js';
import { pluralFor } from './plural.js';

const plural = pluralFor('en');

/** The English originals; read `searchMsg`, which holds the current language. */
export const searchStrings = {
  /** Message search: the panel's (every conversation) and a window's (that conversation). */
  searchMessages: 'Search messages',
  searchInConversation: 'Search in this conversation',
  closeSearch: 'Close search',
  searching: 'Searching…',
  searchResultsLabel: 'Search results',
  searchResultCount: (n: number) => plural(n, { one: '1 message found', other: `${n} messages found` }),
  /** Nothing matched `query` (as typed). */
  noMessagesFound: (query: string) => `No messages contain “${query}”. Check the spelling or try fewer words.`,
  loadMoreResults: 'Load more results',
  /** Before the reason, when a search fails; a Retry button follows. */
  searchFailed: 'The search did not work.',
  /** A chosen result that the window could not reach (older than it loads to, or deleted since). */
  messageNotShown: 'That message could not be shown here: it is too far back, or it was deleted since.',
};

export const searchMsg = bindMessages({ ...searchStrings });
