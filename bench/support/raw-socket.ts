/**
 * Plain `ws` clients: the receivers of the fan-out benchmark (speaking just enough Pusher protocol to
 * subscribe to a public channel) and of the bare baselines.
 */
import { createHmac } from 'node:crypto';
import WebSocket from 'ws';
import { withTimeout } from './wait.js';

/** Opens a socket and resolves once it is open. */
export function openSocket(url: string): Promise<WebSocket> {
  return withTimeout(
    new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
    }),
    10_000,
    `open ${url}`,
  );
}

/**
 * A socket on the hub at `/app/{key}`, subscribed to `channel`: a public one, or a private one when
 * `secret` is given (the parent signs the subscription itself, as an auth endpoint would).
 */
export async function openPusherSocket(port: number, key: string, channel: string, secret?: string): Promise<WebSocket> {
  const socket = new WebSocket(`ws://127.0.0.1:${port}/app/${key}?protocol=7&client=bench&version=1.0`, { perMessageDeflate: false });
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      socket.once('error', reject);
      const onMessage = (data: WebSocket.RawData) => {
        const frame = JSON.parse(String(data)) as { event: string; data?: string };
        if (frame.event === 'pusher:connection_established') {
          const socketId = (JSON.parse(frame.data ?? '{}') as { socket_id?: string }).socket_id;
          const auth = secret && `${key}:${createHmac('sha256', secret).update(`${socketId}:${channel}`).digest('hex')}`;
          socket.send(JSON.stringify({ event: 'pusher:subscribe', data: { channel, ...(auth ? { auth } : {}) } }));
        } else if (frame.event === 'pusher_internal:subscription_succeeded') {
          socket.off('message', onMessage);
          // Answer the engine's pings as pusher-js does, or a run longer than the activity timeout
          // (120 s; a loaded machine gets there) ends with the engine closing every socket.
          socket.on('message', (data: WebSocket.RawData) => {
            // Checked by length first: the fan-out's events (about 700 bytes) must cost no parsing here.
            if ((data as Buffer).length < 100 && String(data).includes('"pusher:ping"'))
              socket.send(JSON.stringify({ event: 'pusher:pong', data: {} }));
          });
          resolve();
        } else if (frame.event === 'pusher:error') {
          reject(new Error(`hub refused: ${String(data)}`));
        }
      };
      socket.on('message', onMessage);
    }),
    10_000,
    `subscribe ${channel}`,
  );
  return socket;
}

/** Closes every socket and waits for each close (bounded). */
export async function closeSockets(sockets: readonly WebSocket[]): Promise<void> {
  await withTimeout(
    Promise.all(
      sockets.map(
        (socket) =>
          new Promise<void>((resolve) => {
            if (socket.readyState === WebSocket.CLOSED) {
              resolve();
              return;
            }
            socket.once('close', () => resolve());
            socket.close();
          }),
      ),
    ),
    10_000,
    'sockets to close',
  ).catch(() => sockets.forEach((socket) => socket.terminate()));
}
