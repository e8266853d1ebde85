import { LitElement, html, nothing } from 'lit';
import { DEFAULT_MESSAGE_MAX_LENGTH, HANDOVER_ITEM_MAX_LENGTH, HANDOVER_MAX_ITEMS } from '../../../contract/index.js';
import { msg } from '../../messages/ui.js';
import { sharedStyles } from '../shared.styles.js';
import { HandoverCancelEvent, HandoverComposeEvent } from './handover-events.js';
import { composerStyles } from './handover.styles.js';

/** The first problem with what was typed, as a sentence, and the field it is about; null when it can go. */
export function handoverProblem(summary: string, items: readonly string[], summaryMax: number): { text: string; field: string } | null {
  if (summary.trim() === '') return { text: msg.handoverNeedsSummary, field: 'summary' };
  if (summary.trim().length > summaryMax) return { text: msg.handoverSummaryTooLong(summaryMax), field: 'summary' };
  const filled = items.filter((item) => item.trim() !== '');
  if (filled.length === 0) return { text: msg.handoverNeedsItem, field: 'item-0' };
  if (filled.length > HANDOVER_MAX_ITEMS) return { text: msg.handoverTooManyItems(HANDOVER_MAX_ITEMS), field: 'add' };
  const long = items.findIndex((item) => item.trim().length > HANDOVER_ITEM_MAX_LENGTH);
  if (long !== -1) return { text: msg.handoverItemTooLong(long + 1, HANDOVER_ITEM_MAX_LENGTH), field: `item-${long}` };
  return null;
}

/**
 * The form for a shift's handover note: a summary and a checklist of items, added and removed by
 * button or keyboard (Enter in an item adds the next one, Backspace in an empty one removes it,
 * Escape closes the form). The limits (HANDOVER_MAX_ITEMS items of HANDOVER_ITEM_MAX_LENGTH characters)
 * are enforced here, with a sentence saying what is wrong; the server checks them again.
 *
 * @event handover-compose - (internal) The form was sent; `HandoverComposeEvent.summary`, `.items` (blank ones left out).
 * @event handover-cancel - (internal) The form was closed without sending.
 */
export class StaffChatHandoverComposer extends LitElement {
  static override styles = [sharedStyles, composerStyles];
  static override properties = {
    summaryMax: { type: Number, attribute: 'summary-max' },
    busy: { type: Boolean },
    error: { type: String },
    summary: { state: true },
    items: { state: true },
    problem: { state: true },
  };

  /** The longest summary: the message length limit of the deployment. */
  declare summaryMax: number;
  /** Sending: the form stays as typed, its button disabled. */
  declare busy: boolean;
  /** Why the last send failed (from the chat window), shown until the next try. */
  declare error: string;
  declare private summary: string;
  declare private items: string[];
  declare private problem: { text: string; field: string } | null;

  constructor() {
    super();
    this.summaryMax = DEFAULT_MESSAGE_MAX_LENGTH;
    this.busy = false;
    this.error = '';
    this.summary = '';
    this.items = [''];
    this.problem = null;
  }

  override focus(options?: FocusOptions): void {
    void this.updateComplete.then(() => this.field('summary')?.focus(options));
  }

  /** Clears the form (after the note was sent). */
  reset(): void {
    this.summary = '';
    this.items = [''];
    this.problem = null;
  }

