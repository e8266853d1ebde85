/**
 * A per-socket token bucket for subscribe and unsubscribe frames: `perSecond` tokens a second, up to
 * `burst` saved. A frame without a token is refused; a socket that keeps sending after `burst` refusals
 * in a row (no token came back in between) is abusive and gets closed. pusher-js sends one subscribe
 * per held channel at once after each reconnect, which the burst must cover.
 */
export type FrameVerdict = 'allowed' | 'refused' | 'abusive';

export class FrameBudget {
  private tokens: number;
  private at: number;
  private refusedInARow = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.at = now();
  }

  /** Takes a token for one frame. */
  take(): FrameVerdict {
    const now = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.at) * this.perSecond) / 1000);
    this.at = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      this.refusedInARow = 0;
      return 'allowed';
    }
    this.refusedInARow += 1;
    return this.refusedInARow > this.burst ? 'abusive' : 'refused';
  }
}
