import { PREVIEW_LENGTH } from './limits.js';

/** NUL (PostgreSQL cannot store it in text) or a lone UTF-16 surrogate (JSON can spell one, `"\ud800"`, but it is no character and has no UTF-8 form). */
// eslint-disable-next-line no-control-regex -- NUL is the character this looks for
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `text` can be stored as it is by both databases: no NUL and no lone surrogate. Every
 * free-text field that reaches the database (and every text claim of the token) is held to it, so
 * SQLite and PostgreSQL refuse the same input.
 *
 * @example isStorableText('a\ud800b') // false
 */
export function isStorableText(text: string): boolean {
  return !UNSTORABLE.test(text);
}

/** `text` cut to {@link PREVIEW_LENGTH} code points (never inside an emoji), as previews and reply quotes are sent. */
export function previewText(text: string): string {
  if (text.length <= PREVIEW_LENGTH) return text;
  return Array.from(text).slice(0, PREVIEW_LENGTH).join('');
}
