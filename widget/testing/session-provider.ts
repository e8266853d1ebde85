import { ContextProvider } from '@lit/context';
import { fixture, fixtureSync, html } from '@open-wc/testing';
import type { TemplateResult } from 'lit';
import { sessionContext } from '../components/session-context.js';
import type { ChatSession } from '../state/session.js';

/*
 * Element tests hand a (fake) session to an element the way <staff-chat> does, through context, so an
 * element is tested over the same path it is used over.
 */

/** Provides `session` to the elements under `host` (in its light DOM or its shadow root), as <staff-chat> does. */
export function provideSession(host: HTMLElement, session: ChatSession | null): ContextProvider<typeof sessionContext> {
  return new ContextProvider(host, { context: sessionContext, initialValue: session });
}

/** A box that provides a session to what is inside it and takes no room of its own. */
export class TestSessionProvider extends HTMLElement {
  private readonly provider = provideSession(this, null);

  /** The session the elements inside get; setting it again replaces theirs, like a re-started <staff-chat>. */
  set session(session: ChatSession | null) {
    this.provider.setValue(session);
  }

  get session(): ChatSession | null {
    return this.provider.value ?? null;
  }

  connectedCallback(): void {
    this.style.display = 'contents';
  }
}

if (!customElements.get('staff-chat-test-session')) customElements.define('staff-chat-test-session', TestSessionProvider);

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-test-session': TestSessionProvider;
  }
}

/**
 * `fixture(template)` with `session` provided to the element the template renders; resolves with that
 * element once it has rendered, exactly when `fixture` would. Both boxes go in open-wc's cleanup.
 *
 * @example
 * const el = await sessionFixture<StaffChatPanel>(fake.session, html`<staff-chat-panel></staff-chat-panel>`);
 */
export function sessionFixture<T extends Element>(session: ChatSession | null, template: TemplateResult): Promise<T> {
  const provider = fixtureSync<TestSessionProvider>(html`<staff-chat-test-session .session=${session}></staff-chat-test-session>`);
  return fixture<T>(template, { parentNode: provider });
}
