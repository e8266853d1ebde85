import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import type { AuthEnv } from '../auth/middleware.js';
import { z } from 'zod';
import { requireParticipant } from '../auth/membership.js';
import { MAX_FORWARD_TARGETS, type ForwardResult } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { NewAttachment } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { requireReadableMessage, socketOf } from './message-changes.js';
import { bodyId, idParam, rejectInvalid } from './validation.js';

const forwardBody = z.object({
  conversation_ids: z
    .array(bodyId)
    .min(1, 'name at least one conversation')
    .max(MAX_FORWARD_TARGETS, `at most ${MAX_FORWARD_TARGETS} conversations`),
});

/**
 * `POST /staff_chat/{hotel}/messages/{id}/forward/` (HotelMate's name): the caller copies a message into
 * other conversations they take part in, each copy a new message of theirs marked `forwarded_from` (the
 * original's origin when it was itself forwarded). Attachments are shared by reference: the copies
 * point at the same stored file, which stays until no attachment uses it. Mentions and the reply are not
 * copied. Every target is checked before anything is stored; each copy then reaches its conversation as
 * `message_created`. Counts as one send against the message budget, and against `limitForwards`
 * (STAFF_CHAT_RATE_LIMIT_FORWARDS), since one forward writes up to {@link MAX_FORWARD_TARGETS} messages.
 */
export function forwardRoutes({ storage, notifier, auth, limitMessages }: RouteDeps, limitForwards: MiddlewareHandler<AuthEnv>) {
  return new Hono().post(
    '/:id/forward',
    auth,
    limitMessages,
    limitForwards,
    zValidator('param', idParam, rejectInvalid),
    zValidator('json', forwardBody, rejectInvalid),
    async (c) => {
      const { hotel, sub } = c.var.staff;
      const source = await requireReadableMessage(storage, hotel, c.req.valid('param').id, sub);
      if (source.is_deleted) throw new ApiError(409, 'message_deleted', 'A deleted message cannot be forwarded.');
      const targets = [...new Set(c.req.valid('json').conversation_ids)];
      for (const target of targets) await requireParticipant(storage, hotel, target, sub);

      const attachments: NewAttachment[] = [];
      for (const attachment of source.attachments) {
        const stored = await storage.getAttachment(hotel, attachment.id);
        if (!stored) continue;
        attachments.push({
          fileName: stored.file_name,
          fileType: stored.file_type,
          mimeType: stored.mime_type,
          fileSize: stored.file_size,
          storageKey: stored.storage_key,
        });
      }
      const origin = source.forwarded_from ?? {
        message_id: source.id,
        conversation_id: source.conversation_id,
        sender_id: source.sender_id,
      };
      const socket = socketOf(c.req.header('x-socket-id'));
      // One transaction for every copy: a failure (a database outage) stores none, so a retry duplicates nothing.
      const copies = await storage.insertMessages(
        hotel,
        targets.map((target) => ({
          conversationId: target,
          senderId: sub,
          clientId: null,
          message: source.message,
          replyTo: null,
          ...(attachments.length > 0 && { attachments }),
          forwardedFrom: { messageId: origin.message_id, conversationId: origin.conversation_id, senderId: origin.sender_id },
        })),
      );
      const results: ForwardResult['results'] = copies.map((message) => ({ conversation_id: message.conversation_id, message }));
      for (const message of copies) void notifier.messageCreated(hotel, message, socket);
      const body: ForwardResult = { success: true, total_forwarded: results.length, results };
      return c.json(body, 201);
    },
  );
}
