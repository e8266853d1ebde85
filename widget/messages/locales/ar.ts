/** Arabic (right to left). Every key of English (../table.ts); ../locales.test.ts checks keys and placeholders. */
import type { PluralForms } from '../plural.js';
import type { Messages } from '../table.js';

// Inline rather than pluralFor from ../plural.js: a module shared with the entry would become a chunk
// of its own, one more request on every page.
const rules = new Intl.PluralRules('ar');
const plural = (count: number, forms: PluralForms) => forms[rules.select(count)] ?? forms.other;

export default {
  appName: 'دردشة الموظفين',
  openChat: (unread, mentioned) =>
    (unread > 0
      ? plural(unread, {
          one: 'فتح دردشة الموظفين، رسالة واحدة غير مقروءة',
          two: 'فتح دردشة الموظفين، رسالتان غير مقروءتين',
          few: `فتح دردشة الموظفين، ${unread} رسائل غير مقروءة`,
          other: `فتح دردشة الموظفين، ${unread} رسالة غير مقروءة`,
        })
      : 'فتح دردشة الموظفين') + (mentioned ? '، أُشير إليك' : ''),
  closeChat: 'إغلاق دردشة الموظفين',
  mentionAlert: (name) => `إشارة إليك من ${name}`,
  launcherUrgent: 'رسالة عاجلة بانتظار تأكيدك',
  chooseConversation: 'اختر محادثة أو ابدأ محادثة جديدة.',

  errorNetwork: 'تعذّر الوصول إلى خادم الدردشة. تحقّق من اتصالك وحاول مرة أخرى.',
  errorSessionExpired: 'انتهت صلاحية جلستك. سجّل الدخول مرة أخرى لمتابعة الدردشة.',
  errorForbidden: 'ليس لديك وصول إلى هذه المحادثة.',
  errorNotFound: 'تعذّر العثور على هذه المحادثة.',
  errorTooLong: 'هذه الرسالة أطول من أن تُرسل.',
  errorRateLimited: 'أنت ترسل الرسائل بسرعة كبيرة. انتظر قليلًا وحاول مرة أخرى.',
  errorServer: 'واجه خادم الدردشة مشكلة. حاول مرة أخرى بعد قليل.',
  errorSendFailed: 'تعذّر إرسال الرسالة.',
  errorLoadFailed: 'تعذّر تحميل المحادثة.',
  errorStartFailed: 'تعذّر بدء الدردشة.',
  errorSignInExpired: 'انتهت صلاحية تسجيل دخولك. أعد تحميل الصفحة لتسجيل الدخول مرة أخرى.',
  errorWrongHotel:
    'هذه الدردشة مُعدّة لفندق غير الفندق الذي سجّلت الدخول إليه. أخبر المسؤول عن البوابة: يجب أن تطابق سمة hotel الرمز المميز.',
  errorOriginNotAllowed: (origin) =>
    `خادم الدردشة لا يقبل هذه البوابة (${origin}). أخبر المسؤول عنها: أضف ${origin} إلى STAFF_CHAT_ALLOWED_ORIGINS.`,

  tabChats: 'المحادثات',
  tabNewChat: 'محادثة جديدة',
  loading: 'جارٍ التحميل…',
  notConfigured: 'لم يتم إعداد الدردشة على هذه الصفحة بعد.',
  retry: 'إعادة المحاولة',

  noConversations: 'لا توجد محادثات بعد. ابدأ واحدة من «محادثة جديدة».',
  conversationsLabel: 'المحادثات',
  unreadCount: (n) =>
    plural(n, {
      zero: 'لا توجد رسائل غير مقروءة',
      one: 'رسالة واحدة غير مقروءة',
      two: 'رسالتان غير مقروءتين',
      few: `${n} رسائل غير مقروءة`,
      other: `${n} رسالة غير مقروءة`,
    }),
  you: 'أنت',
  previewMine: (text: string) => `أنت: ${text}`,
  previewAttachment: (fileName: string) => `📎 ${fileName}`,
  previewDeleted: 'تم حذف الرسالة',
  noMessagesYet: 'لا توجد رسائل بعد',
  members: (n) =>
    plural(n, { zero: 'لا أعضاء', one: 'عضو واحد', two: 'عضوان', few: `${n} أعضاء`, many: `${n} عضوًا`, other: `${n} عضو` }),
  untitled: 'محادثة',

  searchStaff: 'البحث عن موظفين',
  searchPlaceholder: 'ابحث بالاسم أو القسم',
  directoryLabel: 'الموظفون',
  noStaffFound: 'لا أحد يطابق هذا البحث.',
  noColleaguesYet: 'لا يوجد زملاء هنا بعد. يظهر الأشخاص بعد أن يفتحوا دردشة الموظفين.',
  everyoneAlreadyHere: 'الجميع موجودون في هذه المحادثة بالفعل.',
  startChatWith: 'بدء محادثة مع',
  startFailed: 'تعذّر بدء المحادثة. يُرجى المحاولة مرة أخرى.',

  conversationWith: (title) => `محادثة: ${title}`,
  closeConversation: (title) => `إغلاق المحادثة مع ${title}`,
  messagesLabel: 'الرسائل',
  loadEarlier: 'تحميل الرسائل السابقة',
  loadingMessages: 'جارٍ تحميل الرسائل…',
  emptyConversation: 'لا توجد رسائل بعد. ألقِ التحية!',
  newMessages: 'رسائل جديدة',
  jumpToLatest: 'الانتقال إلى الأحدث',
  jumpToLatestUnread: (n) =>
    plural(n, {
      one: 'الانتقال إلى الأحدث، رسالة جديدة واحدة',
      two: 'الانتقال إلى الأحدث، رسالتان جديدتان',
      few: `الانتقال إلى الأحدث، ${n} رسائل جديدة`,
      other: `الانتقال إلى الأحدث، ${n} رسالة جديدة`,
    }),

  sending: 'جارٍ الإرسال…',
  notSent: 'لم تُرسل',
  retryingAutomatically: 'ستتم إعادة المحاولة تلقائيًا.',
  reply: 'رد',
  replyTo: (name) => `الرد على ${name}`,
  showOriginal: 'عرض الرسالة الأصلية',
  edited: 'معدّلة',
  deleted: 'تم حذف هذه الرسالة',
  attachment: 'مرفق',
  edit: 'تعديل',
  delete: 'حذف',
  save: 'حفظ',
  cancel: 'إلغاء',
  editMessage: 'تعديل الرسالة',
  deleteConfirm: 'هل تريد حذف هذه الرسالة لدى الجميع؟',
  messageActions: 'إجراءات الرسالة',
  addReaction: 'إضافة تفاعل',
  reactWith: (emoji) => `التفاعل بـ ${emoji}`,
  reactionLabel: (emoji, count, names) => `${emoji} ${count}: ${names}`,
  seen: 'تمت المشاهدة',
  seenBy: (names) => `شاهدها ${names.join('، ')}`,

  needsAcknowledgement: 'تتطلب تأكيد الاستلام',
  urgentNote: 'عاجل: سيُطلب من كل من في هذه المحادثة تأكيد استلامها.',
  urgent: 'عاجل',
  acknowledge: 'تأكيد الاستلام',
  acknowledgedAt: (time) => `تم التأكيد ${time}`,
  acknowledgedBy: (count, total) => `أكّد ${count} من ${total}`,
  notYetAcknowledged: 'لم يؤكّد بعد',
  urgentBanner: (n) =>
    plural(n, {
      zero: 'لا توجد رسائل عاجلة بانتظار تأكيدك',
      one: 'رسالة عاجلة واحدة بانتظار تأكيدك',
      two: 'رسالتان عاجلتان بانتظار تأكيدك',
      few: `${n} رسائل عاجلة بانتظار تأكيدك`,
      other: `${n} رسالة عاجلة بانتظار تأكيدك`,
    }),
  openUrgent: (name) => `فتح الرسالة العاجلة من ${name}`,
  show: 'عرض',
  urgentReminder: (n) =>
    plural(n, {
      one: 'رسالة عاجلة: يُرجى تأكيد الاستلام',
      two: 'رسالتان عاجلتان: يُرجى تأكيد الاستلام',
      few: `${n} رسائل عاجلة: يُرجى تأكيد الاستلام`,
      other: `${n} رسالة عاجلة: يُرجى تأكيد الاستلام`,
    }),

  newGroup: 'مجموعة جديدة',
  groupTitle: 'اسم المجموعة',
  createGroup: 'إنشاء المجموعة',
  addPeople: 'إضافة أشخاص',
  closeAddPeople: 'إغلاق «إضافة أشخاص»',
  add: 'إضافة',
  choosePeople: 'اختيار الأشخاص',
  addFailed: 'تعذّرت إضافة الأشخاص. يُرجى المحاولة مرة أخرى.',

  settings: 'إعدادات الإشعارات',
  desktopAlerts: 'إشعارات سطح المكتب',
  soundAlerts: 'الصوت',
  alertsBlocked: 'الإشعارات محظورة في إعدادات الموقع في هذا المتصفح.',

  departmentsLabel: 'الأقسام',
  departmentSubtitle: (n) =>
    plural(n, {
      zero: 'قناة القسم · لا أعضاء',
      one: 'قناة القسم · عضو واحد',
      two: 'قناة القسم · عضوان',
      few: `قناة القسم · ${n} أعضاء`,
      many: `قناة القسم · ${n} عضوًا`,
      other: `قناة القسم · ${n} عضو`,
    }),
  handoverNote: 'ملاحظة تسليم',
  newHandoverNote: 'ملاحظة تسليم جديدة',
  handoverSummary: 'الملخص',
  handoverChecklist: 'قائمة المهام',
  handoverItem: (n) => `البند ${n}`,
  addHandoverItem: 'إضافة بند',
  removeHandoverItem: (n) => `إزالة البند ${n}`,
  sendHandoverNote: 'إرسال ملاحظة التسليم',
  handoverNeedsSummary: 'اكتب ملخصًا قصيرًا للمناوبة.',
  handoverNeedsItem: 'أضف بندًا واحدًا على الأقل إلى قائمة المهام.',
  handoverItemTooLong: (n, max) => `البند ${n} أطول من ${max} حرف.`,
  handoverSummaryTooLong: (max) => `الملخص أطول من ${max} حرف.`,
  handoverTooManyItems: (max) => `يمكن أن تضم ملاحظة التسليم ${max} بندًا على الأكثر.`,
  currentHandover: 'التسليم الحالي',
  handoverBy: (name, time) => `${name}، ${time}`,
  handoverProgress: (done, total) => `تم ${done} من ${total}`,
  handoverTickedBy: (name, time) => `أشّر عليه ${name}، ${time}`,
  noHandoverYet: 'لا توجد ملاحظة تسليم بعد. اكتب واحدة للمناوبة التالية.',
  pastHandovers: 'التسليمات السابقة',
  noPastHandovers: 'لا توجد تسليمات سابقة.',
  olderHandovers: 'عرض التسليمات الأقدم',

  attachFiles: 'إرفاق ملفات',
  uploadsLabel: 'الملفات المرفوعة',
  dropFiles: 'أفلت الملفات لإرسالها',
  attachmentsLabel: 'المرفقات',
  download: 'تنزيل',
  closePreview: 'إغلاق المعاينة',
  clearUpload: (name) => `إزالة ${name}`,
  cancelUpload: (name) => `إلغاء رفع ${name}`,
  uploading: (name) => `جارٍ رفع ${name}`,
  bytes: (count) => `${count} بايت`,
  fileTooBig: (name, size, max) => `حجم ${name} هو ${size}؛ والحد الأقصى لحجم الملفات ${max}.`,
  fileEmpty: (name) => `الملف ${name} فارغ.`,
  fileTypeRefused: (name) => `لا يمكن إرسال ${name}: يمكن إرسال الصور (PNG وJPEG وGIF وWebP) وملفات PDF والملفات النصية فقط.`,
  fileTooLarge: (name) => `الملف ${name} أكبر من أن يُرسل.`,
  fileNotSent: (name, reason) => `لم يُرسل ${name}. ${reason}`,
  uploadFailed: 'فشل الرفع.',

  messageLabel: 'الرسالة',
  composerPlaceholder: 'اكتب رسالة…',
  send: 'إرسال',
  replyingTo: (name) => `الرد على ${name}`,
  cancelReply: 'إلغاء الرد',
  mentionPicker: 'أشخاص للإشارة إليهم',
  mentionEveryoneIn: (department) => `كل من في ${department}`,
  mentionSuggestions: (n) =>
    plural(n, { zero: 'لا اقتراحات', one: 'اقتراح واحد', two: 'اقتراحان', few: `${n} اقتراحات`, many: `${n} اقتراحًا`, other: `${n} اقتراح` }),
  mentionCount: (n) =>
    plural(n, {
      zero: 'لم يُشر إليك أحد',
      one: 'أُشير إليك مرة واحدة',
      two: 'أُشير إليك مرتين',
      few: `أُشير إليك ${n} مرات`,
      many: `أُشير إليك ${n} مرة`,
      other: `أُشير إليك ${n} مرة`,
    }),

  online: 'متصل',
  onlineAfterName: '، متصل',
  typing: (names) => {
    const [first = '', second = ''] = names;
    if (names.length <= 1) return `${first} يكتب…`;
    if (names.length === 2) return `${first} و${second} يكتبان…`;
    return names.length === 3 ? `${first} و${second} و${names[2]} يكتبون…` : 'عدة أشخاص يكتبون…';
  },

  pin: 'تثبيت',
  unpin: 'إلغاء التثبيت',
  pinnedMessages: 'الرسائل المثبتة',
  pinnedCount: (n) =>
    plural(n, { zero: 'لا رسائل مثبتة', one: 'رسالة مثبتة واحدة', two: 'رسالتان مثبتتان', few: `${n} رسائل مثبتة`, many: `${n} رسالة مثبتة`, other: `${n} رسالة مثبتة` }),
  pinnedBy: (name) => `ثبّتها ${name}`,
  showInConversation: 'عرض في المحادثة',
  closePins: 'إغلاق الرسائل المثبتة',
  tooManyPins: (max) => `يمكن تثبيت ${max} رسالة على الأكثر في المحادثة. ألغِ تثبيت واحدة أولًا.`,
  dismiss: 'إخفاء',

  conversationMenu: 'خيارات المحادثة',
  mute: 'كتم',
  unmute: 'إلغاء الكتم',
  muted: 'مكتومة',
  archive: 'أرشفة',
  leaveGroup: 'مغادرة المجموعة',
  leaveConfirm: 'هل تريد مغادرة هذه المجموعة؟ لن تصلك رسائلها الجديدة بعد الآن.',
  leave: 'مغادرة',
  removePeople: 'إزالة أشخاص',
  removePerson: (name) => `إزالة ${name}`,
  removeConfirm: (name) => `هل تريد إزالة ${name} من هذه المجموعة؟`,
  remove: 'إزالة',
  removeNotAllowed: 'لا يمكن إزالة الأشخاص إلا لمنشئ المجموعة أو لمشرف الدردشة.',

  forward: 'إعادة توجيه',
  forwardTo: 'إعادة التوجيه إلى',
  forwardSend: (n) =>
    plural(n, { zero: 'إعادة التوجيه', one: 'إعادة التوجيه إلى محادثة واحدة', two: 'إعادة التوجيه إلى محادثتين', few: `إعادة التوجيه إلى ${n} محادثات`, many: `إعادة التوجيه إلى ${n} محادثة`, other: `إعادة التوجيه إلى ${n} محادثة` }),
  forwarded: 'معاد توجيهها',
  noForwardTargets: 'لا توجد محادثة أخرى لإعادة التوجيه إليها.',
  deleteFile: (name) => `حذف ${name}`,
  deleteFileConfirm: (name) => `هل تريد حذف ${name} للجميع؟`,

  connection: {
    connected: 'متصل',
    connecting: 'جارٍ الاتصال…',
    unavailable: 'غير متصل — ستتم مزامنة الرسائل عند عودتك',
    failed: 'التحديثات المباشرة غير متاحة في هذا المتصفح',
    disconnected: 'انقطع الاتصال',
  },
  connectionBanner: 'التحديثات المباشرة متوقفة مؤقتًا. يتم التحقق من الرسائل الجديدة بانتظام؛ وما ترسله سيُرسل عند عودة الاتصال.',

  searchMessages: 'البحث في الرسائل',
  searchInConversation: 'البحث في هذه المحادثة',
  closeSearch: 'إغلاق البحث',
  searching: 'جارٍ البحث…',
  searchResultsLabel: 'نتائج البحث',
  searchResultCount: (n) =>
    plural(n, { zero: 'لم يُعثر على رسائل', one: 'رسالة واحدة', two: 'رسالتان', few: `${n} رسائل`, many: `${n} رسالة`, other: `${n} رسالة` }),
  noMessagesFound: (query) => `لا توجد رسائل تحتوي على «${query}». تحقّق من الإملاء أو جرّب كلمات أقل.`,
  loadMoreResults: 'تحميل المزيد من النتائج',
  searchFailed: 'لم ينجح البحث.',
  messageNotShown: 'تعذّر عرض هذه الرسالة هنا: إنها قديمة جدًا أو حُذفت منذ ذلك الحين.',

  errorGeneric: 'حدث خطأ ما. يُرجى المحاولة مرة أخرى.',
} satisfies Messages;
