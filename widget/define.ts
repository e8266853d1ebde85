/**
 * The drop-in entry (dist/staff-chat.js), also the package's module: registers <staff-chat> and its
 * launcher, and exports the element's class, events and types.
 * Each tag is guarded, so a second copy of the script on the same page is harmless. The panel, chat
 * windows and the rest register from components/define-lazy.ts, a chunk <staff-chat> loads on first use.
 */
import type { ChatElement } from './components/chat-element.js';
import { StaffChatLauncher } from './components/launcher/launcher.js';
import { StaffChat } from './staff-chat.js';

/**
 * The package's API: the element class (for `@lit/react`'s `createComponent`, or `instanceof`), its
 * public events, and the data types a host meets; the panel and windows stay in their chunk.
 */
export * from './public-api.js';

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat': StaffChat;
  }
}

// Subclasses of ChatElement only, as in components/define-lazy.ts: they follow the language themselves.
// <staff-chat> last, so that when it upgrades and renders, the launcher is already defined.
const elements: [string, typeof ChatElement][] = [
  ['staff-chat-launcher', StaffChatLauncher],
  ['staff-chat', StaffChat],
];
for (const [tag, constructor] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
