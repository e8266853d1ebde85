import { LitElement, html, nothing } from 'lit';
import { msg } from '../../messages/ui.js';
import { isOffline } from '../../state/live/connection.js';
import type { ConnectionState } from '../../state/session.js';
import { styles } from './connection-status.styles.js';

/**
 * The realtime connection, in two shapes. By default a small dot and a short label (the panel's
 * header). With `banner`, a strip that appears only while live updates are down and the session
 * polls instead, saying so, and is gone (`display: none`) the rest of the time.
 *
 * @csspart dot - The coloured dot.
 * @csspart label - The text.
 * @csspart banner - The strip shown while offline (`banner` only).
 * @cssproperty --staff-chat-success - Dot colour when connected.
 * @cssproperty --staff-chat-warning - Dot colour while connecting; the banner's edge.
 * @cssproperty --staff-chat-danger - Dot colour when offline.
 */
export class StaffChatConnectionStatus extends LitElement {
  static override styles = styles;
  static override properties = {
    state: { type: String, reflect: true },
    banner: { type: Boolean, reflect: true },
    offline: { type: Boolean, reflect: true },
  };

  /** The session's connection state. */
  declare state: ConnectionState;
  /** Show as a banner while offline, and nothing otherwise. */
  declare banner: boolean;
  /** Reflects whether live updates are down (and the session polls), for styling. */
  declare offline: boolean;

  constructor() {
    super();
    this.state = 'connecting';
    this.banner = false;
    this.offline = false;
  }

  override willUpdate(): void {
    this.offline = isOffline(this.state);
  }

  override render() {
    if (this.banner) {
      return this.offline ? html`<div part="banner" role="status">${msg.connectionBanner}</div>` : nothing;
    }
    const label = msg.connection[this.state];
    return html`<span class="dot" part="dot" title=${label}></span><span part="label" role="status">${label}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-connection-status': StaffChatConnectionStatus;
  }
}
