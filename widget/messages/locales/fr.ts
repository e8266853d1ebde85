/** French. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('fr');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'Chat du personnel',
  openChat: (unread, mentioned = false) =>
    (unread > 0 ? plural(unread, { one: `Ouvrir le chat du personnel, ${unread} non lu`, other: `Ouvrir le chat du personnel, ${unread} non lus` }) : 'Ouvrir le chat du personnel') + (mentioned ? ', une mention vous concerne' : ''),
  closeChat: 'Fermer le chat du personnel',
  launcherUrgent: 'Un message urgent attend votre confirmation',
  chooseConversation: 'Choisissez une conversation ou commencez-en une nouvelle.',

  errorNetwork: 'Impossible de joindre le serveur du chat. Vérifiez votre connexion et réessayez.',
  errorSessionExpired: 'Votre session a expiré. Reconnectez-vous pour continuer à discuter.',
  errorForbidden: 'Vous n’avez pas accès à cette conversation.',
  errorNotFound: 'Cette conversation est introuvable.',
  errorTooLong: 'Ce message est trop long pour être envoyé.',
  errorRateLimited: 'Vous envoyez des messages trop vite. Patientez un instant et réessayez.',
  errorServer: 'Le serveur du chat a rencontré un problème. Réessayez dans un instant.',
  errorSendFailed: 'Le message n’a pas pu être envoyé.',
  errorLoadFailed: 'Impossible de charger la conversation.',
  errorStartFailed: 'Le chat n’a pas pu démarrer.',
  errorSignInExpired: 'Votre connexion a expiré. Rechargez la page pour vous reconnecter.',
  errorWrongHotel:
    'Ce chat est configuré pour un autre hôtel que celui de votre connexion. Prévenez la personne qui gère le portail : l’attribut hotel doit correspondre au jeton.',
  errorOriginNotAllowed: (origin) =>
    `Le serveur du chat n’accepte pas ce portail (${origin}). Prévenez la personne qui le gère : ajoutez ${origin} à STAFF_CHAT_ALLOWED_ORIGINS.`,

  tabChats: 'Discussions',
  tabNewChat: 'Nouvelle discussion',
  loading: 'Chargement…',
  notConfigured: 'Le chat n’est pas encore configuré sur cette page.',
  retry: 'Réessayer',

  noConversations: 'Aucune conversation pour l’instant. Commencez-en une depuis « Nouvelle discussion ».',
  conversationsLabel: 'Conversations',
  unreadCount: (n) => plural(n, { one: `${n} message non lu`, other: `${n} messages non lus` }),
  you: 'Vous',
  previewMine: (text: string) => `Vous : ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Message supprimé',
  noMessagesYet: 'Pas encore de messages',
  members: (n) => plural(n, { one: `${n} membre`, other: `${n} membres` }),
  untitled: 'Conversation',

  searchStaff: 'Rechercher un collègue',
  searchPlaceholder: 'Rechercher par nom ou service',
  directoryLabel: 'Personnel',
  noStaffFound: 'Personne ne correspond à cette recherche.',
  noColleaguesYet: 'Aucun collègue ici pour l’instant. Chacun apparaît après avoir ouvert le chat du personnel.',
  everyoneAlreadyHere: 'Tout le monde fait déjà partie de cette conversation.',
  startChatWith: 'Commencer une discussion avec',
  startFailed: 'La conversation n’a pas pu être commencée. Veuillez réessayer.',

  conversationWith: (title) => `Conversation : ${title}`,
  closeConversation: (title) => `Fermer la conversation avec ${title}`,
  messagesLabel: 'Messages',
  loadEarlier: 'Charger les messages précédents',
  loadingMessages: 'Chargement des messages…',
  emptyConversation: 'Pas encore de messages. Dites bonjour !',
  newMessages: 'Nouveaux messages',
  jumpToLatest: 'Aller au plus récent',
  jumpToLatestUnread: (n) =>
    plural(n, { one: `Aller au plus récent, ${n} nouveau message`, other: `Aller au plus récent, ${n} nouveaux messages` }),

  sending: 'Envoi…',
  notSent: 'Non envoyé',
  retryingAutomatically: 'Nouvel essai automatique.',
  reply: 'Répondre',
  replyTo: (name) => `Répondre à ${name}`,
  showOriginal: 'Afficher le message d’origine',
  edited: 'modifié',
  deleted: 'Ce message a été supprimé',
  attachment: 'Pièce jointe',
  edit: 'Modifier',
  delete: 'Supprimer',
  save: 'Enregistrer',
  cancel: 'Annuler',
  editMessage: 'Modifier le message',
  deleteConfirm: 'Supprimer ce message pour tout le monde ?',
  messageActions: 'Actions sur le message',
  addReaction: 'Ajouter une réaction',
  reactWith: (emoji) => `Réagir avec ${emoji}`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count} : ${names}`,
  seen: 'Vu',
  seenBy: (names) => `Vu par ${names.join(', ')}`,

  needsAcknowledgement: 'Confirmation requise',
  urgentNote: 'Urgent : chaque personne de cette conversation devra en confirmer la lecture.',
  urgent: 'Urgent',
  acknowledge: 'Confirmer',
  acknowledgedAt: (time) => `Confirmé ${time}`,
  acknowledgedBy: (count, total) => `Confirmé par ${count} sur ${total}`,
  notYetAcknowledged: 'Pas encore',
  urgentBanner: (n) =>
    plural(n, { one: '1 message urgent attend votre confirmation', other: `${n} messages urgents attendent votre confirmation` }),
  openUrgent: (name) => `Ouvrir le message urgent de ${name}`,
  show: 'Voir',
  urgentReminder: (n) => plural(n, { one: 'Message urgent : merci de confirmer', other: `${n} messages urgents : merci de confirmer` }),

  newGroup: 'Nouveau groupe',
  groupTitle: 'Nom du groupe',
  createGroup: 'Créer le groupe',
  addPeople: 'Ajouter des personnes',
  closeAddPeople: 'Fermer « Ajouter des personnes »',
  add: 'Ajouter',
  choosePeople: 'Choisir des personnes',
  addFailed: 'Les personnes n’ont pas pu être ajoutées. Veuillez réessayer.',

  settings: 'Paramètres des notifications',
  desktopAlerts: 'Notifications sur le bureau',
  soundAlerts: 'Son',
  alertsBlocked: 'Les notifications sont bloquées dans les paramètres du site de ce navigateur.',

  attachFiles: 'Joindre des fichiers',
  uploadsLabel: 'Envois',
  dropFiles: 'Déposez les fichiers pour les envoyer',
  attachmentsLabel: 'Pièces jointes',
  download: 'Télécharger',
  closePreview: 'Fermer l’aperçu',
  clearUpload: (name) => `Retirer ${name}`,
  cancelUpload: (name) => `Annuler l’envoi de ${name}`,
  uploading: (name) => `Envoi de ${name}`,
  bytes: (count) => `${count} octets`,
  fileTooBig: (name, size, max) => `${name} fait ${size} ; les fichiers ne peuvent pas dépasser ${max}.`,
  fileEmpty: (name) => `${name} est vide.`,
  fileTypeRefused: (name) => `${name} ne peut pas être envoyé : seuls les images (PNG, JPEG, GIF, WebP), les PDF et les fichiers texte le peuvent.`,
  fileTooLarge: (name) => `${name} est trop volumineux pour être envoyé.`,
  fileNotSent: (name, reason) => `${name} n’a pas été envoyé. ${reason}`,
  uploadFailed: 'L’envoi a échoué.',

  messageLabel: 'Message',
  composerPlaceholder: 'Écrire un message…',
  send: 'Envoyer',
  replyingTo: (name) => `Réponse à ${name}`,
  cancelReply: 'Annuler la réponse',
  mentionPicker: 'Personnes à mentionner',
  mentionEveryoneIn: (department) => `Toute l’équipe ${department}`,
  mentionSuggestions: (n) => plural(n, { one: `${n} suggestion`, other: `${n} suggestions` }),
  mentionCount: (n) => plural(n, { one: `${n} mention vous concernant`, other: `${n} mentions vous concernant` }),

  online: 'En ligne',
  onlineAfterName: ', en ligne',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} écrit…`;
    if (names.length === 2) return `${first} et ${second} écrivent…`;
    return names.length === 3 ? `${first}, ${second} et ${names[2]} écrivent…` : 'Plusieurs personnes écrivent…';
  },

  connection: {
    connected: 'Connecté',
    connecting: 'Connexion…',
    unavailable: 'Hors ligne — les messages se synchroniseront à votre retour',
    failed: 'Les mises à jour en direct ne sont pas disponibles dans ce navigateur',
    disconnected: 'Déconnecté',
  },
  connectionBanner:
    'Les mises à jour en direct sont en pause. Les nouveaux messages sont vérifiés régulièrement ; ce que vous envoyez partira au retour de la connexion.',

  searchMessages: 'Rechercher dans les messages',
  searchInConversation: 'Rechercher dans cette conversation',
  closeSearch: 'Fermer la recherche',
  searching: 'Recherche en cours…',
  searchResultsLabel: 'Résultats de la recherche',
  searchResultCount: (n) => plural(n, { one: `${n} message trouvé`, other: `${n} messages trouvés` }),
  noMessagesFound: (query) => `Aucun message ne contient « ${query} ». Vérifiez l’orthographe ou essayez avec moins de mots.`,
  loadMoreResults: 'Afficher plus de résultats',
  searchFailed: 'La recherche n’a pas abouti.',
  messageNotShown: 'Ce message ne peut pas être affiché ici : il est trop ancien, ou il a été supprimé depuis.',

  errorGeneric: 'Une erreur est survenue. Veuillez réessayer.',
} satisfies Messages;
