import { ContextProvider } from '@lit/context';
import { LitElement, html, nothing } from 'lit';
import {
  DEFAULT_MESSAGE_MAX_LENGTH,
  MAX_PINS,
  type ChatConfig,
  type Conversation,
  type Me,
  type Message,
  type ReplyPreview,
} from '../../../contract/index.js';
import { searchMsg } from '../../messages/search-strings.js';
import { msg } from '../../messages/ui.js';
import type {
  ConnectionState,
  ConversationView,
  MessageSearch,
  MessageTarget,
  PinsState,
  ReadMarks,
  TypingState,
} from '../../state/session.js';
import type { FilesPickEvent } from '../attachments/files-pick-event.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { HousekeepingController } from '../housekeeping-controller.js';
import type { NoticeEvent, PinOpenEvent } from '../pins/pin-events.js';
import { closeIcon, personPlusIcon, searchIcon } from '../icons.js';
import type { ComposeEvent, DraftChangeEvent, MessageOpenEvent, PeoplePickEvent, ReplyEvent } from '../internal-events.js';
import { bubbleContext, type BubbleContext } from '../message-bubble/bubble-context.js';
import { departmentAvatar } from '../handover/department-avatar.js';
import { conversationSubtitle, conversationTitle } from '../people.js';
import { avatarWithPresence, onlineText, presenceStyles, typingText } from '../presence.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './chat-window.styles.js';
import { seenByText } from './seen-by.js';
import { mentionCandidates } from '../composer/mention-query.js';

/** How long after a search result was shown a focus() of the window still goes to it. */
const REVEAL_FOCUS_MS = 2000;

/**
 * The parts of a window and of the elements inside it that <staff-chat> offers the portal
 * (`staff-chat::part(bubble)`), renamed where the panel has the same name.
 */
export const WINDOW_PARTS =
  'header:window-header,close-button,menu-button,pinned-bar,pins-list,notice,forward-picker,presence-dot,typing,seen-by,banner,log,load-earlier,new-messages,jump-to-latest,bubble,text,quote,' +
  'reply-button,reactions,acknowledgement,edit,failed,thumbnail,file,preview,upload,attach-button,urgent-button,textarea,send-button,reply-preview,' +
  'mention,mention-me,mention-picker';

/**
 * One open conversation: a header with its title and a close button (and a dot when the other person
 * of a 1:1 is online), the messages, "… is typing", and the composer. Several can be docked side by side.
 *
 * @csspart header - The title bar.
 * @csspart close-button - The close button.
 * @csspart menu-button - The conversation menu's button (mute, archive, leave, remove people).
 * @csspart pinned-bar - The pinned bar under the header: the latest pin and how many.
 * @csspart pins-list - The list of pins the bar opens.
 * @csspart forward-picker - "Forward to": the conversations to forward a message to.
 * @csspart notice - A failure said in words (the pin limit, a refused removal), with "Dismiss".
 * @csspart presence-dot - The dot on the avatar when the other person of a 1:1 is online.
 * @csspart typing - The "… is typing" line above the composer.
 * @cssproperty --staff-chat-header-bg - Title bar background.
 */
