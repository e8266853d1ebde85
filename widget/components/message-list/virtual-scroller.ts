import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { HeightCache } from './height-cache.js';
import { EMPTY_WINDOW, rowOffsets, visibleWindow, type WindowRange } from './virtual-window.js';

/** Assumed height of a row before any row was measured (a one-line bubble). */
const FIRST_ESTIMATE_PX = 56;
/** Viewport height assumed before the scroller exists. */
const FALLBACK_VIEWPORT_PX = 600;
/** Never more rows in the DOM than this, however small they are (DESIGN.md: fewer than 200). */
const MAX_ROWS = 120;
/** How close to the end (px) still counts as "reading the newest", so new rows scroll into view. */
const STICK_TO_END_PX = 48;

/**
 * What the person is reading: a row, and where its anchor point is relative to the top of the
 * viewport. The point is the top of the row's last element, so that decorations above it inside the
 * row (a day separator that goes away when the previous day's messages load) do not move the reader.
 */
interface Anchor {
  key: string;
  offset: number;
}

export interface VirtualScrollerOptions {
  /** The scrolling element, once rendered. */
  scroller(): HTMLElement | null;
  /** Every row's key, first to last; the same array for as long as the rows are the same. */
  keys(): readonly string[];
  /** The person scrolled to within a screen of the top. */
  onNearTop?(): void;
  /** The person scrolled to the end. */
  onReachEnd?(): void;
}

/**
 * Renders only the rows near the viewport of a long list, with spacers standing in for the rest,
 * and keeps what the person reads still while rows come and go around it.
 *
 * Heights are measured with a ResizeObserver and cached per key; rows never measured take the mean
 * of those that were. Because those estimates are wrong, positions are never trusted to the
 * arithmetic: before every change the first visible row and its offset are remembered (the anchor),
 * and after the DOM changed the scroll offset is corrected by however far that row moved. When the
 * person is at the end (`stick`), the end stays in view instead. The host renders `renderWindow()`
 * inside the scroller and binds `onScroll` to its scroll event.
 *
 * @example
 * private readonly rows = new VirtualScroller(this, { scroller: () => this.log, keys: () => this.keys });
 * render() { return html`<div class="log" @scroll=${this.rows.onScroll}>${this.rows.renderWindow(items, keyOf, row)}</div>`; }
 */
export class VirtualScroller implements ReactiveController {
  readonly heights = new HeightCache(FIRST_ESTIMATE_PX);
  /** The rows rendered by the current update. */
  range: WindowRange = EMPTY_WINDOW;
  /** Follow the end: true while the person is at (or near) the last row. */
  stick = true;
  /** Scrolled more than a screen away from the end. */
  farFromEnd = false;

  private readonly host: ReactiveControllerHost;
  private readonly options: VirtualScrollerOptions;
  private anchor: Anchor | null = null;
  /** Where this controller last saw or put the scroll offset; anything else is the person scrolling. */
  private lastTop = 0;
  /** Scroll offset (from the first row) that puts the anchor in place, by the cached heights. */
  private plannedTop: number | null = null;
  /** Offset of the first row (the top spacer) within the scrolled content. */
  private rowsTop = 0;
  private offsets = rowOffsets(0, () => 0);
  private offsetsKeys: readonly string[] = [];
  private offsetsVersion = -1;
  private frame = 0;
  private readonly observed = new Set<Element>();
  private readonly resizeObserver = new ResizeObserver((entries) => this.onResize(entries));

  constructor(host: ReactiveControllerHost, options: VirtualScrollerOptions) {
    this.host = host;
    this.options = options;
    host.addController(this);
  }

  /** Height of the scroller's viewport. */
  get viewportHeight(): number {
    return this.options.scroller()?.clientHeight || FALLBACK_VIEWPORT_PX;
  }

  /** Within a screen of the top of the content. */
  get nearTop(): boolean {
    const scroller = this.options.scroller();
    return !!scroller && !this.stick && scroller.scrollTop < scroller.clientHeight;
  }

