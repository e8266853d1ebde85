/** Turkish. Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { Messages } from '../table.js';

// Turkish keeps the noun singular after a number ("3 mesaj"): no plural forms needed.
export default {
  appName: 'Personel sohbeti',
  openChat: (unread) => (unread > 0 ? `Personel sohbetini aç, ${unread} okunmamış` : 'Personel sohbetini aç'),
  closeChat: 'Personel sohbetini kapat',
  chooseConversation: 'Bir sohbet seçin ya da yeni bir sohbet başlatın.',

  errorNetwork: 'Sohbet sunucusuna ulaşılamadı. Bağlantınızı kontrol edip yeniden deneyin.',
  errorSessionExpired: 'Oturumunuzun süresi doldu. Sohbete devam etmek için yeniden oturum açın.',
  errorForbidden: 'Bu sohbete erişiminiz yok.',
  errorNotFound: 'Bu sohbet bulunamadı.',
  errorTooLong: 'Bu mesaj gönderilemeyecek kadar uzun.',
  errorRateLimited: 'Çok hızlı mesaj gönderiyorsunuz. Biraz bekleyip yeniden deneyin.',
  errorServer: 'Sohbet sunucusunda bir sorun oluştu. Birazdan yeniden deneyin.',
  errorSendFailed: 'Mesaj gönderilemedi.',
  errorLoadFailed: 'Sohbet yüklenemedi.',
  errorStartFailed: 'Sohbet başlatılamadı.',
  errorSignInExpired: 'Girişinizin süresi doldu. Yeniden giriş yapmak için sayfayı yenileyin.',
  errorWrongHotel:
    'Bu sohbet, girişinizdekinden farklı bir otel için ayarlanmış. Portalı yöneten kişiye söyleyin: hotel özniteliği token ile aynı olmalı.',
  errorOriginNotAllowed: (origin) =>
    `Sohbet sunucusu bu portalı (${origin}) kabul etmiyor. Portalı yöneten kişiye söyleyin: ${origin} adresini STAFF_CHAT_ALLOWED_ORIGINS listesine ekleyin.`,

  tabChats: 'Sohbetler',
  tabNewChat: 'Yeni sohbet',
  loading: 'Yükleniyor…',
  notConfigured: 'Sohbet bu sayfada henüz ayarlanmadı.',
  retry: 'Yeniden dene',

  noConversations: 'Henüz sohbet yok. “Yeni sohbet” sekmesinden bir tane başlatın.',
  conversationsLabel: 'Sohbetler',
  unreadCount: (n) => `${n} okunmamış mesaj`,
  you: 'Siz',
  previewMine: (text: string) => `Siz: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'Mesaj silindi',
  noMessagesYet: 'Henüz mesaj yok',
  members: (n) => `${n} üye`,
  untitled: 'Sohbet',

  searchStaff: 'Personel ara',
  searchPlaceholder: 'Ada veya departmana göre ara',
  directoryLabel: 'Personel',
  noStaffFound: 'Bu aramayla eşleşen kimse yok.',
  noColleaguesYet: 'Burada henüz çalışma arkadaşı yok. Kişiler personel sohbetini açtıklarında görünür.',
  everyoneAlreadyHere: 'Herkes zaten bu sohbette.',
  startChatWith: 'Sohbet başlat:',
  startFailed: 'Sohbet başlatılamadı. Lütfen yeniden deneyin.',

  conversationWith: (title) => `Sohbet: ${title}`,
  closeConversation: (title) => `${title} ile sohbeti kapat`,
  messagesLabel: 'Mesajlar',
  loadEarlier: 'Önceki mesajları yükle',
  loadingMessages: 'Mesajlar yükleniyor…',
  emptyConversation: 'Henüz mesaj yok. Merhaba deyin!',
  newMessages: 'Yeni mesajlar',
  jumpToLatest: 'En yeniye git',
  jumpToLatestUnread: (n) => `En yeniye git, ${n} yeni mesaj`,

  sending: 'Gönderiliyor…',
  notSent: 'Gönderilmedi',
  retryingAutomatically: 'Otomatik olarak yeniden deneniyor.',
  reply: 'Yanıtla',
  replyTo: (name) => `Yanıtla: ${name}`,
  showOriginal: 'Asıl mesajı göster',
  edited: 'düzenlendi',
  deleted: 'Bu mesaj silindi',
  attachment: 'Ek',
  edit: 'Düzenle',
  delete: 'Sil',
  save: 'Kaydet',
  cancel: 'İptal',
  editMessage: 'Mesajı düzenle',
  deleteConfirm: 'Bu mesaj herkes için silinsin mi?',
  messageActions: 'Mesaj işlemleri',
  addReaction: 'Tepki ekle',
  reactWith: (emoji) => `${emoji} ile tepki ver`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'Görüldü',
  seenBy: (names) => `Görenler: ${names.join(', ')}`,

  newGroup: 'Yeni grup',
  groupTitle: 'Grup adı',
  createGroup: 'Grup oluştur',
  addPeople: 'Kişi ekle',
  closeAddPeople: 'Kişi eklemeyi kapat',
  add: 'Ekle',
  choosePeople: 'Kişileri seçin',
  addFailed: 'Kişiler eklenemedi. Lütfen yeniden deneyin.',

  settings: 'Bildirim ayarları',
  desktopAlerts: 'Masaüstü bildirimleri',
  soundAlerts: 'Ses',
  alertsBlocked: 'Bildirimler bu tarayıcının site ayarlarında engellenmiş.',

  attachFiles: 'Dosya ekle',
  uploadsLabel: 'Yüklemeler',
  dropFiles: 'Göndermek için dosyaları bırakın',
  attachmentsLabel: 'Ekler',
  download: 'İndir',
  closePreview: 'Önizlemeyi kapat',
  clearUpload: (name) => `Kaldır: ${name}`,
  cancelUpload: (name) => `Yüklemeyi iptal et: ${name}`,
  uploading: (name) => `Yükleniyor: ${name}`,
  bytes: (count) => `${count} bayt`,
  fileTooBig: (name, size, max) => `${name} ${size} boyutunda; dosyalar en fazla ${max} olabilir.`,
  fileEmpty: (name) => `${name} boş.`,
  fileTypeRefused: (name) => `${name} gönderilemez: yalnızca görseller (PNG, JPEG, GIF, WebP), PDF'ler ve metin dosyaları gönderilebilir.`,
  fileTooLarge: (name) => `${name} gönderilemeyecek kadar büyük.`,
  fileNotSent: (name, reason) => `${name} gönderilmedi. ${reason}`,
  uploadFailed: 'Yükleme başarısız oldu.',

  messageLabel: 'Mesaj',
  composerPlaceholder: 'Bir mesaj yazın…',
  send: 'Gönder',
  replyingTo: (name) => `Yanıtlanan: ${name}`,
  cancelReply: 'Yanıtı iptal et',

  online: 'Çevrimiçi',
  onlineAfterName: ', çevrimiçi',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} yazıyor…`;
    if (names.length === 2) return `${first} ve ${second} yazıyor…`;
    return names.length === 3 ? `${first}, ${second} ve ${names[2]} yazıyor…` : 'Birkaç kişi yazıyor…';
  },

  connection: {
    connected: 'Bağlı',
    connecting: 'Bağlanıyor…',
    unavailable: 'Çevrimdışı — bağlantı gelince mesajlar eşitlenecek',
    failed: 'Canlı güncellemeler bu tarayıcıda kullanılamıyor',
    disconnected: 'Bağlantı kesildi',
  },
  connectionBanner:
    'Canlı güncellemeler duraklatıldı. Yeni mesajlar düzenli olarak kontrol ediliyor; gönderdikleriniz bağlantı gelince iletilecek.',

  errorGeneric: 'Bir şeyler ters gitti. Lütfen yeniden deneyin.',
} satisfies Messages;
