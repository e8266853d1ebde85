import { isDeepStrictEqual } from 'node:util';
import { Hono } from 'hono';
import { z } from 'zod';
import type Pusher from 'pusher';
import { SOCKET_ID, type PresenceUserInfo, type StaffClaims } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import { parseChannel, type ParsedChannel } from '../notify/channels.js';
import type { Storage } from '../storage/storage.js';
import { holderKey, type RouteDeps } from './deps.js';
import { invalidInput } from './validation.js';

const authBody = z.object({
  socket_id: z.string().regex(SOCKET_ID, 'must be a Pusher socket id such as 123.456'),
  channel_name: z.string().min(1).max(200),
  // pusher-js never sends it; a custom authorizer might. The server's own is what gets signed.
  channel_data: z.string().max(10_000).optional(),
});

/** Pusher refuses presence members whose `channel_data` is over 1 KB (the hub does too, with 4301). */
const MAX_CHANNEL_DATA_BYTES = 1000;

/**
 * `POST /staff_chat/pusher/auth`: pusher-js channel authorization. The decision comes from the token
 * and the database only; the channel name says what is asked for, never who may have it.
 */
export function pusherAuthRoutes({ storage, pusher, auth, subscriptions }: RouteDeps) {
  return new Hono().post('/', auth, async (c) => {
    // pusher-js posts a form; fetch-based custom authorizers often post JSON.
    const isJson = /^application\/(.+\+)?json/i.test(c.req.header('content-type') ?? '');
    const raw: unknown = isJson
      ? await c.req.json<unknown>().catch(() => {
          throw new ApiError(400, 'bad_request', 'Malformed JSON in request body.');
        })
      : await c.req.parseBody();
    const parsed = authBody.safeParse(raw);
    if (!parsed.success) throw invalidInput(parsed.error.issues);
    const { socket_id, channel_name, channel_data } = parsed.data;

    const kind = await requireChannelAccess(storage, c.var.staff, channel_name);
    if (kind === 'conversation') subscriptions?.grant(socket_id, channel_name, holderKey(c.var.staff.hotel, c.var.staff.sub));
    if (kind !== 'presence') return c.json(pusher.authorizeChannel(socket_id, channel_name));
    const member = presenceMember(c.var.staff);
    if (channel_data !== undefined) requireSameMember(channel_data, member);
    return c.json(pusher.authorizeChannel(socket_id, channel_name, member));
  });
}

/**
 * The caller as a presence member, from the token alone: who someone is online as is never the client's
 * say. Trimmed to fit Pusher's 1 KB limit (avatar first, then department, then the name's tail).
 */
export function presenceMember(staff: StaffClaims): Pusher.PresenceChannelData & { user_info: PresenceUserInfo } {
  const info: PresenceUserInfo = { name: staff.name, avatar: staff.avatar ?? null, department: staff.department ?? null };
  const member = { user_id: staff.sub, user_info: info };
  const fits = (): boolean => Buffer.byteLength(JSON.stringify(member)) <= MAX_CHANNEL_DATA_BYTES;
  if (!fits()) info.avatar = null;
  if (!fits()) info.department = null;
  while (!fits()) info.name = Array.from(info.name).slice(0, -8).join('');
  return member;
}

/** @throws ApiError 403 when a client-sent `channel_data` claims anyone or anything else than the token says. */
function requireSameMember(channelData: string, member: ReturnType<typeof presenceMember>): void {
  let claimed: unknown;
  try {
    claimed = JSON.parse(channelData);
  } catch {
    claimed = undefined;
  }
  const { user_id, user_info } = (typeof claimed === 'object' && claimed !== null ? claimed : {}) as Record<string, unknown>;
  const same = user_id === member.user_id && (user_info === undefined || isDeepStrictEqual(user_info, member.user_info));
  if (!same) throw new ApiError(403, 'forbidden', 'Presence data is set by the server from your token; it cannot be chosen.');
}

/**
 * @returns the kind of channel, once the caller may listen on it.
 * @throws ApiError 403 unless the caller may listen on the channel.
 */
async function requireChannelAccess(storage: Storage, staff: StaffClaims, channelName: string): Promise<ParsedChannel['kind']> {
  const channel = parseChannel(channelName);
  if (!channel) throw new ApiError(403, 'forbidden', 'This channel cannot be subscribed to.');
  if (channel.hotel !== staff.hotel) throw new ApiError(403, 'wrong_hotel', 'The channel belongs to another hotel.');
  switch (channel.kind) {
    case 'conversation': {
      const participantIds = await storage.getParticipantIds(staff.hotel, channel.conversationId);
      // A missing conversation is refused the same way, so channel auth reveals nothing about which exist.
      if (!participantIds?.includes(staff.sub)) {
        throw new ApiError(403, 'not_participant', 'You are not a participant of this conversation.');
      }
      return channel.kind;
    }
    case 'personal':
      if (channel.staffId !== staff.sub) throw new ApiError(403, 'forbidden', "This is another person's channel.");
      return channel.kind;
    case 'presence':
      // The hotel was checked above: everyone of the hotel, and only of it, is in its presence channel.
      return channel.kind;
  }
}
