import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { requireParticipant } from '../auth/membership.js';
import { MAX_PINS, type Pin, type PinList, type Unpin } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { StoredPin } from '../storage/conversation-features.js';
import type { Storage } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { requireReadableMessage, socketOf } from './message-changes.js';
import { idParam, rejectInvalid } from './validation.js';

/**
 * `/staff_chat/{hotel}/messages/{id}/pin/`: any participant pins (POST: 201, 200 when it already was)
 * or unpins (DELETE: 200, also when it was not, so a retry never fails). Each change reaches every
 * participant as `message_pinned` / `message_unpinned`. At most {@link MAX_PINS} per conversation
 * (409 `too_many_pins`); a deleted message cannot be pinned (409 `message_deleted`) and drops from the pins.
 */
export function pinRoutes({ storage, notifier, auth, limitChanges }: RouteDeps) {
  return new Hono()
    .post('/:id/pin', auth, limitChanges, zValidator('param', idParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const message = await requireReadableMessage(storage, hotel, c.req.valid('param').id, sub);
      if (message.is_deleted) throw new ApiError(409, 'message_deleted', 'A deleted message cannot be pinned.');
      const result = await storage.pinMessage(hotel, {
        conversationId: message.conversation_id,
        messageId: message.id,
        staffId: sub,
        maxPins: MAX_PINS,
      });
      if (result.outcome === 'full') {
        throw new ApiError(409, 'too_many_pins', `A conversation has at most ${MAX_PINS} pinned messages; unpin one first.`, {
          max_pins: MAX_PINS,
        });
      }
      if (result.outcome === 'gone' || !result.pin) throw new ApiError(409, 'message_deleted', 'A deleted message cannot be pinned.');
      const pin = await withMessage(storage, hotel, result.pin);
      if (!pin) throw new ApiError(409, 'message_deleted', 'A deleted message cannot be pinned.');
      if (result.outcome === 'pinned') void notifier.messagePinned(hotel, pin, socketOf(c.req.header('x-socket-id')));
      return c.json(pin, result.outcome === 'pinned' ? 201 : 200);
    })
    .delete('/:id/pin', auth, limitChanges, zValidator('param', idParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const message = await requireReadableMessage(storage, hotel, c.req.valid('param').id, sub);
      const removed = await storage.unpinMessage(hotel, message.conversation_id, message.id);
      const unpin: Unpin = {
        conversation_id: message.conversation_id,
        message_id: message.id,
        unpinned_by: sub,
        unpinned_at: new Date().toISOString(),
      };
      if (removed && !message.is_deleted) void notifier.messageUnpinned(hotel, unpin, socketOf(c.req.header('x-socket-id')));
      return c.json(unpin);
    });
}

/** `GET /staff_chat/{hotel}/conversations/{id}/pins/`: the {@link PinList}, newest pin first. */
export function pinListRoutes({ storage, auth }: RouteDeps) {
  return new Hono().get('/:id/pins', auth, zValidator('param', idParam, rejectInvalid), async (c) => {
    const { hotel, sub } = c.var.staff;
    const { id } = c.req.valid('param');
    await requireParticipant(storage, hotel, id, sub);
    // At most MAX_PINS lookups, each through the routes' storage, so file URLs come signed.
    const pins = (await Promise.all((await storage.listPins(hotel, id)).map((pin) => withMessage(storage, hotel, pin)))).filter(
      (pin): pin is Pin => pin !== undefined,
    );
    const body: PinList = { pins, count: pins.length };
    return c.json(body);
  });
}

async function withMessage(storage: Storage, hotel: string, pin: StoredPin): Promise<Pin | undefined> {
  const message = await storage.getMessage(hotel, pin.message_id);
  return message && !message.is_deleted ? { ...pin, message } : undefined;
}
