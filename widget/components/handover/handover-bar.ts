import { html, nothing, svg, type PropertyValues } from 'lit';
import { ChatElement } from '../chat-element.js';
import { DEFAULT_MESSAGE_MAX_LENGTH, type ChatConfig, type Message } from '../../../contract/index.js';
import { formatFullTime, formatTime, msg } from '../../messages/ui.js';
import type { ChatSession, ConversationView, HandoverState, HandoverStates, Handovers } from '../../state/session.js';
import { describeError } from '../../state/shared/errors.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { sharedStyles } from '../shared.styles.js';
import type { HandoverComposeEvent } from './handover-events.js';
import type { StaffChatHandoverComposer } from './handover-composer.js';
import { barStyles } from './handover.styles.js';

/** Points down while the note is shown; turned towards the reading direction when folded (styles). */
const chevron = svg`<svg class="chevron" viewBox="0 0 24 24" width="0.875em" height="0.875em" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M6 9l6 6 6-6"/></svg>`;

/**
 * The top of a department channel's window: the current handover note pinned with its checklist
 * (until the next shift's note replaces it), a "Handover note" button that opens the form for a new
 * one, and "Past handovers", the history, page by page.
 *
 * @csspart handover - The pinned note.
 */
export class StaffChatHandoverBar extends ChatElement {
  static override styles = [sharedStyles, barStyles];
  static override properties = {
    conversationId: { type: Number, attribute: 'conversation-id' },
    handovers: { state: true },
    expanded: { state: true },
    composing: { state: true },
    showPast: { state: true },
    sending: { state: true },
    sendError: { state: true },
  };

  declare conversationId: number;
  declare private handovers: Handovers | null;
  /** The pinned note's checklist is shown (it folds away to give the messages room). */
  declare private expanded: boolean;
  declare private composing: boolean;
  declare private showPast: boolean;
  declare private sending: boolean;
  declare private sendError: string;

  private readonly sessionConsumer = consumeSession(this, (session) => this.useSession(session));
  private readonly states = new AtomController<HandoverStates>(this, () => this.handovers?.$handovers, {});
  private readonly config = new AtomController<ChatConfig | null>(this, () => this.sessionConsumer.value?.$config, null);
  private readonly view = new AtomController<ConversationView | null>(
    this,
    () => this.sessionConsumer.value?.conversationView(this.conversationId),
    null,
  );

  constructor() {
    super();
    this.conversationId = 0;
    this.handovers = null;
    this.expanded = true;
    this.composing = false;
    this.showPast = false;
    this.sending = false;
    this.sendError = '';
  }

  private useSession(session: ChatSession | null): void {
    this.handovers = null;
    void session?.loadFeatures().then((features) => {
      if (this.sessionConsumer.value === session) this.handovers = features?.handovers ?? null;
    });
  }

  override willUpdate(changed: PropertyValues): void {
    // The pinned note is fetched whenever the window (re)opens on a channel: it may have changed meanwhile.
    if ((changed.has('handovers') || changed.has('conversationId')) && this.handovers && this.conversationId > 0) {
      void this.handovers.open(this.conversationId);
      if (this.showPast) void this.handovers.loadHistory(this.conversationId);
    }
  }

  override updated(): void {
    // A form needs more of the window than a pinned note.
    this.toggleAttribute('composing', this.composing);
  }

  /**
   * The pinned note as the message list has it, when it has it: the viewer's own edit of its summary
   * reaches the list (messages/message-changes.ts) and not the handover store. Ticks reach both.
   */
  private freshest(note: Message | null): Message | null {
    const listed = note && this.view.value?.messages.find((m) => m.id === note.id);
    return listed && !listed.is_deleted && listed.handover ? listed : note;
  }

  private get state(): HandoverState | undefined {
    return this.states.value[this.conversationId];
  }

  private openComposer(): void {
    this.composing = true;
    this.sendError = '';
    void this.updateComplete.then(() => this.renderRoot.querySelector('staff-chat-handover-composer')?.focus());
  }

  private closeComposer(): void {
    this.composing = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.new')?.focus());
  }

