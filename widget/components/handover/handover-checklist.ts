import { html, nothing } from 'lit';
import { ChatElement } from '../chat-element.js';
import type { HandoverItem, Message } from '../../../contract/index.js';
import { formatFullTime, formatTime, msg } from '../../messages/ui.js';
import type { ChatSession, Handovers } from '../../state/session.js';
import { consumeSession } from '../consume-session.js';
import { sharedStyles } from '../shared.styles.js';
import { checklistStyles } from './handover.styles.js';

/**
 * A handover note's checklist: each item a real checkbox any member ticks or unticks, with who ticked
 * it and when. The same element shows the note pinned at the top of a department channel, in the
 * history and in the message list; ticks arrive live through the session (handover_item_changed).
 * Item text is bound as text, never parsed as HTML.
 *
 * @csspart checklist - The list of items.
 */
export class StaffChatHandoverChecklist extends ChatElement {
  static override styles = [sharedStyles, checklistStyles];
  static override properties = {
    message: { attribute: false },
    readonly: { type: Boolean },
    handovers: { state: true },
  };

  /** The handover message whose checklist this is. */
  declare message: Message | null;
  /** Shown without checkboxes that act (a note not stored yet). */
  declare readonly: boolean;
  declare private handovers: Handovers | null;

  private readonly sessionConsumer = consumeSession(this, (session) => this.useSession(session));

  constructor() {
    super();
    this.message = null;
    this.readonly = false;
    this.handovers = null;
  }

  private useSession(session: ChatSession | null): void {
    this.handovers = null;
    void session?.loadFeatures().then((features) => {
      if (this.sessionConsumer.value === session) this.handovers = features?.handovers ?? null;
    });
  }

  private onChange(event: Event, item: HandoverItem): void {
    const box = event.target as HTMLInputElement;
    const m = this.message;
    if (!m || !this.handovers) {
      box.checked = item.checked;
      return;
    }
    void this.handovers.setItem(m.conversation_id, m.id, item.id, box.checked);
  }

  private renderItem(item: HandoverItem, disabled: boolean) {
    const id = `item-${item.id}`;
    const who =
      item.checked && item.checked_by && item.checked_at
        ? msg.handoverTickedBy(item.checked_by.full_name, formatTime(item.checked_at))
        : '';
    return html`<li class=${item.checked ? 'done' : ''}>
      <input
        type="checkbox"
        id=${id}
        .checked=${item.checked}
        ?disabled=${disabled}
        aria-describedby=${who ? `${id}-by` : nothing}
        @change=${(event: Event) => this.onChange(event, item)}
      />
      <label for=${id} dir="auto">${item.text}</label>
      ${who ? html`<span class="by" id="${id}-by" title=${item.checked_at ? formatFullTime(item.checked_at) : ''}>${who}</span>` : nothing}
    </li>`;
  }

  override render() {
    const items = this.message?.handover?.items ?? [];
    if (items.length === 0) return nothing;
    const done = items.filter((item) => item.checked).length;
    const disabled = this.readonly || !this.message || this.message.id <= 0 || this.message.is_deleted || !this.handovers;
    return html`<ul part="checklist" aria-label=${msg.handoverChecklist}>
        ${items.map((item) => this.renderItem(item, disabled))}
      </ul>
      <p class="progress">${msg.handoverProgress(done, items.length)}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-handover-checklist': StaffChatHandoverChecklist;
  }
}
