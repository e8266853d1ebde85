/**
 * Up, Down, Home and End among a column of items, such as a menu's items or the conversation rows:
 * moves focus from the item at `at` (-1 for none) to the next, previous, first or last one, and
 * takes the key from the page (no scrolling). Any other key is left alone. Past either end it wraps
 * round (`wrap`, as in a menu) or stays on the end item (`stop`, as in a list).
 */
export function moveFocusByKey(event: KeyboardEvent, items: readonly HTMLElement[], at: number, ends: 'wrap' | 'stop'): void {
  const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
  if (next === undefined || items.length === 0) return;
  event.preventDefault();
  const last = items.length - 1;
  items[ends === 'wrap' ? (next + items.length) % items.length : Math.max(0, Math.min(last, next))]?.focus();
}