  private async onCompose(event: HandoverComposeEvent): Promise<void> {
    if (!this.handovers || this.sending) return;
    this.sending = true;
    this.sendError = '';
    try {
      await this.handovers.send(this.conversationId, event.summary, event.items);
      this.renderRoot.querySelector<StaffChatHandoverComposer>('staff-chat-handover-composer')?.reset();
      this.expanded = true;
      this.closeComposer();
    } catch (error) {
      this.sendError = describeError(error, msg.errorSendFailed).message;
    } finally {
      this.sending = false;
    }
  }

  private async togglePast(): Promise<void> {
    this.showPast = !this.showPast;
    if (!this.showPast) return;
    if (this.handovers && !this.state?.history) await this.handovers.loadHistory(this.conversationId);
    await this.updateComplete;
    // The list opens below the pinned note, out of view: scroll the bar's body (only it) to the list.
    const past = this.renderRoot.querySelector('.past');
    const scroller = this.renderRoot.querySelector('.scroll');
    if (past && scroller) scroller.scrollTop += past.getBoundingClientRect().top - scroller.getBoundingClientRect().top;
  }

  private renderNote(note: Message, heading: boolean) {
    const byline = msg.handoverBy(note.sender_info.full_name, formatTime(note.timestamp));
    return html`${heading ? nothing : html`<p class="byline"><time datetime=${note.timestamp} title=${formatFullTime(note.timestamp)}>${byline}</time></p>`}
      <p class="summary" dir="auto">${note.message}</p>
      <staff-chat-handover-checklist .message=${note}></staff-chat-handover-checklist>`;
  }

  private renderPast(state: HandoverState | undefined, current: Message | null) {
    if (!this.showPast) return nothing;
    const past = (state?.history ?? []).filter((note) => note.id !== current?.id);
    return html`<div class="past" id="past">
      ${
        past.length > 0
          ? html`<ol aria-label=${msg.pastHandovers}>
            ${past.map((note) => html`<li>${this.renderNote(note, false)}</li>`)}
          </ol>`
          : state?.history && !state.loadingHistory
            ? html`<p class="note">${msg.noPastHandovers}</p>`
            : nothing
      }
      ${state?.loadingHistory ? html`<p class="note">${msg.loading}</p>` : nothing}
      ${
        state?.hasMore && !state.loadingHistory
          ? html`<button class="older" type="button" @click=${() => this.handovers?.loadHistory(this.conversationId)}>${msg.olderHandovers}</button>`
          : nothing
      }
    </div>`;
  }

  override render() {
    const state = this.state;
    const current = this.freshest(state?.current ?? null);
    const items = current?.handover?.items ?? [];
    const done = items.filter((item) => item.checked).length;
    return html`<section part="handover" aria-label=${msg.currentHandover}>
      <div class="head">
        <button class="toggle" type="button" aria-expanded=${this.expanded ? 'true' : 'false'} aria-controls="note" ?disabled=${!current} @click=${() => (this.expanded = !this.expanded)}>
          ${chevron}
          <span class="label">${msg.currentHandover}</span>
          ${
            current
              ? html`<span class="meta">${msg.handoverBy(current.sender_info.full_name, formatTime(current.timestamp))} · ${msg.handoverProgress(done, items.length)}</span>`
              : nothing
          }
        </button>
        <button class="new" type="button" aria-expanded=${this.composing ? 'true' : 'false'} ?disabled=${!this.handovers} @click=${() => (this.composing ? this.closeComposer() : this.openComposer())}>
          + ${msg.handoverNote}
        </button>
      </div>
      <div class="scroll">
      ${
        this.composing
          ? html`<staff-chat-handover-composer
            summary-max=${this.config.value?.limits.message_max_length ?? DEFAULT_MESSAGE_MAX_LENGTH}
            ?busy=${this.sending}
            error=${this.sendError}
            @handover-compose=${this.onCompose}
            @handover-cancel=${this.closeComposer}
          ></staff-chat-handover-composer>`
          : nothing
      }
      <div class="body" id="note" ?hidden=${this.composing || (!this.expanded && current !== null)}>
        ${current ? this.renderNote(current, true) : state?.loaded ? html`<p class="note">${state.error ?? msg.noHandoverYet}</p>` : html`<p class="note">${msg.loading}</p>`}
        <button class="past-toggle" type="button" aria-expanded=${this.showPast ? 'true' : 'false'} aria-controls="past" @click=${this.togglePast}>${msg.pastHandovers}</button>
        ${this.renderPast(state, current)}
      </div>
      </div>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-handover-bar': StaffChatHandoverBar;
  }
}
