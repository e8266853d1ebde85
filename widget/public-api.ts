/**
 * What both entries export (define.ts, the drop-in script, and index.ts, for bundlers): the element
 * class, its public events and the data types a host meets. Keep it to what the drop-in script holds
 * anyway, so exporting it costs a few bytes; index.ts adds the inner elements and helpers.
 */
export { StaffChat } from './staff-chat.js';
export { StaffChatConnectionChangeEvent, StaffChatErrorEvent, StaffChatMessageSendEvent, StaffChatUnreadChangeEvent } from './events.js';
export type { ChatMessage, ChatSession, ChatSessionOptions, ConnectionState } from './state/session.js';
export type { Conversation, Me, Message, StaffMember } from '../contract/index.js';
