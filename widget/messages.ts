/**
 * Every string a person sees, in one place, so a translation (or a right-to-left locale) can replace
 * this module without touching an element. Functions take the values they interpolate.
 */
export const msg = {
  appName: 'Staff chat',
  openChat: (unread: number) => (unread > 0 ? `Open staff chat, ${unread} unread` : 'Open staff chat'),
  closeChat: 'Close staff chat',
  tabChats: 'Chats',
  tabNewChat: 'New chat',
  loading: 'Loading…',
  notConfigured: 'Chat is not set up on this page yet.',
  retry: 'Retry',

  noConversations: 'No conversations yet. Start one from “New chat”.',
  conversationsLabel: 'Conversations',
  unreadCount: (n: number) => (n === 1 ? '1 unread message' : `${n} unread messages`),
  you: 'You',
  noMessagesYet: 'No messages yet',
  members: (n: number) => `${n} members`,
  untitled: 'Conversation',

  searchStaff: 'Search staff',
  searchPlaceholder: 'Search by name or department',
  directoryLabel: 'Staff',
  noStaffFound: 'No one matches that search.',
  /** Read before a person's name in the directory (visually hidden), so the button says what it does. */
  startChatWith: 'Start a chat with',
  startFailed: 'The conversation could not be started. Please try again.',

  chooseConversation: 'Choose a conversation, or start a new one.',
  conversationWith: (title: string) => `Conversation: ${title}`,
  closeConversation: (title: string) => `Close conversation with ${title}`,
  messagesLabel: 'Messages',
  loadEarlier: 'Load earlier messages',
  loadingMessages: 'Loading messages…',
  emptyConversation: 'No messages yet. Say hello!',
  today: 'Today',
  yesterday: 'Yesterday',

  sending: 'Sending…',
  notSent: 'Not sent',
  reply: 'Reply',
  replyTo: (name: string) => `Reply to ${name}`,
  edited: 'edited',
  deleted: 'This message was deleted',
  attachment: 'Attachment',

  messageLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  replyingTo: (name: string) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',

  connection: {
    connected: 'Connected',
    connecting: 'Connecting…',
    unavailable: 'Offline — messages will sync when you’re back',
    failed: 'Live updates are not available in this browser',
    disconnected: 'Disconnected',
  },

  /** Sentences for failures that reach a person without a server message. */
  errorGeneric: 'Something went wrong. Please try again.',
} as const;

/** `14:05` today, `Mon 14:05` this week, `3 Mar` otherwise (in the browser's locale). */
export function formatTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = date.toLocaleTimeString(undefined, { hour: 'numeric', minute: '2-digit' });
  if (date.toDateString() === now.toDateString()) return time;
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days >= 0 && days < 6) return `${date.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
  return date.toLocaleDateString(undefined, { day: 'numeric', month: 'short' });
}

/** A day divider's label: "Today", "Yesterday", or the date. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (date.toDateString() === now.toDateString()) return msg.today;
  if (date.toDateString() === new Date(now.getTime() - 86_400_000).toDateString()) return msg.yesterday;
  return date.toLocaleDateString(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** The full date and time, for a `title` tooltip and `datetime` attributes' readers. */
export function formatFullTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString();
}

/** The sentences the session shows for failures live beside the code that chooses them; listed here too. */
export {
  ERROR_FORBIDDEN,
  ERROR_LOAD_FAILED,
  ERROR_NETWORK,
  ERROR_NOT_FOUND,
  ERROR_RATE_LIMITED,
  ERROR_SEND_FAILED,
  ERROR_SERVER,
  ERROR_SESSION_EXPIRED,
  ERROR_START_FAILED,
  ERROR_TOO_LONG,
} from './state/errors.js';
