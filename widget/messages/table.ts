import type { coreStrings } from './core.js';
import type { errorStrings } from './errors.js';
import type { searchStrings } from './search-strings.js';
import type { uiStrings } from './ui.js';

/**
 * One language's strings: what a translation in ./locales/ provides (every key, checked by the type
 * and by locales.test.ts) and what a portal may pass in part (`strings`, `registerLocale`).
 */
export type Messages = typeof coreStrings & typeof uiStrings & typeof errorStrings & typeof searchStrings;
