/**
 * `pusher:subscribe` and `pusher:unsubscribe`. A refused subscription is answered on the channel with
 * `pusher:subscription_error` {type, error, status} (soketi's choice); the connection stays open.
 * Presence channels carry Pusher's limits (100 members, 1 KB user object, 128-character user id), with
 * soketi's statuses: 4100 for a full channel, 4301 for an oversized member.
 */
import type { PresenceMember } from './channels.js';
import type { Connection } from './connection.js';
import type { HubCore } from './core.js';
import { channelKind, isValidChannelName, Limits, userIdOfServerToUserChannel } from './protocol.js';
import { verifyChannelAuth } from './signatures.js';

type SubscribeFrame = { channel: string; auth: string; channelData: string | undefined };

/** Why a subscription was refused, in the shape pusher-js hands to `pusher:subscription_error` handlers. */
export interface SubscriptionError {
  type: 'AuthError' | 'InvalidChannel' | 'InvalidPresenceData' | 'LimitReached';
  error: string;
  status: number;
}

type Authorization = { ok: true; member?: PresenceMember } | { ok: false; error: SubscriptionError };

const authError = (error: string): Authorization => ({ ok: false, error: { type: 'AuthError', error, status: 401 } });

/** Parses presence `channel_data`: `user_id` as a non-empty string or a number, `user_info` optional. */
function presenceMember(channelData: string): PresenceMember | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(channelData);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { user_id: userId, user_info: userInfo } = parsed as { user_id?: unknown; user_info?: unknown };
  if (typeof userId === 'number' && Number.isFinite(userId)) return { userId: String(userId), userInfo: userInfo ?? null };
  if (typeof userId === 'string' && userId.length > 0) return { userId, userInfo: userInfo ?? null };
  return undefined;
}

/** Pusher's presence limits; a user already in the channel may always add another socket. */
function presenceLimitProblem(core: HubCore, channel: string, channelData: string, member: PresenceMember): Authorization | undefined {
  const limitReached = (error: string, status: number): Authorization => ({ ok: false, error: { type: 'LimitReached', error, status } });
  if (member.userId.length > Limits.maxPresenceUserIdLength) {
    return limitReached(`Presence user ids are at most ${Limits.maxPresenceUserIdLength} characters.`, 4301);
  }
  if (Buffer.byteLength(channelData) > Limits.maxPresenceUserBytes) {
    return limitReached(`The presence user object is over ${Limits.maxPresenceUserBytes} bytes.`, 4301);
  }
  if (core.channels.userCount(channel) >= Limits.maxPresenceMembers && !core.channels.hasMember(channel, member.userId)) {
    return limitReached(`Presence channels hold at most ${Limits.maxPresenceMembers} members.`, 4100);
  }
  return undefined;
}

function authorize(core: HubCore, connection: Connection, frame: SubscribeFrame): Authorization {
  const { channel, auth, channelData } = frame;
  switch (channelKind(channel)) {
    case 'public':
      return { ok: true };
    case 'private':
    case 'encrypted':
      return verifyChannelAuth(core.app, connection.socketId, channel, auth)
        ? { ok: true }
        : authError(`Invalid signature for ${channel}.`);
    case 'presence': {
      if (channelData === undefined) return authError('Presence channels need channel_data.');
      if (!verifyChannelAuth(core.app, connection.socketId, channel, auth, channelData)) {
        return authError(`Invalid signature for ${channel}.`);
      }
      const member = presenceMember(channelData);
      if (!member) {
        return {
          ok: false,
          error: { type: 'InvalidPresenceData', error: 'channel_data needs a user_id.', status: 400 },
        };
      }
      return presenceLimitProblem(core, channel, channelData, member) ?? { ok: true, member };
    }
    case 'server-to-user':
      return connection.user !== undefined && connection.user.id === userIdOfServerToUserChannel(channel)
        ? { ok: true }
        : authError('Only the signed-in user may subscribe to its own user channel.');
  }
}

/** Handles `pusher:subscribe`. */
export function handleSubscribe(core: HubCore, connection: Connection, frame: SubscribeFrame): void {
  if (!isValidChannelName(frame.channel)) {
    const error: SubscriptionError = {
      type: 'InvalidChannel',
      error: 'Channel names use A-Z a-z 0-9 _ - = @ , . ; and are at most 200 characters.',
      status: 400,
    };
    connection.send({ event: 'pusher:subscription_error', channel: frame.channel, data: error });
    return;
  }
  const authorization = authorize(core, connection, frame);
  if (!authorization.ok) {
    connection.send({ event: 'pusher:subscription_error', channel: frame.channel, data: authorization.error });
    return;
  }
  core.join(connection, frame.channel, authorization.member);
}

/** Handles `pusher:unsubscribe`; unknown or repeated unsubscribes are ignored, as on Pusher. */
export function handleUnsubscribe(core: HubCore, connection: Connection, channel: string): void {
  core.leave(connection, channel);
}
