/** Polish. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('pl');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'Czat zespołu',
  openChat: (unread, mentioned) =>
    (unread > 0
      ? plural(unread, {
          one: 'Otwórz czat zespołu, 1 nieprzeczytana',
          few: `Otwórz czat zespołu, ${unread} nieprzeczytane`,
          many: `Otwórz czat zespołu, ${unread} nieprzeczytanych`,
          other: `Otwórz czat zespołu, ${unread} nieprzeczytanej`,
        })
      : 'Otwórz czat zespołu') + (mentioned ? ', oznaczono Cię' : ''),
  closeChat: 'Zamknij czat zespołu',
  mentionAlert: (name) => `Oznaczenie od: ${name}`,
  launcherUrgent: 'Pilna wiadomość czeka na Twoje potwierdzenie',
  chooseConversation: 'Wybierz rozmowę albo rozpocznij nową.',

  errorNetwork: 'Nie można połączyć się z serwerem czatu. Sprawdź połączenie i spróbuj ponownie.',
  errorSessionExpired: 'Sesja wygasła. Zaloguj się ponownie, aby dalej rozmawiać.',
  errorForbidden: 'Nie masz dostępu do tej rozmowy.',
  errorNotFound: 'Nie znaleziono tej rozmowy.',
  errorTooLong: 'Ta wiadomość jest za długa, aby ją wysłać.',
  errorRateLimited: 'Wysyłasz wiadomości zbyt szybko. Odczekaj chwilę i spróbuj ponownie.',
  errorServer: 'Serwer czatu napotkał problem. Spróbuj ponownie za chwilę.',
  errorSendFailed: 'Nie udało się wysłać wiadomości.',
  errorLoadFailed: 'Nie udało się wczytać rozmowy.',
  errorStartFailed: 'Nie udało się uruchomić czatu.',
  errorSignInExpired: 'Logowanie wygasło. Odśwież stronę, aby zalogować się ponownie.',
  errorWrongHotel:
    'Ten czat jest skonfigurowany dla innego hotelu niż Twoje logowanie. Powiedz osobie, która zarządza portalem: atrybut hotel musi zgadzać się z tokenem.',
  errorOriginNotAllowed: (origin) =>
    `Serwer czatu nie akceptuje tego portalu (${origin}). Powiedz osobie, która nim zarządza: dodaj ${origin} do STAFF_CHAT_ALLOWED_ORIGINS.`,

  tabChats: 'Czaty',
  tabNewChat: 'Nowy czat',
  loading: 'Wczytywanie…',
  notConfigured: 'Czat nie jest jeszcze skonfigurowany na tej stronie.',
  retry: 'Spróbuj ponownie',

  noConversations: 'Brak rozmów. Rozpocznij jedną w zakładce „Nowy czat”.',
  conversationsLabel: 'Rozmowy',
  unreadCount: (n) =>
    plural(n, {
      one: '1 nieprzeczytana wiadomość',
      few: `${n} nieprzeczytane wiadomości`,
      many: `${n} nieprzeczytanych wiadomości`,
      other: `${n} nieprzeczytanej wiadomości`,
    }),
  you: 'Ty',
  previewMine: (text: string) => `Ty: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Wiadomość usunięta',
  noMessagesYet: 'Brak wiadomości',
  members: (n) => plural(n, { one: '1 osoba', few: `${n} osoby`, many: `${n} osób`, other: `${n} osoby` }),
  untitled: 'Rozmowa',

  searchStaff: 'Szukaj w zespole',
  searchPlaceholder: 'Szukaj po nazwisku lub dziale',
  directoryLabel: 'Zespół',
  noStaffFound: 'Nikt nie pasuje do tego wyszukiwania.',
  noColleaguesYet: 'Nie ma tu jeszcze współpracowników. Pojawią się, gdy otworzą czat zespołu.',
  everyoneAlreadyHere: 'Wszyscy są już w tej rozmowie.',
  startChatWith: 'Rozpocznij czat z:',
  startFailed: 'Nie udało się rozpocząć rozmowy. Spróbuj ponownie.',

  conversationWith: (title) => `Rozmowa: ${title}`,
  closeConversation: (title) => `Zamknij rozmowę: ${title}`,
  messagesLabel: 'Wiadomości',
  loadEarlier: 'Wczytaj wcześniejsze wiadomości',
  loadingMessages: 'Wczytywanie wiadomości…',
  emptyConversation: 'Brak wiadomości. Przywitaj się!',
  newMessages: 'Nowe wiadomości',
  jumpToLatest: 'Przejdź do najnowszych',
  jumpToLatestUnread: (n) =>
    plural(n, {
      one: 'Przejdź do najnowszych, 1 nowa wiadomość',
      few: `Przejdź do najnowszych, ${n} nowe wiadomości`,
      many: `Przejdź do najnowszych, ${n} nowych wiadomości`,
      other: `Przejdź do najnowszych, ${n} nowej wiadomości`,
    }),

  sending: 'Wysyłanie…',
  notSent: 'Nie wysłano',
  retryingAutomatically: 'Ponowna próba nastąpi automatycznie.',
  reply: 'Odpowiedz',
  replyTo: (name) => `Odpowiedz: ${name}`,
  showOriginal: 'Pokaż oryginalną wiadomość',
  edited: 'edytowano',
  deleted: 'Ta wiadomość została usunięta',
  attachment: 'Załącznik',
  edit: 'Edytuj',
  delete: 'Usuń',
  save: 'Zapisz',
  cancel: 'Anuluj',
  editMessage: 'Edytuj wiadomość',
  deleteConfirm: 'Usunąć tę wiadomość dla wszystkich?',
  messageActions: 'Działania na wiadomości',
  addReaction: 'Dodaj reakcję',
  reactWith: (emoji) => `Zareaguj: ${emoji}`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'Wyświetlono',
  seenBy: (names) => `Wyświetlili: ${names.join(', ')}`,

  needsAcknowledgement: 'Wymaga potwierdzenia',
  urgentNote: 'Pilne: wszyscy w tej rozmowie zostaną poproszeni o potwierdzenie.',
  urgent: 'Pilne',
  acknowledge: 'Potwierdź',
  acknowledgedAt: (time) => `Potwierdzono ${time}`,
  acknowledgedBy: (count, total) => `Potwierdzenia: ${count} z ${total}`,
  notYetAcknowledged: 'Jeszcze nie',
  urgentBanner: (n) =>
    plural(n, {
      one: '1 pilna wiadomość czeka na Twoje potwierdzenie',
      few: `${n} pilne wiadomości czekają na Twoje potwierdzenie`,
      many: `${n} pilnych wiadomości czeka na Twoje potwierdzenie`,
      other: `${n} pilnej wiadomości czeka na Twoje potwierdzenie`,
    }),
  openUrgent: (name) => `Otwórz pilną wiadomość od: ${name}`,
  show: 'Pokaż',
  urgentReminder: (n) =>
    plural(n, {
      one: 'Pilna wiadomość: potwierdź, proszę',
      few: `${n} pilne wiadomości: potwierdź, proszę`,
      many: `${n} pilnych wiadomości: potwierdź, proszę`,
      other: `${n} pilnej wiadomości: potwierdź, proszę`,
    }),

  newGroup: 'Nowa grupa',
  groupTitle: 'Nazwa grupy',
  createGroup: 'Utwórz grupę',
  addPeople: 'Dodaj osoby',
  closeAddPeople: 'Zamknij „Dodaj osoby”',
  add: 'Dodaj',
  choosePeople: 'Wybierz osoby',
  addFailed: 'Nie udało się dodać osób. Spróbuj ponownie.',

  settings: 'Ustawienia powiadomień',
  desktopAlerts: 'Powiadomienia na pulpicie',
  soundAlerts: 'Dźwięk',
  alertsBlocked: 'Powiadomienia są zablokowane w ustawieniach witryny tej przeglądarki.',

  departmentsLabel: 'Działy',
  departmentSubtitle: (n) =>
    plural(n, {
      one: 'Kanał działu · 1 osoba',
      few: `Kanał działu · ${n} osoby`,
      many: `Kanał działu · ${n} osób`,
      other: `Kanał działu · ${n} osoby`,
    }),
  handoverNote: 'Notatka zmiany',
  newHandoverNote: 'Nowa notatka zmiany',
  handoverSummary: 'Podsumowanie',
  handoverChecklist: 'Lista kontrolna',
  handoverItem: (n) => `Punkt ${n}`,
  addHandoverItem: 'Dodaj punkt',
  removeHandoverItem: (n) => `Usuń punkt ${n}`,
  sendHandoverNote: 'Wyślij notatkę zmiany',
  handoverNeedsSummary: 'Napisz krótkie podsumowanie zmiany.',
  handoverNeedsItem: 'Dodaj do listy co najmniej jeden punkt.',
  handoverItemTooLong: (n, max) => `Punkt ${n} ma więcej niż ${max} znaków.`,
  handoverSummaryTooLong: (max) => `Podsumowanie ma więcej niż ${max} znaków.`,
  handoverTooManyItems: (max) => `Notatka zmiany może mieć najwyżej ${max} punktów.`,
  currentHandover: 'Bieżące przekazanie',
  handoverBy: (name, time) => `${name}, ${time}`,
  handoverProgress: (done, total) => `Zrobione: ${done} z ${total}`,
  handoverTickedBy: (name, time) => `Odhaczone przez: ${name}, ${time}`,
  noHandoverYet: 'Nie ma jeszcze notatki zmiany. Napisz ją dla następnej zmiany.',
  pastHandovers: 'Poprzednie przekazania',
  noPastHandovers: 'Brak wcześniejszych przekazań.',
  olderHandovers: 'Pokaż starsze przekazania',

  attachFiles: 'Załącz pliki',
  uploadsLabel: 'Przesyłane pliki',
  dropFiles: 'Upuść pliki, aby je wysłać',
  attachmentsLabel: 'Załączniki',
  download: 'Pobierz',
  closePreview: 'Zamknij podgląd',
  clearUpload: (name) => `Usuń ${name}`,
  cancelUpload: (name) => `Anuluj przesyłanie ${name}`,
  uploading: (name) => `Przesyłanie ${name}`,
  bytes: (count) => `${count} B`,
  fileTooBig: (name, size, max) => `${name} ma ${size}; pliki mogą mieć najwyżej ${max}.`,
  fileEmpty: (name) => `${name} jest pusty.`,
  fileTypeRefused: (name) => `Nie można wysłać ${name}: dozwolone są tylko obrazy (PNG, JPEG, GIF, WebP), pliki PDF i pliki tekstowe.`,
  fileTooLarge: (name) => `${name} jest za duży, aby go wysłać.`,
  fileNotSent: (name, reason) => `Nie wysłano ${name}. ${reason}`,
  uploadFailed: 'Przesyłanie nie powiodło się.',

  messageLabel: 'Wiadomość',
  composerPlaceholder: 'Napisz wiadomość…',
  send: 'Wyślij',
  replyingTo: (name) => `Odpowiedź dla: ${name}`,
  cancelReply: 'Anuluj odpowiedź',
  mentionPicker: 'Osoby do oznaczenia',
  mentionEveryoneIn: (department) => `Wszyscy z działu ${department}`,
  mentionSuggestions: (n) =>
    plural(n, { one: '1 podpowiedź', few: `${n} podpowiedzi`, many: `${n} podpowiedzi`, other: `${n} podpowiedzi` }),
  mentionCount: (n) =>
    plural(n, {
      one: 'Oznaczono Cię raz',
      few: `Oznaczono Cię ${n} razy`,
      many: `Oznaczono Cię ${n} razy`,
      other: `Oznaczono Cię ${n} razy`,
    }),

  online: 'Dostępny',
  onlineAfterName: ', dostępny',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} pisze…`;
    if (names.length === 2) return `${first} i ${second} piszą…`;
    return names.length === 3 ? `${first}, ${second} i ${names[2]} piszą…` : 'Kilka osób pisze…';
  },

  pin: 'Przypnij',
  unpin: 'Odepnij',
  pinnedMessages: 'Przypięte wiadomości',
  pinnedCount: (n) => plural(n, { one: '1 przypięta', few: `${n} przypięte`, many: `${n} przypiętych`, other: `${n} przypiętej` }),
  pinnedBy: (name) => `Przypięta przez: ${name}`,
  showInConversation: 'Pokaż w rozmowie',
  closePins: 'Zamknij przypięte wiadomości',
  tooManyPins: (max) => `W rozmowie można przypiąć najwyżej ${max} wiadomości. Najpierw odepnij jedną.`,
  dismiss: 'Zamknij',

  conversationMenu: 'Opcje rozmowy',
  mute: 'Wycisz',
  unmute: 'Wyłącz wyciszenie',
  muted: 'Wyciszona',
  archive: 'Archiwizuj',
  leaveGroup: 'Opuść grupę',
  leaveConfirm: 'Opuścić tę grupę? Jej nowe wiadomości nie będą już do Ciebie trafiać.',
  leave: 'Opuść',
  removePeople: 'Usuń osoby',
  removePerson: (name) => `Usuń: ${name}`,
  removeConfirm: (name) => `Usunąć z tej grupy: ${name}?`,
  remove: 'Usuń',
  removeNotAllowed: 'Osoby może usuwać tylko twórca grupy lub administrator czatu.',

  forward: 'Przekaż',
  forwardTo: 'Przekaż do',
  forwardSend: (n) =>
    plural(n, {
      one: 'Przekaż do 1 rozmowy',
      few: `Przekaż do ${n} rozmów`,
      many: `Przekaż do ${n} rozmów`,
      other: `Przekaż do ${n} rozmowy`,
    }),
  forwarded: 'Przekazana',
  noForwardTargets: 'Nie ma innej rozmowy, do której można przekazać.',
  deleteFile: (name) => `Usuń ${name}`,
  deleteFileConfirm: (name) => `Usunąć ${name} dla wszystkich?`,

  connection: {
    connected: 'Połączono',
    connecting: 'Łączenie…',
    unavailable: 'Offline — wiadomości zsynchronizują się po powrocie połączenia',
    failed: 'Aktualizacje na żywo nie są dostępne w tej przeglądarce',
    disconnected: 'Rozłączono',
  },
  connectionBanner:
    'Aktualizacje na żywo są wstrzymane. Nowe wiadomości są regularnie sprawdzane; to, co wyślesz, zostanie wysłane po powrocie połączenia.',

  searchMessages: 'Szukaj w wiadomościach',
  searchInConversation: 'Szukaj w tej rozmowie',
  closeSearch: 'Zamknij wyszukiwanie',
  searching: 'Wyszukiwanie…',
  searchResultsLabel: 'Wyniki wyszukiwania',
  searchResultCount: (n) =>
    plural(n, {
      one: 'Znaleziono 1 wiadomość',
      few: `Znaleziono ${n} wiadomości`,
      many: `Znaleziono ${n} wiadomości`,
      other: `Znaleziono ${n} wiadomości`,
    }),
  noMessagesFound: (query) => `Żadna wiadomość nie zawiera „${query}”. Sprawdź pisownię lub wpisz mniej słów.`,
  loadMoreResults: 'Wczytaj więcej wyników',
  searchFailed: 'Wyszukiwanie nie powiodło się.',
  messageNotShown: 'Tej wiadomości nie można tu pokazać: jest zbyt dawna albo została w międzyczasie usunięta.',

  errorGeneric: 'Coś poszło nie tak. Spróbuj ponownie.',
} satisfies Messages;
