import { html, nothing } from 'lit';
import { ChatElement } from '../chat-element.js';
import type { Message } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { alertIcon } from '../icons.js';
import { ConversationSelectEvent } from '../internal-events.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './urgent-banner.styles.js';
import type { ChatSession } from '../../state/session.js';

/**
 * The panel's reminder of urgent messages waiting for the viewer's acknowledgement: "1 urgent message
 * needs your acknowledgement" and a button that opens the oldest one's conversation. Nothing while none
 * waits; it goes away by itself once the last is acknowledged (here or in another tab).
 *
 * @event conversation-select - (internal) "Show" was pressed: open the oldest one's conversation.
 * @csspart banner - The banner.
 */
export class StaffChatUrgentBanner extends ChatElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { state: true },
  };

  /** From the <staff-chat> around it. */
  declare private session: ChatSession | null;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly pending = new AtomController<Message[]>(this, () => this.session?.$pendingAcknowledgements, []);

  constructor() {
    super();
    this.session = null;
  }

  private onShow(): void {
    const oldest = this.pending.value[0];
    if (oldest) this.dispatchEvent(new ConversationSelectEvent(oldest.conversation_id));
  }

  override render() {
    const waiting = this.pending.value;
    const oldest = waiting[0];
    if (!oldest) return nothing;
    return html`<div class="banner" part="banner">
      ${alertIcon}
      <span id="urgent-text" role="status">${msg.urgentBanner(waiting.length)}</span>
      <button type="button" aria-describedby="urgent-text" title=${msg.openUrgent(oldest.sender_info.full_name)} @click=${this.onShow}>${msg.show}</button>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-urgent-banner': StaffChatUrgentBanner;
  }
}
