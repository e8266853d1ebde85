import type { ConnectionState } from './state/session.js';

/**
 * The public events of `<staff-chat>`. Every one bubbles and is composed, so a host page can listen on
 * the element or on `document`; data sits on `detail`, as with a CustomEvent.
 *
 * @example
 * document.addEventListener('staff-chat-unread-change', (e) => setTabBadge(e.detail.total));
 */

/** The total of unread messages across the viewer's conversations changed. */
export class StaffChatUnreadChangeEvent extends Event {
  readonly detail: { total: number };
  constructor(total: number) {
    super('staff-chat-unread-change', { bubbles: true, composed: true });
    this.detail = { total };
  }
}

/**
 * Fired before a message is sent. Cancelable: a host that calls `preventDefault()` vetoes the send
 * (the draft stays in the composer).
 */
export class StaffChatMessageSendEvent extends Event {
  readonly detail: { conversationId: number; text: string };
  constructor(conversationId: number, text: string) {
    super('staff-chat-message-send', { bubbles: true, composed: true, cancelable: true });
    this.detail = { conversationId, text };
  }
}

/** Something failed that the person was told about (starting up, loading, sending). */
export class StaffChatErrorEvent extends Event {
  readonly detail: { message: string; code?: string };
  constructor(message: string, code?: string) {
    super('staff-chat-error', { bubbles: true, composed: true });
    this.detail = code === undefined ? { message } : { message, code };
  }
}

/** The realtime connection changed state (connected, connecting, unavailable…). */
export class StaffChatConnectionChangeEvent extends Event {
  readonly detail: { state: ConnectionState };
  constructor(state: ConnectionState) {
    super('staff-chat-connection-change', { bubbles: true, composed: true });
    this.detail = { state };
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'staff-chat-unread-change': StaffChatUnreadChangeEvent;
    'staff-chat-message-send': StaffChatMessageSendEvent;
    'staff-chat-error': StaffChatErrorEvent;
    'staff-chat-connection-change': StaffChatConnectionChangeEvent;
  }
}
