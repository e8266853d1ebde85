/** Italian. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('it');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'Chat del personale',
  openChat: (unread, mentioned = false) =>
    (unread > 0 ? plural(unread, { one: 'Apri la chat del personale, 1 non letto', other: `Apri la chat del personale, ${unread} non letti` }) : 'Apri la chat del personale') + (mentioned ? ', ti hanno menzionato' : ''),
  closeChat: 'Chiudi la chat del personale',
  launcherUrgent: 'Un messaggio urgente attende la tua conferma',
  chooseConversation: 'Scegli una conversazione o iniziane una nuova.',

  errorNetwork: 'Impossibile raggiungere il server della chat. Controlla la connessione e riprova.',
  errorSessionExpired: 'La sessione è scaduta. Accedi di nuovo per continuare a chattare.',
  errorForbidden: 'Non hai accesso a questa conversazione.',
  errorNotFound: 'Impossibile trovare questa conversazione.',
  errorTooLong: 'Questo messaggio è troppo lungo per essere inviato.',
  errorRateLimited: 'Stai inviando messaggi troppo in fretta. Attendi un momento e riprova.',
  errorServer: 'Il server della chat ha avuto un problema. Riprova tra un momento.',
  errorSendFailed: 'Impossibile inviare il messaggio.',
  errorLoadFailed: 'Impossibile caricare la conversazione.',
  errorStartFailed: 'Impossibile avviare la chat.',
  errorSignInExpired: 'L’accesso è scaduto. Ricarica la pagina per accedere di nuovo.',
  errorWrongHotel:
    'Questa chat è configurata per un hotel diverso da quello del tuo accesso. Avvisa chi gestisce il portale: l’attributo hotel deve corrispondere al token.',
  errorOriginNotAllowed: (origin) =>
    `Il server della chat non accetta questo portale (${origin}). Avvisa chi lo gestisce: aggiungi ${origin} a STAFF_CHAT_ALLOWED_ORIGINS.`,

  tabChats: 'Chat',
  tabNewChat: 'Nuova chat',
  loading: 'Caricamento…',
  notConfigured: 'La chat non è ancora configurata su questa pagina.',
  retry: 'Riprova',

  noConversations: 'Ancora nessuna conversazione. Iniziane una da «Nuova chat».',
  conversationsLabel: 'Conversazioni',
  unreadCount: (n) => plural(n, { one: '1 messaggio non letto', other: `${n} messaggi non letti` }),
  you: 'Tu',
  previewMine: (text: string) => `Tu: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Messaggio eliminato',
  noMessagesYet: 'Ancora nessun messaggio',
  members: (n) => plural(n, { one: '1 membro', other: `${n} membri` }),
  untitled: 'Conversazione',

  searchStaff: 'Cerca nel personale',
  searchPlaceholder: 'Cerca per nome o reparto',
  directoryLabel: 'Personale',
  noStaffFound: 'Nessuno corrisponde a questa ricerca.',
  noColleaguesYet: 'Ancora nessun collega qui. Le persone compaiono dopo aver aperto la chat del personale.',
  everyoneAlreadyHere: 'Sono già tutti in questa conversazione.',
  startChatWith: 'Inizia una chat con',
  startFailed: 'Impossibile iniziare la conversazione. Riprova.',

  conversationWith: (title) => `Conversazione: ${title}`,
  closeConversation: (title) => `Chiudi la conversazione con ${title}`,
  messagesLabel: 'Messaggi',
  loadEarlier: 'Carica i messaggi precedenti',
  loadingMessages: 'Caricamento dei messaggi…',
  emptyConversation: 'Ancora nessun messaggio. Saluta!',
  newMessages: 'Nuovi messaggi',
  jumpToLatest: 'Vai al più recente',
  jumpToLatestUnread: (n) => plural(n, { one: 'Vai al più recente, 1 nuovo messaggio', other: `Vai al più recente, ${n} nuovi messaggi` }),

  sending: 'Invio in corso…',
  notSent: 'Non inviato',
  retryingAutomatically: 'Nuovo tentativo automatico.',
  reply: 'Rispondi',
  replyTo: (name) => `Rispondi a ${name}`,
  showOriginal: 'Mostra il messaggio originale',
  edited: 'modificato',
  deleted: 'Questo messaggio è stato eliminato',
  attachment: 'Allegato',
  edit: 'Modifica',
  delete: 'Elimina',
  save: 'Salva',
  cancel: 'Annulla',
  editMessage: 'Modifica il messaggio',
  deleteConfirm: 'Eliminare questo messaggio per tutti?',
  messageActions: 'Azioni sul messaggio',
  addReaction: 'Aggiungi una reazione',
  reactWith: (emoji) => `Reagisci con ${emoji}`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'Visto',
  seenBy: (names) => `Visto da ${names.join(', ')}`,

  needsAcknowledgement: 'Richiede conferma',
  urgentNote: 'Urgente: a tutti in questa conversazione verrà chiesto di confermarlo.',
  urgent: 'Urgente',
  acknowledge: 'Conferma',
  acknowledgedAt: (time) => `Confermato ${time}`,
  acknowledgedBy: (count, total) => `Confermato da ${count} su ${total}`,
  notYetAcknowledged: 'Non ancora',
  urgentBanner: (n) =>
    plural(n, { one: '1 messaggio urgente attende la tua conferma', other: `${n} messaggi urgenti attendono la tua conferma` }),
  openUrgent: (name) => `Apri il messaggio urgente di ${name}`,
  show: 'Apri',
  urgentReminder: (n) => plural(n, { one: 'Messaggio urgente: conferma, per favore', other: `${n} messaggi urgenti: conferma, per favore` }),

  newGroup: 'Nuovo gruppo',
  groupTitle: 'Nome del gruppo',
  createGroup: 'Crea gruppo',
  addPeople: 'Aggiungi persone',
  closeAddPeople: 'Chiudi «Aggiungi persone»',
  add: 'Aggiungi',
  choosePeople: 'Scegli le persone',
  addFailed: 'Impossibile aggiungere le persone. Riprova.',

  settings: 'Impostazioni delle notifiche',
  desktopAlerts: 'Notifiche sul desktop',
  soundAlerts: 'Suono',
  alertsBlocked: 'Le notifiche sono bloccate nelle impostazioni del sito di questo browser.',

  attachFiles: 'Allega file',
  uploadsLabel: 'Caricamenti',
  dropFiles: 'Rilascia i file per inviarli',
  attachmentsLabel: 'Allegati',
  download: 'Scarica',
  closePreview: 'Chiudi l’anteprima',
  clearUpload: (name) => `Rimuovi ${name}`,
  cancelUpload: (name) => `Annulla il caricamento di ${name}`,
  uploading: (name) => `Caricamento di ${name}`,
  bytes: (count) => `${count} byte`,
  fileTooBig: (name, size, max) => `${name} pesa ${size}; i file possono pesare al massimo ${max}.`,
  fileEmpty: (name) => `${name} è vuoto.`,
  fileTypeRefused: (name) => `${name} non può essere inviato: sono ammessi solo immagini (PNG, JPEG, GIF, WebP), PDF e file di testo.`,
  fileTooLarge: (name) => `${name} è troppo grande per essere inviato.`,
  fileNotSent: (name, reason) => `${name} non è stato inviato. ${reason}`,
  uploadFailed: 'Il caricamento non è riuscito.',

  messageLabel: 'Messaggio',
  composerPlaceholder: 'Scrivi un messaggio…',
  send: 'Invia',
  replyingTo: (name) => `In risposta a ${name}`,
  cancelReply: 'Annulla la risposta',
  mentionPicker: 'Persone da menzionare',
  mentionEveryoneIn: (department) => `Tutto il reparto ${department}`,
  mentionSuggestions: (n) => plural(n, { one: '1 suggerimento', other: `${n} suggerimenti` }),
  mentionCount: (n) => plural(n, { one: '1 menzione per te', other: `${n} menzioni per te` }),

  online: 'Online',
  onlineAfterName: ', online',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} sta scrivendo…`;
    if (names.length === 2) return `${first} e ${second} stanno scrivendo…`;
    return names.length === 3 ? `${first}, ${second} e ${names[2]} stanno scrivendo…` : 'Diverse persone stanno scrivendo…';
  },

  connection: {
    connected: 'Connesso',
    connecting: 'Connessione…',
    unavailable: 'Offline: i messaggi si sincronizzeranno al tuo ritorno',
    failed: 'Gli aggiornamenti in tempo reale non sono disponibili in questo browser',
    disconnected: 'Disconnesso',
  },
  connectionBanner:
    'Gli aggiornamenti in tempo reale sono in pausa. I nuovi messaggi vengono controllati regolarmente; ciò che invii partirà quando torna la connessione.',

  searchMessages: 'Cerca nei messaggi',
  searchInConversation: 'Cerca in questa conversazione',
  closeSearch: 'Chiudi la ricerca',
  searching: 'Ricerca in corso…',
  searchResultsLabel: 'Risultati della ricerca',
  searchResultCount: (n) => plural(n, { one: '1 messaggio trovato', other: `${n} messaggi trovati` }),
  noMessagesFound: (query) => `Nessun messaggio contiene «${query}». Controlla l’ortografia o prova con meno parole.`,
  loadMoreResults: 'Carica altri risultati',
  searchFailed: 'La ricerca non è riuscita.',
  messageNotShown: 'Questo messaggio non può essere mostrato qui: è troppo vecchio o nel frattempo è stato eliminato.',

  errorGeneric: 'Qualcosa è andato storto. Riprova.',
} satisfies Messages;
