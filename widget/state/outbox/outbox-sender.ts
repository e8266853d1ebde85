import type { Message } from '../../../contract/index.js';
import type { RetryDelay } from '../shared/backoff.js';
import type { OutboxEntry } from './outbox.js';

export interface OutboxSenderOptions {
  /** Posts the message with its client_id; resolves with the stored copy. */
  send(entry: OutboxEntry): Promise<Message>;
  /** Whether a failure may pass by itself (network, 5xx, 429), so the same request is worth repeating. */
  isRetryable(error: unknown): boolean;
  onSent(entry: OutboxEntry, stored: Message): void;
  /** `retrying`: the sender tries again after a backoff delay; otherwise only `retry()` sends it again. */
  onFailed(entry: OutboxEntry, error: unknown, retrying: boolean): void;
  retryDelay: RetryDelay;
}

/** One conversation's unsent messages, sent one at a time in the order they were written. */
interface Lane {
  conversationId: number;
  queue: OutboxEntry[];
  /** client_id of the request in flight. */
  sending: string | null;
  /** Retryable failures of the head in a row, for the backoff. */
  failures: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Delivers outbox entries until the server answers. Each conversation is a queue sent in order, one
 * request at a time, so a colleague never reads the second message before the first; a network or
 * server failure holds the queue and tries the same request (same client_id) again with backoff, and
 * a refusal (400, 403…) takes the message out of the queue to wait for the person.
 *
 * @example
 * const sender = new OutboxSender({ send: (e) => api.sendMessage(e.conversation_id, e), isRetryable, onSent, onFailed, retryDelay: exponentialBackoff() });
 * sender.enqueue(entry);
 * window.addEventListener('online', () => sender.retryNow());
 */
export class OutboxSender {
  private readonly options: OutboxSenderOptions;
  private readonly lanes = new Map<number, Lane>();
  private stopped = false;

  constructor(options: OutboxSenderOptions) {
    this.options = options;
  }

  /** Queues the entry behind its conversation's other unsent messages; a queued client_id is ignored. */
  enqueue(entry: OutboxEntry): void {
    if (this.stopped) return;
    const lane = this.lane(entry.conversation_id);
    if (!lane.queue.some((e) => e.client_id === entry.client_id)) lane.queue.push(entry);
    this.pump(lane);
  }

  /** The person pressed "Retry": queue it again if it was refused, and try at once. */
  retry(entry: OutboxEntry): void {
    this.enqueue(entry);
    this.retryNow(entry.conversation_id);
  }

  /** Ends every backoff wait (of one conversation, or all): the network or the page just came back. */
  retryNow(conversationId?: number): void {
    for (const [id, lane] of this.lanes) {
      if (conversationId !== undefined && id !== conversationId) continue;
      if (lane.timer === null) continue;
      clearTimeout(lane.timer);
      lane.timer = null;
      this.pump(lane);
    }
  }

  /** Drops a queued entry whose stored copy arrived another way (an earlier attempt that did reach the server). */
  forget(clientId: string): void {
    for (const lane of this.lanes.values()) {
      const index = lane.queue.findIndex((e) => e.client_id === clientId);
      if (index === -1 || lane.sending === clientId) continue;
      lane.queue.splice(index, 1);
      if (index === 0 && lane.timer !== null) {
        clearTimeout(lane.timer);
        lane.timer = null;
        lane.failures = 0;
        this.pump(lane);
      }
    }
  }

  /** Whether the entry is waiting or being sent. */
  has(clientId: string): boolean {
    return [...this.lanes.values()].some((lane) => lane.queue.some((e) => e.client_id === clientId));
  }

  /** Cancels every wait; answers of requests in flight are ignored. */
  stop(): void {
    this.stopped = true;
    for (const lane of this.lanes.values()) if (lane.timer !== null) clearTimeout(lane.timer);
    this.lanes.clear();
  }

  private lane(conversationId: number): Lane {
    let lane = this.lanes.get(conversationId);
    if (!lane) {
      lane = { conversationId, queue: [], sending: null, failures: 0, timer: null };
      this.lanes.set(conversationId, lane);
    }
    return lane;
  }

  private pump(lane: Lane): void {
    const head = lane.queue[0];
    if (this.stopped || lane.sending !== null || lane.timer !== null) return;
    if (!head) {
      if (this.lanes.get(lane.conversationId) === lane) this.lanes.delete(lane.conversationId);
      return;
    }
    lane.sending = head.client_id;
    this.options.send(head).then(
      (stored) =>
        this.settle(lane, () => {
          lane.queue = lane.queue.filter((e) => e.client_id !== head.client_id);
          lane.failures = 0;
          this.options.onSent(head, stored);
        }),
      (error: unknown) => this.settle(lane, () => this.failed(lane, head, error)),
    );
  }

  private settle(lane: Lane, outcome: () => void): void {
    lane.sending = null;
    if (this.stopped) return;
    try {
      outcome();
    } finally {
      this.pump(lane);
    }
  }

  private failed(lane: Lane, entry: OutboxEntry, error: unknown): void {
    const queued = lane.queue[0]?.client_id === entry.client_id;
    if (queued && this.options.isRetryable(error)) {
      lane.failures += 1;
      lane.timer = setTimeout(() => {
        lane.timer = null;
        this.pump(lane);
      }, this.options.retryDelay(lane.failures));
      this.options.onFailed(entry, error, true);
      return;
    }
    lane.queue = lane.queue.filter((e) => e.client_id !== entry.client_id);
    lane.failures = 0;
    this.options.onFailed(entry, error, false);
  }
}
