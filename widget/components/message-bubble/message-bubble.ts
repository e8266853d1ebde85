import { ContextConsumer } from '@lit/context';
import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { formatFullTime, formatTime, msg } from '../../messages/ui.js';
import type { ChatMessage } from '../../state/session.js';
import { alertIcon, clockIcon, replyIcon } from '../icons.js';
import { textParts } from './link-parts.js';
import { mentionParts, type Reader } from './mention-parts.js';
import { QuoteOpenEvent, ReplyEvent, RetryEvent } from '../internal-events.js';
import { acknowledgementPart, acknowledgementStyles, isUrgent, urgentLabel } from './acknowledgement.js';
import { bubbleContext, type BubbleContext } from './bubble-context.js';
import { actionButtons, actionPanel, actionStyles, editField, placePopover, reactionChips, type BubbleMode } from './message-actions.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './message-bubble.styles.js';

/**
 * The text with its links (link-parts.ts) as `<a>`s, built from text parts: nothing is parsed as HTML.
 * A new tab without an opener, so a linked page can neither reach nor replace the portal.
 */
function linkedText(text: string) {
  return textParts(text).map((part) =>
    part.href === undefined ? part.text : html`<a href=${part.href} target="_blank" rel="noopener noreferrer">${part.text}</a>`,
  );
}

/**
 * The text with its mentions (mention-parts.ts) as highlighted names, the viewer's own stronger, and
 * links in the rest; text parts only, as in {@link linkedText}.
 */
function mentionedText(message: ChatMessage, reader: Reader) {
  return mentionParts(message, reader).map((part) =>
    part.mention === undefined
      ? linkedText(part.text)
      : part.mention === 'me'
        ? html`<span class="mention me" part="mention mention-me">${part.text}</span>`
        : html`<span class="mention" part="mention">${part.text}</span>`,
  );
}

/**
 * One message. Its text is only ever bound as text (never parsed as HTML), so whatever a colleague
 * typed shows exactly as typed; web, mail and phone addresses in it become links.
 *
 * @event reply - (internal) "Reply" was pressed; `ReplyEvent.message`.
 * @event retry - (internal) "Retry" was pressed on a failed message (its reason is shown beside it); `RetryEvent.clientId`.
 * @event quote-open - (internal) The quoted message was pressed; `QuoteOpenEvent.messageId`.
 * @csspart bubble - The coloured bubble.
 * @csspart text - The message text.
 * @csspart quote - The quoted message it replies to.
 * @csspart reply-button - The "Reply" action.
 * @csspart mention - A mentioned name in the text.
 * @csspart mention-me - A mentioned name that is the viewer's (or their department's), also `mention`.
 * @csspart acknowledgement - An urgent message's "Acknowledge" button and "Acknowledged by" list.
 * @cssproperty --staff-chat-bubble-mine-bg - Background of the viewer's own messages.
 * @cssproperty --staff-chat-bubble-theirs-bg - Background of everyone else's.
 * @cssproperty --staff-chat-bubble-radius - Corner radius of a bubble.
 */
export class StaffChatMessageBubble extends LitElement {
  static override styles = [sharedStyles, styles, actionStyles, acknowledgementStyles];
  static override properties = {
    message: { attribute: false },
    mode: { state: true },
    mine: { type: Boolean, reflect: true },
    showSender: { type: Boolean, attribute: 'show-sender' },
    status: { type: String, reflect: true },
  };

  declare message: ChatMessage | null;
  /** Sent by the viewer: aligned to the end, in the accent colour. */
  declare mine: boolean;
  /** Show the sender's name (others' messages in a group). */
  declare showSender: boolean;
  /** Mirrors `message.status`, for styling. */
  declare status: string;
  /** The open action: the menu, the emoji picker, the delete confirmation, or editing. */
  declare mode: BubbleMode;
  /** From the chat window around it (edit, delete, react, names); none when the bubble stands alone. */
  private readonly windowContext = new ContextConsumer(this, { context: bubbleContext });

  constructor() {
    super();
    this.message = null;
    this.mine = false;
    this.showSender = false;
    this.status = '';
    this.mode = '';
  }

  private get context(): BubbleContext | undefined {
    return this.windowContext.value;
  }

  override willUpdate(): void {
    this.status = this.message?.status ?? '';
    if (this.message?.is_deleted) this.mode = '';
  }

  override updated(changed: PropertyValues<this>): void {
    if (!changed.has('mode') || !this.mode) return;
    const popover = this.renderRoot.querySelector<HTMLElement>('.panel');
    const buttons = this.renderRoot.querySelectorAll<HTMLElement>('.act');
    const opener = buttons[this.mode === 'pick' ? 0 : buttons.length - 1];
    if (popover && opener) placePopover(popover, opener);
    // The editor is taller than the text: bring the whole bubble into view, not only the text box.
    if (this.mode === 'edit') this.renderRoot.querySelector('.bubble')?.scrollIntoView({ block: 'nearest' });
    // Focus follows the opened action, so it can be used from the keyboard.
    this.renderRoot.querySelector<HTMLElement>('.edit, .panel button')?.focus({ preventScroll: true });
  }

