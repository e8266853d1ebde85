import { ContextProvider } from '@lit/context';
import { LitElement, ReactiveElement, html, nothing, type PropertyValues } from 'lit';
import { AtomController } from './components/atom-controller.js';
import type { ConversationSelectEvent } from './components/internal-events.js';
import { sessionContext } from './components/session-context.js';
import { sharedStyles } from './components/shared.styles.js';
import { StaffChatConnectionChangeEvent, StaffChatErrorEvent, StaffChatUnreadChangeEvent } from './events.js';
import { coreMsg as msg } from './messages/core.js';
import { $locale, $stringsVersion, directionOf, registerLocale, setLocale, setStringOverrides } from './messages/locale.js';
import type { Messages } from './messages/table.js';
import { createChatSession, type ChatSession, type ChatSessionOptions } from './state/session.js';
import type { Conversation } from '../contract/index.js';
import { styles } from './staff-chat.styles.js';

let lazyElements: Promise<unknown> | undefined;
/** Registers the panel and window elements (a separate chunk, with the conversation features); safe to call often. */
function loadLazyElements(): void {
  lazyElements ??= import('./first-use.js').catch((error: unknown) => {
    lazyElements = undefined;
    console.error('[staff-chat] could not load its elements', error);
  });
}

/**
 * Asks every Lit element under `root`, through the shadow roots, to render again: the strings they
 * read changed in place (messages/locale.ts), which no property of theirs says.
 */
function requestUpdateDeep(root: ParentNode): void {
  for (const element of root.querySelectorAll('*')) {
    if (!(element instanceof ReactiveElement)) continue;
    element.requestUpdate();
    if (element.shadowRoot) requestUpdateDeep(element.shadowRoot);
  }
}

