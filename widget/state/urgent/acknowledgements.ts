/**
 * Acknowledging urgent messages, and "acknowledged by" kept current: the viewer's own acknowledgement
 * (the server's answer) and everyone else's (`message_acknowledged` on the conversation's channel, and
 * on the acknowledger's personal channel for their other tabs) replace the message's `acknowledgements`
 * in its view and drop it from the viewer's pending list (pending.ts). Lazily loaded: owns
 * `message_acknowledged`, and `message_deleted` for the pending list (a deleted message owes nothing).
 */
import type { AcknowledgementChange } from '../../../contract/index.js';
import type { ApiClient } from '../../api/client.js';
import type { EventRouter } from '../live/router.js';
import type { MessageViews } from '../messages/views.js';
import type { PendingAcknowledgementsStore } from './pending.js';

export function createAcknowledgements(deps: {
  api: Pick<ApiClient, 'acknowledge'>;
  views: MessageViews;
  router: Pick<EventRouter, 'on'>;
  pending: PendingAcknowledgementsStore;
  meId: () => string | undefined;
  /** Shows a failure where the person sees it. */
  fail: (error: unknown) => void;
}) {
  const { views, pending } = deps;

  function forget(messageId: number): void {
    const waiting = pending.$pending.get();
    if (waiting.some((m) => m.id === messageId)) pending.set(waiting.filter((m) => m.id !== messageId));
  }

  function apply(change: AcknowledgementChange): void {
    const { conversation_id: conversationId, message_id: messageId, acknowledgements } = change;
    if (views.has(conversationId) && views.get(conversationId).messages.some((m) => m.id === messageId)) {
      views.update(conversationId, (v) => ({ messages: v.messages.map((m) => (m.id === messageId ? { ...m, acknowledgements } : m)) }));
    }
    const me = deps.meId();
    if (me !== undefined && !acknowledgements.pending.includes(me)) forget(messageId);
  }

  /** Messages whose acknowledgement is on its way: a second press meanwhile sends nothing more. */
  const sending = new Set<number>();

  async function acknowledge(_conversationId: number, messageId: number): Promise<void> {
    if (sending.has(messageId)) return;
    sending.add(messageId);
    try {
      apply(await deps.api.acknowledge(messageId));
    } catch (error) {
      deps.fail(error);
    } finally {
      sending.delete(messageId);
    }
  }

  deps.router.on('message_acknowledged', apply);
  deps.router.on('message_deleted', (message) => forget(message.id));

  return { acknowledge, apply };
}
