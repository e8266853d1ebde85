/**
 * The strings of what every portal page loads: `<staff-chat>` itself and its launcher. The rest, for
 * the elements that load on first use, is in ui.ts, whose `msg` includes these; one folder, so a
 * translation replaces both.
 */
export const coreMsg = {
  appName: 'Staff chat',
  openChat: (unread: number) => (unread > 0 ? `Open staff chat, ${unread} unread` : 'Open staff chat'),
  closeChat: 'Close staff chat',
  chooseConversation: 'Choose a conversation, or start a new one.',
} as const;
