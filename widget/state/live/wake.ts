export interface WakeOptions {
  /** How often the timer that notices sleep ticks. Default 10 s. */
  heartbeatMs?: number;
  /** A tick this much later than due means the machine slept or froze the tab. Default 30 s. */
  gapMs?: number;
  /** Defaults to `document.visibilityState`. */
  isVisible?: () => boolean;
  now?: () => number;
}

/**
 * Calls `onWake` when the page may have missed things while it was not really running: the tab is
 * shown again, the browser is back online, the page returns from the back/forward cache, or timers
 * stopped for a long while (the laptop slept). A socket that slept can look connected and still have
 * missed events, so this is the cue to catch up over REST rather than to wait for pusher-js.
 * Returns the function that stops watching.
 *
 * @example
 * const unwatch = watchWake(() => void catchUpEverything());
 */
export function watchWake(onWake: () => void, options: WakeOptions = {}): () => void {
  const heartbeatMs = options.heartbeatMs ?? 10_000;
  const gapMs = options.gapMs ?? 30_000;
  const now = options.now ?? Date.now;
  const doc = globalThis.document as Document | undefined;
  const isVisible = options.isVisible ?? (() => doc?.visibilityState !== 'hidden');
  const win = globalThis.window as Window | undefined;

  const onVisibility = (): void => {
    if (isVisible()) onWake();
  };
  const onPageShow = (event: PageTransitionEvent): void => {
    if (event.persisted) onWake();
  };
  let last = now();
  // Hidden tabs get their timers throttled to once a minute, which is not sleep: only a visible
  // page's late tick counts (a hidden one is caught up when it is shown).
  const heartbeat = setInterval(() => {
    const current = now();
    const late = current - last - heartbeatMs;
    last = current;
    if (late > gapMs && isVisible()) onWake();
  }, heartbeatMs);

  doc?.addEventListener('visibilitychange', onVisibility);
  win?.addEventListener('online', onWake);
  win?.addEventListener('pageshow', onPageShow);
  return () => {
    clearInterval(heartbeat);
    doc?.removeEventListener('visibilitychange', onVisibility);
    win?.removeEventListener('online', onWake);
    win?.removeEventListener('pageshow', onPageShow);
  };
}
