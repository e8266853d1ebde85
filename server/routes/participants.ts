import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireParticipant } from '../auth/membership.js';
import { ApiError } from '../errors.js';
import { STAFF_ID } from '../notify/channels.js';
import { MAX_PARTICIPANTS, requireStaffOf, withChannel } from './conversations.js';
import { refuseDepartmentChannel } from './departments.js';
import type { RouteDeps } from './deps.js';
import { idParam, rejectInvalid } from './validation.js';

const addBody = z.object({
  participant_ids: z.array(z.string().regex(STAFF_ID, 'must be a staff id')).min(1).max(MAX_PARTICIPANTS),
});

/**
 * `POST /staff_chat/{hotel}/conversations/{id}/participants/`: any participant of a group adds people
 * from the directory. They see the history, start with nothing unread, and find the group in their list
 * live through `conversation_updated` on their personal channel. A 1:1 stays a 1:1 (409 `not_a_group`):
 * start a group instead.
 */
export function participantRoutes({ storage, notifier, auth }: RouteDeps) {
  return new Hono().post(
    '/:id/participants',
    auth,
    zValidator('param', idParam, rejectInvalid),
    zValidator('json', addBody, rejectInvalid),
    async (c) => {
      const { hotel, sub } = c.var.staff;
      const { id } = c.req.valid('param');
      const current = await requireParticipant(storage, hotel, id, sub);
      const conversation = await storage.getConversation(hotel, id, sub);
      if (!conversation) throw new ApiError(404, 'not_found', 'No such conversation.');
      refuseDepartmentChannel(conversation);
      if (!conversation.is_group) {
        throw new ApiError(409, 'not_a_group', 'People can only be added to a group; start a group with them instead.');
      }
      const newcomers = [...new Set(c.req.valid('json').participant_ids)].filter((staffId) => !current.includes(staffId));
      await requireStaffOf(storage, hotel, newcomers);
      if (current.length + newcomers.length > MAX_PARTICIPANTS) {
        throw new ApiError(400, 'too_many_participants', `A conversation has at most ${MAX_PARTICIPANTS} participants.`);
      }

      const added = await storage.addParticipants(hotel, id, newcomers);
      if (added.length === 0) return c.json(withChannel(hotel, conversation));
      void notifier.participantsAdded(hotel, id, sub, added);
      const updated = await storage.getConversation(hotel, id, sub);
      if (!updated) throw new Error(`conversation ${id} vanished right after people were added`);
      return c.json(withChannel(hotel, updated));
    },
  );
}
