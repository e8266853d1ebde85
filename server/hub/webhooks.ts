/**
 * Webhooks as Pusher sends them: one event per POST, `Content-Type: application/json` exactly (the SDK's
 * `webhook().isValid()` rejects anything else), `X-Pusher-Key`, and `X-Pusher-Signature` = HMAC of the
 * exact body bytes. `channel_vacated` and `member_removed` wait a short while and are dropped when the
 * channel or member comes back in time, which damps reconnect flapping.
 */
import type { AppCredentials } from './signatures.js';
import { hmacHex } from './signatures.js';

export type WebhookEvent =
  | { name: 'channel_occupied' | 'channel_vacated'; channel: string }
  | { name: 'member_added' | 'member_removed'; channel: string; user_id: string }
  | { name: 'client_event'; channel: string; event: string; data: string; socket_id: string; user_id?: string };

/** Where the hub reports channel and member changes; a no-op when no webhooks are configured. */
export interface WebhookSink {
  channelOccupied(channel: string): void;
  channelVacated(channel: string): void;
  memberAdded(channel: string, userId: string): void;
  memberRemoved(channel: string, userId: string): void;
  clientEvent(event: Extract<WebhookEvent, { name: 'client_event' }>): void;
  /** Cancels pending (debounced) events and waits for requests in flight. */
  close(): Promise<void>;
}

/** The sink used when no webhook URL is configured. */
export const noWebhooks: WebhookSink = {
  channelOccupied() {},
  channelVacated() {},
  memberAdded() {},
  memberRemoved() {},
  clientEvent() {},
  close: async () => {},
};

export interface WebhookSenderOptions {
  app: AppCredentials;
  targets: readonly { url: string }[];
  /** Delay before vacated/removed are sent (Pusher: up to 3 s). */
  debounceMs: number;
  log: (message: string, details?: unknown) => void;
  /** Give up retrying a failed delivery after this long (Pusher retries for 5 minutes). */
  retryForMs?: number;
  requestTimeoutMs?: number;
}

/** Builds the request Pusher would send for one event; exported so tests can check the signing. */
export function buildWebhookRequest(app: AppCredentials, event: WebhookEvent, timeMs: number = Date.now()) {
  const body = JSON.stringify({ time_ms: timeMs, events: [event] });
  const headers = {
    'Content-Type': 'application/json',
    'X-Pusher-Key': app.key,
    'X-Pusher-Signature': hmacHex(app.secret, body),
  };
  return { body, headers };
}

/** A webhook sink that POSTs each event to every target, with retries and debouncing. */
export function createWebhookSender(options: WebhookSenderOptions): WebhookSink {
  const retryForMs = options.retryForMs ?? 5 * 60_000;
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const pending = new Map<string, NodeJS.Timeout>();
  const inFlight = new Set<Promise<void>>();
  let closed = false;
  // Aborts requests and back-off waits so close() never waits out a retry schedule.
  const shutdown = new AbortController();

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      shutdown.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }

  async function deliver(url: string, event: WebhookEvent): Promise<void> {
    const startedAt = Date.now();
    for (let attempt = 0; !closed; attempt += 1) {
      const { body, headers } = buildWebhookRequest(options.app, event);
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.any([AbortSignal.timeout(requestTimeoutMs), shutdown.signal]),
        });
        if (response.ok) return;
        options.log('webhook rejected', { url, status: response.status, event: event.name });
      } catch (error) {
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may run during the fetch; TypeScript keeps the narrowing from before it
        if (closed) return;
        options.log('webhook failed', { url, event: event.name, error: String(error) });
      }
      const backoff = Math.min(1000 * 2 ** attempt, 60_000);
      if (Date.now() - startedAt + backoff > retryForMs) return;
      await sleep(backoff);
    }
  }

  function send(event: WebhookEvent): void {
    if (closed) return;
    for (const target of options.targets) {
      const delivery = deliver(target.url, event).finally(() => inFlight.delete(delivery));
      inFlight.add(delivery);
    }
  }

  /** Sends after the debounce unless cancelled by the matching "came back" event. */
  function sendLater(key: string, event: WebhookEvent): void {
    if (closed || pending.has(key)) return;
    const timer = setTimeout(() => {
      pending.delete(key);
      send(event);
    }, options.debounceMs);
    timer.unref();
    pending.set(key, timer);
  }

  /** True when a debounced event was waiting for `key` (it is cancelled, and so is the "came back" event). */
  function cancel(key: string): boolean {
    const timer = pending.get(key);
    if (!timer) return false;
    clearTimeout(timer);
    pending.delete(key);
    return true;
  }

  return {
    channelOccupied(channel) {
      if (!cancel(`vacated\n${channel}`)) send({ name: 'channel_occupied', channel });
    },
    channelVacated(channel) {
      sendLater(`vacated\n${channel}`, { name: 'channel_vacated', channel });
    },
    memberAdded(channel, userId) {
      if (!cancel(`removed\n${channel}\n${userId}`)) send({ name: 'member_added', channel, user_id: userId });
    },
    memberRemoved(channel, userId) {
      sendLater(`removed\n${channel}\n${userId}`, { name: 'member_removed', channel, user_id: userId });
    },
    clientEvent(event) {
      send(event);
    },
    async close() {
      closed = true;
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      shutdown.abort();
      await Promise.allSettled([...inFlight]);
    },
  };
}
