import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { TITLE_MAX_LENGTH, type Conversation, type ConversationList } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import { conversationChannel, STAFF_ID } from '../notify/channels.js';
import type { Storage } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { plainText, rejectInvalid } from './validation.js';

export const MAX_PARTICIPANTS = 50;

const createBody = z.object({
  participant_ids: z.array(z.string().regex(STAFF_ID, 'must be a staff id')).min(1).max(MAX_PARTICIPANTS),
  title: plainText(z.string().trim().max(TITLE_MAX_LENGTH).nullish()).transform((title) => title || null),
});

/** `?archived=1`: only the conversations the caller archived (by default they are left out). */
const listQuery = z.object({
  archived: z
    .enum(['1', '0', 'true', 'false'], { error: 'must be 1 or 0' })
    .optional()
    .transform((value) => value === '1' || value === 'true'),
});

/** `/staff_chat/{hotel}/conversations`: the caller's list, and starting a conversation. */
export function conversationRoutes({ storage, notifier, auth }: RouteDeps) {
  return new Hono()
    .get('/', auth, zValidator('query', listQuery, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const conversations = await storage.listConversations(hotel, sub, { archived: c.req.valid('query').archived });
      const results = conversations.map((conversation) => withChannel(hotel, conversation));
      const body: ConversationList = { results, count: results.length };
      return c.json(body);
    })
    .post('/', auth, zValidator('json', createBody, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const { participant_ids, title } = c.req.valid('json');
      // The caller always takes part; naming themself is harmless.
      const others = [...new Set(participant_ids)].filter((id) => id !== sub);
      if (others.length === 0) {
        throw new ApiError(400, 'bad_request', 'Name at least one other participant.', [
          { field: 'participant_ids', problem: 'must name someone besides you' },
        ]);
      }
      await requireStaffOf(storage, hotel, others);

      const { conversationId, created } = await storage.createConversation(hotel, {
        createdBy: sub,
        participantIds: [sub, ...others],
        title,
      });
      const conversation = await storage.getConversation(hotel, conversationId, sub);
      if (!conversation) throw new Error(`conversation ${conversationId} vanished right after it was stored`);
      // An empty 1:1 reaches the other person with its first message; a new group is news at once.
      if (created && conversation.is_group) void notifier.conversationCreated(hotel, conversationId, sub);
      return c.json(withChannel(hotel, conversation), created ? 201 : 200);
    });
}

/** @throws ApiError 400 `unknown_participant` naming every id that is not staff of this hotel. */
export async function requireStaffOf(storage: Storage, hotel: string, staffIds: string[]): Promise<void> {
  const found = await Promise.all(staffIds.map((id) => storage.getStaff(hotel, id)));
  const unknown = staffIds.filter((_, index) => !found[index]);
  if (unknown.length > 0) {
    throw new ApiError(400, 'unknown_participant', 'Some participants are not staff of this hotel.', {
      participant_ids: unknown,
    });
  }
}

/** Conversations leave storage without their channel; it is named here, from the one place names are built. */
export function withChannel(hotel: string, conversation: Omit<Conversation, 'channel'>): Conversation {
  return { ...conversation, channel: conversationChannel(hotel, conversation.id) };
}
