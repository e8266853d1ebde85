import type { Hub } from '../hub/index.js';
import { batchesOf, PublishError, type PublishEvent, type Publisher } from './publisher.js';

/**
 * Publishes to the embedded hub in-process, through its `triggerBatch`: the same checks and delivery as
 * its HTTP API, without the request to our own port and its signature, which cost the server more than
 * storing the message did (bench: throughput).
 */
export function hubPublisher(hub: Pick<Hub, 'triggerBatch'>): Publisher {
  return {
    publish(events: readonly PublishEvent[]): Promise<void> {
      for (const batch of batchesOf(events)) {
        try {
          hub.triggerBatch(batch);
        } catch (error) {
          // The hub throws only on an event it refuses, as its HTTP API answers 400.
          const message = error instanceof Error ? error.message : String(error);
          return Promise.reject(new PublishError(message, 400, { cause: error }));
        }
      }
      return Promise.resolve();
    },
  };
}
