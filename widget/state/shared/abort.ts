/**
 * Runs `cleanup` once `signal` aborts (at once if it already has). Each start of a session has one
 * signal (session/lifecycle.ts): whatever the start sets up hands its undoing to this.
 */
export function onAbort(signal: AbortSignal, cleanup: () => void): void {
  if (signal.aborted) cleanup();
  else signal.addEventListener('abort', () => cleanup(), { once: true });
}
