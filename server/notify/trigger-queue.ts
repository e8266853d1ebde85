import { MAX_BATCH_EVENTS, PublishError, type PublishEvent, type Publisher } from './publisher.js';

/** Batch requests out at once; while they are, new events wait and leave in fuller batches. */
const MAX_IN_FLIGHT = 4;

/**
 * Waits before each new attempt at a batch the engine failed (network error, 5xx or 429): an engine
 * restarting or a hiccup on the way to hosted Pusher must not cost a message its live delivery, since a
 * client that stays subscribed would only see it at its next catch-up. Receivers drop repeated
 * event ids, so an attempt that did arrive after all is harmless.
 */
export const RETRY_DELAYS_MS: readonly number[] = [250, 1000, 4000];

interface Queued {
  event: PublishEvent;
  settle: (error: unknown) => void;
}

/**
 * Sends events through a {@link Publisher}, packing the events of concurrent notifications into
 * the same batches. Each request to the engine costs far more than the events in it (HTTP on both
 * sides, signing and checking the signature), and one sent message means a `message_created` plus a
 * `conversation_updated` per other participant: sent one request per trigger, the notifications cost
 * the server four times what storing the message did. When the engine is idle an event leaves at once
 * (after the current tick's other events); under load, events queue while {@link MAX_IN_FLIGHT}
 * requests are out and go ten to a request.
 *
 * Events in one batch share its fate: the engine accepts or refuses the batch whole. Every event the
 * notifier builds is fitted under Pusher's size limit first, so a refusal means the engine is failing,
 * which would fail the neighbours' own requests too.
 */
export class TriggerQueue {
  private readonly queue: Queued[] = [];
  private inFlight = 0;
  private scheduled = false;

  constructor(
    private readonly publisher: Publisher,
    private readonly retryDelaysMs: readonly number[] = RETRY_DELAYS_MS,
  ) {}

  /** Resolves once the engine accepted every one of `events`; rejects when a request carrying one failed. */
  send(events: readonly PublishEvent[]): Promise<void> {
    if (events.length === 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      let remaining = events.length;
      let failure: { error: unknown } | undefined;
      const settle = (error: unknown) => {
        if (error !== undefined) failure ??= { error };
        remaining -= 1;
        if (remaining > 0) return;
        if (failure) reject(failure.error);
        else resolve();
      };
      for (const event of events) this.queue.push({ event, settle });
      this.schedule();
    });
  }

  /** Events queued later in the same tick (the other half of one notification) join the same batch. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < MAX_IN_FLIGHT && this.queue.length > 0) {
      this.attempt(this.queue.splice(0, MAX_BATCH_EVENTS), 0);
    }
  }

  private attempt(batch: Queued[], retries: number): void {
    this.inFlight += 1;
    // Started in a then(): a publisher that throws instead of rejecting fails this batch only.
    Promise.resolve()
      .then(() => this.publisher.publish(batch.map((queued) => queued.event)))
      .then(
        () => batch.forEach((queued) => queued.settle(undefined)),
        (error: unknown) => {
          const delay = this.retryDelaysMs[retries];
          if (delay !== undefined && isTransient(error)) {
            // The wait holds no request slot: other notifications go on meanwhile.
            setTimeout(() => this.attempt(batch, retries + 1), delay).unref();
            return;
          }
          batch.forEach((queued) => queued.settle(error ?? new Error('batch trigger failed')));
        },
      )
      .finally(() => {
        this.inFlight -= 1;
        this.pump();
      });
  }
}

/** A failure worth another attempt: no answer, the engine failing, or rate limiting; not a refusal. */
function isTransient(error: unknown): boolean {
  return !(error instanceof PublishError) || error.transient;
}
