/** Portuguese. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('pt');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'Chat da equipa',
  openChat: (unread, mentioned = false) =>
    (unread > 0 ? plural(unread, { one: 'Abrir o chat da equipa, 1 não lida', other: `Abrir o chat da equipa, ${unread} não lidas` }) : 'Abrir o chat da equipa') + (mentioned ? ', tem uma menção' : ''),
  closeChat: 'Fechar o chat da equipa',
  launcherUrgent: 'Uma mensagem urgente aguarda a sua confirmação',
  chooseConversation: 'Escolha uma conversa ou comece uma nova.',

  errorNetwork: 'Não foi possível contactar o servidor do chat. Verifique a ligação e tente novamente.',
  errorSessionExpired: 'A sua sessão expirou. Inicie sessão novamente para continuar a conversar.',
  errorForbidden: 'Não tem acesso a esta conversa.',
  errorNotFound: 'Não foi possível encontrar esta conversa.',
  errorTooLong: 'Esta mensagem é demasiado longa para ser enviada.',
  errorRateLimited: 'Está a enviar mensagens depressa demais. Aguarde um momento e tente novamente.',
  errorServer: 'O servidor do chat teve um problema. Tente novamente daqui a pouco.',
  errorSendFailed: 'Não foi possível enviar a mensagem.',
  errorLoadFailed: 'Não foi possível carregar a conversa.',
  errorStartFailed: 'Não foi possível iniciar o chat.',
  errorSignInExpired: 'O seu início de sessão expirou. Recarregue a página para iniciar sessão novamente.',
  errorWrongHotel:
    'Este chat está configurado para um hotel diferente do seu início de sessão. Avise quem gere o portal: o atributo hotel tem de corresponder ao token.',
  errorOriginNotAllowed: (origin) =>
    `O servidor do chat não aceita este portal (${origin}). Avise quem o gere: adicione ${origin} a STAFF_CHAT_ALLOWED_ORIGINS.`,

  tabChats: 'Conversas',
  tabNewChat: 'Nova conversa',
  loading: 'A carregar…',
  notConfigured: 'O chat ainda não está configurado nesta página.',
  retry: 'Tentar novamente',

  noConversations: 'Ainda não há conversas. Comece uma em «Nova conversa».',
  conversationsLabel: 'Conversas',
  unreadCount: (n) => plural(n, { one: '1 mensagem não lida', other: `${n} mensagens não lidas` }),
  you: 'Você',
  previewMine: (text: string) => `Você: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Mensagem apagada',
  noMessagesYet: 'Ainda não há mensagens',
  members: (n) => plural(n, { one: '1 membro', other: `${n} membros` }),
  untitled: 'Conversa',

  searchStaff: 'Procurar na equipa',
  searchPlaceholder: 'Procurar por nome ou departamento',
  directoryLabel: 'Equipa',
  noStaffFound: 'Ninguém corresponde a essa pesquisa.',
  noColleaguesYet: 'Ainda não há colegas aqui. As pessoas aparecem depois de abrirem o chat da equipa.',
  everyoneAlreadyHere: 'Já estão todos nesta conversa.',
  startChatWith: 'Começar uma conversa com',
  startFailed: 'Não foi possível começar a conversa. Tente novamente.',

  conversationWith: (title) => `Conversa: ${title}`,
  closeConversation: (title) => `Fechar a conversa com ${title}`,
  messagesLabel: 'Mensagens',
  loadEarlier: 'Carregar mensagens anteriores',
  loadingMessages: 'A carregar mensagens…',
  emptyConversation: 'Ainda não há mensagens. Diga olá!',
  newMessages: 'Mensagens novas',
  jumpToLatest: 'Ir para a mais recente',
  jumpToLatestUnread: (n) =>
    plural(n, { one: 'Ir para a mais recente, 1 mensagem nova', other: `Ir para a mais recente, ${n} mensagens novas` }),

  sending: 'A enviar…',
  notSent: 'Não enviada',
  retryingAutomatically: 'Nova tentativa automática.',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  showOriginal: 'Mostrar a mensagem original',
  edited: 'editada',
  deleted: 'Esta mensagem foi eliminada',
  attachment: 'Anexo',
  edit: 'Editar',
  delete: 'Eliminar',
  save: 'Guardar',
  cancel: 'Cancelar',
  editMessage: 'Editar a mensagem',
  deleteConfirm: 'Eliminar esta mensagem para todos?',
  messageActions: 'Ações da mensagem',
  addReaction: 'Adicionar reação',
  reactWith: (emoji) => `Reagir com ${emoji}`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'Vista',
  seenBy: (names) => `Vista por ${names.join(', ')}`,

  needsAcknowledgement: 'Requer confirmação',
  urgentNote: 'Urgente: todos nesta conversa serão convidados a confirmá-la.',
  urgent: 'Urgente',
  acknowledge: 'Confirmar',
  acknowledgedAt: (time) => `Confirmada ${time}`,
  acknowledgedBy: (count, total) => `Confirmada por ${count} de ${total}`,
  notYetAcknowledged: 'Ainda não',
  urgentBanner: (n) =>
    plural(n, { one: '1 mensagem urgente aguarda a sua confirmação', other: `${n} mensagens urgentes aguardam a sua confirmação` }),
  openUrgent: (name) => `Abrir a mensagem urgente de ${name}`,
  show: 'Ver',
  urgentReminder: (n) => plural(n, { one: 'Mensagem urgente: confirme, por favor', other: `${n} mensagens urgentes: confirme, por favor` }),

  newGroup: 'Novo grupo',
  groupTitle: 'Nome do grupo',
  createGroup: 'Criar grupo',
  addPeople: 'Adicionar pessoas',
  closeAddPeople: 'Fechar «Adicionar pessoas»',
  add: 'Adicionar',
  choosePeople: 'Escolher pessoas',
  addFailed: 'Não foi possível adicionar as pessoas. Tente novamente.',

  settings: 'Definições de notificações',
  desktopAlerts: 'Notificações no ambiente de trabalho',
  soundAlerts: 'Som',
  alertsBlocked: 'As notificações estão bloqueadas nas definições do site deste navegador.',

  attachFiles: 'Anexar ficheiros',
  uploadsLabel: 'Envios',
  dropFiles: 'Largue os ficheiros para os enviar',
  attachmentsLabel: 'Anexos',
  download: 'Transferir',
  closePreview: 'Fechar a pré-visualização',
  clearUpload: (name) => `Remover ${name}`,
  cancelUpload: (name) => `Cancelar o envio de ${name}`,
  uploading: (name) => `A enviar ${name}`,
  bytes: (count) => `${count} bytes`,
  fileTooBig: (name, size, max) => `${name} tem ${size}; os ficheiros podem ter no máximo ${max}.`,
  fileEmpty: (name) => `${name} está vazio.`,
  fileTypeRefused: (name) => `${name} não pode ser enviado: só imagens (PNG, JPEG, GIF, WebP), PDFs e ficheiros de texto podem.`,
  fileTooLarge: (name) => `${name} é demasiado grande para ser enviado.`,
  fileNotSent: (name, reason) => `${name} não foi enviado. ${reason}`,
  uploadFailed: 'O envio falhou.',

  messageLabel: 'Mensagem',
  composerPlaceholder: 'Escreva uma mensagem…',
  send: 'Enviar',
  replyingTo: (name) => `A responder a ${name}`,
  cancelReply: 'Cancelar a resposta',
  mentionPicker: 'Pessoas a mencionar',
  mentionEveryoneIn: (department) => `Toda a equipa de ${department}`,
  mentionSuggestions: (n) => plural(n, { one: '1 sugestão', other: `${n} sugestões` }),
  mentionCount: (n) => plural(n, { one: '1 menção a si', other: `${n} menções a si` }),

  online: 'Online',
  onlineAfterName: ', online',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} está a escrever…`;
    if (names.length === 2) return `${first} e ${second} estão a escrever…`;
    return names.length === 3 ? `${first}, ${second} e ${names[2]} estão a escrever…` : 'Várias pessoas estão a escrever…';
  },

  connection: {
    connected: 'Ligado',
    connecting: 'A ligar…',
    unavailable: 'Offline — as mensagens serão sincronizadas quando voltar',
    failed: 'As atualizações em direto não estão disponíveis neste navegador',
    disconnected: 'Desligado',
  },
  connectionBanner:
    'As atualizações em direto estão em pausa. As mensagens novas são verificadas regularmente; o que enviar segue quando a ligação voltar.',

  searchMessages: 'Pesquisar mensagens',
  searchInConversation: 'Pesquisar nesta conversa',
  closeSearch: 'Fechar a pesquisa',
  searching: 'A pesquisar…',
  searchResultsLabel: 'Resultados da pesquisa',
  searchResultCount: (n) => plural(n, { one: '1 mensagem encontrada', other: `${n} mensagens encontradas` }),
  noMessagesFound: (query) => `Nenhuma mensagem contém «${query}». Verifique a ortografia ou experimente menos palavras.`,
  loadMoreResults: 'Carregar mais resultados',
  searchFailed: 'A pesquisa não funcionou.',
  messageNotShown: 'Não é possível mostrar essa mensagem aqui: é demasiado antiga ou foi entretanto eliminada.',

  errorGeneric: 'Algo correu mal. Tente novamente.',
} satisfies Messages;
