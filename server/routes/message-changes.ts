import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireParticipant } from '../auth/membership.js';
import { REACTION_EMOJIS, type Message, type ReactionChange, type ReactionEmoji } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { mentionFields, resolveMentions } from './mentions.js';
import { idParam, messageText, pathId, rejectInvalid } from './validation.js';

const emoji = z.enum(REACTION_EMOJIS, { error: `must be one of ${REACTION_EMOJIS.join(' ')}` });

/**
 * `/staff_chat/{hotel}/messages/{id}/…` (HotelMate's names): `edit/` (PATCH) and `delete/` (DELETE) for
 * the author, `react/` (POST) and `react/{emoji}/` (DELETE) for every participant. Each change reaches
 * the other participants live through its own event.
 */
export function messageChangeRoutes({ config, storage, notifier, auth, limitMessages, limitChanges }: RouteDeps) {
  const editBody = z.object({ message: messageText(config.limits.messageMaxLength), ...mentionFields });
  const reactBody = z.object({ emoji });
  const reactionParam = z.object({ id: pathId, emoji });

  return new Hono()
    .patch(
      '/:id/edit',
      auth,
      limitMessages,
      zValidator('param', idParam, rejectInvalid),
      zValidator('json', editBody, rejectInvalid),
      async (c) => {
        const { hotel, sub } = c.var.staff;
        const original = await requireOwnMessage(storage, hotel, c.req.valid('param').id, sub);
        if (original.is_deleted) throw new ApiError(409, 'message_deleted', 'A deleted message cannot be edited.');
        const { message: text, ...mentionBody } = c.req.valid('json');
        // Mentions are replaced only when the edit names them; an edit of the text alone keeps them.
        const replacing = mentionBody.mentions !== undefined || mentionBody.mention_departments !== undefined;
        const mentions = replacing ? await resolveMentions(storage, hotel, original.conversation_id, sub, mentionBody) : [];
        let result = await storage.editMessage(hotel, original.id, text);
        if (!result) throw new ApiError(404, 'not_found', 'No such message.');
        let changed = result.changed;
        if (replacing) {
          const replaced = await storage.replaceMentions(hotel, original.id, mentions);
          if (replaced.changed) {
            changed = true;
            const reread = await storage.getMessage(hotel, original.id);
            if (reread) result = { ...result, message: reread };
          }
          const added = mentions.filter((mention) => replaced.added.includes(mention.staffId));
          if (added.length > 0) void notifier.staffMentioned(hotel, result.message, added);
        }
        if (changed) void notifier.messageChanged(hotel, 'message_edited', result.message, socketOf(c.req.header('x-socket-id')));
        return c.json(result.message);
      },
    )
    .delete('/:id/delete', auth, limitChanges, zValidator('param', idParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const original = await requireOwnMessage(storage, hotel, c.req.valid('param').id, sub);
      // Deleting again answers the placeholder again, so a retried request is harmless.
      const result = await storage.deleteMessage(hotel, original.id);
      if (!result) throw new ApiError(404, 'not_found', 'No such message.');
      if (result.changed) void notifier.messageChanged(hotel, 'message_deleted', result.message, socketOf(c.req.header('x-socket-id')));
      return c.json(result.message);
    })
    .post(
      '/:id/react',
      auth,
      limitChanges,
      zValidator('param', idParam, rejectInvalid),
      zValidator('json', reactBody, rejectInvalid),
      async (c) => {
        const { hotel, sub } = c.var.staff;
        const message = await requireReadableMessage(storage, hotel, c.req.valid('param').id, sub);
        if (message.is_deleted) throw new ApiError(409, 'message_deleted', 'A deleted message cannot get reactions.');
        const { emoji } = c.req.valid('json');
        const result = await storage.addReaction(hotel, {
          conversationId: message.conversation_id,
          messageId: message.id,
          staffId: sub,
          emoji,
        });
        const change = reactionChange(message, sub, emoji, 'added', result.reactions);
        if (result.changed) void notifier.reactionChanged(hotel, change, socketOf(c.req.header('x-socket-id')));
        return c.json(change, result.changed ? 201 : 200);
      },
    )
    .delete('/:id/react/:emoji', auth, limitChanges, zValidator('param', reactionParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const { id, emoji } = c.req.valid('param');
      const message = await requireReadableMessage(storage, hotel, id, sub);
      // Idempotent (unlike HotelMate's 404 for a reaction that is not there): a retry never fails.
      const result = await storage.removeReaction(hotel, {
        conversationId: message.conversation_id,
        messageId: message.id,
        staffId: sub,
        emoji,
      });
      const change = reactionChange(message, sub, emoji, 'removed', result.reactions);
      if (result.changed) void notifier.reactionChanged(hotel, change, socketOf(c.req.header('x-socket-id')));
      return c.json(change);
    });
}

/**
 * The message, when the caller takes part in its conversation.
 *
 * @throws ApiError 404 when there is no such message in this hotel (another hotel's looks missing),
 * 403 `not_participant`.
 */
export async function requireReadableMessage(storage: Storage, hotel: string, messageId: number, staffId: string): Promise<Message> {
  const message = await storage.getMessage(hotel, messageId);
  if (!message) throw new ApiError(404, 'not_found', 'No such message.');
  await requireParticipant(storage, hotel, message.conversation_id, staffId);
  return message;
}

/** @throws like {@link requireReadableMessage}, and 403 `not_author` for someone else's message. */
export async function requireOwnMessage(storage: Storage, hotel: string, messageId: number, staffId: string): Promise<Message> {
  const message = await requireReadableMessage(storage, hotel, messageId, staffId);
  if (message.sender_id !== staffId) throw new ApiError(403, 'not_author', 'Only the author can change a message.');
  return message;
}

function reactionChange(
  message: Message,
  staffId: string,
  emoji: ReactionEmoji,
  action: ReactionChange['action'],
  reactions: ReactionChange['reactions'],
): ReactionChange {
  return { conversation_id: message.conversation_id, message_id: message.id, reactions, staff_id: staffId, emoji, action };
}

/** The caller's own pusher-js socket (X-Socket-Id) already has the answer; the event skips it. */
export function socketOf(socketId: string | undefined): { excludeSocketId?: string } {
  return socketId ? { excludeSocketId: socketId } : {};
}
