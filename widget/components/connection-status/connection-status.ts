import { LitElement, html } from 'lit';
import { msg } from '../../messages.js';
import type { ConnectionState } from '../../state/session.js';
import { styles } from './connection-status.styles.js';

/**
 * A small dot and a short label for the realtime connection: the seed's debugging aid, and the
 * person's hint that live updates are paused while offline.
 *
 * @csspart dot - The coloured dot.
 * @csspart label - The text.
 * @cssproperty --staff-chat-success - Dot colour when connected.
 * @cssproperty --staff-chat-warning - Dot colour while connecting.
 * @cssproperty --staff-chat-danger - Dot colour when offline.
 */
export class StaffChatConnectionStatus extends LitElement {
  static override styles = styles;
  static override properties = {
    state: { type: String, reflect: true },
  };

  /** The session's connection state. */
  declare state: ConnectionState;

  constructor() {
    super();
    this.state = 'connecting';
  }

  override render() {
    return html`<span class="dot" part="dot"></span
      ><span part="label" role="status">${msg.connection[this.state] ?? this.state}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-connection-status': StaffChatConnectionStatus;
  }
}