export class StaffChatChatWindow extends LitElement {
  static override styles = [sharedStyles, presenceStyles, styles];
  static override properties = {
    session: { state: true },
    conversationId: { type: Number, attribute: 'conversation-id' },
    closable: { type: Boolean },
    replyTo: { state: true },
    adding: { state: true },
    notice: { state: true },
    forwarding: { state: true },
    searching: { state: true },
    search: { state: true },
    notShown: { state: true },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;
  declare conversationId: number;
  /** Show the close button (docked windows); the inline layout has none. */
  declare closable: boolean;
  declare replyTo: Message | null;
  /** A group's "Add people" is open. */
  declare adding: boolean;
  /** A failure to say in words above the messages (the pin limit, a refused removal), until dismissed. */
  declare notice: string;
  /** The message whose "Forward to" is open, or 0. */
  declare forwarding: number;
  /** The search bar is open. */
  declare searching: boolean;
  /** The session's message search, once it is here: a chosen result names the message to show. */
  declare private search: MessageSearch | null;
  /** The last chosen search result could not be reached: say so, until the next search or result. */
  declare private notShown: boolean;

  private readonly housekeeping = new HousekeepingController(this);
  private readonly sessionConsumer = consumeSession(this, (session) => {
    this.session = session;
    this.housekeeping.follow(session);
  });
  /** This conversation's pins, for "Pin" or "Unpin" in each bubble's menu. */
  private readonly pins = new AtomController<PinsState | null>(this, () => this.housekeeping.value?.pins(this.conversationId), null);
  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private readonly config = new AtomController<ChatConfig | null>(this, () => this.session?.$config, null);
  private readonly connection = new AtomController<ConnectionState>(this, () => this.session?.$connection, 'connecting');
  private readonly onlineIds = new AtomController<ReadonlySet<string>>(this, () => this.session?.$onlineIds, new Set());
  private readonly typing = new AtomController<TypingState>(this, () => this.session?.$typing, {});
  private readonly readMarks = new AtomController<ReadMarks>(this, () => this.session?.$readMarks, {});
  private readonly view = new AtomController<ConversationView | null>(
    this,
    () => this.session?.conversationView(this.conversationId),
    null,
  );
  private readonly target = new AtomController<MessageTarget | null>(this, () => this.search?.$target, null);
  /**
   * A search result is being shown ('showing') or was just shown ('shown'): a focus() meanwhile (the
   * one <staff-chat> gives a window it opens) goes to that message rather than to the composer.
   */
  private revealFocus: 'showing' | 'shown' | null = null;
  private revealFocusTimer: ReturnType<typeof setTimeout> | undefined;
  /** What every bubble in this window needs to edit, delete and react, and for names; read at use, so always current. */
  private readonly bubbles = new ContextProvider(this, { context: bubbleContext, initialValue: this.bubbleContext() });

  constructor() {
    super();
    this.session = null;
    this.conversationId = 0;
    this.closable = true;
    this.replyTo = null;
    this.adding = false;
    this.notice = '';
    this.forwarding = 0;
    this.searching = false;
    this.search = null;
    this.notShown = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On itself, in <staff-chat>'s tree: forwarding there is what makes the parts reachable from the page.
    this.setAttribute('exportparts', WINDOW_PARTS);
  }

  // A plain Map: `session` is private, which PropertyValues<this> cannot name.
  override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (!changed.has('session')) return;
    const session = this.session;
    this.search = null;
    void session?.messageSearch().then((search) => {
      if (this.session === session) this.search = search;
    });
  }

  override updated(): void {
    if (this.target.value?.conversationId === this.conversationId) this.reveal(this.target.value.messageId);
  }

