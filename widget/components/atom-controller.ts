import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Binds an element to a nanostores atom that it picks from its own properties (usually from the
 * `session` its context provides), re-subscribing when the pick changes. `StoreController` from
 * @nanostores/lit binds one fixed atom, which does not fit elements whose session or conversation id
 * arrives or changes after creation.
 *
 * @example
 * private readonly conversations = new AtomController(this, () => this.session?.$conversations, []);
 */
export class AtomController<T> implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private readonly pick: () => ReadableAtom<T> | undefined;
  private readonly fallback: T;
  private atom: ReadableAtom<T> | undefined;
  private unlisten: (() => void) | undefined;
  private connected = false;

  constructor(host: ReactiveControllerHost, pick: () => ReadableAtom<T> | undefined, fallback: T) {
    this.host = host;
    this.pick = pick;
    this.fallback = fallback;
    host.addController(this);
  }

  /** The atom's current value, or the fallback while there is no atom. */
  get value(): T {
    return this.atom ? this.atom.get() : this.fallback;
  }

  hostConnected(): void {
    this.connected = true;
    this.sync();
  }

  /** Runs before every render, after properties changed: the picked atom may be a different one now. */
  hostUpdate(): void {
    this.sync();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unlisten?.();
    this.unlisten = undefined;
    this.atom = undefined;
  }

  private sync(): void {
    if (!this.connected) return;
    const next = this.pick();
    if (next === this.atom) return;
    this.unlisten?.();
    this.atom = next;
    this.unlisten = next?.listen(() => this.host.requestUpdate());
  }
}
