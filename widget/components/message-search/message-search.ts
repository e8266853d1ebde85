import { LitElement, html, nothing } from 'lit';
import type { Conversation, Me, SearchResult } from '../../../contract/index.js';
import { searchMsg } from '../../messages/search-strings.js';
import { formatFullTime, formatTime, msg } from '../../messages/ui.js';
import type { MessageSearch, SearchScope, SearchState } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { closeIcon, searchIcon } from '../icons.js';
import { MessageOpenEvent, SearchCloseEvent } from '../internal-events.js';
import { conversationTitle } from '../people.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './message-search.styles.js';
import { snippetParts } from './snippet-parts.js';

const IDLE: SearchState = { query: '', results: [], loading: false, error: null, hasMore: false };
/** Wait this long after the last keystroke before asking the server; Enter asks at once. */
const SEARCH_DELAY_MS = 300;

/**
 * A message search box and its results: every conversation of the viewer's, or only
 * `conversation-id`'s. Searches as the person types (after a pause) or at once on Enter; Escape empties
 * the field, and a second Escape asks to close the search. Each result shows where it was said, by
 * whom, when, and the words that matched; choosing one asks the window of its conversation to show it
 * (the store's `openAt`, which the window follows) and fires `message-open`.
 *
 * @event message-open - (internal) A result was chosen; `MessageOpenEvent.conversationId`, `.messageId`.
 * @event search-close - (internal) Escape in the empty field, or the close button.
 * @csspart search - The search field.
 * @csspart result - Each result's button.
 */
