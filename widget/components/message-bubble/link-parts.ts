/**
 * Finds the links in a message's text: `http://` and `https://` URLs, `www.` addresses, `mailto:` and
 * `tel:`. Plain TypeScript, no Lit: the bubble renders the parts with its own templates, so the text is
 * never parsed as HTML and no other scheme (`javascript:`, `data:`…) can ever become a link.
 *
 * A small hand-written cousin of linkify-it's rules (which would cost more than the whole bubble):
 * a link starts at a word boundary, runs to the next space, and gives back what a sentence put after it
 * (`.` `,` `;` `:` `!` `?` quotes, and a `)` `]` `}` it did not open), so "see https://x.org/a." links
 * `https://x.org/a` and "(https://x.org/wiki/A_(b))" keeps the inner pair.
 */

/** A run of the text: plain, or a link with the address to open. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

/**
 * Candidates: a scheme we allow, or `www.`, not glued to a letter or digit before it (so "xhttp://" and
 * "awww.b" are not links). What follows runs to the next space or character that never belongs in one.
 */
const CANDIDATE = /(?<![\p{L}\p{N}_@.:/-])(?:https?:\/\/|www\.|mailto:|tel:)[^\s<>"`\u00a0\u3000]+/giu;
/** A cheap first look: without one of these, nothing in the text can be a link. */
const MAYBE_LINK = /:\/\/|www\.|mailto:|tel:/i;
/** Punctuation that ends a sentence rather than a link, when it is last (Latin, Arabic and CJK). */
const TRAILING = /[.,;:!?'"\u2019\u201d*_~\u060c\u061b\u061f\u06d4\u3001\u3002]$/u;
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const EMAIL = /^[^\s@/:]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$/u;
/** A host: at least one label of letters or digits, then more labels or a port or a path. */
const HOST = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?(?:\.[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?)*(?::\d+)?(?:[/?#]|$)/u;

/** Drops what a sentence put after the link: trailing punctuation and closing brackets it did not open. */
function trimEnd(candidate: string): string {
  let text = candidate;
  for (;;) {
    const last = text.slice(-1);
    if (TRAILING.test(last)) {
      text = text.slice(0, -1);
      continue;
    }
    const opener = CLOSERS[last];
    if (opener !== undefined) {
      const opened = text.split(opener).length - 1;
      const closed = text.split(last).length - 1;
      if (closed > opened) {
        text = text.slice(0, -1);
        continue;
      }
    }
    return text;
  }
}

/** The address to open for a candidate, or null when it is not a link after all ("https://", "tel:abc"). */
function hrefOf(text: string): string | null {
  const lower = text.toLowerCase();
  if (lower.startsWith('mailto:')) return EMAIL.test(text.slice(7).split('?')[0] ?? '') ? text : null;
  if (lower.startsWith('tel:')) return /^\+?\d[\d\-.()]*\d$/.test(text.slice(4)) ? text : null;
  const web = lower.startsWith('www.') ? `https://${text}` : text;
  const host = web.slice(web.indexOf('//') + 2);
  // "www." alone, or "www.x" without a dot after it, is a word, not an address.
  if (lower.startsWith('www.') && !/^www\.[^./?#]+\.[^./?#]/i.test(text)) return null;
  if (!HOST.test(host)) return null;
  try {
    return new URL(web).href;
  } catch {
    return null;
  }
}

/**
 * The text cut into plain runs and links, in order; joined, their `text`s give back the input exactly.
 *
 * @example
 * textParts('Menu: www.grand.example/menu.')
 * // [{ text: 'Menu: ' }, { text: 'www.grand.example/menu', href: 'https://www.grand.example/menu' }, { text: '.' }]
 */
export function textParts(text: string): TextPart[] {
  // Most messages hold no address at all: they need no pass of the Unicode-aware pattern.
  if (!MAYBE_LINK.test(text)) return text ? [{ text }] : [];
  const parts: TextPart[] = [];
  let plainFrom = 0;
  for (const match of text.matchAll(CANDIDATE)) {
    const start = match.index;
    const candidate = trimEnd(match[0]);
    const href = candidate ? hrefOf(candidate) : null;
    if (href === null) continue;
    if (start > plainFrom) parts.push({ text: text.slice(plainFrom, start) });
    parts.push({ text: candidate, href });
    plainFrom = start + candidate.length;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom) });
  return parts;
}
