import { randomUUID } from 'node:crypto';
import type { Envelope } from '../contract.js';

/** Wraps an event's payload the way every `realtime_staff_chat_*` event is sent (DESIGN.md "Realtime"). */
export function envelope<T, K extends string>(hotel: string, type: K, payload: T): Envelope<T, K> {
  return {
    category: 'staff_chat',
    type,
    payload,
    meta: { hotel_slug: hotel, event_id: randomUUID(), ts: new Date().toISOString() },
  };
}
