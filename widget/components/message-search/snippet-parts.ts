/** A piece of a search snippet: plain text, and whether it is a matched word. */
export interface SnippetPart {
  text: string;
  hit: boolean;
}

/**
 * Cuts a result's `snippet` at its `highlights` (`[start, end)` UTF-16 offsets, README "Search") into
 * text pieces, so the element wraps the hits in `<mark>` of its own and never renders markup. Offsets
 * out of range, empty, out of order or overlapping are skipped rather than trusted.
 */
export function snippetParts(snippet: string, highlights: readonly (readonly [number, number])[]): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < at || end <= start || end > snippet.length) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), hit: false });
    parts.push({ text: snippet.slice(start, end), hit: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), hit: false });
  return parts;
}
