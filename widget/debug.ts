/** A logging function; a no-op unless debugging was asked for. */
export type Logger = (...args: unknown[]) => void;

const silent: Logger = () => {};

/**
 * Returns a logger that prefixes `[staff-chat]`, or a no-op when `enabled` is false, so call sites
 * never need their own `if (debug)`. Enabled by the `debug` attribute of `<staff-chat>`.
 */
export function createLogger(enabled: boolean): Logger {
  return enabled ? (...args: unknown[]) => console.debug('[staff-chat]', ...args) : silent;
}
