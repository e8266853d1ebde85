import { ContextConsumer } from '@lit/context';
import type { ReactiveControllerHost } from 'lit';
import { sessionContext } from './session-context.js';
import type { ChatSession } from '../state/session.js';

/**
 * Keeps an element's session equal to the one its <staff-chat> provides, from connect on and through
 * every change (attributes or token source replaced, sign-out): `subscribe`, because the provider
 * outlives each session it hands out.
 *
 * @example
 * private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
 */
export function consumeSession(
  host: ReactiveControllerHost & HTMLElement,
  set: (session: ChatSession | null) => void,
): ContextConsumer<typeof sessionContext, ReactiveControllerHost & HTMLElement> {
  return new ContextConsumer(host, { context: sessionContext, subscribe: true, callback: (session) => set(session ?? null) });
}
