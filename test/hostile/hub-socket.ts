/**
 * Raw Pusher-protocol sockets (`ws`) for the attackers: thousands of them cost far less than pusher-js
 * clients, they can come from a chosen loopback address, and they do what pusher-js never would
 * (subscribe in a loop, stop reading).
 */
import WebSocket from 'ws';

/** How opening a socket ended. */
export type OpenOutcome =
  | { kind: 'established'; socket: WebSocket; socketId: string }
  /** The server answered the upgrade with an HTTP status instead of 101. */
  | { kind: 'refused'; status: number }
  /** It upgraded, then closed before `pusher:connection_established` (Pusher's way to refuse: 4xxx). */
  | { kind: 'closed'; code: number }
  /** Reset, hung up, or no answer in time. */
  | { kind: 'failed'; reason: string };

/** Opens a socket to the hub and waits for `pusher:connection_established`. */
export function openHubSocket(url: string, options: { localAddress?: string; timeoutMs?: number } = {}): Promise<OpenOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, {
      ...(options.localAddress && { localAddress: options.localAddress }),
      handshakeTimeout: options.timeoutMs ?? 10_000,
    });
    let settled = false;
    const settle = (outcome: OpenOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.off('message', onMessage);
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      settle({ kind: 'failed', reason: 'no connection_established in time' });
      socket.terminate();
    }, options.timeoutMs ?? 10_000);
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { event: string; data: string };
      if (frame.event === 'pusher:connection_established') {
        settle({ kind: 'established', socket, socketId: (JSON.parse(frame.data) as { socket_id: string }).socket_id });
      }
    };
    socket.on('message', onMessage);
    socket.on('unexpected-response', (_request, response) => {
      settle({ kind: 'refused', status: response.statusCode ?? 0 });
      socket.terminate();
    });
    socket.on('close', (code) => settle({ kind: 'closed', code }));
    socket.on('error', (error) => settle({ kind: 'failed', reason: (error as NodeJS.ErrnoException).code ?? error.message }));
  });
}

/** A subscribe frame as pusher-js sends it. */
export function subscribeFrame(channel: string, auth: { auth: string; channel_data?: string }): string {
  return JSON.stringify({ event: 'pusher:subscribe', data: { channel, ...auth } });
}

export function unsubscribeFrame(channel: string): string {
  return JSON.stringify({ event: 'pusher:unsubscribe', data: { channel } });
}

/** Resolves once the socket's subscription to `channel` succeeded; rejects on an error or a close. */
export function subscriptionSucceeded(socket: WebSocket, channel: string, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => finish(new Error(`no subscription_succeeded for ${channel}`)), timeoutMs);
    const onMessage = (data: WebSocket.RawData) => {
      const frame = JSON.parse(String(data)) as { event: string; channel?: string; data?: unknown };
      if (frame.channel !== channel) return;
      if (frame.event === 'pusher_internal:subscription_succeeded') finish();
      if (frame.event === 'pusher:subscription_error') finish(new Error(`subscription refused: ${JSON.stringify(frame.data)}`));
    };
    const onClose = (code: number) => finish(new Error(`socket closed with ${code} while subscribing`));
    const finish = (error?: Error) => {
      clearTimeout(timer);
      socket.off('message', onMessage);
      socket.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    socket.on('message', onMessage);
    socket.on('close', onClose);
  });
}

/** Runs `work` over `items` with at most `concurrency` at once. */
export async function inBatches<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}
