/** German. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('de');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'Mitarbeiter-Chat',
  openChat: (unread, mentioned = false) =>
    (unread > 0 ? `Mitarbeiter-Chat öffnen, ${unread} ungelesen` : 'Mitarbeiter-Chat öffnen') + (mentioned ? ', Sie wurden erwähnt' : ''),
  closeChat: 'Mitarbeiter-Chat schließen',
  launcherUrgent: 'Eine dringende Nachricht wartet auf Ihre Bestätigung',
  chooseConversation: 'Wählen Sie eine Unterhaltung oder beginnen Sie eine neue.',

  errorNetwork: 'Der Chat-Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.',
  errorSessionExpired: 'Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an, um weiterzuschreiben.',
  errorForbidden: 'Sie haben keinen Zugriff auf diese Unterhaltung.',
  errorNotFound: 'Diese Unterhaltung wurde nicht gefunden.',
  errorTooLong: 'Diese Nachricht ist zu lang zum Senden.',
  errorRateLimited: 'Sie senden zu schnell. Warten Sie einen Moment und versuchen Sie es erneut.',
  errorServer: 'Der Chat-Server hatte ein Problem. Versuchen Sie es gleich noch einmal.',
  errorSendFailed: 'Die Nachricht konnte nicht gesendet werden.',
  errorLoadFailed: 'Die Unterhaltung konnte nicht geladen werden.',
  errorStartFailed: 'Der Chat konnte nicht starten.',
  errorSignInExpired: 'Ihre Anmeldung ist abgelaufen. Laden Sie die Seite neu, um sich erneut anzumelden.',
  errorWrongHotel:
    'Dieser Chat ist für ein anderes Hotel eingerichtet als Ihre Anmeldung. Sagen Sie es der Portal-Betreuung: Das hotel-Attribut muss zum Token passen.',
  errorOriginNotAllowed: (origin) =>
    `Der Chat-Server akzeptiert dieses Portal (${origin}) nicht. Sagen Sie es der Portal-Betreuung: ${origin} muss in STAFF_CHAT_ALLOWED_ORIGINS stehen.`,

  tabChats: 'Chats',
  tabNewChat: 'Neuer Chat',
  loading: 'Wird geladen …',
  notConfigured: 'Der Chat ist auf dieser Seite noch nicht eingerichtet.',
  retry: 'Erneut versuchen',

  noConversations: 'Noch keine Unterhaltungen. Beginnen Sie eine unter „Neuer Chat“.',
  conversationsLabel: 'Unterhaltungen',
  unreadCount: (n) => plural(n, { one: '1 ungelesene Nachricht', other: `${n} ungelesene Nachrichten` }),
  you: 'Sie',
  previewMine: (text: string) => `Sie: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Nachricht gelöscht',
  noMessagesYet: 'Noch keine Nachrichten',
  members: (n) => plural(n, { one: '1 Mitglied', other: `${n} Mitglieder` }),
  untitled: 'Unterhaltung',

  searchStaff: 'Mitarbeitende suchen',
  searchPlaceholder: 'Nach Name oder Abteilung suchen',
  directoryLabel: 'Mitarbeitende',
  noStaffFound: 'Niemand passt zu dieser Suche.',
  noColleaguesYet: 'Noch keine Kolleginnen und Kollegen hier. Sie erscheinen, sobald sie den Mitarbeiter-Chat geöffnet haben.',
  everyoneAlreadyHere: 'Alle sind bereits in dieser Unterhaltung.',
  startChatWith: 'Chat beginnen mit',
  startFailed: 'Die Unterhaltung konnte nicht begonnen werden. Bitte versuchen Sie es erneut.',

  conversationWith: (title) => `Unterhaltung: ${title}`,
  closeConversation: (title) => `Unterhaltung mit ${title} schließen`,
  messagesLabel: 'Nachrichten',
  loadEarlier: 'Ältere Nachrichten laden',
  loadingMessages: 'Nachrichten werden geladen …',
  emptyConversation: 'Noch keine Nachrichten. Sagen Sie Hallo!',
  newMessages: 'Neue Nachrichten',
  jumpToLatest: 'Zur neuesten springen',
  jumpToLatestUnread: (n) =>
    plural(n, { one: 'Zur neuesten springen, 1 neue Nachricht', other: `Zur neuesten springen, ${n} neue Nachrichten` }),

  sending: 'Wird gesendet …',
  notSent: 'Nicht gesendet',
  retryingAutomatically: 'Wird automatisch erneut versucht.',
  reply: 'Antworten',
  replyTo: (name) => `${name} antworten`,
  showOriginal: 'Ursprüngliche Nachricht zeigen',
  edited: 'bearbeitet',
  deleted: 'Diese Nachricht wurde gelöscht',
  attachment: 'Anhang',
  edit: 'Bearbeiten',
  delete: 'Löschen',
  save: 'Speichern',
  cancel: 'Abbrechen',
  editMessage: 'Nachricht bearbeiten',
  deleteConfirm: 'Diese Nachricht für alle löschen?',
  messageActions: 'Aktionen zur Nachricht',
  addReaction: 'Reaktion hinzufügen',
  reactWith: (emoji) => `Mit ${emoji} reagieren`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'Gesehen',
  seenBy: (names) => `Gesehen von ${names.join(', ')}`,

  needsAcknowledgement: 'Bestätigung erforderlich',
  urgentNote: 'Dringend: Alle in dieser Unterhaltung werden gebeten, sie zu bestätigen.',
  urgent: 'Dringend',
  acknowledge: 'Bestätigen',
  acknowledgedAt: (time) => `Bestätigt ${time}`,
  acknowledgedBy: (count, total) => `${count} von ${total} haben bestätigt`,
  notYetAcknowledged: 'Noch nicht',
  urgentBanner: (n) =>
    plural(n, { one: '1 dringende Nachricht wartet auf Ihre Bestätigung', other: `${n} dringende Nachrichten warten auf Ihre Bestätigung` }),
  openUrgent: (name) => `Dringende Nachricht von ${name} öffnen`,
  show: 'Anzeigen',
  urgentReminder: (n) => plural(n, { one: 'Dringende Nachricht: bitte bestätigen', other: `${n} dringende Nachrichten: bitte bestätigen` }),

  newGroup: 'Neue Gruppe',
  groupTitle: 'Gruppenname',
  createGroup: 'Gruppe erstellen',
  addPeople: 'Personen hinzufügen',
  closeAddPeople: '„Personen hinzufügen“ schließen',
  add: 'Hinzufügen',
  choosePeople: 'Personen auswählen',
  addFailed: 'Die Personen konnten nicht hinzugefügt werden. Bitte versuchen Sie es erneut.',

  settings: 'Benachrichtigungseinstellungen',
  desktopAlerts: 'Desktop-Benachrichtigungen',
  soundAlerts: 'Ton',
  alertsBlocked: 'Benachrichtigungen sind in den Website-Einstellungen dieses Browsers blockiert.',

  attachFiles: 'Dateien anhängen',
  uploadsLabel: 'Uploads',
  dropFiles: 'Dateien hier ablegen, um sie zu senden',
  attachmentsLabel: 'Anhänge',
  download: 'Herunterladen',
  closePreview: 'Vorschau schließen',
  clearUpload: (name) => `${name} entfernen`,
  cancelUpload: (name) => `Hochladen von ${name} abbrechen`,
  uploading: (name) => `${name} wird hochgeladen`,
  bytes: (count) => `${count} Byte`,
  fileTooBig: (name, size, max) => `${name} ist ${size} groß; Dateien dürfen höchstens ${max} groß sein.`,
  fileEmpty: (name) => `${name} ist leer.`,
  fileTypeRefused: (name) => `${name} kann nicht gesendet werden: Nur Bilder (PNG, JPEG, GIF, WebP), PDFs und Textdateien sind möglich.`,
  fileTooLarge: (name) => `${name} ist zu groß zum Senden.`,
  fileNotSent: (name, reason) => `${name} wurde nicht gesendet. ${reason}`,
  uploadFailed: 'Das Hochladen ist fehlgeschlagen.',

  messageLabel: 'Nachricht',
  composerPlaceholder: 'Nachricht schreiben …',
  send: 'Senden',
  replyingTo: (name) => `Antwort an ${name}`,
  cancelReply: 'Antwort abbrechen',
  mentionPicker: 'Personen zum Erwähnen',
  mentionEveryoneIn: (department) => `Alle in ${department}`,
  mentionSuggestions: (n) => plural(n, { one: '1 Vorschlag', other: `${n} Vorschläge` }),
  mentionCount: (n) => plural(n, { one: 'Sie wurden einmal erwähnt', other: `Sie wurden ${n}-mal erwähnt` }),

  online: 'Online',
  onlineAfterName: ', online',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} schreibt …`;
    if (names.length === 2) return `${first} und ${second} schreiben …`;
    return names.length === 3 ? `${first}, ${second} und ${names[2]} schreiben …` : 'Mehrere Personen schreiben …';
  },

  connection: {
    connected: 'Verbunden',
    connecting: 'Verbindung wird aufgebaut …',
    unavailable: 'Offline – Nachrichten werden abgeglichen, sobald Sie wieder online sind',
    failed: 'Live-Aktualisierungen sind in diesem Browser nicht verfügbar',
    disconnected: 'Getrennt',
  },
  connectionBanner:
    'Live-Aktualisierungen sind pausiert. Neue Nachrichten werden regelmäßig abgerufen; was Sie senden, geht raus, sobald die Verbindung wieder steht.',

  searchMessages: 'Nachrichten durchsuchen',
  searchInConversation: 'In dieser Unterhaltung suchen',
  closeSearch: 'Suche schließen',
  searching: 'Suche läuft…',
  searchResultsLabel: 'Suchergebnisse',
  searchResultCount: (n) => plural(n, { one: '1 Nachricht gefunden', other: `${n} Nachrichten gefunden` }),
  noMessagesFound: (query) => `Keine Nachricht enthält „${query}“. Prüfen Sie die Schreibweise oder versuchen Sie weniger Wörter.`,
  loadMoreResults: 'Weitere Ergebnisse laden',
  searchFailed: 'Die Suche hat nicht funktioniert.',
  messageNotShown: 'Diese Nachricht kann hier nicht angezeigt werden: Sie liegt zu weit zurück oder wurde inzwischen gelöscht.',

  errorGeneric: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
} satisfies Messages;
