/**
 * The drop-in entry (dist/staff-chat.js), also the package's module: registers <staff-chat> and its
 * launcher, and exports the element's class, events and types.
 * Each tag is guarded, so a second copy of the script on the same page is harmless. The panel, chat
 * windows and the rest register from components/define-lazy.ts, a chunk <staff-chat> loads on first use.
 */
import { StaffChatLauncher } from './components/launcher/launcher.js';
import { StaffChat } from './staff-chat.js';

/**
 * The package's API: the element class (for `@lit/react`'s `createComponent`, or `instanceof`), its
 * public events, and the data types a host meets. The element and its events are in this script
 * anyway, so exporting them costs a few bytes; the panel and windows stay in their chunk.
 */
export { StaffChat };
export {
  StaffChatConnectionChangeEvent,
  StaffChatErrorEvent,
  StaffChatMessageSendEvent,
  StaffChatUnreadChangeEvent,
} from './events.js';
export type { ChatMessage, ChatSession, ChatSessionOptions, ConnectionState } from './state/session.js';
export type { Conversation, Me, Message, StaffMember } from '../server/contract.js';

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat': StaffChat;
  }
}

if (!customElements.get('staff-chat-launcher')) customElements.define('staff-chat-launcher', StaffChatLauncher);
// Last, so that when it upgrades and renders, the launcher is already defined.
if (!customElements.get('staff-chat')) customElements.define('staff-chat', StaffChat);
