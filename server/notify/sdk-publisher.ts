import type Pusher from 'pusher';
import { batchesOf, PublishError, type PublishEvent, type Publisher } from './publisher.js';

/**
 * Publishes through the official `pusher` SDK's `triggerBatch`: hosted Pusher, or a self-hosted engine
 * (soketi, sockudo, Reverb) speaking Pusher's HTTP API.
 */
export function sdkPublisher(pusher: Pusher): Publisher {
  return {
    async publish(events: readonly PublishEvent[]): Promise<void> {
      for (const batch of batchesOf(events)) {
        try {
          // Copies: the SDK rewrites each event's `data` in place.
          await pusher.triggerBatch(batch.map((event) => ({ ...event })));
        } catch (error) {
          throw asPublishError(error);
        }
      }
    },
  };
}

/** The SDK rejects with a RequestError (`status` when an answer came) or throws before sending. */
function asPublishError(error: unknown): PublishError {
  const status = (error as { status?: unknown } | null)?.status;
  const message = error instanceof Error ? error.message : String(error);
  return new PublishError(message, typeof status === 'number' ? status : undefined, { cause: error });
}