/** The focused element itself: focus lives inside shadow roots, where `document.activeElement` is only their host. */
function deepActiveElement(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Docked windows beyond this many close the oldest, so the row never runs off the screen. */
const MAX_DOCKED_WINDOWS = 3;

/**
 * `<staff-chat>`: real-time staff-to-staff chat for a hotel portal. One script tag and this element
 * are the whole integration. Its four events bubble and cross the shadow boundary (`composed`), so
 * the host can listen on the element or anywhere above it.
 *
 * The language follows the element's `lang` attribute, else the page's `<html lang>`, else the
 * browser's; `dir="rtl"` (or a right-to-left language) lays it out right to left. See messages/locale.ts.
 *
 * @example
 * <staff-chat api-base="/api" hotel="seaview" token="eyJ…" lang="de"></staff-chat>
 * <script>chat.tokenProvider = () => portal.fetchChatToken();</script>
 *
 * @tagname staff-chat
 * @summary Real-time staff chat: a launcher with docked chat windows, or an inline two-pane layout.
 * @fires {StaffChatUnreadChangeEvent} staff-chat-unread-change - The total unread count changed; `detail.total`.
 * @fires {StaffChatMessageSendEvent} staff-chat-message-send - Cancelable, before a message is sent; `detail.conversationId`, `detail.text`. `preventDefault()` keeps it unsent.
 * @fires {StaffChatErrorEvent} staff-chat-error - Something failed that the person was told about; `detail.message`, `detail.code`.
 * @fires {StaffChatConnectionChangeEvent} staff-chat-connection-change - The realtime connection changed; `detail.state`.
 * @attr theme - `light`, `dark`, or `auto` (the default): follow the OS's light or dark setting.
 * @attr lang - The language (BCP 47: `de`, `pt-BR`, `ar`); changing it re-renders everything in it.
 * @attr dir - `rtl` or `ltr` forces the layout's direction; by default it follows the language.
 *
 * @csspart dock - The corner area holding the launcher, panel and docked windows (launcher layout).
 * @csspart launcher - The round launcher button.
 * @csspart launcher-badge - The launcher's unread count.
 * @csspart launcher-urgent - The launcher's "!" while an urgent message waits for the viewer's acknowledgement.
 * @csspart launcher-mention-badge - The launcher's `@` while an unread message mentions the viewer.
 * @csspart urgent-banner - The panel's "1 urgent message needs your acknowledgement" banner.
 * @csspart panel - The panel with the conversation list and the staff directory (launcher layout).
 * @csspart sidebar - The same panel as the list side of the inline layout.
 * @csspart panel-header - The panel's title bar.
 * @csspart tabs - The panel's "Chats" / "New chat" tab list.
 * @csspart connection-dot - The connection state's dot in the panel's title bar.
 * @csspart connection-label - The connection state's text.
 * @csspart row - Each conversation's button in the list.
 * @csspart row-badge - A conversation's unread count.
 * @csspart row-mention-badge - A conversation's `@`, while an unread message there mentions the viewer.
 * @csspart presence-dot - The dot on the avatar of someone online (list, directory, window title).
 * @csspart search - The directory's search field.
 * @csspart person - Each staff member in the directory.
 * @csspart window - Each chat window.
 * @csspart window-header - A chat window's title bar.
 * @csspart close-button - A chat window's close button.
 * @csspart menu-button - A chat window's conversation menu button (mute, archive, leave, remove people).
 * @csspart pinned-bar - The pinned bar under a window's header: the latest pin and how many there are.
 * @csspart pins-list - The list of pins the pinned bar opens.
 * @csspart notice - A failure said in words above the messages (the pin limit, a refused removal).
 * @csspart forward-picker - "Forward to": the conversations to forward a message to.
 * @csspart banner - The strip shown in a window while live updates are down.
 * @csspart log - The scrolling list of messages.
 * @csspart load-earlier - The "Load earlier messages" button.
 * @csspart new-messages - The "New messages" divider.
 * @csspart jump-to-latest - The "Jump to latest" button.
 * @csspart bubble - A message's bubble (`staff-chat::part(bubble)`; own ones sit at the end, in the accent).
 * @csspart text - A message's text.
 * @csspart mention - A mentioned name in a message's text.
 * @csspart mention-me - A mentioned name that is the viewer's or their department's (also a `mention`).
 * @csspart quote - The quoted message a reply shows.
 * @csspart reply-button - A message's "Reply" button.
 * @csspart reactions - A message's reaction chips.
 * @csspart acknowledgement - An urgent message's "Acknowledge" button and "Acknowledged by" list.
 * @csspart edit - The text box of a message being edited.
 * @csspart failed - The "Not sent" line with Retry.
 * @csspart thumbnail - An image attachment's thumbnail button.
 * @csspart file - A file attachment's chip (a download link).
 * @csspart preview - The larger image preview dialog.
 * @csspart seen-by - The "Seen" / "Seen by …" line.
 * @csspart typing - The "… is typing" line.
 * @csspart upload - One file's row in the upload tray.
 * @csspart reply-preview - The composer's "Replying to …" bar.
 * @csspart attach-button - The composer's "Attach files" button.
 * @csspart urgent-button - The composer's "Needs acknowledgement" toggle.
 * @csspart textarea - The composer's text field.
 * @csspart send-button - The composer's send button.
 * @csspart mention-picker - The list of people (and departments) the composer's `@` offers.
 *
 * Every colour has a light and a dark value (`light-dark()`); the accent-derived ones follow
 * `--staff-chat-accent` in both, so setting the accent alone rebrands tabs, focus rings, avatars and names.
 * @cssproperty --staff-chat-accent - Brand colour: launcher, headers, own messages, selected tab. Default `#2563eb`.
 * @cssproperty --staff-chat-accent-fg - Text on the accent. Default: black or white, whichever contrasts more with the accent.
 * @cssproperty --staff-chat-accent-text - The accent as text and lines on the background (tab, names, focus ring): darkened in light, lightened in dark until it reads.
 * @cssproperty --staff-chat-bg - Background of panels and windows.
 * @cssproperty --staff-chat-fg - Text colour.
 * @cssproperty --staff-chat-muted - Secondary text: times, departments, placeholders.
 * @cssproperty --staff-chat-border - Lines between parts and around fields.
 * @cssproperty --staff-chat-hover - Background of a hovered row or button, and of reaction chips.
 * @cssproperty --staff-chat-input-bg - Background of text fields.
 * @cssproperty --staff-chat-header-bg - Chat window title bar. Default: the accent.
 * @cssproperty --staff-chat-header-fg - Text on the title bar. Default: `--staff-chat-accent-fg`.
 * @cssproperty --staff-chat-bubble-mine-bg - Background of the viewer's own messages. Default: the accent.
 * @cssproperty --staff-chat-bubble-mine-fg - Text of the viewer's own messages. Default: `--staff-chat-accent-fg`.
 * @cssproperty --staff-chat-bubble-theirs-bg - Background of everyone else's messages.
 * @cssproperty --staff-chat-bubble-theirs-fg - Text of everyone else's messages.
 * @cssproperty --staff-chat-bubble-radius - Corner radius of a bubble.
 * @cssproperty --staff-chat-avatar-bg - Background of initials avatars. Default: a tint of the accent.
 * @cssproperty --staff-chat-avatar-fg - Initials. Default: `--staff-chat-accent-text`.
 * @cssproperty --staff-chat-avatar-size - Diameter of avatars.
 * @cssproperty --staff-chat-badge-bg - Unread badges.
 * @cssproperty --staff-chat-badge-fg - Text of unread badges.
 * @cssproperty --staff-chat-focus-ring - Keyboard focus outline. Default: `--staff-chat-accent-text`.
 * @cssproperty --staff-chat-success - Connected dot.
 * @cssproperty --staff-chat-warning - Connecting dot; the offline banner's edge.
 * @cssproperty --staff-chat-danger - Offline dot; a failed message's outline.
 * @cssproperty --staff-chat-danger-text - Error text.
 * @cssproperty --staff-chat-online - The presence dot. Default: `--staff-chat-success`.
 * @cssproperty --staff-chat-font - Font family (ends in colour emoji fonts).
 * @cssproperty --staff-chat-font-size - Base font size. Default `14px`.
 * @cssproperty --staff-chat-radius - Corner radius of panels and windows.
 * @cssproperty --staff-chat-shadow - Shadow of the panel and docked windows.
 * @cssproperty --staff-chat-launcher-size - Diameter of the launcher.
 * @cssproperty --staff-chat-panel-width - Width of the panel (and the inline layout's list, at most 40%).
 * @cssproperty --staff-chat-window-width - Width of a docked window.
 * @cssproperty --staff-chat-window-height - Height of a docked window.
 * @cssproperty --staff-chat-offset - Distance of the dock from the viewport's corner.
 * @cssproperty --staff-chat-z-index - Stacking level of the docked launcher and windows.
 */
export class StaffChat extends LitElement {
  static override styles = [sharedStyles, styles];
  /**
   * Adds or amends a language for every `<staff-chat>` on the page, for portals that load the drop-in
   * script: `customElements.get('staff-chat').registerLocale('nl', { send: 'Versturen' })`.
   */
  static registerLocale = registerLocale;
  static override properties = {
    apiBase: { type: String, attribute: 'api-base' },
    hotel: { type: String },
    token: { type: String },
    debug: { type: Boolean },
    layout: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    tokenProvider: { attribute: false },
    open: { type: Boolean, reflect: true },
    unreadTitle: { type: Boolean, attribute: 'unread-title' },
    strings: { attribute: false },
  };

  /** Where the REST API lives. Default `/api`. */
  declare apiBase: string;
  /** The hotel's slug; must match the token's. */
  declare hotel: string;
  /** A portal-signed JWT; use `tokenProvider` instead when tokens expire. */
  declare token: string | undefined;
  /** Log REST calls and realtime events to the console. */
  declare debug: boolean;
  /** `launcher` (a floating button with docked windows) or `inline` (fills its container). */
  declare layout: 'launcher' | 'inline';
  /** `light`, `dark`, or `auto` (the default): follow the OS's setting. */
  declare theme: 'light' | 'dark' | 'auto';
  /** Returns a fresh token; called before the first request and again after a 401. Wins over `token`. */
  declare tokenProvider: (() => Promise<string>) | undefined;
  /** Whether the launcher's panel is open. */
  declare open: boolean;
  /** Prefix the page's title with the unread total, "(3) Front desk". Off unless the host opts in. */
  declare unreadTitle: boolean;
  /**
   * The portal's own wording: a partial table (keys of messages/table.ts) merged over every language,
   * e.g. `chat.strings = { appName: 'Team chat' }`.
   */
  declare strings: Partial<Messages> | undefined;

  /** The session for the current attributes; replaced when `api-base`, `hotel` or the token source changes. */
  session: ChatSession | null = null;
  /** Builds the session from the attributes; replaceable by tests, or by a host that wraps the session. */
  createSession: (options: ChatSessionOptions) => ChatSession = createChatSession;
  private sessionKey = '';
  private sessionProvider: (() => Promise<string>) | undefined;
  private unbind: (() => void)[] = [];
  /** Hands the session to the elements in the shadow root, however deep, and to each again whenever it is replaced. */
  private readonly elementSession = new ContextProvider(this, { context: sessionContext, initialValue: null });

  private readonly unread = new AtomController<number>(this, () => this.session?.$unreadTotal, 0);
  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly openIds = new AtomController<number[]>(this, () => this.session?.$openConversationIds, []);
  private readonly urgent = new AtomController<readonly unknown[]>(this, () => this.session?.$pendingAcknowledgements, []);
  private readonly locale = new AtomController<string>(this, () => $locale, 'en');
  /** The tag last handed to setLocale; `lang` can change again before its table arrives. */
  private requestedLocale = '';
  /** The host's own `lang` and `dir` and the page's `<html lang>` are attributes this element does not own. */
  private readonly languageObserver = new MutationObserver(() => this.requestUpdate());
  private unlistenStrings: (() => void) | undefined;
  /** What had focus when each window was opened (a conversation row), to go back to when Escape closes it. */
  private readonly windowOpeners = new Map<number, Element>();

  constructor() {
    super();
    this.apiBase = '/api';
    this.hotel = '';
    this.token = undefined;
    this.debug = false;
    this.layout = 'launcher';
    this.theme = 'auto';
    this.tokenProvider = undefined;
    this.open = false;
    this.unreadTitle = false;
    this.strings = undefined;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // A re-attached element needs its session back; willUpdate creates it.
    this.requestUpdate();
    this.languageObserver.observe(this, { attributes: true, attributeFilter: ['lang', 'dir'] });
    this.languageObserver.observe(this.ownerDocument.documentElement, { attributes: true, attributeFilter: ['lang'] });
    const rerender = () => {
      this.requestUpdate();
      requestUpdateDeep(this.renderRoot);
    };
    // listen, not subscribe: the first value needs no second render.
    const unlistenLocale = $locale.listen(rerender);
    const unlistenVersion = $stringsVersion.listen(rerender);
    this.unlistenStrings = () => {
      unlistenLocale();
      unlistenVersion();
    };
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.languageObserver.disconnect();
    this.unlistenStrings?.();
    this.unlistenStrings = undefined;
    this.teardown();
  }

  /** The locale asked for: `lang` on the element, else on the page, else the browser's. */
  private wantedLocale(): string {
    return this.getAttribute('lang') || this.ownerDocument.documentElement.lang || navigator.language || 'en';
  }

  /** `rtl` or `ltr` from the element's `dir`, else from the locale. */
  private direction(): 'ltr' | 'rtl' {
    const dir = this.getAttribute('dir')?.toLowerCase();
    return dir === 'rtl' || dir === 'ltr' ? dir : directionOf(this.locale.value);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const wanted = this.wantedLocale();
    if (wanted !== this.requestedLocale) {
      this.requestedLocale = wanted;
      void setLocale(wanted);
    }
    if (changed.has('strings')) setStringOverrides(this.strings);
    this.syncSession();
    if (changed.has('layout')) this.limitWindows(this.openIds.value);
    if (this.open || this.layout === 'inline' || this.openIds.value.length > 0) loadLazyElements();
  }

  private readonly tokenFromAttribute = (): Promise<string> => Promise.resolve(this.token ?? '');

  /** Creates, replaces or drops the session so that it always matches the current attributes. */
  private syncSession(): void {
    const provider = this.tokenProvider ?? (this.token ? this.tokenFromAttribute : undefined);
    const ready = this.isConnected && Boolean(this.hotel) && provider !== undefined;
    const key = ready ? [this.apiBase, this.hotel, this.debug, this.tokenProvider ? '' : this.token].join('\n') : '';
    if (key === this.sessionKey && provider === this.sessionProvider) return;
    this.teardown();
    if (!ready) return;
    const session = this.createSession({
      apiBase: this.apiBase,
      hotel: this.hotel,
      tokenProvider: provider,
      tokenRefreshable: Boolean(this.tokenProvider),
      debug: this.debug,
    });
    this.session = session;
    this.elementSession.setValue(session);
    this.sessionKey = key;
    this.sessionProvider = provider;
    this.unbind = [
      session.$unreadTotal.listen((total) => this.dispatchEvent(new StaffChatUnreadChangeEvent(total))),
      session.$connection.listen((state) => this.dispatchEvent(new StaffChatConnectionChangeEvent(state))),
      session.$errorInfo.listen((info) => {
        if (info) this.dispatchEvent(new StaffChatErrorEvent(info.message, info.code));
      }),
      session.$openConversationIds.listen((ids) => this.limitWindows(ids)),
    ];
    // Failures surface through $status and $error, which render a retry.
    session.start().catch(() => undefined);
  }

  private teardown(): void {
    for (const unbind of this.unbind) unbind();
    this.unbind = [];
    this.session?.stop();
    this.session = null;
    this.elementSession.setValue(null);
    this.sessionKey = '';
    this.sessionProvider = undefined;
  }

  /** The inline layout shows one conversation; docked windows are capped so they fit beside each other. */
  private limitWindows(ids: readonly number[]): void {
    const max = this.layout === 'inline' ? 1 : MAX_DOCKED_WINDOWS;
    for (const id of ids.slice(0, Math.max(0, ids.length - max))) this.session?.closeConversation(id);
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open) return;
    // Into the panel, so the next Tab stays in it; its element may still be arriving with the lazy chunk.
    await this.updateComplete;
    await customElements.whenDefined('staff-chat-panel');
    const panel = this.renderRoot.querySelector('staff-chat-panel');
    await panel?.updateComplete;
    panel?.focus();
  }

  private async onSelect(event: ConversationSelectEvent): Promise<void> {
    const id = event.conversationId;
    const opener = deepActiveElement();
    if (opener) this.windowOpeners.set(id, opener);
    await this.session?.openConversation(id);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`staff-chat-chat-window[conversation-id="${id}"]`)?.focus();
  }

  private close(): void {
    this.open = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector('staff-chat-launcher')?.focus());
  }

  private onPanelKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') this.close();
  }

  /** Escape that nothing inside handled (pickers and menus stop it) closes the window; focus goes back to what opened it. */
  private onWindowKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    const id = (event.currentTarget as HTMLElementTagNameMap['staff-chat-chat-window']).conversationId;
    const opener = this.windowOpeners.get(id);
    this.windowOpeners.delete(id);
    this.session?.closeConversation(id);
    void this.updateComplete.then(() => {
      const fallback = this.renderRoot.querySelector<HTMLElement>(this.layout === 'inline' ? 'staff-chat-panel' : 'staff-chat-launcher');
      ((opener?.isConnected ? opener : fallback) as HTMLElement | null)?.focus();
    });
  }

  private renderPanel(closable: boolean) {
    return html`<staff-chat-panel
      class=${closable ? 'panel card' : 'sidebar'}
      part=${closable ? 'panel' : 'sidebar'}
      role=${closable ? 'dialog' : 'region'}
      aria-label=${msg.appName}
      ?closable=${closable}
      @conversation-select=${this.onSelect}
      @close=${this.close}
      @keydown=${closable ? this.onPanelKeyDown : undefined}
    ></staff-chat-panel>`;
  }

  private renderWindow(id: number, closable: boolean) {
    return html`<staff-chat-chat-window
      class="card"
      part="window"
      conversation-id=${id}
      ?closable=${closable}
      @keydown=${this.onWindowKeyDown}
    ></staff-chat-chat-window>`;
  }

  override updated(changed: PropertyValues<this>): void {
    // Leave the host's title alone unless it opted in (or just opted out).
    if (!this.unreadTitle && changed.get('unreadTitle') !== true) return;
    const doc = this.ownerDocument;
    const base = doc.title.replace(/^\(\d+\+?\) /, '');
    const total = this.unreadTitle ? this.unread.value : 0;
    const title = total > 0 ? `(${total > 99 ? '99+' : total}) ${base}` : base;
    if (doc.title !== title) doc.title = title;
  }

  override render() {
    const ids = this.openIds.value;
    // dir on the top container, not the host (the portal's attribute): everything inside inherits it.
    const dir = this.direction();
    const lang = this.locale.value;
    if (this.layout === 'inline') {
      const current = ids[ids.length - 1];
      return html`<div class="inline card ${current === undefined ? '' : 'has-open'}" dir=${dir} lang=${lang}>
        ${this.renderPanel(false)}
        <div class="main">${current === undefined ? html`<p class="empty">${msg.chooseConversation}</p>` : this.renderWindow(current, true)}</div>
      </div>`;
    }
    return html`<div class="dock" part="dock" dir=${dir} lang=${lang}>
      <div class="stack">
        ${this.open ? this.renderPanel(true) : nothing}
        <staff-chat-launcher
          exportparts="button:launcher,badge:launcher-badge,urgent:launcher-urgent,mention-badge:launcher-mention-badge"
          .unread=${this.unread.value}
          ?mentioned=${this.conversations.value.some((c) => c.mention_count && c.unread_count)}
          ?urgent=${this.urgent.value.length > 0}
          ?expanded=${this.open}
          @click=${this.toggle}
          @pointerenter=${loadLazyElements}
          @focusin=${loadLazyElements}
        ></staff-chat-launcher>
      </div>
      ${ids.map((id) => this.renderWindow(id, true))}
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat': StaffChat;
  }
}
