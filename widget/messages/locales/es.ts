/** Spanish. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('es');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'Chat del personal',
  openChat: (unread, mentioned = false) =>
    (unread > 0 ? plural(unread, { one: 'Abrir el chat del personal, 1 sin leer', other: `Abrir el chat del personal, ${unread} sin leer` }) : 'Abrir el chat del personal') + (mentioned ? ', le han mencionado' : ''),
  closeChat: 'Cerrar el chat del personal',
  launcherUrgent: 'Un mensaje urgente espera su confirmación',
  chooseConversation: 'Elija una conversación o empiece una nueva.',

  errorNetwork: 'No se pudo conectar con el servidor del chat. Compruebe su conexión e inténtelo de nuevo.',
  errorSessionExpired: 'Su sesión ha caducado. Vuelva a iniciar sesión para seguir chateando.',
  errorForbidden: 'No tiene acceso a esta conversación.',
  errorNotFound: 'No se encontró esta conversación.',
  errorTooLong: 'Este mensaje es demasiado largo para enviarlo.',
  errorRateLimited: 'Está enviando mensajes demasiado rápido. Espere un momento e inténtelo de nuevo.',
  errorServer: 'El servidor del chat tuvo un problema. Inténtelo de nuevo en un momento.',
  errorSendFailed: 'No se pudo enviar el mensaje.',
  errorLoadFailed: 'No se pudo cargar la conversación.',
  errorStartFailed: 'No se pudo iniciar el chat.',
  errorSignInExpired: 'Su inicio de sesión ha caducado. Recargue la página para iniciar sesión de nuevo.',
  errorWrongHotel:
    'Este chat está configurado para un hotel distinto al de su inicio de sesión. Avise a quien administra el portal: el atributo hotel debe coincidir con el token.',
  errorOriginNotAllowed: (origin) =>
    `El servidor del chat no acepta este portal (${origin}). Avise a quien lo administra: añada ${origin} a STAFF_CHAT_ALLOWED_ORIGINS.`,

  tabChats: 'Chats',
  tabNewChat: 'Nuevo chat',
  loading: 'Cargando…',
  notConfigured: 'El chat aún no está configurado en esta página.',
  retry: 'Reintentar',

  noConversations: 'Aún no hay conversaciones. Empiece una desde «Nuevo chat».',
  conversationsLabel: 'Conversaciones',
  unreadCount: (n) => plural(n, { one: '1 mensaje sin leer', other: `${n} mensajes sin leer` }),
  you: 'Usted',
  previewMine: (text: string) => `Usted: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Mensaje eliminado',
  noMessagesYet: 'Aún no hay mensajes',
  members: (n) => plural(n, { one: '1 miembro', other: `${n} miembros` }),
  untitled: 'Conversación',

  searchStaff: 'Buscar personal',
  searchPlaceholder: 'Buscar por nombre o departamento',
  directoryLabel: 'Personal',
  noStaffFound: 'Nadie coincide con esa búsqueda.',
  noColleaguesYet: 'Aún no hay compañeros aquí. Aparecen en cuanto abren el chat del personal.',
  everyoneAlreadyHere: 'Todos están ya en esta conversación.',
  startChatWith: 'Empezar un chat con',
  startFailed: 'No se pudo empezar la conversación. Inténtelo de nuevo.',

  conversationWith: (title) => `Conversación: ${title}`,
  closeConversation: (title) => `Cerrar la conversación con ${title}`,
  messagesLabel: 'Mensajes',
  loadEarlier: 'Cargar mensajes anteriores',
  loadingMessages: 'Cargando mensajes…',
  emptyConversation: 'Aún no hay mensajes. ¡Salude!',
  newMessages: 'Mensajes nuevos',
  jumpToLatest: 'Ir al último',
  jumpToLatestUnread: (n) => plural(n, { one: 'Ir al último, 1 mensaje nuevo', other: `Ir al último, ${n} mensajes nuevos` }),

  sending: 'Enviando…',
  notSent: 'No enviado',
  retryingAutomatically: 'Se reintentará automáticamente.',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  showOriginal: 'Mostrar el mensaje original',
  edited: 'editado',
  deleted: 'Este mensaje se eliminó',
  attachment: 'Adjunto',
  edit: 'Editar',
  delete: 'Eliminar',
  save: 'Guardar',
  cancel: 'Cancelar',
  editMessage: 'Editar el mensaje',
  deleteConfirm: '¿Eliminar este mensaje para todos?',
  messageActions: 'Acciones del mensaje',
  addReaction: 'Añadir reacción',
  reactWith: (emoji) => `Reaccionar con ${emoji}`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'Visto',
  seenBy: (names) => `Visto por ${names.join(', ')}`,

  needsAcknowledgement: 'Requiere confirmación',
  urgentNote: 'Urgente: se pedirá a todos en esta conversación que lo confirmen.',
  urgent: 'Urgente',
  acknowledge: 'Confirmar',
  acknowledgedAt: (time) => `Confirmado ${time}`,
  acknowledgedBy: (count, total) => `Confirmado por ${count} de ${total}`,
  notYetAcknowledged: 'Aún no',
  urgentBanner: (n) =>
    plural(n, { one: '1 mensaje urgente necesita su confirmación', other: `${n} mensajes urgentes necesitan su confirmación` }),
  openUrgent: (name) => `Abrir el mensaje urgente de ${name}`,
  show: 'Ver',
  urgentReminder: (n) => plural(n, { one: 'Mensaje urgente: confírmelo, por favor', other: `${n} mensajes urgentes: confírmelos, por favor` }),

  newGroup: 'Nuevo grupo',
  groupTitle: 'Nombre del grupo',
  createGroup: 'Crear grupo',
  addPeople: 'Añadir personas',
  closeAddPeople: 'Cerrar «Añadir personas»',
  add: 'Añadir',
  choosePeople: 'Elegir personas',
  addFailed: 'No se pudo añadir a las personas. Inténtelo de nuevo.',

  settings: 'Ajustes de notificaciones',
  desktopAlerts: 'Notificaciones de escritorio',
  soundAlerts: 'Sonido',
  alertsBlocked: 'Las notificaciones están bloqueadas en los ajustes de sitio de este navegador.',

  attachFiles: 'Adjuntar archivos',
  uploadsLabel: 'Subidas',
  dropFiles: 'Suelte los archivos para enviarlos',
  attachmentsLabel: 'Adjuntos',
  download: 'Descargar',
  closePreview: 'Cerrar la vista previa',
  clearUpload: (name) => `Quitar ${name}`,
  cancelUpload: (name) => `Cancelar la subida de ${name}`,
  uploading: (name) => `Subiendo ${name}`,
  bytes: (count) => `${count} bytes`,
  fileTooBig: (name, size, max) => `${name} ocupa ${size}; los archivos pueden ocupar como máximo ${max}.`,
  fileEmpty: (name) => `${name} está vacío.`,
  fileTypeRefused: (name) => `${name} no se puede enviar: solo se admiten imágenes (PNG, JPEG, GIF, WebP), PDF y archivos de texto.`,
  fileTooLarge: (name) => `${name} es demasiado grande para enviarlo.`,
  fileNotSent: (name, reason) => `${name} no se envió. ${reason}`,
  uploadFailed: 'La subida falló.',

  messageLabel: 'Mensaje',
  composerPlaceholder: 'Escriba un mensaje…',
  send: 'Enviar',
  replyingTo: (name) => `Respondiendo a ${name}`,
  cancelReply: 'Cancelar la respuesta',
  mentionPicker: 'Personas para mencionar',
  mentionEveryoneIn: (department) => `Todo el equipo de ${department}`,
  mentionSuggestions: (n) => plural(n, { one: '1 sugerencia', other: `${n} sugerencias` }),
  mentionCount: (n) => plural(n, { one: 'Le han mencionado una vez', other: `Le han mencionado ${n} veces` }),

  online: 'En línea',
  onlineAfterName: ', en línea',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} está escribiendo…`;
    if (names.length === 2) return `${first} y ${second} están escribiendo…`;
    return names.length === 3 ? `${first}, ${second} y ${names[2]} están escribiendo…` : 'Varias personas están escribiendo…';
  },

  connection: {
    connected: 'Conectado',
    connecting: 'Conectando…',
    unavailable: 'Sin conexión: los mensajes se sincronizarán cuando vuelva',
    failed: 'Las actualizaciones en directo no están disponibles en este navegador',
    disconnected: 'Desconectado',
  },
  connectionBanner:
    'Las actualizaciones en directo están en pausa. Se buscan mensajes nuevos con regularidad; lo que envíe saldrá cuando vuelva la conexión.',

  searchMessages: 'Buscar mensajes',
  searchInConversation: 'Buscar en esta conversación',
  closeSearch: 'Cerrar la búsqueda',
  searching: 'Buscando…',
  searchResultsLabel: 'Resultados de la búsqueda',
  searchResultCount: (n) => plural(n, { one: '1 mensaje encontrado', other: `${n} mensajes encontrados` }),
  noMessagesFound: (query) => `Ningún mensaje contiene «${query}». Revise la ortografía o pruebe con menos palabras.`,
  loadMoreResults: 'Cargar más resultados',
  searchFailed: 'La búsqueda no ha funcionado.',
  messageNotShown: 'Ese mensaje no se puede mostrar aquí: es demasiado antiguo o se ha eliminado desde entonces.',

  errorGeneric: 'Algo salió mal. Inténtelo de nuevo.',
} satisfies Messages;
