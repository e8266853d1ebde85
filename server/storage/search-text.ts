/**
 * Message search, the part that is plain text work and the same for every database: turning what a
 * person typed into words, deciding whether a message really matches, scoring it, and cutting a
 * snippet with the matched words' ranges. The databases only find candidates (search-queries.ts);
 * everything a person sees is decided here, so SQLite and PostgreSQL answer alike.
 *
 * Words are runs of letters, digits and combining marks; everything else separates them, as SQLite's
 * `unicode61` tokenizer does. A word is compared folded: decomposed (NFD), combining diacritics
 * removed, lower-cased, so "Müller" matches "muller" and "CAFÉ" matches "cafe" (what
 * `remove_diacritics 2` does in SQLite and the migration's `normalize(…, NFD)` in PostgreSQL).
 * Letters without a decomposition stay themselves in all three: "ß", "ł", "ø", Turkish "ı".
 */

/** Longest query, in characters (UTF-16 code units, as the widget's input counts them). */
export const SEARCH_QUERY_MAX_LENGTH = 200;

/** Words of a query past this many are ignored: each costs the database one more doclist to intersect. */
export const SEARCH_MAX_TERMS = 8;

/** The last word matches as a prefix only from this many characters on (shorter prefixes match too much). */
export const PREFIX_MIN_LENGTH = 3;

/** About how long a snippet is, in UTF-16 code units (longer messages are cut around the first match). */
export const SNIPPET_LENGTH = 160;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const DIACRITICS = /[\u0300-\u036f]/g;

/** A query as the storage runs it: folded words, all required; the last may match as a prefix. */
export interface SearchQuery {
  terms: string[];
  /** The last term also matches words it begins ("tow" finds "towels"). */
  prefix: boolean;
}

/** One word of a text: where it is (UTF-16 offsets, end exclusive) and its folded form. */
interface Word {
  start: number;
  end: number;
  folded: string;
}

/** The comparable form of a word: NFD, combining diacritics removed, lower case. */
export function fold(word: string): string {
  // Most words are ASCII, which has nothing to decompose: skipping NFD makes ranking a band ~5× cheaper.
  if (ASCII.test(word)) return word.toLowerCase();
  return word.normalize('NFD').replace(DIACRITICS, '').toLowerCase();
}

// eslint-disable-next-line no-control-regex -- every ASCII character, control characters included
const ASCII = /^[\x00-\x7f]*$/;

function words(text: string): Word[] {
  const found: Word[] = [];
  for (const match of text.matchAll(WORD)) {
    const folded = fold(match[0]);
    // A word of diacritics alone folds to nothing; the databases drop it too.
    if (folded) found.push({ start: match.index, end: match.index + match[0].length, folded });
  }
  return found;
}

/**
 * What the storage searches for, or undefined when the text holds no word at all (only punctuation,
 * quotes, `*`, `-`…). Repeated words count once; past {@link SEARCH_MAX_TERMS} they are dropped. Query
 * syntax means nothing here: `"`, `*`, `NEAR`, `OR`, `-` and `:` are ordinary text, so no input can
 * make a database parse an expression.
 *
 * @example parseSearchQuery('Müller tow') // { terms: ['muller', 'tow'], prefix: true }
 */
export function parseSearchQuery(text: string): SearchQuery | undefined {
  const terms: string[] = [];
  for (const word of words(text)) {
    if (!terms.includes(word.folded)) terms.push(word.folded);
  }
  if (terms.length === 0) return undefined;
  const kept = terms.slice(0, SEARCH_MAX_TERMS);
  const last = kept.at(-1)!;
  // A query ending in a space (or any separator) has finished its last word: no prefix then.
  const stillTyping = /[\p{L}\p{N}\p{M}]$/u.test(text) && terms.length <= SEARCH_MAX_TERMS;
  return { terms: kept, prefix: stillTyping && last.length >= PREFIX_MIN_LENGTH };
}

/** A message that matches, with its score and the ranges of every matched word in its text. */
export interface TextMatch {
  /** Higher is better; a whole number, so a cursor can carry it exactly. */
  score: number;
  /** `[start, end)` UTF-16 offsets into the message text, in order. */
  ranges: [number, number][];
}

