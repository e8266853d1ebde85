import { LitElement, html, nothing } from 'lit';
import type { ChatConfig, Conversation, Me, Message } from '../../../server/contract.js';
import { msg } from '../../messages.js';
import type { ChatSession } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { closeIcon } from '../icons.js';
import type { ComposeEvent, ReplyEvent } from '../internal-events.js';
import { avatar, conversationSubtitle, conversationTitle } from '../people.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './chat-window.styles.js';

/**
 * One open conversation: a header with its title and a close button, the messages, and the composer.
 * Several can be docked side by side.
 *
 * @csspart header - The title bar.
 * @csspart close-button - The close button.
 * @cssproperty --staff-chat-header-bg - Title bar background.
 */
export class StaffChatChatWindow extends LitElement {
  static override styles = [sharedStyles, styles];
  static override properties = {
    session: { attribute: false },
    conversationId: { type: Number, attribute: 'conversation-id' },
    closable: { type: Boolean },
    replyTo: { state: true },
  };

  declare session: ChatSession | null;
  declare conversationId: number;
  /** Show the close button (docked windows); the inline layout has none. */
  declare closable: boolean;
  declare replyTo: Message | null;

  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private readonly config = new AtomController<ChatConfig | null>(this, () => this.session?.$config, null);

  constructor() {
    super();
    this.session = null;
    this.conversationId = 0;
    this.closable = true;
    this.replyTo = null;
  }

  override focus(options?: FocusOptions): void {
    this.renderRoot.querySelector('staff-chat-composer')?.focus(options);
  }

  private get conversation(): Conversation | undefined {
    return this.conversations.value.find((c) => c.id === this.conversationId);
  }

  private onCompose(event: ComposeEvent): void {
    try {
      this.session?.sendMessage(this.conversationId, event.text, { replyTo: this.replyTo });
      this.replyTo = null;
    } catch {
      // Only blank text or a session that has not loaded the profile yet throw; the composer's
      // disabled send button and the loading state keep both from reaching here in practice.
    }
  }

  private onReply(event: ReplyEvent): void {
    this.replyTo = event.message;
    void this.updateComplete.then(() => this.focus());
  }

  private onCancelReply(): void {
    this.replyTo = null;
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
    return html`<section aria-label=${msg.conversationWith(title)}>
      <header part="header">
        ${avatar(title, other?.avatar)}
        <div class="titles">
          <h2>${title}</h2>
          ${subtitle ? html`<div class="subtitle">${subtitle}</div>` : nothing}
        </div>
        ${this.closable
          ? html`<button class="close" part="close-button" type="button" aria-label=${msg.closeConversation(title)} title=${msg.closeConversation(title)} @click=${this.onClose}>
              ${closeIcon}
            </button>`
          : nothing}
      </header>
      <staff-chat-message-list
        .session=${this.session}
        conversation-id=${this.conversationId}
        ?is-group=${conversation?.is_group ?? false}
        @reply=${this.onReply}
      ></staff-chat-message-list>
      <staff-chat-composer
        conversation-id=${this.conversationId}
        max-length=${this.config.value?.limits.message_max_length ?? 4000}
        .replyTo=${this.replyTo}
        @compose=${this.onCompose}
        @reply-cancel=${this.onCancelReply}
      ></staff-chat-composer>
    </section>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-chat-window': StaffChatChatWindow;
  }
}
