import { Hono } from 'hono';
import { z } from 'zod';
import type { StaffClaims } from '../contract.js';
import { ApiError } from '../errors.js';
import { parseChannel } from '../notify/channels.js';
import type { Storage } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { invalidInput } from './validation.js';

const authBody = z.object({
  socket_id: z.string().regex(/^\d+\.\d+$/, 'must be a Pusher socket id such as 123.456'),
  channel_name: z.string().min(1).max(200),
});

/**
 * `POST /staff_chat/pusher/auth`: pusher-js channel authorization. The decision comes from the token
 * and the database only; the channel name says what is asked for, never who may have it.
 */
export function pusherAuthRoutes({ storage, pusher, auth }: RouteDeps) {
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
    const { socket_id, channel_name } = parsed.data;

    await requireChannelAccess(storage, c.var.staff, channel_name);
    return c.json(pusher.authorizeChannel(socket_id, channel_name));
  });
}

/** @throws ApiError 403 unless the caller may listen on the channel. */
async function requireChannelAccess(storage: Storage, staff: StaffClaims, channelName: string): Promise<void> {
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
      return;
    }
    case 'personal':
      if (channel.staffId !== staff.sub) throw new ApiError(403, 'forbidden', 'This is another person\'s channel.');
      return;
    case 'presence':
      throw new ApiError(403, 'forbidden', 'Presence channels are not available yet.');
  }
}
