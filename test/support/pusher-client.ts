/**
 * An unmodified pusher-js (Node build) configured exactly as the widget is: options from
 * `GET /staff_chat/config`, channel authorization through the server's `/staff_chat/pusher/auth`.
 */
import Pusher from 'pusher-js';
import type { ChatConfig } from '../../contract/index.js';

/** Posts `{socket_id, channel_name}` to the pusher auth route with the caller's token. */
export type AuthorizeChannel = (socketId: string, channelName: string) => Promise<{ status: number; body: unknown }>;

/** Resolves once the client is connected. */
export async function connectedPusher(config: ChatConfig, authorize: AuthorizeChannel): Promise<Pusher> {
  const client = new Pusher(config.pusher.key, {
    ...config.pusher.options,
    channelAuthorization: {
      endpoint: '', // unused: customHandler below
      transport: 'ajax',
      customHandler: ({ socketId, channelName }, callback) => {
        authorize(socketId, channelName).then(
          ({ status, body }) =>
            status === 200
              ? callback(null, body as { auth: string })
              : callback(new Error(`channel authorization refused: ${status}`), null),
          (error: Error) => callback(error, null),
        );
      },
    },
  });
  await new Promise<void>((resolve, reject) => {
    client.connection.bind('connected', () => resolve());
    client.connection.bind('failed', () => reject(new Error('pusher-js could not connect')));
  });
  return client;
}
