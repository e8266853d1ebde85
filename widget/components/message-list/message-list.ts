import { LitElement, html, nothing, svg } from 'lit';
import type { Me } from '../../../server/contract.js';
import { formatDay, msg } from '../../messages/ui.js';
import type { ChatMessage, ConversationView } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { ReplyEvent, type QuoteOpenEvent, type RetryEvent } from '../internal-events.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './message-list.styles.js';
import { VirtualScroller } from './virtual-scroller.js';

const EMPTY_VIEW: ConversationView = { messages: [], loading: true, hasMore: false, error: null, loaded: false };
/** Looking for a quoted message loads at most this many older pages (50 messages each). */
const QUOTE_SEARCH_PAGES = 20;
/** Showing a search result loads at most this many older pages to reach it. */
const REVEAL_PAGES = 40;
/** How long the original of a quote (or a search result) stays highlighted after jumping to it. */
const HIGHLIGHT_MS = 2000;

/** Drawn rather than a "↓" character, whose contrast axe cannot judge (the list shows it when scrolled up). */
const downIcon = svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" aria-hidden="true" focusable="false"><path d="M12 5v14M6 13l6 6 6-6"/></svg>`;

/** A row's key: the client_id survives the optimistic copy being replaced by the stored one. */
const keyOf = (m: ChatMessage): string => (m.client_id ? `c${m.client_id}` : `i${m.id}`);

/**
 * The messages of one conversation, oldest first, as a polite live region. Only the messages near the
 * viewport are in the DOM (a long history stays light); scrolling near the top loads older pages
 * and keeps the place. At the bottom it follows new messages; scrolled up, it marks where new ones
 * begin and offers "Jump to latest". Pressing a quote scrolls to the original (loading older pages to
 * find it) and highlights it; `revealMessage` does the same for a search result.
 *
 * @event reply - (internal) A message's "Reply" was pressed; `ReplyEvent.message`.
 * @csspart log - The scrolling region.
 * @csspart load-earlier - The "Load earlier messages" button.
 * @csspart new-messages - The "New messages" divider.
 * @csspart jump-to-latest - The "Jump to latest" button.
 */
