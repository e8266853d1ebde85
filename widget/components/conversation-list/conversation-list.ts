import { LitElement, html, nothing, svg } from 'lit';
import type { Conversation, LastMessage, Me } from '../../../server/contract.js';
import { isolate } from '../../messages/bidi.js';
import { formatFullTime, formatTime, msg } from '../../messages/ui.js';
import type { TypingState } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { ConversationSelectEvent } from '../internal-events.js';
import { departmentAvatar } from '../handover/department-avatar.js';
import { conversationSubtitle, conversationTitle } from '../people.js';
import { avatarWithPresence, onlineText, presenceStyles, typingText } from '../presence.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './conversation-list.styles.js';

type Status = 'idle' | 'loading' | 'ready' | 'error';

/**
 * A row's last line: the text, else what the message was (deleted, a file), "You: " before one's own; the
 * message isolated inside that sentence, which is in the interface's language and may run the other way.
 */
function previewOf(last: LastMessage, meId: string | undefined): string {
  const text = last.is_deleted
    ? msg.previewDeleted
    : last.message || (last.attachment_name ? msg.previewAttachment(last.attachment_name) : '');
  return last.sender_id === meId ? msg.previewMine(isolate(text)) : text;
}

/**
 * The viewer's conversations, most recently active first: name, department, last message, time and
 * unread count (and an `@` beside it while an unread message mentions the viewer); a dot when the other person of a 1:1 is online, and "… is typing" instead of the last
 * message while someone types in an open conversation. Arrow keys, Home and End move between rows.
 *
 * @event conversation-select - (internal) A row was chosen; `ConversationSelectEvent.conversationId`.
 * @csspart row - Each conversation's button.
 * @csspart badge - A row's unread count.
 * @csspart mention-badge - A row's `@`, while an unread message there mentions the viewer.
 * @csspart presence-dot - The dot on the avatar of a 1:1 whose other person is online.
 */
export class StaffChatConversationList extends LitElement {
  static override styles = [sharedStyles, presenceStyles, styles];
  static override properties = {
    session: { state: true },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly conversations = new AtomController<Conversation[]>(this, () => this.session?.$conversations, []);
  private readonly openIds = new AtomController<number[]>(this, () => this.session?.$openConversationIds, []);
  private readonly me = new AtomController<Me | null>(this, () => this.session?.$me, null);
  private readonly status = new AtomController<Status>(this, () => this.session?.$status, 'idle');
  private readonly onlineIds = new AtomController<ReadonlySet<string>>(this, () => this.session?.$onlineIds, new Set());
  private readonly typing = new AtomController<TypingState>(this, () => this.session?.$typing, {});

  constructor() {
    super();
    this.session = null;
  }

  private select(id: number): void {
    this.dispatchEvent(new ConversationSelectEvent(id));
  }

  private onKeyDown(event: KeyboardEvent): void {
    const rows = [...this.renderRoot.querySelectorAll<HTMLButtonElement>('.row')];
    const index = rows.indexOf(event.target as HTMLButtonElement);
    if (index < 0) return;
    const target = { ArrowDown: index + 1, ArrowUp: index - 1, Home: 0, End: rows.length - 1 }[event.key];
    if (target === undefined) return;
    event.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, target))]?.focus();
  }

  private renderRow(c: Conversation, meId: string | undefined, openIds: number[]) {
    const title = conversationTitle(c, meId);
    const subtitle = conversationSubtitle(c, meId);
    const last = c.last_message;
    const other = c.is_group ? undefined : c.participants.find((p) => p.id !== meId);
    const preview = last ? previewOf(last, meId) : msg.noMessagesYet;
    const online = other !== undefined && this.onlineIds.value.has(other.id);
    const typing = typingText(this.typing.value[c.id]);
    // hasUnreadMention's rule (state/conversations/conversations.ts), written out: importing it here
    // would move that module from the entry into the shared chunk, which costs the entry bytes.
    const mentioned = Boolean(c.mention_count) && c.unread_count > 0;
    return html`<li>
      <button
        class="row ${c.unread_count > 0 ? 'unread' : ''}"
        part="row"
        type="button"
        aria-current=${openIds.includes(c.id) ? 'true' : 'false'}
        @click=${() => this.select(c.id)}
      >
        ${c.kind === 'department' ? departmentAvatar() : avatarWithPresence(title, other?.avatar, online)}
        <span class="main">
          <span class="line">
            <span class="name"><span dir="auto">${title}</span>${onlineText(online)}</span>
            ${last ? html`<time datetime=${last.timestamp} title=${formatFullTime(last.timestamp)}>${formatTime(last.timestamp)}</time>` : nothing}
          </span>
          ${subtitle ? html`<span class="dept" dir="auto">${subtitle}</span>` : nothing}
          <span class="line">
            ${typing ? html`<span class="preview typing">${typing}</span>` : html`<span class="preview" dir="auto">${preview}</span>`}
            ${c.is_muted ? html`<span class="muted" title=${msg.muted}>${mutedIcon}<span class="visually-hidden">${msg.muted}</span></span>` : nothing}
            ${
              mentioned
                ? html`<span class="badge mention" part="mention-badge"
                  ><span aria-hidden="true">@</span><span class="visually-hidden">${msg.mentionCount(c.mention_count ?? 0)}</span></span
                >`
                : nothing
            }
            ${
              c.unread_count > 0
                ? html`<span class="badge ${c.is_muted ? 'quiet' : ''}" part="badge"
                  ><span aria-hidden="true">${c.unread_count > 99 ? '99+' : c.unread_count}</span
                  ><span class="visually-hidden">${msg.unreadCount(c.unread_count)}</span></span
                >`
                : nothing
            }
          </span>
        </span>
      </button>
    </li>`;
  }

  override render() {
    // Archived ones are out of the list until a new message brings them back (the server un-archives).
    const conversations = this.conversations.value.filter((c) => !c.is_archived);
    if (conversations.length === 0) {
      const loading = this.status.value === 'loading' || this.status.value === 'idle';
      return html`<p class="note">${loading ? msg.loading : msg.noConversations}</p>`;
    }
    const meId = this.me.value?.id;
    const openIds = this.openIds.value;
    // Department channels first, in a section of their own: the whole department, every shift.
    const departments = conversations.filter((c) => c.kind === 'department');
    const others = departments.length > 0 ? conversations.filter((c) => c.kind !== 'department') : conversations;
    return html`<div @keydown=${this.onKeyDown}>
      ${
        departments.length > 0
          ? html`<h3 class="section" id="departments">${msg.departmentsLabel}</h3>
            <ul aria-labelledby="departments">
              ${departments.map((c) => this.renderRow(c, meId, openIds))}
            </ul>
            ${others.length > 0 ? html`<h3 class="section" id="conversations">${msg.conversationsLabel}</h3>` : nothing}`
          : nothing
      }
      ${
        others.length > 0
          ? html`<ul aria-label=${msg.conversationsLabel}>
            ${others.map((c) => this.renderRow(c, meId, openIds))}
          </ul>`
          : nothing
      }
    </div>`;
  }
}

/** A bell struck through: the conversation is muted. */
const mutedIcon = svg`<svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false"><path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9"/><path d="M10.3 21a1.9 1.9 0 0 0 3.4 0M3 3l18 18"/></svg>`;

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-conversation-list': StaffChatConversationList;
  }
}