  private field(name: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-field="${name}"]`);
  }

  private focusField(name: string): void {
    void this.updateComplete.then(() => this.field(name)?.focus());
  }

  private setItem(index: number, value: string): void {
    this.items = this.items.map((item, i) => (i === index ? value : item));
    this.problem = null;
  }

  private addItem(after = this.items.length - 1): void {
    if (this.items.length >= HANDOVER_MAX_ITEMS) {
      this.problem = { text: msg.handoverTooManyItems(HANDOVER_MAX_ITEMS), field: 'add' };
      return;
    }
    this.items = [...this.items.slice(0, after + 1), '', ...this.items.slice(after + 1)];
    this.problem = null;
    this.focusField(`item-${after + 1}`);
  }

  private removeItem(index: number): void {
    this.items = this.items.length > 1 ? this.items.filter((_, i) => i !== index) : [''];
    this.problem = null;
    this.focusField(`item-${Math.max(0, index - 1)}`);
  }

  private onItemKeyDown(event: KeyboardEvent, index: number): void {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      this.addItem(index);
    } else if (event.key === 'Backspace' && this.items[index] === '' && this.items.length > 1) {
      event.preventDefault();
      this.removeItem(index);
    }
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape') return;
    // Only the form closes, not the chat window around it.
    event.stopPropagation();
    this.dispatchEvent(new HandoverCancelEvent());
  }

  private onSubmit(event: SubmitEvent): void {
    event.preventDefault();
    if (this.busy) return;
    this.problem = handoverProblem(this.summary, this.items, this.summaryMax);
    if (this.problem) {
      this.focusField(this.problem.field);
      return;
    }
    const items = this.items.map((item) => item.trim()).filter((item) => item !== '');
    this.dispatchEvent(new HandoverComposeEvent(this.summary.trim(), items));
  }

  private invalid(field: string): 'true' | 'false' {
    return this.problem?.field === field ? 'true' : 'false';
  }

  override render() {
    const full = this.items.length >= HANDOVER_MAX_ITEMS;
    const problem = this.problem?.text ?? this.error;
    return html`<form aria-label=${msg.newHandoverNote} novalidate @submit=${this.onSubmit} @keydown=${this.onKeyDown}>
      <h3>${msg.newHandoverNote}</h3>
      <label class="summary">
        <span>${msg.handoverSummary}</span>
        <textarea
          data-field="summary"
          dir="auto"
          rows="2"
          maxlength=${this.summaryMax}
          aria-invalid=${this.invalid('summary')}
          aria-describedby="problem"
          .value=${this.summary}
          @input=${(e: InputEvent) => ((this.summary = (e.target as HTMLTextAreaElement).value), (this.problem = null))}
        ></textarea>
      </label>
      <fieldset>
        <legend>${msg.handoverChecklist}</legend>
        <ol>
          ${this.items.map(
            (item, index) => html`<li>
              <input
                data-field="item-${index}"
                dir="auto"
                aria-label=${msg.handoverItem(index + 1)}
                maxlength=${HANDOVER_ITEM_MAX_LENGTH}
                aria-invalid=${this.invalid(`item-${index}`)}
                aria-describedby="problem"
                .value=${item}
                @input=${(e: InputEvent) => this.setItem(index, (e.target as HTMLInputElement).value)}
                @keydown=${(e: KeyboardEvent) => this.onItemKeyDown(e, index)}
              />
              <button class="remove" type="button" aria-label=${msg.removeHandoverItem(index + 1)} title=${msg.removeHandoverItem(index + 1)} @click=${() => this.removeItem(index)}>
                <span aria-hidden="true">×</span>
              </button>
            </li>`,
          )}
        </ol>
        <button class="add" type="button" data-field="add" aria-disabled=${full ? 'true' : 'false'} @click=${() => this.addItem()}>+ ${msg.addHandoverItem}</button>
        <span class="count" aria-hidden="true">${this.items.length} / ${HANDOVER_MAX_ITEMS}</span>
      </fieldset>
      <p id="problem" class="problem" role="alert">${problem || nothing}</p>
      <div class="actions">
        <button class="cancel" type="button" @click=${() => this.dispatchEvent(new HandoverCancelEvent())}>${msg.cancel}</button>
        <button class="send" type="submit" ?disabled=${this.busy}>${this.busy ? msg.sending : msg.sendHandoverNote}</button>
      </div>
    </form>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-handover-composer': StaffChatHandoverComposer;
  }
}
