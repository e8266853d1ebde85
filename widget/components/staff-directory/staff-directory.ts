import { LitElement, html, nothing } from 'lit';
import { TITLE_MAX_LENGTH, type Me, type StaffMember } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { closeIcon, searchIcon } from '../icons.js';
import { ConversationSelectEvent, PeoplePickEvent, PickerCloseEvent } from '../internal-events.js';
import { avatarWithPresence, onlineText, presenceStyles } from '../presence.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './staff-directory.styles.js';

type Directory = { results: StaffMember[]; loading: boolean; error: string | null };

const EMPTY: Directory = { results: [], loading: false, error: null };
/** Wait this long after the last keystroke before asking the server, so typing a name is one request. */
const SEARCH_DELAY_MS = 250;

/**
 * The hotel's staff with a search box; choosing someone starts (or reopens) a 1:1 conversation. A dot
 * on the avatar marks who is online.
 *
 * With `picking` (a group's "Add people") the people get checkboxes and "Add" sends their ids; "New group"
 * does the same with a title and creates the group.
 *
 * @event conversation-select - (internal) A conversation was started; `ConversationSelectEvent.conversationId`.
 * @event people-pick - (internal) With `picking`: "Add" was pressed; `PeoplePickEvent.staffIds`.
 * @event picker-close - (internal) With `picking`: its close button was pressed; `PickerCloseEvent`.
 * @csspart search - The search field.
 * @csspart person - Each staff member's button.
 * @csspart presence-dot - The dot on the avatar of someone online.
 * @cssproperty --staff-chat-online - The presence dot's colour.
 */
