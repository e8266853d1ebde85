import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How long a file URL stays valid, at least. Expiries are rounded up to the next step, so everyone who
 * reads a message within one step gets the same URL and browsers can cache the file; a URL lives
 * between one and two steps.
 */
export const URL_STEP_SECONDS = 30 * 60;

/**
 * Signs and checks attachment file URLs. `<img src>` and download links cannot send a Bearer token, so a
 * participant gets, in every message they may read, a URL that opens one attachment until it expires.
 * The key is derived from the JWT secret (never used directly for a second purpose).
 *
 * @example
 * const signer = new UrlSigner(secret);
 * const { exp, sig } = signer.sign('seaview', 42);
 * signer.verify('seaview', 42, exp, sig); // 'ok'
 */
export class UrlSigner {
  readonly #key: Buffer;

  constructor(
    jwtSecret: string,
    private readonly clock: () => number = Date.now,
  ) {
    this.#key = createHmac('sha256', jwtSecret).update('staff-chat attachment url v1').digest();
  }

  sign(hotel: string, attachmentId: number): { exp: number; sig: string } {
    const nowSeconds = Math.floor(this.clock() / 1000);
    const exp = (Math.floor(nowSeconds / URL_STEP_SECONDS) + 2) * URL_STEP_SECONDS;
    return { exp, sig: this.mac(hotel, attachmentId, exp) };
  }

  /** `expired` only for a genuine signature whose time is up, so the answer can say so. */
  verify(hotel: string, attachmentId: number, exp: number, sig: string): 'ok' | 'expired' | 'forged' {
    const expected = Buffer.from(this.mac(hotel, attachmentId, exp));
    const given = Buffer.from(sig);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'forged';
    return exp * 1000 > this.clock() ? 'ok' : 'expired';
  }

  private mac(hotel: string, attachmentId: number, exp: number): string {
    return createHmac('sha256', this.#key).update(`${hotel}\n${attachmentId}\n${exp}`).digest('base64url');
  }
}
