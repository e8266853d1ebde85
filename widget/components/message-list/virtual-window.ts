/*
 * The arithmetic of a windowed list, without a DOM: where each row starts, which row is at a given
 * scroll offset, and which rows to render for a viewport. Rows are stacked top to bottom; `offsets[i]`
 * is the top of row i and `offsets[count]` the height of them all.
 */

/** The rows to render, `[start, end)`, and the space the rows outside it take above and below. */
export interface WindowRange {
  start: number;
  end: number;
  /** Height of rows `[0, start)`: the top spacer. */
  before: number;
  /** Height of rows `[end, count)`: the bottom spacer. */
  after: number;
}

export const EMPTY_WINDOW: WindowRange = { start: 0, end: 0, before: 0, after: 0 };

/** The top of every row, plus the total height at the end, from each row's (measured or estimated) height. */
export function rowOffsets(count: number, heightOf: (index: number) => number): Float64Array {
  const offsets = new Float64Array(count + 1);
  for (let i = 0; i < count; i++) offsets[i + 1] = offsets[i]! + heightOf(i);
  return offsets;
}

/** The row under offset `y` (clamped to the first and last row); -1 when there are no rows. */
export function rowAt(offsets: Float64Array, y: number): number {
  const count = offsets.length - 1;
  if (count <= 0) return -1;
  // The last row whose top is at or above y.
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (offsets[mid]! <= y) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * The rows that cover the viewport `[top, top + height)` plus `overscan` pixels on each side, never
 * more than `maxRows` (the rows in view are kept first, then the overscan is shared by both sides).
 */
export function visibleWindow(offsets: Float64Array, top: number, height: number, overscan: number, maxRows: number): WindowRange {
  const count = offsets.length - 1;
  const total = offsets[count]!;
  if (count <= 0) return EMPTY_WINDOW;
  const firstVisible = rowAt(offsets, top);
  const endVisible = Math.min(count, Math.max(firstVisible, rowAt(offsets, top + height)) + 1);
  let start = rowAt(offsets, top - overscan);
  let end = Math.min(count, rowAt(offsets, top + height + overscan) + 1);
  if (endVisible - firstVisible >= maxRows) {
    start = firstVisible;
    end = firstVisible + maxRows;
  } else if (end - start > maxRows) {
    const spare = maxRows - (endVisible - firstVisible);
    start = Math.max(start, firstVisible - Math.ceil(spare / 2));
    end = Math.min(end, endVisible + (spare - (firstVisible - start)));
  }
  return { start, end, before: offsets[start]!, after: total - offsets[end]! };
}
