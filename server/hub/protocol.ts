/**
 * Pusher Channels protocol 7: error codes, frame shapes, limits and the parser for client frames.
 * Nothing here touches a socket, so every rule can be read (and tested) in one place.
 */

/** Pusher's close and error codes (protocol doc §1.7). The range decides what pusher-js does next. */
export const ErrorCode = {
  /** 4001-4099: refused; pusher-js stops and does not retry. */
  AppDoesNotExist: 4001,
  PathNotFound: 4005,
  UnsupportedProtocol: 4007,
  NoProtocol: 4008,
  Unauthorized: 4009,
  /**
   * 4100-4199: pusher-js reconnects after a 1 s back-off. Used for every limit a well-behaved client
   * can run into (connection caps, slow consumers, no authorized subscription, subscribe floods): it
   * comes back once the condition has passed instead of giving up (4000-4099) or hammering (4200).
   */
  OverCapacity: 4100,
  /** 4200-4299: pusher-js reconnects at once. */
  GenericReconnect: 4200,
  PongNotReceived: 4201,
  /** 4300+: reported, no close implied. 4301 is Pusher's rate-limit rejection. */
  ClientEventRejected: 4301,
  RateLimited: 4301,
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Limits shared by the WebSocket side and the HTTP API (protocol doc §2.3). */
export const Limits = {
  /** Event data, HTTP-triggered or client-sent. */
  maxEventDataBytes: 10 * 1024,
  /** The SDK allows 200; Pusher's docs say 164. Accept what the SDK can trigger to. */
  maxChannelNameLength: 200,
  maxEventNameLength: 200,
  maxChannelsPerTrigger: 100,
  maxBatchSize: 10,
  clientEventsPerSecond: 10,
  /** Pusher's presence limits: 100 members per channel, a 1 KB user object, 128-character user ids. */
  maxPresenceMembers: 100,
  maxPresenceUserBytes: 1024,
  maxPresenceUserIdLength: 128,
  /**
   * A frame this large cannot be a legitimate protocol message (10 KB data plus envelope): it is
   * answered with `pusher:error` and dropped, and the socket stays open.
   */
  maxFrameBytes: 64 * 1024,
  /**
   * What `ws` buffers at most for one frame. Beyond it `ws` closes the socket with 1009 (and pusher-js
   * reconnects after a second); this only bounds memory, the protocol limit above is what clients meet.
   */
  maxSocketPayloadBytes: 1024 * 1024,
} as const;

/** Protocol versions pusher-js clients of the last years speak; 7 is current. */
const SUPPORTED_PROTOCOLS = new Set([5, 6, 7]);

const CHANNEL_NAME = /^[A-Za-z0-9_\-=@,.;]+$/;
const SERVER_TO_USER_PREFIX = '#server-to-user-';

export type ChannelKind = 'public' | 'private' | 'encrypted' | 'presence' | 'server-to-user';

/** The channel's type, by prefix. `private-encrypted-` must be tested before `private-`. */
export function channelKind(channel: string): ChannelKind {
  if (channel.startsWith(SERVER_TO_USER_PREFIX)) return 'server-to-user';
  if (channel.startsWith('private-encrypted-')) return 'encrypted';
  if (channel.startsWith('private-')) return 'private';
  if (channel.startsWith('presence-')) return 'presence';
  return 'public';
}

/** True for names Pusher accepts, including the `#server-to-user-{id}` channels of signed-in users. */
export function isValidChannelName(channel: string): boolean {
  if (channel.length === 0 || channel.length > Limits.maxChannelNameLength) return false;
  const rest = channel.startsWith(SERVER_TO_USER_PREFIX) ? channel.slice(SERVER_TO_USER_PREFIX.length) : channel;
  return CHANNEL_NAME.test(rest);
}

/** The user channel that `sendToUser` publishes to. */
export function serverToUserChannel(userId: string): string {
  return SERVER_TO_USER_PREFIX + userId;
}

/** The user id of a `#server-to-user-{id}` channel, or undefined for any other channel. */
export function userIdOfServerToUserChannel(channel: string): string | undefined {
  return channel.startsWith(SERVER_TO_USER_PREFIX) ? channel.slice(SERVER_TO_USER_PREFIX.length) : undefined;
}

/** Checks the `protocol` query parameter of the connection URL; returns the close code on failure. */
export function checkProtocolVersion(value: string | null): { code: ErrorCode; message: string } | undefined {
  if (value === null || value === '') return { code: ErrorCode.NoProtocol, message: 'No protocol version supplied.' };
  const version = Number(value);
  if (!Number.isInteger(version) || !SUPPORTED_PROTOCOLS.has(version)) {
    return { code: ErrorCode.UnsupportedProtocol, message: `Unsupported protocol version ${value}.` };
  }
  return undefined;
}

/** A frame the server sends. `data` is already in its wire form (a JSON string for channel events). */
export interface ServerFrame {
  event: string;
  channel?: string;
  data?: unknown;
  user_id?: string;
}

/** Serialises a frame once; fan-out sends the same string to every socket. */
export function encodeFrame(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

/** `pusher:error`, with `data` as an object as Pusher sends it. `code` is null for errors with no Pusher code. */
export function errorFrame(code: ErrorCode | null, message: string, channel?: string): ServerFrame {
  const frame: ServerFrame = { event: 'pusher:error', data: { code, message } };
  if (channel !== undefined) frame.channel = channel;
  return frame;
}

/** A frame from a client, after validation. */
export type ClientFrame =
  | { type: 'ping' }
  | { type: 'pong' }
  | { type: 'subscribe'; channel: string; auth: string; channelData: string | undefined }
  | { type: 'unsubscribe'; channel: string }
  | { type: 'signin'; auth: string; userData: string }
  | { type: 'client-event'; event: string; channel: string; data: unknown };

/** A protocol failure carried as a value, with the Pusher code to report it under. */
export interface ProtocolFailure {
  code: ErrorCode | null;
  message: string;
  channel?: string;
}

export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; failure: ProtocolFailure };

function fail(message: string, code: ErrorCode | null = null, channel?: string): ParseResult {
  return { ok: false, failure: channel === undefined ? { code, message } : { code, message, channel } };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Clients send `data` as an object; a few older ones double-encode it. Accept both. */
function dataObject(data: unknown): Record<string, unknown> | undefined {
  if (isRecord(data)) return data;
  if (typeof data !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(data);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Parses and validates one text frame from a client. Never throws. */
export function parseClientFrame(text: string): ParseResult {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return fail('Invalid JSON.');
  }
  if (!isRecord(message) || typeof message.event !== 'string') return fail('A frame must be an object with an event.');
  const { event } = message;

  if (event === 'pusher:ping') return { ok: true, frame: { type: 'ping' } };
  if (event === 'pusher:pong') return { ok: true, frame: { type: 'pong' } };

  if (event === 'pusher:subscribe' || event === 'pusher:unsubscribe') {
    const data = dataObject(message.data);
    if (!data || typeof data.channel !== 'string') return fail(`${event} needs data.channel as a string.`);
    if (event === 'pusher:unsubscribe') return { ok: true, frame: { type: 'unsubscribe', channel: data.channel } };
    const auth = data.auth ?? '';
    // Many authorizers answer `channel_data: null` for private channels and pusher-js forwards it as is;
    // Pusher treats it as absent.
    const channelData = data.channel_data ?? undefined;
    if (typeof auth !== 'string') return fail('data.auth must be a string.', null, data.channel);
    if (channelData !== undefined && typeof channelData !== 'string') {
      return fail('data.channel_data must be a string.', null, data.channel);
    }
    return { ok: true, frame: { type: 'subscribe', channel: data.channel, auth, channelData } };
  }

  if (event === 'pusher:signin') {
    const data = dataObject(message.data);
    if (!data || typeof data.auth !== 'string' || typeof data.user_data !== 'string') {
      return fail('pusher:signin needs data.auth and data.user_data as strings.', ErrorCode.Unauthorized);
    }
    return { ok: true, frame: { type: 'signin', auth: data.auth, userData: data.user_data } };
  }

  if (event.startsWith('client-')) {
    if (typeof message.channel !== 'string') return fail('A client event needs a channel.', ErrorCode.ClientEventRejected);
    return { ok: true, frame: { type: 'client-event', event, channel: message.channel, data: message.data } };
  }

  return fail(`Unsupported event ${event.slice(0, Limits.maxEventNameLength)}.`);
}
