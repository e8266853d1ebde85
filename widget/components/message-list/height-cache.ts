/**
 * Measured row heights by row key, and an estimate for rows never measured: the mean of those that
 * were (a chat's rows are alike enough that the mean beats any fixed guess), or `fallback` before the
 * first measurement. `version` changes whenever a height does, so callers can cache work done from it.
 *
 * @example
 * const heights = new HeightCache(56);
 * heights.set('i42', 73);
 * heights.heightOf('i42'); // 73
 * heights.heightOf('i41'); // 73, the mean so far
 */
export class HeightCache {
  private readonly heights = new Map<string, number>();
  private sum = 0;
  private readonly fallback: number;
  /** Increases whenever a stored height changes. */
  version = 0;

  constructor(fallback: number) {
    this.fallback = fallback;
  }

  /** The height assumed for a row not measured yet. */
  get estimate(): number {
    return this.heights.size > 0 ? this.sum / this.heights.size : this.fallback;
  }

  /** How many rows were measured. */
  get size(): number {
    return this.heights.size;
  }

  has(key: string): boolean {
    return this.heights.has(key);
  }

  heightOf(key: string): number {
    return this.heights.get(key) ?? this.estimate;
  }

  /** Stores a measurement; false (and no new version) when it is within half a pixel of the stored one. */
  set(key: string, height: number): boolean {
    const old = this.heights.get(key);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    this.sum += height - (old ?? 0);
    this.heights.set(key, height);
    this.version++;
    return true;
  }

  clear(): void {
    this.heights.clear();
    this.sum = 0;
    this.version++;
  }
}
