import { LitElement, html, nothing, type PropertyValues } from 'lit';
import type { Conversation, Me } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import type { ErrorInfo } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { HousekeepingController } from '../housekeeping-controller.js';
import { placePopover } from '../message-bubble/message-actions.js';
import { NoticeEvent } from '../pins/pin-events.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './conversation-menu.styles.js';

/** What is open: nothing, the menu, "Remove people", or a confirmation (leave, or remove that staff id). */
type MenuMode = '' | 'menu' | 'remove' | 'leave' | `remove:${string}`;

const moreVertical = html`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" aria-hidden="true" focusable="false"><path d="M12 5h.01M12 12h.01M12 19h.01"/></svg>`;

/**
 * The conversation menu of a chat window's header: Mute or Unmute, Archive, and in a group Leave group
 * (confirmed) and Remove people (confirmed; offered to the group's creator and to staff with a role,
 * since the admin roles are the server's setting: the server decides, and a refusal is said in words).
 * A department channel follows the staff's token, so it is neither left nor edited by hand here.
 * A menu button with a `role="menu"` popover: arrows, Home and End move, Escape closes.
 *
 * @event notice - (internal) An action failed; `NoticeEvent.text` says why.
 * @csspart menu-button - The button that opens the menu.
 */
export class StaffChatConversationMenu extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    conversationId: { type: Number, attribute: 'conversation-id' },
    mode: { state: true },
    session: { state: true },
  };

  declare conversationId: number;
  declare mode: MenuMode;
  declare private session: ElementSession | null;

  private readonly housekeeping = new HousekeepingController(this);
  private readonly sessionConsumer = consumeSession(this, (session) => {
    this.session = session;
    this.housekeeping.follow(session);
  });
  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);

  constructor() {
    super();
    this.conversationId = 0;
    this.mode = '';
    this.session = null;
  }

  private get conversation(): Conversation | undefined {
    return this.conversations.value.find((c) => c.id === this.conversationId);
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('mode')) return;
    const popover = this.renderRoot.querySelector<HTMLElement>('.popover');
    const button = this.renderRoot.querySelector<HTMLElement>('.open');
    if (popover && button) placePopover(popover, button);
    popover?.querySelector<HTMLElement>('button')?.focus({ preventScroll: true });
  }

  /** Closes what is open; focus goes back to the menu button. */
  private close(): void {
    this.mode = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('.open')?.focus());
  }

  private async run(action: (conversationId: number) => Promise<ErrorInfo | null> | undefined): Promise<void> {
    this.close();
    const failure = await action(this.conversationId);
    if (!failure) return;
    this.dispatchEvent(new NoticeEvent(failure.code === 'not_allowed' ? msg.removeNotAllowed : failure.message));
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key === 'Escape') {
      event.stopPropagation();
      this.close();
      return;
    }
    if (this.mode !== 'menu' && this.mode !== 'remove') return;
    const items = [...this.renderRoot.querySelectorAll<HTMLElement>('[role="menuitem"]')];
    const at = items.indexOf((this.renderRoot as ShadowRoot).activeElement as HTMLElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: items.length - 1 }[event.key];
    if (next === undefined || items.length === 0) return;
    event.preventDefault();
    items[(next + items.length) % items.length]?.focus();
  }

  private onToggle(event: ToggleEvent): void {
    // A click elsewhere closed the popover.
    if (event.newState === 'closed') this.mode = '';
  }

  /** The group's creator, or someone with a role (the server knows which roles are admins). */
  private mayRemove(conversation: Conversation): boolean {
    const me = this.me.value;
    return !!me && (conversation.created_by === me.id || !!me.role);
  }

  private renderBody(conversation: Conversation) {
    const h = this.housekeeping.value;
    const group = conversation.kind !== 'department' && conversation.is_group;
    const item = (label: string, onClick: () => void, danger = false) =>
      html`<button type="button" role="menuitem" class=${danger ? 'danger' : ''} @click=${onClick}>${label}</button>`;
    const others = conversation.participants.filter((p) => p.id !== this.me.value?.id);
    if (this.mode === 'menu') {
      return html`<div role="menu" aria-label=${msg.conversationMenu}>
        ${item(conversation.is_muted ? msg.unmute : msg.mute, () => void this.run((id) => h?.setMuted(id, !conversation.is_muted)))}
        ${item(msg.archive, () => void this.run((id) => h?.setArchived(id, true)))}
        ${group && this.mayRemove(conversation) && others.length > 0 ? item(msg.removePeople, () => (this.mode = 'remove')) : nothing}
        ${group ? item(msg.leaveGroup, () => (this.mode = 'leave'), true) : nothing}
      </div>`;
    }
    if (this.mode === 'remove') {
      return html`<div role="menu" aria-label=${msg.removePeople}>
        ${others.map((p) => item(msg.removePerson(p.full_name), () => (this.mode = `remove:${p.id}`)))}
      </div>`;
    }
    const confirm = (text: string, label: string, action: () => void) =>
      html`<div class="confirm" role="alertdialog" aria-label=${text}>
        <p>${text}</p>
        <div class="actions">
          <button type="button" class="danger" @click=${action}>${label}</button>
          <button type="button" @click=${() => this.close()}>${msg.cancel}</button>
        </div>
      </div>`;
    if (this.mode === 'leave') return confirm(msg.leaveConfirm, msg.leave, () => void this.run((id) => h?.leave(id)));
    const staffId = this.mode.slice('remove:'.length);
    const person = others.find((p) => p.id === staffId);
    return person
      ? confirm(msg.removeConfirm(person.full_name), msg.remove, () => void this.run((id) => h?.removeParticipant(id, staffId)))
      : nothing;
  }

  override render() {
    const conversation = this.conversation;
    if (!conversation) return nothing;
    return html`<button
        class="open"
        part="menu-button"
        type="button"
        aria-haspopup="menu"
        aria-expanded=${this.mode ? 'true' : 'false'}
        aria-label=${msg.conversationMenu}
        title=${msg.conversationMenu}
        ?disabled=${!this.housekeeping.value}
        @click=${() => (this.mode = this.mode ? '' : 'menu')}
      >
        ${moreVertical}
      </button>
      ${
        this.mode
          ? html`<div class="popover" popover="auto" @keydown=${this.onKeyDown} @toggle=${this.onToggle}>${this.renderBody(conversation)}</div>`
          : nothing
      }`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-conversation-menu': StaffChatConversationMenu;
  }
}
