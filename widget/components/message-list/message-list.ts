import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Me } from '../../../server/contract.js';
import { formatDay, msg } from '../../messages.js';
import type { ChatMessage, ChatSession, ConversationView } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { ReplyEvent, type RetryEvent } from '../internal-events.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './message-list.styles.js';

const EMPTY_VIEW: ConversationView = { messages: [], loading: true, hasMore: false, error: null, loaded: false };
/** How close to the end (px) still counts as "reading the newest", so new messages scroll into view. */
const STICKY_BOTTOM_PX = 48;

/**
 * The messages of one conversation, oldest first, as a polite live region. Keeps the newest in view
 * while the person is at the bottom, and keeps their place when earlier messages are loaded above.
 *
 * @event reply - (internal) A message's "Reply" was pressed; `ReplyEvent.message`.
 * @csspart log - The scrolling region.
 * @csspart load-earlier - The "Load earlier messages" button.
 */
export class StaffChatMessageList extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { attribute: false },
    conversationId: { type: Number, attribute: 'conversation-id' },
    isGroup: { type: Boolean, attribute: 'is-group' },
  };

  declare session: ChatSession | null;
  declare conversationId: number;
  /** Show senders' names on others' messages. */
  declare isGroup: boolean;

  private readonly view = new AtomController<ConversationView>(
    this,
    () => (this.session && this.conversationId ? this.session.conversationView(this.conversationId) : undefined),
    EMPTY_VIEW,
  );
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);

  /** Follow the newest message: true while the person is at (or near) the bottom. */
  private stick = true;
  private previousCount = 0;
  /** Where followNewest() last put the scroll position; its (async) scroll event is not the person's. */
  private followedTop = -1;
  // Content grows after this element's own update (bubbles render themselves, fonts and images
  // load), so the follow happens on every resize of the content, not only after updated().
  private readonly resizeObserver = new ResizeObserver(() => this.followNewest());

  constructor() {
    super();
    this.session = null;
    this.conversationId = 0;
    this.isGroup = false;
  }

  private get log(): HTMLElement | null {
    return this.renderRoot.querySelector('.log');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.observeContent();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver.disconnect();
  }

  override firstUpdated(): void {
    this.observeContent();
  }

  override updated(changed: PropertyValues<this>): void {
    const messages = this.view.value.messages;
    const last = messages[messages.length - 1];
    // The person's own new message always comes into view, wherever they had scrolled to.
    const ownNew = last?.status === 'pending' && messages.length > this.previousCount;
    if (changed.has('conversationId') || ownNew) this.stick = true;
    this.previousCount = messages.length;
    this.followNewest();
  }

  private observeContent(): void {
    const content = this.renderRoot.querySelector('.content');
    if (content) this.resizeObserver.observe(content);
  }

  private followNewest(): void {
    const log = this.log;
    if (!log || !this.stick) return;
    log.scrollTop = log.scrollHeight;
    this.followedTop = log.scrollTop;
  }

  private onScroll(): void {
    const log = this.log;
    // Content may have grown since the follow, so our own scroll event would look like scrolling up.
    if (log && log.scrollTop !== this.followedTop) this.stick = log.scrollHeight - log.scrollTop - log.clientHeight <= STICKY_BOTTOM_PX;
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

  private renderMessages(messages: ChatMessage[]) {
    const meId = this.me.value?.id;
    let day = '';
    let previousSender = '';
    return repeat(
      messages,
      (m) => (m.client_id ? `c${m.client_id}` : `i${m.id}`),
      (m) => {
        const mine = m.sender_id === meId;
        const thisDay = formatDay(m.timestamp);
        const newDay = thisDay !== day;
        const showSender = this.isGroup && !mine && (newDay || m.sender_id !== previousSender);
        day = thisDay;
        previousSender = m.sender_id;
        return html`${newDay ? html`<div class="day" role="separator">${thisDay}</div>` : nothing}
          <staff-chat-message-bubble
            .message=${m}
            ?mine=${mine}
            ?show-sender=${showSender}
            @reply=${this.onReply}
            @retry=${this.onRetry}
          ></staff-chat-message-bubble>`;
      },
    );
  }

  override render() {
    const view = this.view.value;
    const { messages } = view;
    return html`<div class="log" part="log" role="log" aria-live="polite" aria-label=${msg.messagesLabel} tabindex="0" @scroll=${this.onScroll}>
      <div class="content">
      ${view.hasMore && view.loaded
        ? html`<button class="more" part="load-earlier" type="button" ?disabled=${view.loading} @click=${this.loadOlder}>
            ${view.loading ? msg.loading : msg.loadEarlier}
          </button>`
        : nothing}
      ${view.error
        ? html`<div class="error" role="alert">
            <span>${view.error}</span><button type="button" @click=${this.reload}>${msg.retry}</button>
          </div>`
        : nothing}
      ${messages.length === 0 && !view.error
        ? html`<p class="note">${view.loaded ? msg.emptyConversation : msg.loadingMessages}</p>`
        : this.renderMessages(messages)}
      </div>
    </div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-message-list': StaffChatMessageList;
  }
}