export class StaffChatMessageSearch extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { state: true },
    conversationId: { type: Number, attribute: 'conversation-id' },
    store: { state: true },
    delay: { type: Number, attribute: false },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;
  /** Only this conversation's messages; 0 for every conversation of the viewer's. */
  declare conversationId: number;
  declare private store: MessageSearch | null;
  /** How long typing must pause before the search goes out, in ms. */
  declare delay: number;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly state = new AtomController<SearchState>(this, () => this.scope?.$state, IDLE);
  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Which session the store was asked of, so a late answer for an earlier one is dropped. */
  private storeFor: ElementSession | null = null;

  constructor() {
    super();
    this.session = null;
    this.conversationId = 0;
    this.store = null;
    this.delay = SEARCH_DELAY_MS;
  }

  private get scope(): SearchScope | undefined {
    return this.store?.scope(this.conversationId || undefined);
  }

  private get input(): HTMLInputElement | null {
    return this.renderRoot.querySelector('input');
  }

  // A plain Map: `session` is private, which PropertyValues<this> cannot name.
  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('session') || this.session === this.storeFor) return;
    const session = (this.storeFor = this.session);
    this.store = null;
    void session?.messageSearch().then((store) => {
      if (this.storeFor === session) this.store = store;
    });
  }

  override updated(changed: Map<PropertyKey, unknown>): void {
    // A search box opened again shows what it last searched (the scope keeps it); never while typing.
    const input = this.input;
    if (changed.has('store') && input && !input.value) input.value = this.state.value.query;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  override focus(options?: FocusOptions): void {
    if (this.hasUpdated) return this.input?.focus(options);
    void this.updateComplete.then(() => this.input?.focus(options));
  }

  private search(): void {
    clearTimeout(this.searchTimer);
    const text = this.input?.value ?? '';
    if (text === this.state.value.query && !this.state.value.error) return;
    void this.scope?.search(text);
  }

  private onInput(): void {
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.search(), this.delay);
  }

  private onKeyDown(event: KeyboardEvent): void {
    const input = this.input;
    if (event.key === 'Enter') {
      event.preventDefault();
      this.search();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      this.results()[0]?.focus();
    } else if (event.key === 'Escape' && input) {
      // Escape empties the search first (the field keeps focus); only the next one closes it.
      event.preventDefault();
      event.stopPropagation();
      if (input.value) {
        input.value = '';
        clearTimeout(this.searchTimer);
        this.scope?.clear();
      } else {
        this.close();
      }
    }
  }

  private results(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.result')];
  }

  /** Up and Down move between results; Up from the first goes back to the field; Escape too. */
  private onResultKeyDown(event: KeyboardEvent): void {
    const buttons = this.results();
    const at = buttons.indexOf(event.target as HTMLButtonElement);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const next = at + (event.key === 'ArrowDown' ? 1 : -1);
      (next < 0 ? this.input : buttons[Math.min(next, buttons.length - 1)])?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      this.input?.focus();
    }
  }

  private close(): void {
    clearTimeout(this.searchTimer);
    this.dispatchEvent(new SearchCloseEvent());
  }

  private open(result: SearchResult): void {
    this.store?.openAt(result.conversation_id, result.message_id);
    this.dispatchEvent(new MessageOpenEvent(result.conversation_id, result.message_id));
  }

  private more(): void {
    const count = this.state.value.results.length;
    void this.scope
      ?.more()
      .then(() => this.updateComplete)
      .then(() => this.results()[count]?.focus());
  }

  private renderResult(result: SearchResult) {
    const meId = this.me.value?.id;
    const conversation = this.conversations.value.find((c) => c.id === result.conversation_id);
    const title = conversation ? conversationTitle(conversation, meId) : msg.untitled;
    const sender = result.sender_id === meId ? msg.you : result.sender_name;
    return html`<li>
      <button class="result" part="result" type="button" @click=${() => this.open(result)} @keydown=${this.onResultKeyDown}>
        <span class="meta">
          ${this.conversationId ? nothing : html`<span class="title" dir="auto">${title}</span>`}
          <span class="sender" dir="auto">${sender}</span>
          <time datetime=${result.timestamp} title=${formatFullTime(result.timestamp)}>${formatTime(result.timestamp)}</time>
        </span>
        <span class="snippet" dir="auto"
          >${snippetParts(result.snippet, result.highlights).map((part) => (part.hit ? html`<mark>${part.text}</mark>` : part.text))}</span
        >
      </button>
    </li>`;
  }

  private renderBody() {
    const { query, results, loading, error, hasMore } = this.state.value;
    if (!query) return nothing;
    const status =
      loading && results.length === 0 ? searchMsg.searching : results.length > 0 ? searchMsg.searchResultCount(results.length) : '';
    return html`<div class="visually-hidden" role="status">${error ? nothing : status}</div>
      ${
        results.length > 0
          ? html`<ul aria-label=${searchMsg.searchResultsLabel} aria-busy=${loading ? 'true' : 'false'}>
            ${results.map((r) => this.renderResult(r))}
          </ul>`
          : nothing
      }
      ${loading && results.length === 0 ? html`<p class="note" aria-hidden="true">${searchMsg.searching}</p>` : nothing}
      ${!loading && !error && results.length === 0 ? html`<p class="note">${searchMsg.noMessagesFound(query)}</p>` : nothing}
      ${
        error
          ? html`<div class="error" role="alert">
            <span>${searchMsg.searchFailed} ${error}</span>
            <button type="button" @click=${() => void this.scope?.retry()}>${msg.retry}</button>
          </div>`
          : nothing
      }
      ${
        hasMore && !error
          ? html`<button class="more" type="button" ?disabled=${loading} @click=${this.more}>${loading ? searchMsg.searching : searchMsg.loadMoreResults}</button>`
          : nothing
      }`;
  }

  override render() {
    const label = this.conversationId ? searchMsg.searchInConversation : searchMsg.searchMessages;
    return html`<div class="bar" role="search">
        <span class="field">${searchIcon}<input
          part="search"
          dir="auto"
          type="search"
          aria-label=${label}
          placeholder=${label}
          autocomplete="off"
          enterkeyhint="search"
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        /></span>
        <button class="close" type="button" aria-label=${searchMsg.closeSearch} title=${searchMsg.closeSearch} @click=${this.close}>${closeIcon}</button>
      </div>
      <div class="results">${this.renderBody()}</div>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-message-search': StaffChatMessageSearch;
  }
}
