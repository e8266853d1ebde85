/**
 * Counts open sockets in total and per client address, so neither one address nor everyone together
 * can hold more file descriptors than the process can spare. A slot is taken at the upgrade, before
 * the handshake completes, and given back when the TCP socket closes, however that happens.
 */
export type Admission = { admitted: true; release: () => void } | { admitted: false; reason: string };

export class ConnectionCaps {
  private total = 0;
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly maxConnections: number,
    private readonly maxPerAddress: number,
  ) {}

  /** Takes a slot for `addressKey`, or says which cap is full. `release` may be called more than once. */
  admit(addressKey: string): Admission {
    if (this.total >= this.maxConnections) {
      return { admitted: false, reason: `The server is at its limit of ${this.maxConnections} connections; reconnect later.` };
    }
    const held = this.perAddress.get(addressKey) ?? 0;
    if (held >= this.maxPerAddress) {
      return { admitted: false, reason: `Your address holds ${this.maxPerAddress} connections, the most allowed; reconnect later.` };
    }
    this.total += 1;
    this.perAddress.set(addressKey, held + 1);
    let released = false;
    return {
      admitted: true,
      release: () => {
        if (released) return;
        released = true;
        this.total -= 1;
        const left = (this.perAddress.get(addressKey) ?? 1) - 1;
        if (left === 0) this.perAddress.delete(addressKey);
        else this.perAddress.set(addressKey, left);
      },
    };
  }

  /** Open sockets, and the number of addresses holding any; for stats and tests. */
  get counts(): { connections: number; addresses: number } {
    return { connections: this.total, addresses: this.perAddress.size };
  }
}
