import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { z } from 'zod';
import { requireParticipant } from '../auth/membership.js';
import {
  HANDOVER_ITEM_MAX_LENGTH,
  HANDOVER_MAX_ITEMS,
  type CurrentHandover,
  type HandoverHistory,
  type HandoverItemChange,
  type Message,
} from '../../contract/index.js';
import { ApiError } from '../errors.js';
import type { Storage } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { requireReadableMessage, socketOf } from './message-changes.js';
import { idParam, pathId, plainText, queryId, rejectInvalid } from './validation.js';

/**
 * All of a checklist's text together, in UTF-8 bytes: with it, a handover message always fits Pusher's
 * 10 KB event limit whatever the script (its message text is what gets cut, as for any message).
 */
const HANDOVER_MAX_BYTES = 6000;

/** `handover_items` of `send-message/`: 1 to 30 items of 1 to 200 characters, 6000 bytes in all. */
export const handoverItems = z
  .array(plainText(z.string().trim().min(1, 'must not be empty').max(HANDOVER_ITEM_MAX_LENGTH)))
  .min(1, 'must list at least one item')
  .max(HANDOVER_MAX_ITEMS)
  .refine((items) => Buffer.byteLength(items.join(''), 'utf8') <= HANDOVER_MAX_BYTES, {
    error: `must be at most ${HANDOVER_MAX_BYTES} bytes of text in all`,
  });

const HISTORY_PAGE_DEFAULT = 10;
const HISTORY_PAGE_MAX = 50;

const historyQuery = z.object({
  limit: z
    .string()
    .regex(/^[0-9]{1,3}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().min(1).max(HISTORY_PAGE_MAX))
    .optional(),
  before_id: queryId.optional(),
});

const tickParam = z.object({ id: pathId, item_id: pathId });
const tickBody = z.object({ checked: z.boolean({ error: 'must be true or false' }) });

/**
 * @throws ApiError 409 `not_a_department_channel`: handover notes belong to a department's shift
 * (the caller has already shown they take part).
 */
export async function requireDepartmentChannel(storage: Storage, hotel: string, conversationId: number, staffId: string): Promise<void> {
  const conversation = await storage.getConversation(hotel, conversationId, staffId);
  if (conversation?.kind !== 'department') {
    throw new ApiError(409, 'not_a_department_channel', 'Handover notes can only be sent in a department channel.');
  }
}

/**
 * Handover notes (sent with `handover_items` on `send-message/`): `conversations/{id}/handover/` the
 * current note (pinned until the next one), `conversations/{id}/handovers/` the past ones, and
 * `messages/{id}/handover/items/{item_id}/` (PATCH `{checked}`) to tick or untick an item.
 */
export function handoverRoutes({ storage, notifier, auth, limitChanges }: RouteDeps) {
  const messagesOf = async (hotel: string, ids: number[]): Promise<Message[]> =>
    (await Promise.all(ids.map((id) => storage.getMessage(hotel, id)))).filter((message) => message !== undefined);

  return new Hono()
    .get('/conversations/:id/handover', auth, zValidator('param', idParam, rejectInvalid), async (c) => {
      const { hotel, sub } = c.var.staff;
      const { id } = c.req.valid('param');
      await requireParticipant(storage, hotel, id, sub);
      const current = await storage.currentHandoverId(hotel, id);
      const body: CurrentHandover = { handover: (current !== undefined && (await storage.getMessage(hotel, current))) || null };
      return c.json(body);
    })
    .get(
      '/conversations/:id/handovers',
      auth,
      zValidator('param', idParam, rejectInvalid),
      zValidator('query', historyQuery, rejectInvalid),
      async (c) => {
        const { hotel, sub } = c.var.staff;
        const { id } = c.req.valid('param');
        const { limit = HISTORY_PAGE_DEFAULT, before_id } = c.req.valid('query');
        await requireParticipant(storage, hotel, id, sub);
        const page = await storage.handoverIds(hotel, id, { limit, ...(before_id !== undefined && { beforeId: before_id }) });
        const results = await messagesOf(hotel, page.ids);
        const body: HandoverHistory = { results, count: results.length, has_more: page.hasMore };
        return c.json(body);
      },
    )
    .patch(
      '/messages/:id/handover/items/:item_id',
      auth,
      limitChanges,
      zValidator('param', tickParam, rejectInvalid),
      zValidator('json', tickBody, rejectInvalid),
      async (c) => {
        const { hotel, sub } = c.var.staff;
        const { id, item_id } = c.req.valid('param');
        const message = await requireReadableMessage(storage, hotel, id, sub);
        if (message.is_deleted) throw new ApiError(409, 'message_deleted', 'A deleted handover note cannot be ticked.');
        const result = await storage.setHandoverItem(hotel, {
          messageId: id,
          itemId: item_id,
          staffId: sub,
          checked: c.req.valid('json').checked,
        });
        if (!result) throw new ApiError(404, 'not_found', 'This handover note has no such item.');
        const change: HandoverItemChange = { conversation_id: message.conversation_id, message_id: id, item: result.item };
        if (result.changed) void notifier.handoverItemChanged(hotel, change, socketOf(c.req.header('x-socket-id')));
        return c.json(change);
      },
    );
}
