import type { CurrentHandover, HandoverHistory, HandoverItemChange, HandoverTickBody, Message } from '../../contract/index.js';
import type { ApiClient } from './client.js';

/*
 * The handover endpoints (README "API: urgent messages, department channels, handover notes"). Functions
 * over the client rather than its methods: they load with the lazy chunk, so the entry script every
 * portal page loads does not carry them (as upload.ts does for files).
 */

type Client = Pick<ApiClient, 'request' | 'hotelPath' | 'sendMessage'>;

/** Sends a handover note: `summary` as its text, `items` as its checklist; `clientId` makes a retry safe. */
export function sendHandover(api: Client, conversationId: number, summary: string, items: string[], clientId: string): Promise<Message> {
  return api.sendMessage(conversationId, { message: summary, handover_items: items, client_id: clientId });
}

/** The note pinned at the top of a department channel, or null. */
export function currentHandover(api: Client, conversationId: number): Promise<CurrentHandover> {
  return api.request(api.hotelPath(`/conversations/${conversationId}/handover/`));
}

/** Past notes, newest first, before `beforeId` when given. */
export function handoverHistory(api: Client, conversationId: number, beforeId?: number, limit = 10): Promise<HandoverHistory> {
  const query = new URLSearchParams({ limit: String(limit) });
  if (beforeId !== undefined) query.set('before_id', String(beforeId));
  return api.request(api.hotelPath(`/conversations/${conversationId}/handovers/?${query.toString()}`));
}

/** Ticks (or unticks) one item; idempotent, so a retry never undoes itself. */
export function tickHandoverItem(api: Client, messageId: number, itemId: number, checked: boolean): Promise<HandoverItemChange> {
  const body: HandoverTickBody = { checked };
  return api.request(api.hotelPath(`/messages/${messageId}/handover/items/${itemId}/`), { method: 'PATCH', body, withSocketId: true });
}
