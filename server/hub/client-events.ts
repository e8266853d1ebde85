/**
 * `client-*` events: relayed to the channel's other subscribers, never echoed. Only subscribed senders,
 * only private and presence channels (encrypted ones are end-to-end and pusher-js refuses them), at most
 * 10 per second per connection; a refusal is `pusher:error` 4301 on that channel.
 */
import type { Connection } from './connection.js';
import type { HubCore } from './core.js';
import { channelKind, ErrorCode, errorFrame, Limits, type ServerFrame } from './protocol.js';

type ClientEventFrame = { event: string; channel: string; data: unknown };

function rejection(frame: ClientEventFrame, connection: Connection, core: HubCore): string | undefined {
  if (frame.event.length > Limits.maxEventNameLength) return 'Client event name is too long.';
  const kind = channelKind(frame.channel);
  if (kind !== 'private' && kind !== 'presence') {
    return 'Client events are only accepted on private and presence channels.';
  }
  if (!core.channels.isSubscribed(connection, frame.channel)) return 'Subscribe to the channel before sending on it.';
  if (!connection.takeClientEventToken(Limits.clientEventsPerSecond)) {
    return `Client event rate limit of ${Limits.clientEventsPerSecond}/s exceeded.`;
  }
  return undefined;
}

/** Handles one client event. */
export function handleClientEvent(core: HubCore, connection: Connection, frame: ClientEventFrame): void {
  const refused = rejection(frame, connection, core);
  if (refused) {
    connection.send(errorFrame(ErrorCode.ClientEventRejected, refused, frame.channel));
    return;
  }
  const dataText = typeof frame.data === 'string' ? frame.data : JSON.stringify(frame.data ?? null);
  if (Buffer.byteLength(dataText) > Limits.maxEventDataBytes) {
    connection.send(errorFrame(ErrorCode.ClientEventRejected, 'Client event data is over 10 KB.', frame.channel));
    return;
  }

  const relayed: ServerFrame = { event: frame.event, channel: frame.channel, data: frame.data };
  const userId = connection.subscriptions.get(frame.channel);
  if (userId !== undefined) relayed.user_id = userId;
  core.broadcast(frame.channel, relayed, connection.socketId);

  const webhook = {
    name: 'client_event',
    channel: frame.channel,
    event: frame.event,
    data: dataText,
    socket_id: connection.socketId,
  } as const;
  core.options.webhooks.clientEvent(userId === undefined ? webhook : { ...webhook, user_id: userId });
}
