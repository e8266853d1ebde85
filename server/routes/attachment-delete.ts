import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { requireParticipant } from '../auth/membership.js';
import type { AttachmentDeleted, AttachmentDeletedEvent } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import type { RouteDeps } from './deps.js';
import { socketOf } from './message-changes.js';
import { idParam, rejectInvalid } from './validation.js';

/**
 * `DELETE /staff_chat/{hotel}/attachments/{id}/delete/` (HotelMate's name): the message's author removes
 * one of its files; the message stays. The other participants see it go through `attachment_deleted`.
 * The bytes go once no forwarded copy uses them. Repeating it answers 404: the attachment is gone.
 */
export function attachmentDeleteRoutes({ storage, notifier, auth, limitChanges, files, log }: RouteDeps & { files: FileStore }) {
  return new Hono().delete('/:id/delete', auth, limitChanges, zValidator('param', idParam, rejectInvalid), async (c) => {
    const { hotel, sub, name } = c.var.staff;
    const attachment = await storage.getAttachment(hotel, c.req.valid('param').id);
    if (!attachment || attachment.message_deleted) throw new ApiError(404, 'not_found', 'No such attachment.');
    await requireParticipant(storage, hotel, attachment.conversation_id, sub);
    const message = await storage.getMessage(hotel, attachment.message_id);
    if (message?.sender_id !== sub) throw new ApiError(403, 'not_author', 'Only the author can delete a file of a message.');

    const deleted = await storage.deleteAttachment(hotel, attachment.id);
    if (!deleted) throw new ApiError(404, 'not_found', 'No such attachment.');
    if (!deleted.fileStillUsed) {
      // After the row is gone, so no reader is handed a file that is being removed; a failure leaves only unread bytes.
      await files
        .remove(attachment.storage_key)
        .catch((error: unknown) => log.warn('attachment file not removed', { attachment: attachment.id, error }));
    }
    const event: AttachmentDeletedEvent = {
      conversation_id: attachment.conversation_id,
      message_id: attachment.message_id,
      attachment_id: attachment.id,
      deleted_by_staff_id: sub,
      deleted_by_staff_name: name,
      deleted_at: new Date().toISOString(),
    };
    void notifier.attachmentDeleted(hotel, event, socketOf(c.req.header('x-socket-id')));
    const body: AttachmentDeleted = { success: true, attachment_id: attachment.id, message_id: attachment.message_id };
    return c.json(body);
  });
}
