import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ChatSession, Housekeeping } from '../state/session.js';

/**
 * Hands an element the session's {@link Housekeeping} (pins, mute, archive…), which the session gives
 * out asynchronously (it lives in the lazily loaded half). Call `follow` with every new session; the
 * host re-renders once it is here. An answer for a session that was replaced meanwhile is dropped.
 *
 * @example
 * private readonly housekeeping = new HousekeepingController(this);
 * private readonly sessionConsumer = consumeSession(this, (s) => ((this.session = s), this.housekeeping.follow(s)));
 */
export class HousekeepingController implements ReactiveController {
  private readonly host: ReactiveControllerHost;
  private session: ChatSession | null = null;
  /** Null until it has arrived for the current session. */
  value: Housekeeping | null = null;

  constructor(host: ReactiveControllerHost) {
    this.host = host;
    host.addController(this);
  }

  follow(session: ChatSession | null): void {
    if (session === this.session) return;
    this.session = session;
    this.value = null;
    void session?.loadFeatures().then((features) => {
      if (this.session !== session) return;
      this.value = features?.housekeeping ?? null;
      this.host.requestUpdate();
    });
  }

  hostConnected(): void {}
}