  /** Opens the editor on the viewer's own message (Up in an empty composer). */
  startEdit(): void {
    if (this.canChange()) this.mode = 'edit';
  }

  private canChange(): boolean {
    const m = this.message;
    return this.mine && !!m && m.status === 'sent' && m.id > 0 && !m.is_deleted;
  }

  private readonly setMode = (mode: BubbleMode): void => {
    this.mode = mode;
  };

  private readonly saveEdit = (): void => {
    const text = this.renderRoot.querySelector('textarea')?.value ?? '';
    this.mode = '';
    if (this.message && text.trim() && text !== this.message.message) this.context?.edit(this.message.id, text);
  };

  private onReply(): void {
    if (this.message) this.dispatchEvent(new ReplyEvent(this.message));
  }

  private onQuote(): void {
    const original = this.message?.reply_to_message;
    if (original) this.dispatchEvent(new QuoteOpenEvent(original.id));
  }

  private onRetry(): void {
    const clientId = this.message?.client_id;
    if (clientId) this.dispatchEvent(new RetryEvent(clientId));
  }

  private renderStatus(m: ChatMessage) {
    if (m.status === 'pending')
      return html`<span title=${msg.sending}>${clockIcon}<span class="visually-hidden">${msg.sending}</span></span>`;
    return nothing;
  }

  override render() {
    const m = this.message;
    if (!m) return nothing;
    const name = m.sender_info.full_name;
    const canReply = m.status === 'sent' && m.id > 0 && !m.is_deleted;
    return html`
      <div class="row">
        <div class="bubble ${m.is_deleted ? 'deleted' : this.mode === 'edit' ? 'editing' : ''} ${isUrgent(m) ? 'urgent' : ''}" part="bubble">
          ${urgentLabel(m)} ${this.showSender ? html`<div class="sender" dir="auto">${name}</div>` : nothing}
          ${
            m.forwarded_from && !m.is_deleted
              ? html`<div class="forwarded">${msg.forwarded} · <span dir="auto">${m.forwarded_from.sender_name}</span></div>`
              : nothing
          }
          ${
            m.reply_to_message
              ? html`<button class="quote" part="quote" type="button" title=${msg.showOriginal} @click=${this.onQuote}>
                <b dir="auto">${this.context?.quotesMe(m.reply_to_message) ? msg.you : m.reply_to_message.sender_name}</b><span dir="auto">${m.reply_to_message.message}</span>
              </button>`
              : nothing
          }
          ${
            m.is_deleted
              ? html`<p class="text" part="text">${msg.deleted}</p>`
              : this.mode === 'edit'
                ? editField(m, this.saveEdit, () => this.setMode(''))
                : html`<p class="text" part="text" dir="auto">${mentionedText(m, { id: this.context?.meId, department: this.context?.meDepartment })}</p>`
          }
          ${m.attachments.length > 0 && !m.is_deleted ? html`<staff-chat-attachments exportparts="thumbnail,file,preview" .attachments=${m.attachments}></staff-chat-attachments>` : nothing}
          ${m.handover && !m.is_deleted ? html`<staff-chat-handover-checklist .message=${m} ?readonly=${m.id <= 0}></staff-chat-handover-checklist>` : nothing}
          <div class="meta">
            ${m.is_edited && !m.is_deleted ? html`<span>${msg.edited}</span>` : nothing}
            <time datetime=${m.timestamp} title=${formatFullTime(m.timestamp)}>${formatTime(m.timestamp)}</time>
            ${this.renderStatus(m)}
          </div>
          ${acknowledgementPart(m, this.context)} ${reactionChips(m, this.context)}
        </div>
        ${canReply && this.context ? actionButtons(this.mode, this.setMode) : nothing}
        ${
          canReply
            ? html`<button class="reply" part="reply-button" type="button" aria-label=${msg.replyTo(name)} title=${msg.reply} @click=${this.onReply}>
              ${replyIcon}
            </button>`
            : nothing
        }
      </div>
      ${this.mode !== 'edit' ? actionPanel(m, this.mode, this.context, this.setMode, this.canChange()) : nothing}
      ${
        m.status === 'failed'
          ? html`<div class="failed" part="failed">
            ${alertIcon}<span>${msg.notSent}${m.error ? html`: ${m.error}` : nothing}${m.retrying ? html` ${msg.retryingAutomatically}` : nothing}</span>
            <button type="button" @click=${this.onRetry}>${msg.retry}</button>
          </div>`
          : nothing
      }
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-message-bubble': StaffChatMessageBubble;
  }
}
