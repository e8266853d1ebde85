import type { Me, Message } from '../../../server/contract.js';
import type { ApiClient } from '../../api/client.js';
import type { EventRouter } from '../live/router.js';
import type { RetryDelay } from '../shared/backoff.js';
import { describeError, isTransient } from '../shared/errors.js';
import { errorMsg } from '../../messages/errors.js';
import { appendUnsent, isStored, updateUnsent } from '../messages/merge.js';
import type { MessageViews } from '../messages/views.js';
import { createOutbox, fromOutboxEntry, toOutboxEntry, type Outbox } from './outbox.js';
import type { OutboxStorage } from './outbox-storage.js';
import { OutboxSender } from './outbox-sender.js';
import type { ChatMessage } from '../messages/types.js';

export interface SendingDeps {
  api: ApiClient;
  views: MessageViews;
  router: Pick<EventRouter, 'on'>;
  storage: OutboxStorage;
  /** The next negative id of an unsent message (messages/optimistic.ts, in the entry). */
  nextOptimisticId(): number;
  retryDelay: RetryDelay;
  log: (...args: unknown[]) => void;
  /** Takes the stored copy the server answered with through the session's merge (list preview included). */
  onStored(conversationId: number, stored: Message): void;
}

/**
 * The person's side of "no message lost": an optimistic message in its view at once, written to the
 * outbox before the request leaves, sent by the {@link OutboxSender} until the server answers, and
 * put back from the outbox after a reload. Lives from `start(me)` to `stop()`.
 */
export function createSending(deps: SendingDeps) {
  const { views, log } = deps;
  let outbox: Outbox | null = null;
  let sender: OutboxSender | null = null;

  /** Opens the outbox under `key` (`outboxKey`: this hotel and person) and sends what an earlier page load left in it. */
  function start(key: string, me: Me): void {
    stop();
    outbox = createOutbox(deps.storage, key);
    sender = new OutboxSender({
      send: (entry) =>
        deps.api.sendMessage(entry.conversation_id, {
          message: entry.message,
          client_id: entry.client_id,
          reply_to: entry.reply_to,
          ...(entry.mentions && { mentions: entry.mentions }),
          ...(entry.mention_departments && { mention_departments: entry.mention_departments }),
          ...(entry.requires_acknowledgement && { requires_acknowledgement: true }),
        }),
      isRetryable: isTransient,
      retryDelay: deps.retryDelay,
      onSent: (entry, stored) => deps.onStored(entry.conversation_id, stored),
      onFailed(entry, error, retrying) {
        log('send failed', entry.conversation_id, entry.client_id, retrying ? 'will retry' : 'refused', error);
        const { message } = describeError(error, errorMsg.errorSendFailed);
        change(entry.conversation_id, entry.client_id, (m) => ({ ...m, status: 'failed', error: message, retrying }));
      },
    });
    restore(me, outbox, sender);
  }

  function stop(): void {
    sender?.stop();
    sender = null;
  }

  /**
   * Sends a message made by `optimisticMessage` (messages/optimistic.ts). It joins its view unless the session
   * already put it there (a send before this module had loaded).
   */
  function send(optimistic: ChatMessage, maxLength: number | undefined): ChatMessage {
    const { conversation_id: conversationId, message: text } = optimistic;
    if (!views.get(conversationId).messages.some((m) => m.client_id === optimistic.client_id)) {
      views.update(conversationId, (v) => ({ messages: appendUnsent(v.messages, optimistic) }));
    }
    if (maxLength !== undefined && text.length > maxLength) {
      change(conversationId, optimistic.client_id ?? '', (m) => ({ ...m, status: 'failed', error: errorMsg.errorTooLong }));
      return { ...optimistic, status: 'failed', error: errorMsg.errorTooLong };
    }
    // Written down before the request leaves, so a reload or a crash mid-send cannot lose it.
    const entry = toOutboxEntry(optimistic);
    outbox?.put(entry);
    sender?.enqueue(entry);
    return optimistic;
  }

  /** "Retry" on a failed message: pending again, sent at once with the same client_id. */
  function retry(conversationId: number, clientId: string): void {
    const retried = change(conversationId, clientId, ({ error: _error, retrying: _retrying, ...m }) => ({ ...m, status: 'pending' }));
    if (retried) sender?.retry(toOutboxEntry(retried));
  }

  /** The network or the page is back: stop waiting out backoff delays. */
  function retryNow(): void {
    sender?.retryNow();
  }

  /** Stored messages seen in any answer or event: the person's own ones reached the server and leave the outbox. */
  function settle(messages: readonly Message[], meId: string): void {
    const own = messages.flatMap((m) => (m.client_id && m.sender_id === meId ? [m.client_id] : []));
    if (own.length === 0 || !outbox) return;
    for (const clientId of own) sender?.forget(clientId);
    const waiting = new Set(outbox.list().map((e) => e.client_id));
    for (const clientId of own) if (waiting.has(clientId)) outbox.remove(clientId);
  }

  /** Changes an unsent message in its view and in the outbox; returns it changed, if it is still unsent. */
  function change(conversationId: number, clientId: string, update: (message: ChatMessage) => ChatMessage): ChatMessage | undefined {
    let changed: ChatMessage | undefined;
    views.update(conversationId, (v) => ({ messages: updateUnsent(v.messages, clientId, (m) => (changed = update(m))) }));
    if (changed) outbox?.put(toOutboxEntry(changed));
    return changed;
  }

  /** Puts unsent messages back in their conversations (opened or not) and queues those not refused. */
  function restore(me: Me, box: Outbox, queue: OutboxSender): void {
    for (const entry of box.list()) {
      const known = views.get(entry.conversation_id).messages.find((m) => m.client_id === entry.client_id);
      if (known && isStored(known)) {
        box.remove(entry.client_id);
        continue;
      }
      if (!known) {
        views.update(entry.conversation_id, (v) => ({
          messages: appendUnsent(v.messages, fromOutboxEntry(entry, me, deps.nextOptimisticId())),
        }));
      }
      if (!entry.failed) queue.enqueue(entry);
    }
  }

  // The network or the page is back: stop waiting out backoff delays.
  deps.router.on('connection', (state) => {
    if (state === 'connected') retryNow();
  });
  deps.router.on('wake', retryNow);

  return { start, stop, send, retry, retryNow, settle };
}
