import { LitElement, html, nothing } from 'lit';
import { DEFAULT_MESSAGE_MAX_LENGTH, type Message } from '../../../contract/index.js';
import { StaffChatMessageSendEvent } from '../../events.js';
import { msg } from '../../messages/ui.js';
import { attachIcon } from '../attachments/attach-icon.js';
import { FilesPickEvent } from '../attachments/files-pick-event.js';
import { alertIcon, closeIcon, sendIcon } from '../icons.js';
import { ComposeEvent, DraftChangeEvent } from '../internal-events.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './composer.styles.js';

/**
 * The message box: Enter sends, Shift+Enter starts a new line, and a "Replying to …" bar shows what
 * the next message answers. "Needs acknowledgement" (a toggle) sends the next message as urgent.
 *
 * @event staff-chat-message-send - Public and cancelable, fired before sending; a host that cancels it
 *   keeps the draft unsent.
 * @event compose - (internal) The text to send, when the public event was not cancelled.
 * @event draft-change - (internal) The person changed the draft (for "… is typing").
 * @event edit-last - (internal) Up was pressed in the empty field: edit the viewer's last message.
 * @event reply-cancel - (internal) The reply bar's cancel button (or Escape) was pressed.
 * @event files-pick - (internal) Files were chosen with the attach button or pasted; `FilesPickEvent.files`.
 * @csspart attach-button - The "Attach files" button.
 * @csspart textarea - The text field.
 * @csspart send-button - The send button.
 * @csspart reply-preview - The "Replying to …" bar.
 * @csspart urgent-button - The "Needs acknowledgement" toggle.
 */
export class StaffChatComposer extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    conversationId: { type: Number, attribute: 'conversation-id' },
    replyTo: { attribute: false },
    replyFromMe: { attribute: false },
    maxLength: { type: Number, attribute: 'max-length' },
    accept: { type: String },
    value: { state: true },
    urgent: { state: true },
  };

  declare conversationId: number;
  /** The message being answered, or null. */
  declare replyTo: Message | null;
  /** The message being answered is the viewer's own: the bar says "You" rather than their name. */
  declare replyFromMe: boolean;
  declare maxLength: number;
  /** The file picker's `accept` (the server's allowed MIME types, comma-separated). */
  declare accept: string;
  declare value: string;
  /** The next message goes out as urgent ("Needs acknowledgement" is pressed); off again once it is sent. */
  declare urgent: boolean;

  constructor() {
    super();
    this.conversationId = 0;
    this.replyTo = null;
    this.replyFromMe = false;
    this.maxLength = DEFAULT_MESSAGE_MAX_LENGTH;
    this.accept = '';
    this.value = '';
    this.urgent = false;
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options);
  }

  /** Sends the draft, unless it is blank or the host vetoes it. */
  send(): void {
    const text = this.value.trim();
    if (!text) return;
    if (!this.dispatchEvent(new StaffChatMessageSendEvent(this.conversationId, text))) return;
    this.dispatchEvent(new ComposeEvent(text, this.urgent));
    this.value = '';
    this.urgent = false;
  }

  private onInput(event: Event): void {
    this.value = (event.target as HTMLTextAreaElement).value;
    this.dispatchEvent(new DraftChangeEvent(this.value));
  }

  private onKeyDown(event: KeyboardEvent): void {
    // isComposing: Enter also confirms an IME candidate (Japanese, Chinese…), which must not send.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      this.send();
    } else if (event.key === 'Escape' && this.replyTo) {
      event.stopPropagation();
      this.cancelReply();
    } else if (event.key === 'ArrowUp' && this.value === '') {
      event.preventDefault();
      this.dispatchEvent(new Event('edit-last'));
    }
  }

  private toggleUrgent(): void {
    this.urgent = !this.urgent;
  }

  private pickFiles(): void {
    this.renderRoot.querySelector<HTMLInputElement>('input[type=file]')?.click();
  }

  private onFilesChosen(event: Event): void {
    const input = event.target as HTMLInputElement;
    const files = [...(input.files ?? [])];
    // Cleared, so choosing the same file again fires change again.
    input.value = '';
    if (files.length > 0) this.dispatchEvent(new FilesPickEvent(files));
  }

  private onPaste(event: ClipboardEvent): void {
    const files = [...(event.clipboardData?.files ?? [])];
    if (files.length === 0) return;
    // A pasted screenshot is sent as a file; text pastes as usual.
    event.preventDefault();
    this.dispatchEvent(new FilesPickEvent(files));
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    this.send();
  }

  private cancelReply(): void {
    this.dispatchEvent(new Event('reply-cancel'));
    this.focus();
  }

  override render() {
    const reply = this.replyTo;
    return html`
      ${reply
        ? html`<div class="replying" part="reply-preview">
            <div>
              <b>${msg.replyingTo(this.replyFromMe ? msg.you : reply.sender_info.full_name)}</b>
              <span>${reply.message}</span>
            </div>
            <button class="icon-button" type="button" aria-label=${msg.cancelReply} title=${msg.cancelReply} @click=${this.cancelReply}>
              ${closeIcon}
            </button>
          </div>`
        : nothing}
      ${this.urgent ? html`<div class="urgent-note" id="urgent-note">${alertIcon}<span>${msg.urgentNote}</span></div>` : nothing}
      <form @submit=${this.onSubmit}>
        <button class="icon-button attach" part="attach-button" type="button" aria-label=${msg.attachFiles} title=${msg.attachFiles} @click=${this.pickFiles}>
          ${attachIcon}
        </button>
        <button
          class="icon-button urgent"
          part="urgent-button"
          type="button"
          aria-pressed=${this.urgent ? 'true' : 'false'}
          aria-label=${msg.needsAcknowledgement}
          title=${msg.needsAcknowledgement}
          @click=${this.toggleUrgent}
        >
          ${alertIcon}
        </button>
        <input type="file" multiple hidden accept=${this.accept} @change=${this.onFilesChosen} />
        <textarea
          part="textarea"
          dir="auto"
          rows="1"
          aria-label=${msg.messageLabel}
          aria-describedby=${this.urgent ? 'urgent-note' : nothing}
          placeholder=${msg.composerPlaceholder}
          maxlength=${this.maxLength}
          .value=${this.value}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @paste=${this.onPaste}
        ></textarea>
        <button class="send" part="send-button" type="submit" aria-label=${msg.send} title=${msg.send} ?disabled=${!this.value.trim()}>
          ${sendIcon}
        </button>
      </form>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-composer': StaffChatComposer;
  }
}
