import { LitElement, html, nothing } from 'lit';
import { formatFullTime, formatTime, msg } from '../../messages.js';
import type { ChatMessage } from '../../state/session.js';
import { alertIcon, clockIcon, replyIcon } from '../icons.js';
import { ReplyEvent, RetryEvent } from '../internal-events.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './message-bubble.styles.js';

/**
 * One message. Its text is only ever bound as text (never parsed as HTML), so whatever a colleague
 * typed shows exactly as typed.
 *
 * @event reply - (internal) "Reply" was pressed; `ReplyEvent.message`.
 * @event retry - (internal) "Retry" was pressed on a failed message; `RetryEvent.clientId`.
 * @csspart bubble - The coloured bubble.
 * @csspart text - The message text.
 * @csspart quote - The quoted message it replies to.
 * @csspart reply-button - The "Reply" action.
 * @cssproperty --staff-chat-bubble-mine-bg - Background of the viewer's own messages.
 * @cssproperty --staff-chat-bubble-theirs-bg - Background of everyone else's.
 * @cssproperty --staff-chat-bubble-radius - Corner radius of a bubble.
 */
export class StaffChatMessageBubble extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    message: { attribute: false },
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

  constructor() {
    super();
    this.message = null;
    this.mine = false;
    this.showSender = false;
    this.status = '';
  }

  override willUpdate(): void {
    this.status = this.message?.status ?? '';
  }

  private onReply(): void {
    if (this.message) this.dispatchEvent(new ReplyEvent(this.message));
  }

  private onRetry(): void {
    const clientId = this.message?.client_id;
    if (clientId) this.dispatchEvent(new RetryEvent(clientId));
  }

  private renderStatus(m: ChatMessage) {
    if (m.status === 'pending') return html`<span title=${msg.sending}>${clockIcon}<span class="visually-hidden">${msg.sending}</span></span>`;
    return nothing;
  }

  override render() {
    const m = this.message;
    if (!m) return nothing;
    const name = m.sender_info.full_name;
    const canReply = m.status === 'sent' && m.id > 0 && !m.is_deleted;
    return html`
      <div class="row">
        <div class="bubble" part="bubble">
          ${this.showSender ? html`<div class="sender">${name}</div>` : nothing}
          ${m.reply_to_message
            ? html`<blockquote class="quote" part="quote">
                <b>${m.reply_to_message.sender_name}</b><span>${m.reply_to_message.message}</span>
              </blockquote>`
            : nothing}
          ${m.is_deleted
            ? html`<p class="text deleted" part="text">${msg.deleted}</p>`
            : html`<p class="text" part="text">${m.message}</p>`}
          ${m.attachments.length > 0 && !m.is_deleted
            ? html`<ul class="files">
                ${m.attachments.map((a) =>
                  /^(https?:\/\/|\/)/i.test(a.file_url)
                    ? html`<li><a href=${a.file_url} target="_blank" rel="noopener noreferrer">${a.file_name}</a></li>`
                    : html`<li>${a.file_name}</li>`,
                )}
              </ul>`
            : nothing}
          <div class="meta">
            ${m.is_edited && !m.is_deleted ? html`<span>${msg.edited}</span>` : nothing}
            <time datetime=${m.timestamp} title=${formatFullTime(m.timestamp)}>${formatTime(m.timestamp)}</time>
            ${this.renderStatus(m)}
          </div>
        </div>
        ${canReply
          ? html`<button class="reply" part="reply-button" type="button" aria-label=${msg.replyTo(name)} title=${msg.reply} @click=${this.onReply}>
              ${replyIcon}
            </button>`
          : nothing}
      </div>
      ${m.status === 'failed'
        ? html`<div class="failed" part="failed">
            ${alertIcon}<span>${msg.notSent}${m.error ? html`: ${m.error}` : nothing}</span>
            <button type="button" @click=${this.onRetry}>${msg.retry}</button>
          </div>`
        : nothing}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-message-bubble': StaffChatMessageBubble;
  }
}
