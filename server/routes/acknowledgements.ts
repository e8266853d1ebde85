import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import type { AcknowledgementChange, Message, PendingAcknowledgements } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { RouteDeps } from './deps.js';
import { requireReadableMessage, socketOf } from './message-changes.js';
import { idParam, rejectInvalid } from './validation.js';

/** The most pending acknowledgements one answer lists (the oldest): a banner shows a handful. */
const PENDING_MAX = 100;

/**
 * Urgent messages (sent with `requires_acknowledgement: true`): `messages/{id}/acknowledge/` (POST,
 * idempotent; recipients only) and `acknowledgements/pending/` (GET, the caller's own, across every
 * conversation, for a banner and repeated reminders).
 */
export function acknowledgementRoutes({ storage, notifier, auth, limitChanges }: RouteDeps) {
  return new Hono()
    .post('/messages/:id/acknowledge', auth, limitChanges, zValidator('param', idParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const message = await requireReadableMessage(storage, hotel, c.req.valid('param').id, sub);
      if (message.is_deleted) throw new ApiError(409, 'message_deleted', 'A deleted message cannot be acknowledged.');
      if (!message.requires_acknowledgement) {
        throw new ApiError(409, 'acknowledgement_not_requested', 'This message does not ask for an acknowledgement.');
      }
      const result = await storage.acknowledgeMessage(hotel, message.id, sub);
      if (!result) {
        throw new ApiError(
          403,
          'not_recipient',
          'Only the people this message was sent to can acknowledge it; its sender and later joiners cannot.',
        );
      }
      const after = await storage.getMessage(hotel, message.id);
      if (!after?.acknowledgements) throw new Error(`message ${message.id} lost its acknowledgements`);
      const change: AcknowledgementChange = {
        conversation_id: message.conversation_id,
        message_id: message.id,
        acknowledgement: after.acknowledgements.acknowledged.find((entry) => entry.id === sub) ?? {
          id: sub,
          full_name: c.var.staff.name,
          at: result.acknowledgedAt,
        },
        acknowledgements: after.acknowledgements,
      };
      if (result.changed) void notifier.messageAcknowledged(hotel, change, socketOf(c.req.header('x-socket-id')));
      return c.json(change, result.changed ? 201 : 200);
    })
    .get('/acknowledgements/pending', auth, async (c) => {
      const { hotel, sub } = c.var.staff;
      const ids = await storage.pendingAcknowledgementIds(hotel, sub, PENDING_MAX);
      const results = (await Promise.all(ids.map((id) => storage.getMessage(hotel, id)))).filter(
        (message): message is Message => message !== undefined,
      );
      const body: PendingAcknowledgements = { results, count: results.length };
      return c.json(body);
    });
}
