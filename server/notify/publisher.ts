/**
 * The one way events leave the server: every notification (messages created, edited, deleted,
 * reactions, read marks, conversation updates) is a {@link PublishEvent} handed to a {@link Publisher}.
 * Two implementations: the `pusher` SDK (hosted Pusher, soketi and other engines, over HTTP) and the
 * embedded hub (in-process); publisher.test.ts runs one contract suite against both.
 */
import { SOCKET_ID } from '../../contract/index.js';

/** One event for one channel, as Pusher's batch trigger takes it: `data` is already JSON. */
export interface PublishEvent {
  channel: string;
  name: string;
  data: string;
  /** A pusher-js socket id (`123.456`) that must not receive the event: the sender's own tab. */
  socket_id?: string;
}

/** Pusher's limit on one batch trigger. */
export const MAX_BATCH_EVENTS = 10;

export interface Publisher {
  /**
   * Publishes the events in order, in batches of at most {@link MAX_BATCH_EVENTS} sent one after another
   * (a batch is accepted or refused whole). Resolves once the engine accepted every batch; rejects with
   * a {@link PublishError} at the first batch it did not, and sends none after it.
   */
  publish(events: readonly PublishEvent[]): Promise<void>;
}

/**
 * A batch the engine did not take. `status` is HTTP's: 4xx when the engine refused it (a bad channel,
 * data over 10 KB: sending it again cannot help), 5xx or 429 when it was failing, `undefined` when no
 * answer came at all.
 */
export class PublishError extends Error {
  override readonly name = 'PublishError';

  constructor(
    message: string,
    readonly status: number | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** Whether another attempt may succeed: the engine was failing or unreachable, rather than refusing. */
  get transient(): boolean {
    return this.status === undefined || this.status >= 500 || this.status === 429;
  }
}

/** `events` cut into consecutive batches of at most {@link MAX_BATCH_EVENTS}. */
export function batchesOf<T>(events: readonly T[]): T[][] {
  const batches: T[][] = [];
  for (let start = 0; start < events.length; start += MAX_BATCH_EVENTS) batches.push(events.slice(start, start + MAX_BATCH_EVENTS));
  return batches;
}

/**
 * `{ socket_id }` to spread into an event when `socketId` is a real pusher-js socket id, else nothing:
 * the SDK throws on anything else, so a bad `X-Socket-Id` header is ignored instead.
 */
export function excludingSocket(socketId: string | undefined): { socket_id?: string } {
  return socketId && SOCKET_ID.test(socketId) ? { socket_id: socketId } : {};
}
