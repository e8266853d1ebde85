import { ENVELOPE_CATEGORY, type Envelope } from '../../contract/index.js';

/** One server event, normalised: which channel and wire event it came from, and its envelope's parts. */
export interface RealtimeEvent<T = unknown> {
  channel: string;
  /** The wire name, e.g. `realtime_staff_chat_message_created`. */
  eventName: string;
  /** The envelope's short type, e.g. `message_created`. */
  type: string;
  payload: T;
  meta: Envelope['meta'];
}

/**
 * What is not a server event: a presence change (`pusher:member_added`, `pusher:member_removed`, data
 * `{id, info}`) or a `client-*` event from another browser, whose data nobody has checked.
 */
export interface RealtimeSignal {
  channel: string;
  eventName: string;
  data: unknown;
}

/** How many event ids are remembered for dropping repeats; older ones are forgotten first. */
const REMEMBERED_EVENT_IDS = 1000;

/**
 * Where every realtime event goes after the channel registry. Listeners get a
 * `CustomEvent<RealtimeEvent>` named `event`, and another named by the envelope's type
 * (`message_created`, `conversation_updated`…). Presence changes and client events arrive as
 * `CustomEvent<RealtimeSignal>` named `signal`, with no envelope and no de-duplication.
 *
 * An event whose `meta.event_id` was already seen is dropped, so a message the server sends on two
 * channels, or that a reconnect replays, reaches the store once.
 *
 * The widget's own state listens through `onEvent` and `onSignal`, which hand over the detail typed, and
 * reads event names only in state/live/router.ts.
 *
 * @example
 * const stop = bus.onEvent((event) => log(event.type, event.payload));
 */
export class EventBus extends EventTarget {
  private readonly seen = new Set<string>();
  private readonly eventListeners = new Set<(event: RealtimeEvent) => void>();
  private readonly signalListeners = new Set<(signal: RealtimeSignal) => void>();

  /** Calls `listener` with every server event that is not a repeat; returns how to stop. */
  onEvent(listener: (event: RealtimeEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  /** Calls `listener` with every presence change and client event; returns how to stop. */
  onSignal(listener: (signal: RealtimeSignal) => void): () => void {
    this.signalListeners.add(listener);
    return () => void this.signalListeners.delete(listener);
  }

  /** Normalises one raw Pusher event and dispatches it; returns false when it was dropped. */
  publish(channel: string, eventName: string, data: unknown): boolean {
    const envelope = toEnvelope(data);
    if (!envelope) return false;
    const eventId = envelope.meta.event_id;
    if (eventId) {
      if (this.seen.has(eventId)) return false;
      this.remember(eventId);
    }
    const detail: RealtimeEvent = {
      channel,
      eventName,
      type: envelope.type,
      payload: envelope.payload,
      meta: envelope.meta,
    };
    this.dispatchEvent(new CustomEvent('event', { detail }));
    this.dispatchEvent(new CustomEvent(envelope.type, { detail }));
    notify(this.eventListeners, detail);
    return true;
  }

  /** Dispatches a presence change or client event as it came. */
  signal(channel: string, eventName: string, data: unknown): void {
    const detail: RealtimeSignal = { channel, eventName, data };
    this.dispatchEvent(new CustomEvent('signal', { detail }));
    notify(this.signalListeners, detail);
  }

  private remember(eventId: string): void {
    this.seen.add(eventId);
    if (this.seen.size > REMEMBERED_EVENT_IDS) {
      // A Set iterates in insertion order, so the first value is the oldest id.
      const oldest = this.seen.values().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
  }
}

/** Calls each listener as `dispatchEvent` would: one that throws is reported and the rest still run. */
function notify<T>(listeners: ReadonlySet<(value: T) => void>, value: T): void {
  for (const listener of [...listeners]) {
    try {
      listener(value);
    } catch (error) {
      globalThis.reportError(error);
    }
  }
}

/** Reads a staff-chat envelope out of whatever pusher-js handed over; null for anything else. */
function toEnvelope(data: unknown): Envelope | null {
  let value = data;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (typeof value !== 'object' || value === null) return null;
  if (!('category' in value) || value.category !== ENVELOPE_CATEGORY) return null;
  if (!('type' in value) || typeof value.type !== 'string' || !('payload' in value)) return null;
  const meta = 'meta' in value && typeof value.meta === 'object' && value.meta !== null ? value.meta : {};
  return {
    category: ENVELOPE_CATEGORY,
    type: value.type,
    payload: value.payload,
    meta: {
      hotel_slug: stringField(meta, 'hotel_slug'),
      event_id: stringField(meta, 'event_id'),
      ts: stringField(meta, 'ts'),
    },
  };
}

function stringField(source: object, key: string): string {
  const value: unknown = (source as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : '';
}
