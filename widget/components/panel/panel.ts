import { LitElement, html, nothing } from 'lit';
import { searchMsg } from '../../messages/search-strings.js';
import { msg } from '../../messages/ui.js';
import type { ConnectionState, NotificationSettings } from '../../state/session.js';
import { AtomController } from '../atom-controller.js';
import { consumeSession } from '../consume-session.js';
import { closeIcon, searchIcon } from '../icons.js';
import { ConversationSelectEvent, type MessageOpenEvent } from '../internal-events.js';
import type { ElementSession } from '../session-context.js';
import { sharedStyles } from '../shared.styles.js';
import { styles } from './panel.styles.js';
import { alertSettingsMenu, alertSettingsStyles } from './alert-settings.js';

type Tab = 'chats' | 'new';
type Status = 'idle' | 'loading' | 'ready' | 'error';

/** The parts of the panel and of the elements inside it that <staff-chat> offers the portal, renamed where a window has the same name. */
export const PANEL_PARTS =
  'header:panel-header,urgent-banner,tabs,row,badge:row-badge,mention-badge:row-mention-badge,presence-dot,search,person,dot:connection-dot,label:connection-label';

/**
 * The chat's home: a title with the connection status, then "Chats" (the conversation list) and
 * "New chat" (the staff directory) as tabs, below the reminder of urgent messages waiting for the viewer. While the session cannot start, it explains why and
 * offers Retry.
 *
 * @event conversation-select - (internal) A conversation was chosen or started.
 * @event close - (internal) The close button was pressed.
 * @csspart header - The title bar.
 * @csspart tabs - The tab list.
 */
export class StaffChatPanel extends LitElement {
  static override styles = [sharedStyles, styles, alertSettingsStyles];
  static override properties = {
    session: { state: true },
    closable: { type: Boolean },
    tab: { state: true },
    settingsOpen: { state: true },
    searching: { state: true },
  };

  /** From the <staff-chat> around it. */
  declare private session: ElementSession | null;
  /** Show a close button (the launcher layout's panel). */
  declare closable: boolean;
  declare tab: Tab;
  declare settingsOpen: boolean;
  /** Message search is open in place of the tabs. */
  declare searching: boolean;

  private readonly sessionConsumer = consumeSession(this, (session) => (this.session = session));
  private readonly status = new AtomController<Status>(this, () => this.session?.$status, 'idle');
  private readonly error = new AtomController<string | null>(this, () => this.session?.$error, null);
  private readonly connection = new AtomController<ConnectionState>(this, () => this.session?.$connection, 'connecting');
  private readonly unread = new AtomController<number>(this, () => this.session?.$unreadTotal, 0);
  private readonly alerts = new AtomController<NotificationSettings>(this, () => this.session?.$alertSettings, {
    desktop: false,
    sound: false,
  });

  constructor() {
    super();
    this.session = null;
    this.closable = false;
    this.tab = 'chats';
    this.settingsOpen = false;
    this.searching = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // On itself, in <staff-chat>'s tree: forwarding there is what makes the parts reachable from the page.
    this.setAttribute('exportparts', PANEL_PARTS);
  }

  override focus(options?: FocusOptions): void {
    const search = this.renderRoot.querySelector('staff-chat-message-search');
    if (search) {
      search.focus(options);
      return;
    }
    this.renderRoot.querySelector<HTMLElement>('[role="tab"][aria-selected="true"], .problem button')?.focus(options);
  }

  private onSelect(event: ConversationSelectEvent): void {
    this.tab = 'chats';
    this.dispatchEvent(new ConversationSelectEvent(event.conversationId));
  }

  private toggleSearching(): void {
    this.searching = !this.searching;
    void this.updateComplete.then(() => (this.searching ? this.focus() : this.focusSearchButton()));
  }

  /** Escape in the empty search field (or its close button): back to the tabs, focus on the button that opened it. */
  private closeSearching(): void {
    this.searching = false;
    void this.updateComplete.then(() => this.focusSearchButton());
  }

