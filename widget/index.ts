/**
 * Public exports for bundlers: the element classes, the public events and the types a host needs.
 * Importing this module registers nothing; import './define.js' (or load dist/staff-chat.js) for that.
 */
export { StaffChat } from './staff-chat.js';
export { StaffChatChatWindow } from './components/chat-window/chat-window.js';
export { StaffChatComposer } from './components/composer/composer.js';
export { StaffChatConnectionStatus } from './components/connection-status/connection-status.js';
export { StaffChatConversationList } from './components/conversation-list/conversation-list.js';
export { StaffChatLauncher } from './components/launcher/launcher.js';
export { StaffChatMessageBubble } from './components/message-bubble/message-bubble.js';
export { StaffChatMessageList } from './components/message-list/message-list.js';
export { StaffChatPanel } from './components/panel/panel.js';
export { StaffChatStaffDirectory } from './components/staff-directory/staff-directory.js';
export {
  StaffChatConnectionChangeEvent,
  StaffChatErrorEvent,
  StaffChatMessageSendEvent,
  StaffChatUnreadChangeEvent,
} from './events.js';
export { createChatSession } from './state/session.js';
export type { ChatMessage, ChatSession, ChatSessionOptions, ConnectionState } from './state/session.js';
export type { Conversation, Me, Message, StaffMember } from '../server/contract.js';
export { registerLocale, SHIPPED_LANGUAGES } from './messages/locale.js';
export type { Messages } from './messages/table.js';
