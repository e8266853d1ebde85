/**
 * The elements a person needs only once they open the chat: loaded by <staff-chat> on first use (or
 * when the launcher is hovered or focused), so every portal page pays only for the launcher, the
 * session and the realtime client. Like define.ts, registration is its only effect, behind guards.
 * It is part of the chunk of ../first-use.ts, together with the conversation features.
 */
import { StaffChatAttachments } from './attachments/attachments.js';
import { StaffChatUploadTray } from './attachments/upload-tray.js';
import { StaffChatChatWindow } from './chat-window/chat-window.js';
import { StaffChatComposer } from './composer/composer.js';
import { StaffChatConnectionStatus } from './connection-status/connection-status.js';
import { StaffChatConversationList } from './conversation-list/conversation-list.js';
import { StaffChatHandoverBar } from './handover/handover-bar.js';
import { StaffChatHandoverChecklist } from './handover/handover-checklist.js';
import { StaffChatHandoverComposer } from './handover/handover-composer.js';
import { StaffChatConversationMenu } from './conversation-menu/conversation-menu.js';
import { StaffChatForwardPicker } from './forward-picker/forward-picker.js';
import { StaffChatPinnedBar } from './pins/pinned-bar.js';
import { StaffChatMessageBubble } from './message-bubble/message-bubble.js';
import { StaffChatMessageList } from './message-list/message-list.js';
import { StaffChatMessageSearch } from './message-search/message-search.js';
import { StaffChatPanel } from './panel/panel.js';
import { StaffChatStaffDirectory } from './staff-directory/staff-directory.js';
import { StaffChatUrgentBanner } from './urgent-banner/urgent-banner.js';

const elements: [string, CustomElementConstructor][] = [
  ['staff-chat-connection-status', StaffChatConnectionStatus],
  ['staff-chat-attachments', StaffChatAttachments],
  ['staff-chat-upload-tray', StaffChatUploadTray],
  ['staff-chat-handover-checklist', StaffChatHandoverChecklist],
  ['staff-chat-handover-composer', StaffChatHandoverComposer],
  ['staff-chat-handover-bar', StaffChatHandoverBar],
  ['staff-chat-message-bubble', StaffChatMessageBubble],
  ['staff-chat-composer', StaffChatComposer],
  ['staff-chat-message-list', StaffChatMessageList],
  ['staff-chat-pinned-bar', StaffChatPinnedBar],
  ['staff-chat-conversation-menu', StaffChatConversationMenu],
  ['staff-chat-forward-picker', StaffChatForwardPicker],
  ['staff-chat-message-search', StaffChatMessageSearch],
  ['staff-chat-chat-window', StaffChatChatWindow],
  ['staff-chat-conversation-list', StaffChatConversationList],
  ['staff-chat-staff-directory', StaffChatStaffDirectory],
  ['staff-chat-urgent-banner', StaffChatUrgentBanner],
  ['staff-chat-panel', StaffChatPanel],
];

for (const [tag, constructor] of elements) {
  if (!customElements.get(tag)) customElements.define(tag, constructor);
}