/**
 * Whether `text` holds every term of `query` (the last as a prefix when `query.prefix`), and how well.
 * Undefined when it does not: the database's candidates are checked again here, so a tokenizer that
 * differs in some corner of Unicode can only drop a result, never show one without its highlight.
 *
 * The score, in order of weight: every term found as a phrase (consecutive, in order); how often each
 * term occurs (saturating: the third "towels" adds little); the last term found whole rather than only
 * as a prefix; shorter messages first. It depends on the message and the query alone, never on the
 * rest of the database, so paging by it is stable while others write.
 */
export function matchText(text: string, query: SearchQuery): TextMatch | undefined {
  const all = words(text);
  const lastIndex = query.terms.length - 1;
  // For each word, the index of the term it matches, or -1; one pass over the words.
  const termOf = all.map((word) => {
    for (let index = 0; index <= lastIndex; index++) {
      const term = query.terms[index]!;
      if (word.folded === term || (index === lastIndex && query.prefix && word.folded.startsWith(term))) return index;
    }
    return -1;
  });
  const counts = query.terms.map(() => 0);
  for (const index of termOf) if (index >= 0) counts[index]!++;
  if (counts.some((count) => count === 0)) return undefined;

  let score = 10_000;
  for (const count of counts) score += Math.round((1000 * count) / (count + 1));
  if (lastIndex > 0 && hasPhrase(termOf, lastIndex)) score += 3000;
  if (query.prefix && all.some((word) => word.folded === query.terms[lastIndex])) score += 300;
  score -= Math.min(2000, all.length * 10);

  const ranges: [number, number][] = [];
  all.forEach((word, index) => {
    if (termOf[index]! >= 0) ranges.push([word.start, word.end]);
  });
  return { score, ranges };
}

/** Whether terms 0…last follow each other somewhere. A word matches one term only (the first it fits). */
function hasPhrase(termOf: number[], last: number): boolean {
  for (let start = 0; start + last < termOf.length; start++) {
    let offset = 0;
    while (offset <= last && termOf[start + offset] === offset) offset++;
    if (offset > last) return true;
  }
  return false;
}

/** A piece of a message to show, with the matched words' ranges relative to it. */
export interface Snippet {
  snippet: string;
  highlights: [number, number][];
}

/**
 * The message cut to about {@link SNIPPET_LENGTH} around its first match, at word boundaries where
 * possible and never inside a surrogate pair, with "…" where text was left out. `highlights` are
 * `[start, end)` UTF-16 offsets into `snippet`, for the widget to wrap in elements of its own: the
 * snippet is text, never markup.
 */
export function snippetOf(text: string, ranges: readonly (readonly [number, number])[]): Snippet {
  if (text.length <= SNIPPET_LENGTH) return { snippet: text, highlights: ranges.map(([start, end]) => [start, end]) };
  const [firstStart, firstEnd] = ranges[0] ?? [0, 0];
  // A little context before the first match, the rest after it.
  let to = Math.min(text.length, Math.max(firstStart - Math.floor(SNIPPET_LENGTH / 4), 0) + SNIPPET_LENGTH);
  let from = Math.max(0, to - SNIPPET_LENGTH);
  // Cut between words, never inside one (unless the match itself is longer than the snippet).
  while (from > 0 && from < firstStart && isWordChar(text[from - 1]) && isWordChar(text[from])) from++;
  while (to < text.length && to > firstEnd && isWordChar(text[to - 1]) && isWordChar(text[to])) to--;
  while (from < firstStart && /\s/.test(text[from]!)) from++;
  while (to > firstEnd && /\s/.test(text[to - 1]!)) to--;
  // Never half of a surrogate pair.
  if (isLowSurrogate(text.charCodeAt(from))) from++;
  if (isHighSurrogate(text.charCodeAt(to - 1))) to--;

  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  const shift = prefix.length - from;
  const highlights: [number, number][] = ranges
    .filter(([start, end]) => start >= from && end <= to)
    .map(([start, end]) => [start + shift, end + shift]);
  return { snippet: `${prefix}${text.slice(from, to)}${suffix}`, highlights };
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}\p{M}]/u.test(char);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