  /** Shows a chosen search result in the list, and keeps focus on it. */
  private reveal(messageId: number): void {
    this.search?.take(this.conversationId);
    clearTimeout(this.revealFocusTimer);
    this.revealFocus = 'showing';
    this.notShown = false;
    void this.updateComplete
      .then(() => this.renderRoot.querySelector('staff-chat-message-list')?.revealMessage(messageId))
      .then((shown) => (this.notShown = shown === false))
      .finally(() => {
        this.revealFocus = 'shown';
        // Long enough for the opening window's focus() to arrive; a later focus() is the person's own.
        this.revealFocusTimer = setTimeout(() => (this.revealFocus = null), REVEAL_FOCUS_MS);
      });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.revealFocusTimer);
  }

  override focus(options?: FocusOptions): void {
    // Opened from a search result: focus goes to that message (the list moves it there when shown).
    if (this.revealFocus === 'showing') return;
    if (this.revealFocus === 'shown') {
      this.revealFocus = null;
      if (this.renderRoot.querySelector('staff-chat-message-list')?.focusShown()) return;
    }
    const composer = this.renderRoot.querySelector('staff-chat-composer');
    if (composer?.hasUpdated) {
      composer.focus(options);
      return;
    }
    // A window that has just opened has not rendered its composer yet.
    void this.updateComplete.then(async () => {
      const rendered = this.renderRoot.querySelector('staff-chat-composer');
      await rendered?.updateComplete;
      rendered?.focus(options);
    });
  }

  private bubbleContext(): BubbleContext {
    // Getters and closures, not values: the viewer and the conversation are whatever they are at use.
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- inside the getters below, `this` is the context object
    const host = this;
    return {
      get meId() {
        return host.me.value?.id;
      },
      get meDepartment() {
        return host.me.value?.department;
      },
      nameOf: (staffId) => this.conversation?.participants.find((p) => p.id === staffId)?.full_name ?? staffId,
      quotesMe: (quoted) => this.quotesMe(quoted),
      edit: (messageId, text) => void this.session?.editMessage(this.conversationId, messageId, text),
      remove: (messageId) => void this.session?.deleteMessage(this.conversationId, messageId),
      react: (messageId, emoji) => void this.session?.toggleReaction(this.conversationId, messageId, emoji),
      acknowledge: (messageId) => void this.session?.acknowledgeMessage(this.conversationId, messageId),
      isPinned: (messageId) => this.pins.value?.pins.some((pin) => pin.message_id === messageId) ?? false,
      setPinned: (messageId, pinned) => void this.setPinned(messageId, pinned),
      forward: (messageId) => this.openForward(messageId),
      deleteAttachment: (messageId, attachmentId) => void this.deleteAttachment(messageId, attachmentId),
    };
  }

  private openForward(messageId: number): void {
    this.forwarding = messageId;
    void this.updateComplete.then(() => this.renderRoot.querySelector('staff-chat-forward-picker')?.focus());
  }

  private closeForward(): void {
    const messageId = this.forwarding;
    this.forwarding = 0;
    // Focus back to the message it was opened from.
    void this.updateComplete.then(() => {
      const bubbles =
        this.renderRoot.querySelector('staff-chat-message-list')?.shadowRoot?.querySelectorAll('staff-chat-message-bubble') ?? [];
      const acts = [...bubbles].find((bubble) => bubble.message?.id === messageId)?.shadowRoot?.querySelectorAll<HTMLElement>('.act');
      acts?.[acts.length - 1]?.focus();
    });
  }

  private async deleteAttachment(messageId: number, attachmentId: number): Promise<void> {
    const failure = await this.housekeeping.value?.deleteAttachment(this.conversationId, messageId, attachmentId);
    if (failure) this.notice = failure.message;
  }

  private async setPinned(messageId: number, pinned: boolean): Promise<void> {
    const failure = await this.housekeeping.value?.setPinned(this.conversationId, messageId, pinned);
    if (failure) this.notice = failure.code === 'too_many_pins' ? msg.tooManyPins(MAX_PINS) : failure.message;
  }

  private onNotice(event: NoticeEvent): void {
    this.notice = event.text;
  }

  /** A pin was chosen: its message, in the conversation (loading older pages to find it), highlighted. */
  private onPinOpen(event: PinOpenEvent): void {
    void this.renderRoot.querySelector('staff-chat-message-list')?.revealMessage(event.messageId);
  }

  private get conversation(): Conversation | undefined {
    return this.conversations.value.find((c) => c.id === this.conversationId);
  }

  private onCompose(event: ComposeEvent): void {
    try {
      const { mentions, departments } = event.mentioned;
      const people = this.conversation?.participants ?? [];
      const mentioned_staff = people.filter((p) => mentions.includes(p.id)).map(({ id, full_name, avatar }) => ({ id, full_name, avatar }));
      this.session?.sendMessage(this.conversationId, event.text, {
        replyTo: this.replyTo,
        requiresAcknowledgement: event.requiresAcknowledgement,
        ...((mentions.length > 0 || departments.length > 0) && {
          mentioned: { mentions, mentioned_staff, mentioned_departments: departments },
        }),
      });
      this.replyTo = null;
    } catch {
      // Only blank text or a session that has not loaded the profile yet throw; the composer's
      // disabled send button and the loading state keep both from reaching here in practice.
    }
  }

  private onDraftChange(event: DraftChangeEvent): void {
    this.session?.notifyTyping(this.conversationId, event.text);
  }

  private onFilesPick(event: FilesPickEvent): void {
    this.session?.uploadFiles(this.conversationId, event.files);
  }

  private onReply(event: ReplyEvent): void {
    this.replyTo = event.message;
    void this.updateComplete.then(() => this.focus());
  }

  private onCancelReply(): void {
    this.replyTo = null;
  }

  /** A quote is the viewer's own when its sender's id is theirs: two colleagues may share a name, never an id. */
  private quotesMe(quoted: ReplyPreview): boolean {
    const meId = this.me.value?.id;
    return meId !== undefined && quoted.sender_id === meId;
  }

  /** Up in an empty composer: edit the viewer's newest message, if it is on screen. */
  private onEditLast(): void {
    this.renderRoot.querySelector('staff-chat-message-list')?.editLatestOwn();
  }

  private async onPick(event: PeoplePickEvent): Promise<void> {
    this.adding = false;
    await this.session?.addParticipants(this.conversationId, event.staffIds).catch(() => undefined);
  }

  private toggleAdding(): void {
    this.adding = !this.adding;
    if (!this.adding) return;
    // Straight into the picker's search field: that is what the person opened it for.
    void this.updateComplete.then(async () => {
      const picker = this.renderRoot.querySelector('staff-chat-staff-directory');
      await picker?.updateComplete;
      picker?.focus();
    });
  }

  /** Closes "Add people" and gives focus back to the button that opened it. */
  private closeAdding(): void {
    this.adding = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.add')?.focus());
  }

  private toggleSearching(): void {
    this.searching = !this.searching;
    this.notShown = false;
    if (this.searching) void this.updateComplete.then(() => this.renderRoot.querySelector('staff-chat-message-search')?.focus());
  }

  /** Closes the search bar and gives focus back to the button that opened it. */
  private closeSearching(): void {
    this.searching = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('button.search')?.focus());
  }

  /** A result of this window's own search: the bar closes, and the list shows it (see `updated`). */
  private onMessageOpen(_event: MessageOpenEvent): void {
    this.searching = false;
  }

  /** Escape in "Add people" closes only the picker, not the window around it. */
  private onKeyDown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !this.adding) return;
    event.stopPropagation();
    this.closeAdding();
  }

  private onClose(): void {
    this.session?.closeConversation(this.conversationId);
  }

  override render() {
    const conversation = this.conversation;
    const meId = this.me.value?.id;
    const title = conversation ? conversationTitle(conversation, meId) : msg.untitled;
    const subtitle = conversation ? conversationSubtitle(conversation, meId) : '';
    const other = conversation && !conversation.is_group ? conversation.participants.find((p) => p.id !== meId) : undefined;
    const online = other !== undefined && this.onlineIds.value.has(other.id);
    return html`<section aria-label=${msg.conversationWith(title)} @keydown=${this.onKeyDown}>
      <header part="header">
        ${conversation?.kind === 'department' ? departmentAvatar() : avatarWithPresence(title, other?.avatar, online)}
        <div class="titles">
          <h2><span dir="auto">${title}</span>${onlineText(online)}</h2>
          ${subtitle ? html`<div class="subtitle" dir="auto">${subtitle}</div>` : nothing}
        </div>
        <button class="search" type="button" aria-label=${searchMsg.searchInConversation} title=${searchMsg.searchInConversation} aria-expanded=${this.searching ? 'true' : 'false'} @click=${this.toggleSearching}>
          ${searchIcon}
        </button>
        ${
          conversation?.is_group && conversation.kind !== 'department'
            ? html`<button class="add" type="button" aria-label=${msg.addPeople} title=${msg.addPeople} aria-expanded=${this.adding ? 'true' : 'false'} @click=${this.toggleAdding}>
              ${personPlusIcon}
            </button>`
            : nothing
        }
        <staff-chat-conversation-menu conversation-id=${this.conversationId} exportparts="menu-button" @notice=${this.onNotice}></staff-chat-conversation-menu>
        ${
          this.closable
            ? html`<button class="close" part="close-button" type="button" aria-label=${msg.closeConversation(title)} title=${msg.closeConversation(title)} @click=${this.onClose}>
              ${closeIcon}
            </button>`
            : nothing
        }
      </header>
      ${
        this.adding
          ? html`<staff-chat-staff-directory
            picking
            aria-label=${msg.addPeople}
            .exclude=${conversation?.participants.map((p) => p.id) ?? []}
            @people-pick=${this.onPick}
            @picker-close=${this.closeAdding}
          ></staff-chat-staff-directory>`
          : nothing
      }
      ${
        this.forwarding
          ? html`<staff-chat-forward-picker
            message-id=${this.forwarding}
            conversation-id=${this.conversationId}
            exportparts="forward-picker"
            @forward-close=${this.closeForward}
            @notice=${this.onNotice}
          ></staff-chat-forward-picker>`
          : nothing
      }
      <staff-chat-pinned-bar conversation-id=${this.conversationId} exportparts="pinned-bar,pins-list" @pin-open=${this.onPinOpen} @notice=${this.onNotice}></staff-chat-pinned-bar>
      ${
        this.notice
          ? html`<div class="notice" part="notice" role="alert">
            <span>${this.notice}</span><button type="button" @click=${() => (this.notice = '')}>${msg.dismiss}</button>
          </div>`
          : nothing
      }
      ${
        this.searching
          ? html`<staff-chat-message-search
            class="search-bar"
            conversation-id=${this.conversationId}
            @search-close=${this.closeSearching}
            @message-open=${this.onMessageOpen}
          ></staff-chat-message-search>`
          : nothing
      }
      <div class="not-shown" role="status">${this.notShown ? searchMsg.messageNotShown : nothing}</div>
      ${conversation?.kind === 'department' ? html`<staff-chat-handover-bar conversation-id=${this.conversationId}></staff-chat-handover-bar>` : nothing}
      <staff-chat-connection-status banner exportparts="banner" state=${this.connection.value}></staff-chat-connection-status>
      <staff-chat-message-list
        exportparts="log,load-earlier,new-messages,jump-to-latest,bubble,text,quote,reply-button,reactions,acknowledgement,edit,failed,thumbnail,file,preview,mention,mention-me"
        conversation-id=${this.conversationId}
        ?is-group=${conversation?.is_group ?? false}
        @reply=${this.onReply}
      ></staff-chat-message-list>
      <div class="seen" part="seen-by">${seenByText(conversation, this.view.value?.messages ?? [], this.readMarks.value, meId) || nothing}</div>
      <div class="typing" part="typing" aria-live="polite">${typingText(this.typing.value[this.conversationId]) || nothing}</div>
      <staff-chat-upload-tray exportparts="upload" conversation-id=${this.conversationId}></staff-chat-upload-tray>
      <staff-chat-composer
        exportparts="attach-button,urgent-button,textarea,send-button,reply-preview,mention-picker"
        conversation-id=${this.conversationId}
        max-length=${this.config.value?.limits.message_max_length ?? DEFAULT_MESSAGE_MAX_LENGTH}
        accept=${this.config.value?.limits.upload_types?.join(',') ?? ''}
        @files-pick=${this.onFilesPick}
        .replyTo=${this.replyTo}
        .mentionables=${mentionCandidates(conversation, meId)}
        .replyFromMe=${this.replyTo !== null && this.replyTo.sender_id === meId}
        @compose=${this.onCompose}
        @draft-change=${this.onDraftChange}
        @reply-cancel=${this.onCancelReply}
        @edit-last=${this.onEditLast}
      ></staff-chat-composer>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-chat-window': StaffChatChatWindow;
  }
}
