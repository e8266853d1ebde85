import { LitElement, html } from 'lit';
import { MAX_FORWARD_TARGETS, type Conversation, type Me } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { HousekeepingController } from '../housekeeping-controller.js';
import { closeIcon } from '../icons.js';
import { conversationTitle } from '../people.js';
import { NoticeEvent } from '../pins/pin-events.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './forward-picker.styles.js';

/** The forward picker is done: forwarded, cancelled or closed. */
export class ForwardCloseEvent extends Event {
  constructor() {
    super('forward-close');
  }
}

/**
 * "Forward to": the viewer's other conversations as checkboxes (at most MAX_FORWARD_TARGETS chosen),
 * and a button that forwards the message to each. Escape or the close button cancels.
 *
 * @event forward-close - (internal) Done, forwarded or not; `ForwardCloseEvent`.
 * @event notice - (internal) Forwarding failed; `NoticeEvent.text` says why.
 * @csspart forward-picker - The picker.
 */
export class StaffChatForwardPicker extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    messageId: { type: Number, attribute: 'message-id' },
    conversationId: { type: Number, attribute: 'conversation-id' },
    chosen: { state: true },
    sending: { state: true },
    session: { state: true },
  };

  /** The message to forward. */
  declare messageId: number;
  /** Where it is now: not offered as a target. */
  declare conversationId: number;
  declare chosen: ReadonlySet<number>;
  declare sending: boolean;
  declare private session: ElementSession | null;

  private readonly housekeeping = new HousekeepingController(this);
  private readonly sessionConsumer = consumeSession(this, (session) => {
    this.session = session;
    this.housekeeping.follow(session);
  });
  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);

  constructor() {
    super();
    this.messageId = 0;
    this.conversationId = 0;
    this.chosen = new Set();
    this.sending = false;
    this.session = null;
  }

  override focus(options?: FocusOptions): void {
    // The first choice; the close button when there is nothing to choose.
    void this.updateComplete.then(() =>
      (this.renderRoot.querySelector<HTMLElement>('input') ?? this.renderRoot.querySelector<HTMLElement>('.close'))?.focus(options),
    );
  }

  private toggle(id: number): void {
    const next = new Set(this.chosen);
    if (!next.delete(id)) next.add(id);
    this.chosen = next;
  }

  private close(): void {
    this.dispatchEvent(new ForwardCloseEvent());
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const housekeeping = this.housekeeping.value;
    if (!housekeeping || this.chosen.size === 0 || this.sending) return;
    this.sending = true;
    const failure = await housekeeping.forward(this.messageId, [...this.chosen]);
    this.sending = false;
    if (failure) this.dispatchEvent(new NoticeEvent(failure.message));
    this.close();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.close();
  }

  override render() {
    const meId = this.me.value?.id;
    const targets = this.conversations.value.filter((c) => c.id !== this.conversationId && !c.is_archived);
    const full = this.chosen.size >= MAX_FORWARD_TARGETS;
    return html`<div part="forward-picker" role="dialog" aria-labelledby="forward-title" @keydown=${this.onKeyDown}><form @submit=${this.onSubmit}>
      <div class="head">
        <h3 id="forward-title">${msg.forwardTo}</h3>
        <button class="close" type="button" aria-label=${msg.cancel} title=${msg.cancel} @click=${this.close}>${closeIcon}</button>
      </div>
      ${
        targets.length === 0
          ? html`<p class="note">${msg.noForwardTargets}</p>`
          : html`<ul aria-labelledby="forward-title">
            ${targets.map((c) => {
              const checked = this.chosen.has(c.id);
              return html`<li>
                <label>
                  <input type="checkbox" .checked=${checked} ?disabled=${full && !checked} @change=${() => this.toggle(c.id)} />
                  <span dir="auto">${conversationTitle(c, meId)}</span>
                </label>
              </li>`;
            })}
          </ul>`
      }
      <div class="actions">
        <button type="submit" class="send" ?disabled=${this.chosen.size === 0 || this.sending}>
          ${this.chosen.size > 0 ? msg.forwardSend(this.chosen.size) : msg.forward}
        </button>
      </div>
    </form></div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-forward-picker': StaffChatForwardPicker;
  }
}
