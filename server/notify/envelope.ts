import { randomUUID } from 'node:crypto';
import { ENVELOPE_CATEGORY, type Envelope } from '../../contract/index.js';

/** Wraps an event's payload the way every `realtime_staff_chat_*` event is sent (DESIGN.md "Realtime"). */
export function envelope<T, K extends string>(hotel: string, type: K, payload: T): Envelope<T, K> {
  return {
    category: ENVELOPE_CATEGORY,
    type,
    payload,
    meta: { hotel_slug: hotel, event_id: randomUUID(), ts: new Date().toISOString() },
  };
}
