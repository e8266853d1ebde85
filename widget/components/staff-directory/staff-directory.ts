import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Me, StaffMember } from '../../../server/contract.js';
import { msg } from '../../messages.js';
import type { ChatSession } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { searchIcon } from '../icons.js';
import { ConversationSelectEvent } from '../internal-events.js';
import { avatar } from '../people.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './staff-directory.styles.js';

type Directory = { results: StaffMember[]; loading: boolean; error: string | null };

const EMPTY: Directory = { results: [], loading: false, error: null };
/** Wait this long after the last keystroke before asking the server, so typing a name is one request. */
const SEARCH_DELAY_MS = 250;

/**
 * The hotel's staff with a search box; choosing someone starts (or reopens) a 1:1 conversation.
 *
 * @event conversation-select - (internal) A conversation was started; `ConversationSelectEvent.conversationId`.
 * @csspart search - The search field.
 * @csspart person - Each staff member's button.
 */
export class StaffChatStaffDirectory extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { attribute: false },
    starting: { state: true },
    startError: { state: true },
  };

  declare session: ChatSession | null;
  /** A conversation is being created: the buttons wait. */
  declare starting: boolean;
  declare startError: string | null;

  private readonly directory = new AtomController<Directory>(this, () => this.session?.$directory, EMPTY);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private query = '';

  constructor() {
    super();
    this.session = null;
    this.starting = false;
    this.startError = null;
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('session') && this.session) this.search();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.searchTimer);
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('input')?.focus(options);
  }

  private search(): void {
    clearTimeout(this.searchTimer);
    void this.session?.searchDirectory(this.query);
  }

  private onInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value.trim();
    clearTimeout(this.searchTimer);
    this.searchTimer = setTimeout(() => this.search(), SEARCH_DELAY_MS);
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Enter') {
      event.preventDefault();
      this.search();
    }
  }

  private async start(member: StaffMember): Promise<void> {
    if (!this.session || this.starting) return;
    this.starting = true;
    this.startError = null;
    try {
      const id = await this.session.startConversation([member.id]);
      this.dispatchEvent(new ConversationSelectEvent(id));
    } catch {
      this.startError = msg.startFailed;
    } finally {
      this.starting = false;
    }
  }

  private renderResults() {
    const { results, loading, error } = this.directory.value;
    const meId = this.me.value?.id;
    const people = results.filter((p) => p.id !== meId);
    if (error) return html`<p class="note error" role="alert">${error}</p>`;
    if (people.length === 0) return html`<p class="note">${loading ? msg.loading : msg.noStaffFound}</p>`;
    return html`<ul aria-label=${msg.directoryLabel} aria-busy=${loading ? 'true' : 'false'}>
      ${people.map(
        (p) => html`<li>
          <button class="person" part="person" type="button" ?disabled=${this.starting} @click=${() => this.start(p)}>
            ${avatar(p.full_name, p.avatar)}
            <span>
              <span class="name"><span class="visually-hidden">${msg.startChatWith} </span>${p.full_name}</span>
              ${p.department || p.role ? html`<span class="dept">${[p.department, p.role].filter(Boolean).join(' · ')}</span>` : nothing}
            </span>
          </button>
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    return html`
      <div class="search">
        ${searchIcon}
        <input
          part="search"
          type="search"
          aria-label=${msg.searchStaff}
          placeholder=${msg.searchPlaceholder}
          autocomplete="off"
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        />
      </div>
      ${this.startError ? html`<p class="note error" role="alert">${this.startError}</p>` : nothing}
      <div class="results">${this.renderResults()}</div>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-staff-directory': StaffChatStaffDirectory;
  }
}