  private focusSearchButton(): void {
    this.renderRoot.querySelector<HTMLElement>('.header .search')?.focus();
  }

  /** A search result: its conversation opens (the window then shows the message; the search stays). */
  private onMessageOpen(event: MessageOpenEvent): void {
    this.dispatchEvent(new ConversationSelectEvent(event.conversationId));
  }

  private onClose(): void {
    this.dispatchEvent(new Event('close'));
  }

  private retry(): void {
    void this.session?.start();
  }

  private onTabKeyDown(event: KeyboardEvent): void {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    event.preventDefault();
    this.tab = this.tab === 'chats' ? 'new' : 'chats';
    void this.updateComplete.then(() => this.focus());
  }

  private renderTab(tab: Tab, label: string, badge: number) {
    const selected = this.tab === tab;
    return html`<button
      role="tab"
      id="tab-${tab}"
      type="button"
      aria-selected=${selected ? 'true' : 'false'}
      aria-controls="tabpanel"
      tabindex=${selected ? '0' : '-1'}
      @click=${() => (this.tab = tab)}
    >
      ${label}${
        badge > 0
          ? html`<span class="badge"
            ><span aria-hidden="true">${badge > 99 ? '99+' : badge}</span
            ><span class="visually-hidden">${msg.unreadCount(badge)}</span></span
          >`
          : nothing
      }
    </button>`;
  }

  private renderBody() {
    if (!this.session) return html`<p class="problem">${msg.loading}</p>`;
    if (this.status.value === 'error') {
      return html`<div class="problem" role="alert">
        <div>${this.error.value ?? msg.errorGeneric}</div>
        <button type="button" @click=${this.retry}>${msg.retry}</button>
      </div>`;
    }
    if (this.searching) {
      return html`<staff-chat-message-search @search-close=${this.closeSearching} @message-open=${this.onMessageOpen}></staff-chat-message-search>`;
    }
    return html`
      <staff-chat-urgent-banner exportparts="banner:urgent-banner" @conversation-select=${this.onSelect}></staff-chat-urgent-banner>
      <div role="tablist" part="tabs" aria-label=${msg.appName} @keydown=${this.onTabKeyDown}>
        ${this.renderTab('chats', msg.tabChats, this.unread.value)} ${this.renderTab('new', msg.tabNewChat, 0)}
      </div>
      <div role="tabpanel" id="tabpanel" aria-labelledby="tab-${this.tab}">
        ${
          this.tab === 'chats'
            ? html`<staff-chat-conversation-list exportparts="row,badge,mention-badge,presence-dot" @conversation-select=${this.onSelect}></staff-chat-conversation-list>`
            : html`<staff-chat-staff-directory exportparts="search,person,presence-dot" @conversation-select=${this.onSelect}></staff-chat-staff-directory>`
        }
      </div>
    `;
  }

  override render() {
    return html`
      <div class="header" part="header">
        <h2>${msg.appName}</h2>
        <staff-chat-connection-status exportparts="dot,label" state=${this.connection.value}></staff-chat-connection-status>
        ${
          this.session && this.status.value !== 'error'
            ? html`<button class="search" type="button" aria-label=${searchMsg.searchMessages} title=${searchMsg.searchMessages} aria-expanded=${this.searching ? 'true' : 'false'} @click=${this.toggleSearching}>
              ${searchIcon}
            </button>`
            : nothing
        }
        ${this.session ? alertSettingsMenu(this.session, this.alerts.value, this.settingsOpen, () => (this.settingsOpen = !this.settingsOpen)) : nothing}
        ${
          this.closable
            ? html`<button class="close" type="button" aria-label=${msg.closeChat} title=${msg.closeChat} @click=${this.onClose}>
              ${closeIcon}
            </button>`
            : nothing
        }
      </div>
      ${this.renderBody()}
    `;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'staff-chat-panel': StaffChatPanel;
  }
}
