import { html, nothing } from 'lit';
import { ChatElement } from '../chat-element.js';
import { coreMsg as msg } from '../../messages/core.js';
import { sharedStyles } from '../shared.styles.js';
import { chatIcon, closeIcon } from '../icons.js';
import { styles } from './launcher.styles.js';

/**
 * The floating round button that opens and closes the chat panel, with the unread badge, a "!"
 * while an urgent message waits for the viewer's acknowledgement, and an `@` while an unread message
 * mentions the viewer.
 * Its click (from the inner button) reaches the parent as an ordinary click on this element.
 *
 * @csspart button - The round button.
 * @csspart badge - The unread count.
 * @csspart urgent - The "!" of an urgent message waiting.
 * @cssproperty --staff-chat-launcher-size - Diameter of the button.
 */
export class StaffChatLauncher extends ChatElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    unread: { type: Number },
    mentioned: { type: Boolean },
    expanded: { type: Boolean, reflect: true },
    urgent: { type: Boolean },
  };

  /** Unread messages across every conversation. */
  declare unread: number;
  /** An unread message mentions the viewer (the conversations' `mention_count`). */
  declare mentioned: boolean;
  /** Whether the panel it controls is open. */
  declare expanded: boolean;
  /** An urgent message waits for the viewer's acknowledgement. */
  declare urgent: boolean;

  constructor() {
    super();
    this.unread = 0;
    this.expanded = false;
    this.urgent = false;
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('button')?.focus(options);
  }

  override render() {
    const count = this.unread > 99 ? '99+' : String(this.unread);
    return html`<button
      part="button"
      type="button"
      aria-expanded=${this.expanded ? 'true' : 'false'}
      aria-label=${this.expanded ? msg.closeChat : msg.openChat(this.unread, this.mentioned) + (this.urgent ? `. ${msg.launcherUrgent}` : '')}
    >
      ${this.expanded ? closeIcon : chatIcon}
      ${this.unread > 0 && !this.expanded ? html`<span class="badge" part="badge" aria-hidden="true">${count}</span>` : nothing}
      ${this.urgent && !this.expanded ? html`<span class="badge urgent" part="urgent" aria-hidden="true">!</span>` : nothing}
      ${this.mentioned && !this.expanded ? html`<span class="badge at" part="mention-badge" aria-hidden="true">@</span>` : nothing}
    </button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-launcher': StaffChatLauncher;
  }
}
