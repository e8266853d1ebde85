/**
 * Every string a person sees, in one place (this folder), so a translation (./locales/) replaces it
 * without touching an element. Functions take the values they interpolate. The strings of the
 * always-loaded shell are in core.ts and the failure sentences in errors.ts; `msg` has them too, so
 * elements need only this module. `msg` follows the locale (see locale.ts).
 */
import { coreStrings } from './core.js';
import { errorStrings } from './errors.js';
import { $locale, bindMessages } from './locale.js';
import { pluralFor } from './plural.js';

const plural = pluralFor('en');

/** The English originals of the elements that load on first use; read `msg`, which holds the current language. */
export const uiStrings = {
  tabChats: 'Chats',
  tabNewChat: 'New chat',
  loading: 'Loading…',
  notConfigured: 'Chat is not set up on this page yet.',
  retry: 'Retry',

  noConversations: 'No conversations yet. Start one from “New chat”.',
  conversationsLabel: 'Conversations',
  unreadCount: (n: number) => plural(n, { one: '1 unread message', other: `${n} unread messages` }),
  you: 'You',
  /** The conversation list's preview of the viewer's own last message. */
  previewMine: (text: string) => `You: ${text}`,
  /** The preview of a last message that is only files: the first file's name. */
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Message deleted',
  noMessagesYet: 'No messages yet',
  members: (n: number) => plural(n, { one: '1 member', other: `${n} members` }),
  untitled: 'Conversation',

  searchStaff: 'Search staff',
  searchPlaceholder: 'Search by name or department',
  directoryLabel: 'Staff',
  noStaffFound: 'No one matches that search.',
  /** The directory with nothing typed, in a hotel where no one else has opened the chat yet. */
  noColleaguesYet: 'No colleagues here yet. People appear once they have opened the staff chat.',
  everyoneAlreadyHere: 'Everyone is already in this conversation.',
  /** Read before a person's name in the directory (visually hidden), so the button says what it does. */
  startChatWith: 'Start a chat with',
  startFailed: 'The conversation could not be started. Please try again.',

  conversationWith: (title: string) => `Conversation: ${title}`,
  closeConversation: (title: string) => `Close conversation with ${title}`,
  messagesLabel: 'Messages',
  loadEarlier: 'Load earlier messages',
  loadingMessages: 'Loading messages…',
  emptyConversation: 'No messages yet. Say hello!',
  newMessages: 'New messages',
  jumpToLatest: 'Jump to latest',
  /** The jump button's label when messages arrived while the person was reading further up. */
  jumpToLatestUnread: (n: number) => plural(n, { one: 'Jump to latest, 1 new message', other: `Jump to latest, ${n} new messages` }),

  sending: 'Sending…',
  notSent: 'Not sent',
  /** After the reason of a failure that passes by itself (network, server): the outbox keeps trying. */
  retryingAutomatically: 'Trying again automatically.',
  reply: 'Reply',
  replyTo: (name: string) => `Reply to ${name}`,
  showOriginal: 'Show the original message',
  edited: 'edited',
  deleted: 'This message was deleted',
  attachment: 'Attachment',
  edit: 'Edit',
  delete: 'Delete',
  save: 'Save',
  cancel: 'Cancel',
  editMessage: 'Edit message',
  deleteConfirm: 'Delete this message for everyone?',
  messageActions: 'Message actions',
  addReaction: 'Add reaction',
  reactWith: (emoji: string) => `React with ${emoji}`,
  reactionLabel: (emoji: string, count: number, names: string) => `${emoji} ${count}: ${names}`,
  /** Under the newest message the others have read: a 1:1 says "Seen", a group names who. */
  seen: 'Seen',
  seenBy: (names: readonly string[]) => `Seen by ${names.join(', ')}`,

  /** Urgent messages: the composer's toggle, the bubble, the panel's banner, the repeated notification. */
  needsAcknowledgement: 'Needs acknowledgement',
  /** Under the composer while the toggle is on. */
  urgentNote: 'Urgent: everyone in this conversation will be asked to acknowledge it.',
  urgent: 'Urgent',
  acknowledge: 'Acknowledge',
  /** The viewer's own acknowledgement; `time` is already formatted. */
  acknowledgedAt: (time: string) => `Acknowledged ${time}`,
  acknowledgedBy: (count: number, total: number) => `Acknowledged by ${count} of ${total}`,
  /** In the "acknowledged by" list: who has not yet. */
  notYetAcknowledged: 'Not yet',
  urgentBanner: (n: number) =>
    plural(n, { one: '1 urgent message needs your acknowledgement', other: `${n} urgent messages need your acknowledgement` }),
  /** The banner's button; `name` is the sender of the oldest one. */
  openUrgent: (name: string) => `Open the urgent message from ${name}`,
  show: 'Show',
  urgentReminder: (n: number) =>
    plural(n, { one: 'Urgent message: please acknowledge', other: `${n} urgent messages: please acknowledge` }),

  newGroup: 'New group',
  groupTitle: 'Group name',
  createGroup: 'Create group',
  addPeople: 'Add people',
  closeAddPeople: 'Close “Add people”',
  add: 'Add',
  choosePeople: 'Choose people',
  addFailed: 'People could not be added. Please try again.',

  settings: 'Notification settings',
  desktopAlerts: 'Desktop notifications',
  soundAlerts: 'Sound',
  alertsBlocked: 'Notifications are blocked in this browser’s site settings.',

  /** Department channels (everyone of a department, by the portal's say) and their shift handover notes. */
  departmentsLabel: 'Departments',
  /** A department channel's subtitle: what it is, and how many are in it. */
  departmentSubtitle: (n: number) => plural(n, { one: 'Department channel · 1 member', other: `Department channel · ${n} members` }),
  handoverNote: 'Handover note',
  newHandoverNote: 'New handover note',
  handoverSummary: 'Summary',
  handoverChecklist: 'Checklist',
  handoverItem: (n: number) => `Item ${n}`,
  addHandoverItem: 'Add item',
  removeHandoverItem: (n: number) => `Remove item ${n}`,
  sendHandoverNote: 'Send handover note',
  handoverNeedsSummary: 'Write a short summary of the shift.',
  handoverNeedsItem: 'Add at least one item to the checklist.',
  handoverItemTooLong: (n: number, max: number) => `Item ${n} is longer than ${max} characters.`,
  handoverSummaryTooLong: (max: number) => `The summary is longer than ${max} characters.`,
  handoverTooManyItems: (max: number) => `A handover note can have at most ${max} items.`,
  currentHandover: 'Current handover',
  /** Who wrote the pinned note, and when. */
  handoverBy: (name: string, time: string) => `${name}, ${time}`,
  handoverProgress: (done: number, total: number) => `${done} of ${total} done`,
  /** Beside a ticked item: who ticked it, and when. */
  handoverTickedBy: (name: string, time: string) => `Ticked by ${name}, ${time}`,
  noHandoverYet: 'No handover note yet. Write one for the next shift.',
  pastHandovers: 'Past handovers',
  noPastHandovers: 'No earlier handovers.',
  olderHandovers: 'Show older handovers',

  /** Files: the composer's button, the tray of uploads, attachments under a message, refusals. */
  attachFiles: 'Attach files',
  uploadsLabel: 'Uploads',
  dropFiles: 'Drop files to send them',
  attachmentsLabel: 'Attachments',
  download: 'Download',
  closePreview: 'Close preview',
  clearUpload: (name: string) => `Clear ${name}`,
  cancelUpload: (name: string) => `Cancel upload of ${name}`,
  uploading: (name: string) => `Uploading ${name}`,
  /** A size under 1 KB; `count` is already formatted for the locale. */
  bytes: (count: string) => `${count} bytes`,
  fileTooBig: (name: string, size: string, max: string) => `${name} is ${size}; files can be at most ${max}.`,
  fileEmpty: (name: string) => `${name} is empty.`,
  fileTypeRefused: (name: string) => `${name} cannot be sent: only images (PNG, JPEG, GIF, WebP), PDFs and text files can.`,
  fileTooLarge: (name: string) => `${name} is too large to send.`,
  fileNotSent: (name: string, reason: string) => `${name} was not sent. ${reason}`,
  uploadFailed: 'The upload failed.',

  messageLabel: 'Message',
  composerPlaceholder: 'Write a message…',
  send: 'Send',
  replyingTo: (name: string) => `Replying to ${name}`,
  cancelReply: 'Cancel reply',
  /** The composer's @ picker: its label, a department's entry, and what a screen reader hears as it opens. */
  mentionPicker: 'People to mention',
  mentionEveryoneIn: (department: string) => `Everyone in ${department}`,
  mentionSuggestions: (n: number) => plural(n, { one: '1 suggestion', other: `${n} suggestions` }),
  /** A conversation row's mention badge (visually hidden text beside the @). */
  mentionCount: (n: number) => plural(n, { one: 'You were mentioned once', other: `You were mentioned ${n} times` }),

  /** The presence dot's tooltip. */
  online: 'Online',
  /** Read after the name of someone online (visually hidden), as the dot's text alternative. */
  onlineAfterName: ', online',
  /** The line above the composer, and in the list instead of the last message. Takes first names. */
  typing: (names: readonly string[]) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} is typing…`;
    if (names.length === 2) return `${first} and ${second} are typing…`;
    return names.length === 3 ? `${first}, ${second} and ${names[2]} are typing…` : 'Several people are typing…';
  },

  /** Pins: the bubble's menu, the pinned bar at the top of a window and its list. */
  pin: 'Pin',
  unpin: 'Unpin',
  pinnedMessages: 'Pinned messages',
  pinnedCount: (n: number) => plural(n, { one: '1 pinned', other: `${n} pinned` }),
  pinnedBy: (name: string) => `Pinned by ${name}`,
  showInConversation: 'Show in the conversation',
  closePins: 'Close pinned messages',
  tooManyPins: (max: number) => `At most ${max} messages can be pinned in a conversation. Unpin one first.`,
  dismiss: 'Dismiss',

  /** The conversation menu in a window's header. */
  conversationMenu: 'Conversation options',
  mute: 'Mute',
  unmute: 'Unmute',
  muted: 'Muted',
  archive: 'Archive',
  leaveGroup: 'Leave group',
  leaveConfirm: 'Leave this group? Its new messages will no longer reach you.',
  leave: 'Leave',
  removePeople: 'Remove people',
  removePerson: (name: string) => `Remove ${name}`,
  removeConfirm: (name: string) => `Remove ${name} from this group?`,
  remove: 'Remove',
  removeNotAllowed: 'Only the group’s creator or a chat admin can remove people.',

  /** Forwarding a message, and deleting a file of one's own message. */
  forward: 'Forward',
  forwardTo: 'Forward to',
  forwardSend: (n: number) => plural(n, { one: 'Forward to 1 conversation', other: `Forward to ${n} conversations` }),
  forwarded: 'Forwarded',
  noForwardTargets: 'There is no other conversation to forward to.',
  deleteFile: (name: string) => `Delete ${name}`,
  deleteFileConfirm: (name: string) => `Delete ${name} for everyone?`,

  connection: {
    connected: 'Connected',
    connecting: 'Connecting…',
    unavailable: 'Offline — messages will sync when you’re back',
    failed: 'Live updates are not available in this browser',
    disconnected: 'Disconnected',
  },
  /** The banner while realtime is down and the widget polls instead. */
  connectionBanner: 'Live updates are paused. Checking for new messages regularly; what you send goes out when the connection is back.',

  /** Sentences for failures that reach a person without a server message. */
  errorGeneric: 'Something went wrong. Please try again.',
};

export const msg = bindMessages({ ...coreStrings, ...errorStrings, ...uiStrings });

// toLocale*String(locale, options) builds a new Intl.DateTimeFormat on every call, which costs more
// than the rest of rendering a bubble; the same formatters, built once per locale, give the same text.
const formatters = new Map<string, Intl.DateTimeFormat>();
function format(date: Date, options: Intl.DateTimeFormatOptions): string {
  const locale = $locale.get();
  const key = locale + JSON.stringify(options);
  let formatter = formatters.get(key);
  if (!formatter) formatters.set(key, (formatter = new Intl.DateTimeFormat(locale, options)));
  return formatter.format(date);
}

/** "Today" and "Yesterday" in the current locale, from Intl (`heute`, `hier`, `أمس`), capitalised for a heading. */
function relativeDay(offset: 0 | -1): string {
  const locale = $locale.get();
  const text = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }).format(offset, 'day');
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** `14:05` today, `Mon 14:05` this week, `3 Mar` otherwise (in the widget's locale, see locale.ts). */
export function formatTime(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const time = format(date, { hour: 'numeric', minute: '2-digit' });
  if (date.toDateString() === now.toDateString()) return time;
  const days = (now.getTime() - date.getTime()) / 86_400_000;
  if (days >= 0 && days < 6) return `${format(date, { weekday: 'short' })} ${time}`;
  return format(date, { day: 'numeric', month: 'short' });
}

/** A day divider's label: "Today", "Yesterday", or the date. */
export function formatDay(iso: string, now: Date = new Date()): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  if (date.toDateString() === now.toDateString()) return relativeDay(0);
  if (date.toDateString() === new Date(now.getTime() - 86_400_000).toDateString()) return relativeDay(-1);
  return format(date, { weekday: 'long', day: 'numeric', month: 'long' });
}

/** What `toLocaleString()` shows. */
const FULL_TIME: Intl.DateTimeFormatOptions = {
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
};

/** The full date and time, for a `title` tooltip and `datetime` attributes' readers. */
export function formatFullTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? '' : format(date, FULL_TIME);
}

export { errorMsg } from './errors.js';
