/**
 * The strings of what every portal page loads: `<staff-chat>` itself and its launcher. The rest, for
 * the elements that load on first use, is in ui.ts, whose `msg` includes these; one folder, so a
 * translation (./locales/) replaces both. `coreMsg` follows the locale (see locale.ts).
 */
import { bindMessages } from './locale.js';
import { pluralFor } from './plural.js';

const plural = pluralFor('en');

/** The English originals; read `coreMsg`, which holds the current language. */
export const coreStrings = {
  appName: 'Staff chat',
  /** The launcher's label; `mentioned` while an unread message mentions the viewer. */
  openChat: (unread: number, mentioned = false) =>
    (unread > 0 ? plural(unread, { one: 'Open staff chat, 1 unread', other: `Open staff chat, ${unread} unread` }) : 'Open staff chat') +
    (mentioned ? ', you were mentioned' : ''),
  closeChat: 'Close staff chat',
  /** A desktop notification's title when the message mentions the viewer (its body is the message). */
  mentionAlert: (name: string) => `${name} mentioned you`,
  /** Read after the launcher's label while an urgent message waits for the viewer. */
  launcherUrgent: 'An urgent message needs your acknowledgement',
  chooseConversation: 'Choose a conversation, or start a new one.',
};

export const coreMsg = bindMessages({ ...coreStrings });
