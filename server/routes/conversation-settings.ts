import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware.js';
import { requireParticipant } from '../auth/membership.js';
import type { Conversation, ParticipantLeft, UnreadCount } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import { conversationChannel, STAFF_ID } from '../notify/channels.js';
import type { Storage } from '../storage/storage.js';
import { withChannel } from './conversations.js';
import { refuseDepartmentChannel } from './departments.js';
import { holderKey, type RouteDeps } from './deps.js';
import { idParam, pathId, rejectInvalid } from './validation.js';

const participantParam = z.object({ id: pathId, staff_id: z.string().regex(STAFF_ID, 'must be a staff id') });

/**
 * `/staff_chat/{hotel}/conversations/…`: each person's own settings and leaving.
 * - `{id}/mute/` POST mutes, DELETE unmutes (`is_muted`); `{id}/archive/` POST archives, DELETE
 *   unarchives (`is_archived`; a new message brings it back by itself). Each answers the conversation as
 *   the caller sees it, idempotently, and tells the caller's other tabs through `conversation_updated`.
 * - `{id}/leave/` POST: a group's participant leaves (a 1:1 cannot be left: 409 `not_a_group`).
 * - `{id}/participants/{staff_id}/` DELETE: the group's creator, or a STAFF_CHAT_ADMIN_ROLES role, takes
 *   someone out (403 `not_allowed` for anyone else; 404 when they are not in it).
 * - `unread-count/` GET: the caller's {@link UnreadCount}.
 */
export function conversationSettingsRoutes({ config, storage, notifier, auth, limitChanges, subscriptions }: RouteDeps) {
  const ownSetting =
    (apply: (storage: Storage, hotel: string, id: number, sub: string) => Promise<boolean>) => async (c: Context<AuthEnv>, id: number) => {
      const { hotel, sub } = c.var.staff;
      await requireParticipant(storage, hotel, id, sub);
      if (await apply(storage, hotel, id, sub)) void notifier.ownViewChanged(hotel, id, sub);
      return c.json(withChannel(hotel, await viewOf(storage, hotel, id, sub)));
    };
  const mute = ownSetting((s, hotel, id, sub) => s.setMuted(hotel, id, sub, true));
  const unmute = ownSetting((s, hotel, id, sub) => s.setMuted(hotel, id, sub, false));
  const archive = ownSetting((s, hotel, id, sub) => s.setArchived(hotel, id, sub, true));
  const unarchive = ownSetting((s, hotel, id, sub) => s.setArchived(hotel, id, sub, false));

  /** Takes `staffId` out and tells everyone; the caller checked who may. */
  const takeOut = async (c: Context<AuthEnv>, id: number, staffId: string, removedBy: string | null) => {
    const { hotel } = c.var.staff;
    const conversation = await viewOf(storage, hotel, id, c.var.staff.sub);
    const leaving = conversation.participants.find((staff) => staff.id === staffId);
    if (!(await storage.removeParticipant(hotel, id, staffId)) || !leaving)
      throw new ApiError(404, 'not_found', 'They are not a participant of this conversation.');
    const left: ParticipantLeft = {
      conversation_id: id,
      staff_id: staffId,
      staff_name: leaving.full_name,
      removed_by: removedBy,
      left_at: new Date().toISOString(),
    };
    // After participant_left has gone out (their tabs hear it), the hub stops their old subscriptions.
    void notifier.participantLeft(hotel, left).then(() => subscriptions?.revoke(conversationChannel(hotel, id), holderKey(hotel, staffId)));
    return left;
  };

  return new Hono()
    .get('/unread-count', auth, async (c) => {
      const { hotel, sub } = c.var.staff;
      // Archived conversations have nothing unread: a new message un-archives them.
      const conversations = await storage.listConversations(hotel, sub);
      const breakdown = conversations
        .filter((conversation) => conversation.unread_count > 0 || (conversation.mention_count ?? 0) > 0)
        .map((conversation) => ({
          conversation_id: conversation.id,
          unread_count: conversation.unread_count,
          mention_count: conversation.mention_count ?? 0,
          title: conversation.title,
          is_group: conversation.is_group,
          is_muted: conversation.is_muted ?? false,
        }));
      const body: UnreadCount = {
        total_unread: breakdown.filter((entry) => !entry.is_muted).reduce((sum, entry) => sum + entry.unread_count, 0),
        total_mentions: breakdown.reduce((sum, entry) => sum + entry.mention_count, 0),
        conversations_with_unread: breakdown.filter((entry) => entry.unread_count > 0).length,
        breakdown,
      };
      return c.json(body);
    })
    .post('/:id/mute', auth, limitChanges, zValidator('param', idParam, rejectInvalid), (c) => mute(c, c.req.valid('param').id))
    .delete('/:id/mute', auth, limitChanges, zValidator('param', idParam, rejectInvalid), (c) => unmute(c, c.req.valid('param').id))
    .post('/:id/archive', auth, limitChanges, zValidator('param', idParam, rejectInvalid), (c) => archive(c, c.req.valid('param').id))
    .delete('/:id/archive', auth, limitChanges, zValidator('param', idParam, rejectInvalid), (c) => unarchive(c, c.req.valid('param').id))
    .post('/:id/leave', auth, limitChanges, zValidator('param', idParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const { id } = c.req.valid('param');
      await requireParticipant(storage, hotel, id, sub);
      await requireGroup(storage, hotel, id, sub);
      return c.json({ success: true, ...(await takeOut(c, id, sub, null)) });
    })
    .delete('/:id/participants/:staff_id', auth, limitChanges, zValidator('param', participantParam, rejectInvalid), async (c) => {
      const { hotel, sub, role } = c.var.staff;
      const { id, staff_id } = c.req.valid('param');
      await requireParticipant(storage, hotel, id, sub);
      const conversation = await requireGroup(storage, hotel, id, sub);
      const admin = role !== undefined && config.adminRoles.includes(role.trim().toLocaleLowerCase());
      if (staff_id !== sub && conversation.created_by !== sub && !admin) {
        throw new ApiError(403, 'not_allowed', "Only the group's creator or a chat admin can remove people.");
      }
      await takeOut(c, id, staff_id, staff_id === sub ? null : sub);
      return c.json(withChannel(hotel, await viewOf(storage, hotel, id, sub)));
    });
}

async function viewOf(storage: Storage, hotel: string, id: number, viewerId: string): Promise<Omit<Conversation, 'channel'>> {
  const conversation = await storage.getConversation(hotel, id, viewerId);
  if (!conversation) throw new ApiError(404, 'not_found', 'No such conversation.');
  return conversation;
}

/**
 * @throws ApiError 409 `department_channel` for a department channel (membership follows the token's
 * claim, so a leave or removal would be undone at the next sign-in); 409 `not_a_group` for a 1:1: it
 * has nobody to stay behind.
 */
async function requireGroup(storage: Storage, hotel: string, id: number, viewerId: string): Promise<Omit<Conversation, 'channel'>> {
  const conversation = await viewOf(storage, hotel, id, viewerId);
  refuseDepartmentChannel(conversation);
  if (!conversation.is_group) throw new ApiError(409, 'not_a_group', 'A 1:1 conversation cannot be left; archive or mute it instead.');
  return conversation;
}
