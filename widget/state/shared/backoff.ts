/** How long to wait before the next attempt after `failures` failures in a row. */
export type RetryDelay = (failures: number) => number;

/**
 * Exponential backoff with jitter: 1 s, 2 s, 4 s … up to 30 s, each between half and all of that,
 * so that every widget of a hotel does not hit a server that just came back in the same second.
 *
 * @example
 * const delay = exponentialBackoff();
 * setTimeout(retry, delay(failures));
 */
export function exponentialBackoff(baseMs = 1_000, maxMs = 30_000, random: () => number = Math.random): RetryDelay {
  return (failures) => {
    const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * random());
  };
}