export class StaffChatMessageList extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { state: true },
    conversationId: { type: Number, attribute: 'conversation-id' },
    isGroup: { type: Boolean, attribute: 'is-group' },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;
  declare conversationId: number;
  /** Show senders' names on others' messages. */
  declare isGroup: boolean;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly view = new AtomController<ConversationView>(
    this,
    () => (this.session && this.conversationId ? this.session.conversationView(this.conversationId) : undefined),
    EMPTY_VIEW,
  );
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private readonly scroller = new VirtualScroller(this, {
    scroller: () => this.log,
    keys: () => this.keys,
    onNearTop: () => this.loadOlderIfMore(),
    onReachEnd: () => {
      this.unread = 0;
      this.requestUpdate();
    },
  });

  /** The messages the keys were computed from, and the keys. */
  private messages: ChatMessage[] = [];
  private keys: string[] = [];
  /** Messages from others that arrived while the person was scrolled up. */
  private unread = 0;
  /** The first message of the latest batch that arrived while scrolled up: "New messages" goes above it. */
  private newFromKey: string | null = null;
  private highlightKey: string | null = null;
  /** The last original jumped to: programmatically focusable, so focus can follow the jump. */
  private focusKey: string | null = null;
  private highlightTimer: ReturnType<typeof setTimeout> | undefined;
  /** The conversation whose messages are rendered. */
  private shownId = 0;

  constructor() {
    super();
    this.session = null;
    this.conversationId = 0;
    this.isGroup = false;
  }

  private get log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }

  /** Opens the editor on the viewer's newest message, if it is on screen (Up in an empty composer). */
  editLatestOwn(): void {
    const meId = this.me.value?.id;
    const own = this.currentView()
      .messages.filter((m) => m.sender_id === meId && m.id > 0 && !m.is_deleted)
      .pop();
    if (!own) return;
    const bubbles = this.renderRoot.querySelectorAll('staff-chat-message-bubble');
    [...bubbles].find((bubble) => bubble.message?.id === own.id)?.startEdit();
  }

  /** The current view, read from the atom directly: willUpdate runs before the AtomController re-picks it. */
  private currentView(): ConversationView {
    return this.session && this.conversationId ? this.session.conversationView(this.conversationId).get() : EMPTY_VIEW;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.highlightTimer);
  }

  /**
   * Messages arriving one after another (a busy group) would each re-render, re-measure and re-anchor
   * the list: once its rows are on screen, a change of messages waits for the next frame, so all that
   * arrive within a frame land in one update. A conversation's first rows and scrolling render at once.
   */
  protected override scheduleUpdate(): void | Promise<unknown> {
    const appending = this.messages.length > 0 && this.shownId === this.conversationId && this.currentView().messages !== this.messages;
    if (!appending) return super.scheduleUpdate();
    return new Promise((resolve) => requestAnimationFrame(resolve)).then(() => super.scheduleUpdate());
  }

  // A plain Map: `session` is private, which PropertyValues<this> cannot name.
  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    this.shownId = this.conversationId;
    if (changed.has('conversationId') || changed.has('session')) {
      this.scroller.reset();
      this.unread = 0;
      this.newFromKey = null;
      this.highlightKey = null;
      this.focusKey = null;
      this.messages = [];
      this.keys = [];
    }
    const messages = this.currentView().messages;
    if (messages === this.messages) return;
    const previousKeys = this.keys;
    this.messages = messages;
    this.keys = messages.map(keyOf);
    this.noteArrivals(previousKeys);
  }

  override updated(): void {
    // A page of older messages arrived while the person is still at the top: keep loading.
    if (this.scroller.nearTop) this.loadOlderIfMore();
  }

  /** New messages at the end: the person's own come into view; others' are counted if scrolled up. */
  private noteArrivals(previousKeys: string[]): void {
    const previousLast = previousKeys[previousKeys.length - 1];
    const from = previousLast === undefined ? -1 : this.keys.lastIndexOf(previousLast) + 1;
    if (from <= 0) return;
    const added = this.messages.slice(from);
    // Only the person's own messages are ever pending (optimistic), and those always come into view.
    if (added.some((m) => m.status === 'pending')) {
      this.scroller.scrollToEnd();
      return;
    }
    const meId = this.me.value?.id;
    if (this.scroller.stick) return;
    const theirs = added.filter((m) => m.sender_id !== meId);
    if (theirs.length === 0) return;
    if (this.unread === 0) this.newFromKey = keyOf(theirs[0]!);
    this.unread += theirs.length;
  }

  private loadOlderIfMore(): void {
    const view = this.currentView();
    if (view.loaded && view.hasMore && !view.loading && !view.error) void this.session?.loadOlder(this.conversationId);
  }

  private onReply(event: ReplyEvent): void {
    this.dispatchEvent(new ReplyEvent(event.message));
  }

  private onRetry(event: RetryEvent): void {
    this.session?.retryMessage(this.conversationId, event.clientId);
  }

  private loadOlder(): void {
    void this.session?.loadOlder(this.conversationId);
  }

  private reload(): void {
    const view = this.view.value;
    if (view.loaded) this.loadOlder();
    else void this.session?.openConversation(this.conversationId);
  }

  private jumpToLatest(event: Event): void {
    // The button goes away; keep keyboard focus in the list rather than losing it to the page.
    if ((this.renderRoot as ShadowRoot).activeElement === event.currentTarget) this.log?.focus();
    this.unread = 0;
    this.scroller.scrollToEnd();
  }

  private onQuoteOpen(event: QuoteOpenEvent): void {
    void this.revealMessage(event.messageId, QUOTE_SEARCH_PAGES);
  }

  /**
   * Scrolls to a stored message, highlights it briefly and moves focus to it (a quote's original, a
   * search result). A message not loaded yet is older than what the view holds: older pages load until
   * it is there, at most `maxPages` of them. Resolves with whether it was shown.
   */
  async revealMessage(messageId: number, maxPages = REVEAL_PAGES): Promise<boolean> {
    const { session, conversationId } = this;
    if (!session || !conversationId) return false;
    await this.whenSettled();
    for (let page = 0; conversationId === this.conversationId; page++) {
      const view = this.currentView();
      const found = view.messages.find((m) => m.id === messageId);
      if (found) {
        await this.showMessage(keyOf(found));
        return true;
      }
      if (!view.hasMore || view.error || page >= maxPages) return false;
      await session.loadOlder(conversationId);
      // Someone else's load was already under way (the call returned at once): wait for it.
      await this.whenSettled();
      if (this.currentView().messages.length === view.messages.length) return false;
    }
    return false;
  }

  /** Focus on the message last jumped to, if it is still rendered; false if there is none. */
  focusShown(): boolean {
    const row = this.focusKey ? this.renderRoot.querySelector<HTMLElement>('.message[tabindex]') : null;
    row?.focus({ preventScroll: true });
    return row !== null;
  }

  /** Resolves once the view has its latest page (or failed) and no page is on its way. */
  private whenSettled(): Promise<void> {
    const atom = this.session!.conversationView(this.conversationId);
    const settled = (view: ConversationView) => (view.loaded || view.error !== null) && !view.loading;
    if (settled(atom.get())) return Promise.resolve();
    return new Promise((resolve) => {
      const stop = atom.listen((view) => {
        if (!settled(view)) return;
        stop();
        resolve();
      });
    });
  }

  private async showMessage(key: string): Promise<void> {
    this.highlightKey = key;
    this.focusKey = key;
    this.scroller.scrollToKey(key, this.scroller.viewportHeight / 3);
    clearTimeout(this.highlightTimer);
    this.highlightTimer = setTimeout(() => {
      this.highlightKey = null;
      this.requestUpdate();
    }, HIGHLIGHT_MS);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.message[tabindex]')?.focus({ preventScroll: true });
  }

  private renderMessage(m: ChatMessage, index: number) {
    const meId = this.me.value?.id;
    const previous = this.messages[index - 1];
    const mine = m.sender_id === meId;
    const day = formatDay(m.timestamp);
    const newDay = !previous || formatDay(previous.timestamp) !== day;
    const showSender = this.isGroup && !mine && (newDay || m.sender_id !== previous.sender_id);
    const key = keyOf(m);
    return html`${newDay ? html`<div class="day" role="separator">${day}</div>` : nothing}
      ${key === this.newFromKey ? html`<div class="new-messages" part="new-messages" role="separator">${msg.newMessages}</div>` : nothing}
      <div class="message ${key === this.highlightKey ? 'highlight' : ''}" tabindex=${key === this.focusKey ? '-1' : nothing}>
        <staff-chat-message-bubble
          exportparts="bubble,text,quote,reply-button,reactions,acknowledgement,edit,failed,thumbnail,file,preview,mention,mention-me"
          .message=${m}
          ?mine=${mine}
          ?show-sender=${showSender}
          @reply=${this.onReply}
          @retry=${this.onRetry}
          @quote-open=${this.onQuoteOpen}
        ></staff-chat-message-bubble>
      </div>`;
  }

  // Messages arriving out of view are not rendered, so the log cannot announce them; the status
  // line below says how many came instead.
  private renderJumpButton() {
    if (this.scroller.stick || (this.unread === 0 && !this.scroller.farFromEnd)) return nothing;
    return html`<button
      class="jump"
      part="jump-to-latest"
      type="button"
      aria-label=${this.unread > 0 ? msg.jumpToLatestUnread(this.unread) : msg.jumpToLatest}
      @click=${this.jumpToLatest}
    >
      ${downIcon} ${msg.jumpToLatest} ${this.unread > 0 ? html`<span class="badge">${this.unread}</span>` : nothing}
    </button>`;
  }

  override render() {
    const view = this.view.value;
    const { messages } = this;
    return html`<div class="log" part="log" role="log" aria-live="polite" aria-label=${msg.messagesLabel} tabindex="0" @scroll=${this.scroller.onScroll}>
        ${
          view.hasMore && view.loaded
            ? html`<button class="more" part="load-earlier" type="button" ?disabled=${view.loading} @click=${this.loadOlder}>
              ${view.loading ? msg.loading : msg.loadEarlier}
            </button>`
            : nothing
        }
        ${
          view.error
            ? html`<div class="error" role="alert">
              <span>${view.error}</span><button type="button" @click=${this.reload}>${msg.retry}</button>
            </div>`
            : nothing
        }
        ${
          messages.length === 0 && !view.error
            ? html`<p class="note">${view.loaded ? msg.emptyConversation : msg.loadingMessages}</p>`
            : this.scroller.renderWindow(messages, keyOf, (m, i) => this.renderMessage(m, i))
        }
      </div>
      ${this.renderJumpButton()}
      <div class="visually-hidden" role="status">${this.unread > 0 ? msg.unreadCount(this.unread) : nothing}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-message-list': StaffChatMessageList;
  }
}