  /** Puts the row `offset` px below the top of the viewport and keeps it there while rows settle. */
  scrollToKey(key: string, offset: number): void {
    this.stick = false;
    this.anchor = { key, offset };
    this.lastTop = this.options.scroller()?.scrollTop ?? 0;
    this.host.requestUpdate();
  }

  /** Scrolls to the end and follows it. */
  scrollToEnd(): void {
    this.stick = true;
    this.farFromEnd = false;
    this.host.requestUpdate();
  }

  /** Forgets heights and position, for a different list. */
  reset(): void {
    this.heights.clear();
    this.anchor = null;
    this.plannedTop = null;
    this.stick = true;
    this.farFromEnd = false;
    // The scroller is reused: its old offset is not the person scrolling the new list.
    this.lastTop = this.options.scroller()?.scrollTop ?? 0;
  }

  hostConnected(): void {
    // Moved in the document: nothing re-renders, so observe again what was observed before.
    const scroller = this.options.scroller();
    if (!scroller) return;
    this.observe(scroller);
    for (const row of this.rows(scroller)) this.observe(row);
  }

  hostDisconnected(): void {
    this.resizeObserver.disconnect();
    this.observed.clear();
    cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  /** Before render: choose the rows, around the end or around the anchor. */
  hostUpdate(): void {
    const scroller = this.options.scroller();
    if (scroller) this.noticeScrolling(scroller);
    const offsets = this.layout();
    const count = offsets.length - 1;
    const viewport = this.viewportHeight;
    let top: number;
    const index = this.anchor && !this.stick ? this.offsetsKeys.indexOf(this.anchor.key) : -1;
    if (this.stick) {
      top = offsets[count]! - viewport;
    } else if (index >= 0) {
      top = offsets[index]! - this.anchor!.offset;
      this.plannedTop = top;
    } else {
      this.anchor = null;
      top = (scroller?.scrollTop ?? 0) - this.rowsTop;
    }
    // Nothing measured yet (a conversation just opened): the rows in view alone show sooner; the
    // overscan follows in the next frame, once their heights are known.
    this.range = visibleWindow(offsets, top, viewport, this.heights.size ? viewport : 0, MAX_ROWS);
  }

  /** After render: measure the new rows, then put the anchor (or the end) back where it was. */
  hostUpdated(): void {
    const scroller = this.options.scroller();
    if (!scroller) return;
    this.observe(scroller);
    for (const row of this.rows(scroller)) this.observe(row);
    for (const element of this.observed) {
      if (!element.isConnected) {
        this.resizeObserver.unobserve(element);
        this.observed.delete(element);
      }
    }
    const spacer = scroller.querySelector('[data-spacer]');
    if (spacer) this.rowsTop = spacer.getBoundingClientRect().top - this.viewportTop(scroller) + scroller.scrollTop;
    if (this.plannedTop !== null && !this.stick) {
      scroller.scrollTop = this.rowsTop + this.plannedTop;
      this.lastTop = scroller.scrollTop;
    }
    this.plannedTop = null;
    this.restore(scroller);
  }

  /** Bind to the scroller's `scroll` event. */
  readonly onScroll = (): void => {
    const scroller = this.options.scroller();
    if (!scroller) return;
    if (this.noticeScrolling(scroller)) {
      if (this.stick) this.options.onReachEnd?.();
      else if (scroller.scrollTop < scroller.clientHeight) this.options.onNearTop?.();
    }
    const far = !this.stick && this.distanceFromEnd(scroller) > scroller.clientHeight;
    if (far !== this.farFromEnd || this.windowNeedsMoving(scroller)) {
      this.farFromEnd = far;
      this.host.requestUpdate();
    }
  };

  /**
   * The spacers and the rendered rows, each wrapped in a `.virtual-row` element (`data-key`) that is
   * measured; style it `display: flow-root` so margins inside count toward its height.
   */
  renderWindow<T>(items: readonly T[], keyOf: (item: T) => string, row: (item: T, index: number) => unknown) {
    const { start, end, before, after } = this.range;
    // Heights go through the CSSOM (`.style` forwards to cssText), which a strict CSP allows, unlike style attributes.
    return html`<div data-spacer .style=${`height: ${before}px`}></div>
      ${repeat(
        items.slice(start, end),
        keyOf,
        (item, i) => html`<div class="virtual-row" data-key=${keyOf(item)}>${row(item, start + i)}</div>`,
      )}
      <div .style=${`height: ${after}px`}></div>`;
  }

  private layout(): Float64Array {
    const keys = this.options.keys();
    if (keys !== this.offsetsKeys || this.heights.version !== this.offsetsVersion) {
      this.offsets = rowOffsets(keys.length, (i) => this.heights.heightOf(keys[i]!));
      this.offsetsKeys = keys;
      this.offsetsVersion = this.heights.version;
    }
    return this.offsets;
  }

  /**
   * When the offset is not where this controller left it, the person scrolled: what they now see
   * becomes the anchor, and whether they are at the end decides `stick`. True when they scrolled.
   */
  private noticeScrolling(scroller: HTMLElement): boolean {
    if (Math.abs(scroller.scrollTop - this.lastTop) <= 1) return false;
    this.stick = this.distanceFromEnd(scroller) <= STICK_TO_END_PX;
    this.capture(scroller);
    return true;
  }

  private capture(scroller: HTMLElement): void {
    const top = this.viewportTop(scroller);
    this.anchor = null;
    for (const row of this.rows(scroller)) {
      if (row.getBoundingClientRect().bottom > top) {
        this.anchor = { key: row.dataset.key!, offset: this.anchorPoint(row) - top };
        break;
      }
    }
    this.lastTop = scroller.scrollTop;
  }

  private restore(scroller: HTMLElement): void {
    if (this.stick) {
      scroller.scrollTop = scroller.scrollHeight;
      this.lastTop = scroller.scrollTop;
      return;
    }
    const anchor = this.anchor;
    const row = anchor && this.rows(scroller).find((r) => r.dataset.key === anchor.key);
    if (!anchor || !row) {
      this.capture(scroller);
      return;
    }
    const moved = this.anchorPoint(row) - this.viewportTop(scroller) - anchor.offset;
    if (Math.abs(moved) >= 0.5) scroller.scrollTop += moved;
    this.lastTop = scroller.scrollTop;
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    let changed = false;
    for (const entry of entries) {
      const key = (entry.target as HTMLElement).dataset.key;
      if (key === undefined)
        changed = true; // the viewport itself: more or fewer rows fit
      else if (entry.target.isConnected)
        changed = this.heights.set(key, entry.borderBoxSize[0]?.blockSize ?? entry.contentRect.height) || changed;
    }
    const scroller = this.options.scroller();
    if (scroller) {
      this.noticeScrolling(scroller);
      this.restore(scroller);
    }
    // Re-rendering now would add rows that this ResizeObserver round cannot deliver (a "loop
    // completed with undelivered notifications" error); the next frame measures them normally.
    if (changed && !this.frame) {
      this.frame = requestAnimationFrame(() => {
        this.frame = 0;
        this.host.requestUpdate();
      });
    }
  }

  private windowNeedsMoving(scroller: HTMLElement): boolean {
    const offsets = this.layout();
    const count = offsets.length - 1;
    const { start, end } = this.range;
    const top = scroller.scrollTop - this.rowsTop;
    const margin = scroller.clientHeight / 2;
    return (start > 0 && top - margin < offsets[start]!) || (end < count && top + scroller.clientHeight + margin > offsets[end]!);
  }

  private observe(element: Element): void {
    if (this.observed.has(element)) return;
    this.observed.add(element);
    this.resizeObserver.observe(element);
  }

  private rows(scroller: HTMLElement): HTMLElement[] {
    return [...scroller.querySelectorAll<HTMLElement>('.virtual-row')];
  }

  private anchorPoint(row: HTMLElement): number {
    return (row.lastElementChild ?? row).getBoundingClientRect().top;
  }

  private viewportTop(scroller: HTMLElement): number {
    return scroller.getBoundingClientRect().top + scroller.clientTop;
  }

  private distanceFromEnd(scroller: HTMLElement): number {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight;
  }
}