export class StaffChatStaffDirectory extends LitElement {
  static override styles = [sharedStyles, presenceStyles, styles];
  static override properties = {
    session: { state: true },
    picking: { type: Boolean },
    exclude: { attribute: false },
    grouping: { state: true },
    chosen: { state: true },
    starting: { state: true },
    startError: { state: true },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;
  /** Choose several people for an existing group instead of starting a chat. */
  declare picking: boolean;
  /** Staff ids not offered (a group's members). */
  declare exclude: readonly string[];
  /** "New group" is on: choose several people and a title. */
  declare grouping: boolean;
  declare chosen: ReadonlySet<string>;
  /** A conversation is being created: the buttons wait. */
  declare starting: boolean;
  declare startError: string | null;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly directory = new AtomController<Directory>(this, () => this.session?.$directory, EMPTY);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private readonly onlineIds = new AtomController<ReadonlySet<string>>(this, () => this.session?.$onlineIds, new Set());
  private searchTimer: ReturnType<typeof setTimeout> | undefined;
  private query = '';

  constructor() {
    super();
    this.session = null;
    this.starting = false;
    this.startError = null;
    this.picking = false;
    this.exclude = [];
    this.grouping = false;
    this.chosen = new Set();
    this.addEventListener('keydown', this.onHostKeyDown);
  }

  // A plain Map: `session` is private, which PropertyValues<this> cannot name.
  override updated(changed: Map<PropertyKey, unknown>): void {
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
    // Escape empties a search first (the field keeps focus); only the next one closes what is around it.
    const input = event.target;
    if (event.key === 'Escape' && input instanceof HTMLInputElement && input.value) {
      event.preventDefault();
      event.stopPropagation();
      input.value = '';
      this.query = '';
      this.search();
    }
  }

  /** Escape while "New group" is on (and no search to clear) leaves it, and gives focus back to its button. */
  private readonly onHostKeyDown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || !this.grouping) return;
    event.stopPropagation();
    this.grouping = false;
    this.chosen = new Set();
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.new-group')?.focus());
  };

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

  private toggle(id: string): void {
    const chosen = new Set(this.chosen);
    if (!chosen.delete(id)) chosen.add(id);
    this.chosen = chosen;
  }

  private async onChosen(event: Event): Promise<void> {
    event.preventDefault();
    const ids = [...this.chosen];
    if (this.picking) {
      this.chosen = new Set();
      this.dispatchEvent(new PeoplePickEvent(ids));
      return;
    }
    const title = new FormData(event.target as HTMLFormElement).get('title');
    if (!this.session || this.starting || typeof title !== 'string' || !title.trim()) return;
    this.starting = true;
    this.startError = null;
    try {
      const id = await this.session.startConversation(ids, title.trim());
      this.grouping = false;
      this.chosen = new Set();
      this.dispatchEvent(new ConversationSelectEvent(id));
    } catch {
      this.startError = msg.startFailed;
    } finally {
      this.starting = false;
    }
  }

  private renderChoice() {
    if (!this.picking && !this.grouping) return nothing;
    return html`<form class="choice" @submit=${this.onChosen}>
      ${this.grouping ? html`<input name="title" dir="auto" aria-label=${msg.groupTitle} placeholder=${msg.groupTitle} required maxlength=${TITLE_MAX_LENGTH} />` : nothing}
      <button type="submit" ?disabled=${this.chosen.size === 0 || this.starting}>${this.picking ? msg.add : msg.createGroup}</button>
    </form>`;
  }

  /** Why the list is empty: a search found no one, everyone is already here, or no colleague has come yet. */
  private emptyNote(othersFound: boolean): string {
    if (this.query) return msg.noStaffFound;
    return othersFound ? msg.everyoneAlreadyHere : msg.noColleaguesYet;
  }

  private renderResults() {
    const { results, loading, error } = this.directory.value;
    const meId = this.me.value?.id;
    const people = results.filter((p) => p.id !== meId && !this.exclude.includes(p.id));
    const choosing = this.picking || this.grouping;
    const online = this.onlineIds.value;
    if (error) return html`<p class="note error" role="alert">${error}</p>`;
    if (people.length === 0) return html`<p class="note">${loading ? msg.loading : this.emptyNote(results.some((p) => p.id !== meId))}</p>`;
    return html`<ul aria-label=${msg.directoryLabel} aria-busy=${loading ? 'true' : 'false'}>
      ${people.map(
        (p) => html`<li>
          ${
            choosing
              ? html`<label class="person" part="person">
                <input type="checkbox" .checked=${this.chosen.has(p.id)} @change=${() => this.toggle(p.id)} />
                ${avatarWithPresence(p.full_name, p.avatar, online.has(p.id))}
                <span class="name"><span dir="auto">${p.full_name}</span>${onlineText(online.has(p.id))}</span>
              </label>`
              : html`<button class="person" part="person" type="button" ?disabled=${this.starting} @click=${() => this.start(p)}>
            ${avatarWithPresence(p.full_name, p.avatar, online.has(p.id))}
            <span>
              <span class="name"><span class="visually-hidden">${msg.startChatWith} </span><span dir="auto">${p.full_name}</span>${onlineText(online.has(p.id))}</span>
              ${p.department || p.role ? html`<span class="dept" dir="auto">${[p.department, p.role].filter(Boolean).join(' · ')}</span>` : nothing}
            </span>
          </button>`
          }
        </li>`,
      )}
    </ul>`;
  }

  override render() {
    return html`
      <div class="search ${this.picking ? 'picking' : ''}">
        <span class="field">${searchIcon}<input
          part="search"
          dir="auto"
          type="search"
          aria-label=${msg.searchStaff}
          placeholder=${msg.searchPlaceholder}
          autocomplete="off"
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
        /></span>
        ${
          this.picking
            ? html`<button class="close" type="button" aria-label=${msg.closeAddPeople} title=${msg.closeAddPeople} @click=${() => this.dispatchEvent(new PickerCloseEvent())}>
              ${closeIcon}
            </button>`
            : html`<button class="new-group" type="button" aria-pressed=${this.grouping ? 'true' : 'false'} @click=${() => (this.grouping = !this.grouping)}>${msg.newGroup}</button>`
        }
      </div>
      ${this.renderChoice()}
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
