import { zValidator } from '@hono/zod-validator';
import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import type { AuthEnv } from '../auth/middleware.js';
import { requireParticipant } from '../auth/membership.js';
import type { SearchPage } from '../../contract/index.js';
import { parseSearchQuery, SEARCH_QUERY_MAX_LENGTH } from '../storage/search-text.js';
import type { SearchCursor } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { MAX_ROW_ID, plainText, queryId, rejectInvalid } from './validation.js';

export const SEARCH_PAGE_SIZE_DEFAULT = 20;
export const SEARCH_PAGE_SIZE_MAX = 50;

/**
 * `next_cursor` as the client passes it back: `BEFORE` (the band of matches below that id, from its
 * start) or `BEFORE.SCORE.ID` (within it, after that result). Opaque to the widget; parsed strictly.
 */
const CURSOR = /^([0-9]{1,10})(?:\.([0-9]{1,9})\.([0-9]{1,10}))?$/;

export function encodeCursor(cursor: SearchCursor): string {
  return cursor.after ? `${cursor.before}.${cursor.after.score}.${cursor.after.id}` : String(cursor.before);
}

const cursorParam = z
  .string()
  .regex(CURSOR, 'must be a next_cursor of an earlier answer')
  .transform((text): SearchCursor => {
    const [, before, score, id] = CURSOR.exec(text)!;
    return { before: Number(before), ...(score !== undefined && id !== undefined && { after: { score: Number(score), id: Number(id) } }) };
  })
  .refine(
    (cursor) => cursor.before <= MAX_ROW_ID + 1 && (!cursor.after || cursor.after.id <= MAX_ROW_ID),
    'must be a next_cursor of an earlier answer',
  );

const searchQuery = z
  .object({
    // Not trimmed: a trailing space says the last word is finished (no prefix match).
    q: plainText(
      z
        .string({ error: 'is required' })
        .max(SEARCH_QUERY_MAX_LENGTH, `must be at most ${SEARCH_QUERY_MAX_LENGTH} characters`)
        .refine((text) => text.trim().length > 0, 'must not be empty'),
    ).transform((text, context) => {
      const query = parseSearchQuery(text);
      if (!query) context.addIssue({ code: 'custom', message: 'must contain a letter or a digit', input: text });
      return query ?? z.NEVER;
    }),
    conversation_id: queryId.optional(),
    before_id: queryId.optional(),
    cursor: cursorParam.optional(),
    limit: z
      .string()
      .regex(/^[0-9]{1,4}$/, 'must be a whole number')
      .transform(Number)
      .pipe(z.number().min(1).max(SEARCH_PAGE_SIZE_MAX))
      .optional(),
  })
  .refine((query) => query.before_id === undefined || query.cursor === undefined, {
    error: 'give before_id or cursor, not both',
    path: ['cursor'],
  });

/**
 * `/staff_chat/{hotel}/search/?q=`: the caller's own messages search (README "Search"). Membership is
 * decided by the storage at query time; `conversation_id` narrows to one conversation the caller is in
 * (404 / 403 otherwise, as on every conversation route). `limitSearches` is the per-staff search budget.
 */
export function searchRoutes({ storage, auth }: RouteDeps, limitSearches: MiddlewareHandler<AuthEnv>) {
  return new Hono().get('/', auth, limitSearches, zValidator('query', searchQuery, rejectInvalid), async (c) => {
    const { hotel, sub } = c.var.staff;
    const { q: query, conversation_id, before_id, cursor, limit = SEARCH_PAGE_SIZE_DEFAULT } = c.req.valid('query');
    if (conversation_id !== undefined) await requireParticipant(storage, hotel, conversation_id, sub);
    const { results, next } = await storage.searchMessages(hotel, sub, {
      query,
      limit,
      ...(conversation_id !== undefined && { conversationId: conversation_id }),
      ...(cursor ? { cursor } : before_id !== undefined ? { cursor: { before: before_id } } : {}),
    });
    const body: SearchPage = { results, count: results.length, has_more: next !== null, next_cursor: next && encodeCursor(next) };
    return c.json(body);
  });
}
