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
import { activeQuery, insertMention, matchCandidates, mentionsInText, type MentionCandidate, type MentionQuery } from './mention-query.js';
import { mentionListbox, mentionOptionId, MENTION_LIST_ID } from './mention-listbox.js';

/**
 * The message box: Enter sends, Shift+Enter starts a new line, and a "Replying to …" bar shows what
 * the next message answers. "Needs acknowledgement" (a toggle) sends the next message as urgent. `@`
 * opens a picker of the conversation's people (and departments, in groups): Up and Down move in it,
 * Enter or Tab chooses, Escape closes only the picker. The field keeps the focus throughout and names
 * the highlighted entry with `aria-activedescendant`.
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
 * @csspart mention-picker - The list of people an `@` offers.
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
    mentionables: { attribute: false },
    value: { state: true },
    query: { state: true },
    active: { state: true },
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
  /** Who an `@` may name here ({@link mentionCandidates}); none turns the picker off. */
  declare mentionables: readonly MentionCandidate[];
  /** The `@…` being typed while the picker is open, else null. */
  declare private query: MentionQuery | null;
  /** The highlighted entry of the picker. */
  declare private active: number;
  /** Entries chosen for this draft; a send keeps those whose name is still in the text. */
  private chosen: MentionCandidate[] = [];
  /** The `@` whose picker was closed (chosen from or Escaped): it stays closed until another `@`. */
  private dismissedAt = -1;
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
    this.mentionables = [];
    this.query = null;
    this.active = 0;
    this.urgent = false;
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('textarea')?.focus(options);
  }

  override updated(): void {
    // Up and Down past the visible entries of a long list bring the highlighted one into view, by
    // scrolling the list alone (scrollIntoView would scroll the portal page too).
    const list = this.renderRoot.querySelector<HTMLElement>('.mentions');
    const option = list?.querySelector<HTMLElement>('.option.active');
    if (!list || !option) return;
    if (option.offsetTop < list.scrollTop) list.scrollTop = option.offsetTop;
    else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight)
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
  }

  /** Sends the draft, unless it is blank or the host vetoes it. */
  send(): void {
    const text = this.value.trim();
    if (!text) return;
    if (!this.dispatchEvent(new StaffChatMessageSendEvent(this.conversationId, text))) return;
    this.dispatchEvent(new ComposeEvent(text, this.urgent, mentionsInText(text, this.chosen)));
    this.value = '';
    this.urgent = false;
    this.chosen = [];
    this.query = null;
  }

  /** The picker's entries for the `@…` being typed. */
  private pickerEntries(): MentionCandidate[] {
    return this.query ? matchCandidates(this.mentionables, this.query.query) : [];
  }

  /** Opens, follows or closes the picker for where the caret is now. */
  private updateQuery(field: HTMLTextAreaElement): void {
    const found = field.selectionStart === field.selectionEnd ? activeQuery(field.value, field.selectionStart) : null;
    if (found?.start !== this.dismissedAt) this.dismissedAt = -1;
    const open = found && found.start !== this.dismissedAt && matchCandidates(this.mentionables, found.query).length > 0 ? found : null;
    if (open?.query !== this.query?.query || open?.start !== this.query?.start) this.active = 0;
    this.query = open;
  }

  private closePicker(): void {
    if (this.query) this.dismissedAt = this.query.start;
    this.query = null;
  }

  private async choose(candidate: MentionCandidate): Promise<void> {
    const field = this.renderRoot.querySelector('textarea');
    const query = this.query;
    if (!field || !query) return;
    const { text, caret } = insertMention(field.value, query, field.selectionStart, candidate);
    this.chosen = [...this.chosen, candidate];
    this.dismissedAt = query.start;
    this.query = null;
    this.value = text;
    this.dispatchEvent(new DraftChangeEvent(text));
    await this.updateComplete;
    field.focus();
    field.setSelectionRange(caret, caret);
  }

  private onInput(event: Event): void {
    const field = event.target as HTMLTextAreaElement;
    this.value = field.value;
    this.updateQuery(field);
    this.dispatchEvent(new DraftChangeEvent(this.value));
  }

  /** The caret moved without typing (arrows, Home, End, a click): the picker follows it. */
  private onCaretMove(event: Event): void {
    const key = (event as KeyboardEvent).key;
    if (key === 'ArrowUp' || key === 'ArrowDown' || key === 'Enter' || key === 'Tab' || key === 'Escape') return;
    this.updateQuery(event.target as HTMLTextAreaElement);
  }

  /** Up, Down, Enter, Tab and Escape while the picker is open; true when the key was its. */
  private pickerKey(event: KeyboardEvent): boolean {
    const matches = this.pickerEntries();
    if (matches.length === 0 || event.isComposing) return false;
    const step = { ArrowDown: 1, ArrowUp: -1 }[event.key];
    if (step !== undefined) {
      this.active = (this.active + step + matches.length) % matches.length;
    } else if (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) {
      void this.choose(matches[Math.min(this.active, matches.length - 1)]!);
    } else if (event.key === 'Escape') {
      // Only the picker: not the reply, not the window around it.
      event.stopPropagation();
      this.closePicker();
    } else {
      return false;
    }
    event.preventDefault();
    return true;
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (this.pickerKey(event)) return;
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

  /** Focus left the field (not for a click in the picker, which keeps it): the picker closes. */
  private onBlur(): void {
    this.query = null;
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
    const matches = this.pickerEntries();
    const active = Math.min(this.active, matches.length - 1);
    const open = matches.length > 0;
    return html`
      ${open ? mentionListbox(matches, active, (candidate) => void this.choose(candidate)) : nothing}
      ${
        reply
          ? html`<div class="replying" part="reply-preview">
            <div>
              <b>${msg.replyingTo(this.replyFromMe ? msg.you : reply.sender_info.full_name)}</b>
              <span>${reply.message}</span>
            </div>
            <button class="icon-button" type="button" aria-label=${msg.cancelReply} title=${msg.cancelReply} @click=${this.cancelReply}>
              ${closeIcon}
            </button>
          </div>`
          : nothing
      }
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
          aria-autocomplete=${this.mentionables.length > 0 ? 'list' : nothing}
          aria-haspopup=${this.mentionables.length > 0 ? 'listbox' : nothing}
          aria-controls=${open ? MENTION_LIST_ID : nothing}
          aria-activedescendant=${open ? mentionOptionId(active) : nothing}
          aria-describedby=${this.urgent ? 'urgent-note' : nothing}
          placeholder=${msg.composerPlaceholder}
          maxlength=${this.maxLength}
          .value=${this.value}
          @input=${this.onInput}
          @keydown=${this.onKeyDown}
          @keyup=${this.onCaretMove}
          @click=${this.onCaretMove}
          @blur=${this.onBlur}
          @paste=${this.onPaste}
        ></textarea>
        <button class="send" part="send-button" type="submit" aria-label=${msg.send} title=${msg.send} ?disabled=${!this.value.trim()}>
          ${sendIcon}
        </button>
      </form>
      <span class="visually-hidden" role="status">${open ? msg.mentionSuggestions(matches.length) : ''}</span>
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-composer': StaffChatComposer;
  }
}
