import { LitElement, html, nothing } from 'lit';
import type { Pin } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import type { PinsState } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { HousekeepingController } from '../housekeeping-controller.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { pinIcon } from './pin-icon.js';
import { NoticeEvent, PinOpenEvent } from './pin-events.js';
import { styles } from './pinned-bar.styles.js';

const NO_PINS: PinsState = { pins: [], loading: false, loaded: false, error: null };

/** What a pin shows of its message: the text, or its first file's name. */
function preview(pin: Pin): string {
  const file = pin.message.attachments[0]?.file_name;
  return pin.message.message || (file ? msg.previewAttachment(file) : '');
}

/**
 * The pinned bar at the top of a chat window: the latest pin (pressing it shows the message in the
 * conversation) and how many there are (pressing that opens the list of pins, each with "Unpin").
 * Nothing while the conversation has no pins. Live for every participant (state/pins/pins.ts).
 *
 * @event pin-open - (internal) A pin was chosen; `PinOpenEvent.messageId`.
 * @event notice - (internal) Unpinning failed; `NoticeEvent.text` says why.
 * @csspart pinned-bar - The bar.
 * @csspart pins-list - The list of pins.
 */
export class StaffChatPinnedBar extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    conversationId: { type: Number, attribute: 'conversation-id' },
    open: { type: Boolean, reflect: true },
    session: { state: true },
  };

  declare conversationId: number;
  /** The list of pins is open. */
  declare open: boolean;
  declare private session: ElementSession | null;

  private readonly housekeeping = new HousekeepingController(this);
  private readonly sessionConsumer = consumeSession(this, (session) => {
    this.session = session;
    this.housekeeping.follow(session);
  });
  private readonly pins = new AtomController<PinsState>(
    this,
    () => (this.conversationId ? this.housekeeping.value?.pins(this.conversationId) : undefined),
    NO_PINS,
  );

  constructor() {
    super();
    this.conversationId = 0;
    this.open = false;
    this.session = null;
  }

  private choose(pin: Pin): void {
    this.open = false;
    this.dispatchEvent(new PinOpenEvent(pin.message_id));
  }

  private async unpin(pin: Pin): Promise<void> {
    const failure = await this.housekeeping.value?.setPinned(this.conversationId, pin.message_id, false);
    if (failure) this.dispatchEvent(new NoticeEvent(failure.message));
    // The row went away with the focus in it: keep focus in the list, or on the bar when it emptied.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.list button, .count')?.focus();
  }

  private toggle(): void {
    this.open = !this.open;
    if (this.open) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.list button')?.focus());
  }

  /** Escape closes the list only (not the window around it), focus back on the button that opened it. */
  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.open) return;
    event.stopPropagation();
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.count')?.focus());
  }

  private nameOf(pin: Pin): string {
    return pin.message.sender_id === this.session?.$me.get()?.id ? msg.you : pin.message.sender_info.full_name;
  }

  override render() {
    const { pins } = this.pins.value;
    const latest = pins[0];
    if (!latest) return nothing;
    return html`<div class="bar" part="pinned-bar" role="region" aria-label=${msg.pinnedMessages} @keydown=${this.onKeyDown}>
        <span class="icon">${pinIcon}</span>
        <button class="latest" type="button" title=${msg.showInConversation} @click=${() => this.choose(latest)}>
          <b dir="auto">${this.nameOf(latest)}</b> <span dir="auto">${preview(latest)}</span>
        </button>
        <button class="count" type="button" aria-expanded=${this.open ? 'true' : 'false'} aria-controls=${this.open ? 'pins' : nothing} @click=${this.toggle}>
          ${msg.pinnedCount(pins.length)}
        </button>
      </div>
      ${
        this.open
          ? html`<ul id="pins" class="list" part="pins-list" aria-label=${msg.pinnedMessages} @keydown=${this.onKeyDown}>
            ${pins.map(
              (pin) => html`<li>
                <button class="go" type="button" title=${msg.showInConversation} @click=${() => this.choose(pin)}>
                  <b dir="auto">${this.nameOf(pin)}</b>
                  <span class="text" dir="auto">${preview(pin)}</span>
                  <span class="by" dir="auto">${msg.pinnedBy(pin.pinned_by.id === this.session?.$me.get()?.id ? msg.you : pin.pinned_by.full_name)}</span>
                </button>
                <button class="unpin" type="button" aria-label=${`${msg.unpin}: ${preview(pin)}`} @click=${() => this.unpin(pin)}>${msg.unpin}</button>
              </li>`,
            )}
          </ul>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-pinned-bar': StaffChatPinnedBar;
  }
}
