import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireParticipant } from '../auth/membership.js';
import { CLIENT_ID, type MessagePage } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { RouteDeps } from './deps.js';
import { requireReplyTarget } from './reply-target.js';
import { handoverItems, requireDepartmentChannel } from './handover.js';
import { mentionFields, resolveMentions } from './mentions.js';
import { bodyId, idParam, messageText, queryAfterId, queryId, rejectInvalid } from './validation.js';

/** `/staff_chat/{hotel}/conversations/{id}/…`: history, sending, read state. */
export function messageRoutes({ config, storage, notifier, auth, limitMessages }: RouteDeps) {
  const { limits } = config;

  const pageQuery = z
    .object({
      limit: z
        .string()
        .regex(/^[0-9]{1,4}$/, 'must be a whole number')
        .transform(Number)
        .pipe(z.number().min(1).max(limits.pageSizeMax))
        .optional(),
      before_id: queryId.optional(),
      after_id: queryAfterId.optional(),
    })
    .refine((query) => query.before_id === undefined || query.after_id === undefined, {
      error: 'give before_id or after_id, not both',
      path: ['after_id'],
    });

  const sendBody = z.object({
    message: messageText(limits.messageMaxLength),
    attachments: z.array(bodyId).max(0, 'attachments are not supported yet').optional(),
    reply_to: bodyId.nullish(),
    client_id: z.string().regex(CLIENT_ID, 'must be 1 to 64 characters from A-Z a-z 0-9 _ -').optional(),
    requires_acknowledgement: z.boolean().optional(),
    handover_items: handoverItems.optional(),
    ...mentionFields,
  });

  const markReadBody = z.object({ last_read_id: bodyId.optional() });

  return new Hono()
    .get('/:id/messages', auth, zValidator('param', idParam, rejectInvalid), zValidator('query', pageQuery, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const { id } = c.req.valid('param');
      const { limit = limits.pageSizeDefault, before_id, after_id } = c.req.valid('query');
      await requireParticipant(storage, hotel, id, sub);
      const page = await storage.listMessages(hotel, id, {
        limit,
        ...(before_id !== undefined && { beforeId: before_id }),
        ...(after_id !== undefined && { afterId: after_id }),
      });
      const read_marks = await storage.getReadMarks(hotel, id);
      const body: MessagePage = { messages: page.messages, count: page.messages.length, has_more: page.hasMore, read_marks };
      return c.json(body);
    })
    .post(
      '/:id/send-message',
      auth,
      limitMessages,
      zValidator('param', idParam, rejectInvalid),
      zValidator('json', sendBody, rejectInvalid),
      async (c) => {
        const { hotel, sub } = c.var.staff;
        const { id } = c.req.valid('param');
        const { message: text, reply_to, client_id, requires_acknowledgement, handover_items, ...mentionBody } = c.req.valid('json');
        await requireParticipant(storage, hotel, id, sub);
        if (handover_items) await requireDepartmentChannel(storage, hotel, id, sub);
        const mentions = await resolveMentions(storage, hotel, id, sub, mentionBody);
        if (reply_to != null) await requireReplyTarget(storage, hotel, id, reply_to);

        const { message, created } = await storage.insertMessage(hotel, {
          conversationId: id,
          senderId: sub,
          clientId: client_id ?? null,
          message: text,
          replyTo: reply_to ?? null,
          ...(requires_acknowledgement && { requiresAcknowledgement: true }),
          ...(handover_items && { handoverItems: handover_items }),
          ...(mentions.length > 0 && { mentions }),
        });
        if (message.conversation_id !== id) {
          // The sender used this client_id for a message elsewhere: not a replay of this request.
          throw new ApiError(409, 'client_id_conflict', 'This client_id was already used for a message in another conversation.');
        }
        // Also on a replay: the first attempt may have stored the message and died before notifying;
        // listeners drop a message id they already have.
        const socketId = c.req.header('x-socket-id');
        void notifier.messageCreated(hotel, message, socketId ? { excludeSocketId: socketId } : {});
        // A replay notifies nobody again: a mention is a nudge, and a second one would be noise.
        if (created && mentions.length > 0) void notifier.staffMentioned(hotel, message, mentions);
        return c.json(message, created ? 201 : 200);
      },
    )
    .post(
      '/:id/mark_as_read',
      auth,
      zValidator('param', idParam, rejectInvalid),
      zValidator('json', markReadBody, rejectInvalid),
      async (c) => {
        const { hotel, sub } = c.var.staff;
        const { id } = c.req.valid('param');
        const { last_read_id } = c.req.valid('json');
        await requireParticipant(storage, hotel, id, sub);
        const marks = await storage.getReadMarks(hotel, id);
        const previous = marks.find((mark) => mark.staff_id === sub)?.last_read_message_id ?? 0;
        const lastReadId = await storage.markRead(hotel, id, sub, last_read_id);
        if (lastReadId > previous) {
          // Only a mark that moved is news: "seen by" for the others, cleared badges for the reader's other tabs.
          const read = { conversation_id: id, read_by_staff_id: sub, last_read_message_id: lastReadId, read_at: new Date().toISOString() };
          const socketId = c.req.header('x-socket-id');
          void notifier.messagesRead(hotel, read, socketId ? { excludeSocketId: socketId } : {});
        }
        const conversation = await storage.getConversation(hotel, id, sub);
        return c.json({ last_read_id: lastReadId, unread_count: conversation?.unread_count ?? 0 });
      },
    );
}
