/** Why {@link UploadGate.enter} said no. */
export type GateRefusal = 'person_busy' | 'server_busy';

/**
 * Counts the uploads being received, per person and in all, and refuses one more beyond either bound.
 * Streaming keeps each upload's memory small, but not its socket, its file descriptor and its share of
 * the disk's bandwidth: the bounds keep one person (or a crowd) from holding them all.
 *
 * @example
 * const entry = gate.enter('seaview\nanna');
 * if (!entry.ok) return refuse(entry.refusal);
 * try { await receive(); } finally { entry.leave(); }
 */
export class UploadGate {
  readonly #perPerson: number;
  readonly #total: number;
  readonly #byPerson = new Map<string, number>();
  #inFlight = 0;

  constructor(limits: { perPerson: number; total: number }) {
    this.#perPerson = limits.perPerson;
    this.#total = limits.total;
  }

  /** Uploads being received now, in all. */
  get inFlight(): number {
    return this.#inFlight;
  }

  /** Takes a place for `person`'s upload; `leave` gives it back (once, however often it is called). */
  enter(person: string): { ok: true; leave: () => void } | { ok: false; refusal: GateRefusal } {
    const theirs = this.#byPerson.get(person) ?? 0;
    if (theirs >= this.#perPerson) return { ok: false, refusal: 'person_busy' };
    if (this.#inFlight >= this.#total) return { ok: false, refusal: 'server_busy' };
    this.#byPerson.set(person, theirs + 1);
    this.#inFlight++;
    let left = false;
    return {
      ok: true,
      leave: () => {
        if (left) return;
        left = true;
        this.#inFlight--;
        const remaining = (this.#byPerson.get(person) ?? 1) - 1;
        if (remaining === 0) this.#byPerson.delete(person);
        else this.#byPerson.set(person, remaining);
      },
    };
  }
}
