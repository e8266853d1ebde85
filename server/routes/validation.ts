import { z } from 'zod';
import { isStorableText } from '../../contract/index.js';
import { ApiError } from '../errors.js';

/** Ids are PostgreSQL `integer`s; a larger number cannot name a row. */
export const MAX_ROW_ID = 2_147_483_647;

/**
 * The `zValidator` hook of every route: a failed schema becomes a 400 `bad_request` listing each field
 * and what is wrong with it.
 */
export function rejectInvalid(result: { success: true } | { success: false; error: { issues: readonly z.core.$ZodIssue[] } }): void {
  if (!result.success) throw invalidInput(result.error.issues);
}

/** The 400 for a failed schema, with one `{field, problem}` per issue. */
export function invalidInput(issues: readonly z.core.$ZodIssue[]): ApiError {
  const details = issues.map((issue) => ({ field: issue.path.join('.') || '(body)', problem: issue.message }));
  return new ApiError(400, 'bad_request', 'The request is invalid.', details);
}

/**
 * Text people write: no NUL (PostgreSQL cannot store it in text) and no lone surrogate. Apply to every
 * free-text field that reaches the database, so both databases refuse the same input.
 *
 * @example z.object({ title: plainText(z.string().max(100)) })
 */
export function plainText<T extends z.ZodType<string | null | undefined>>(schema: T) {
  return schema.refine((text) => text == null || isStorableText(text), {
    error: 'must be text without NUL characters or lone surrogates',
  });
}

/** A message's text: trimmed, not empty, at most `maxLength` characters. */
export const messageText = (maxLength: number) => plainText(z.string().trim().min(1, 'must not be empty').max(maxLength));

/** A row id in a JSON body: a positive integer that a database row could have. */
export const bodyId = z
  .number({ error: 'must be a positive integer' })
  .int('must be a positive integer')
  .min(1, 'must be a positive integer')
  .max(MAX_ROW_ID, 'is not a known id');

/** A row id in a query string. */
export const queryId = z
  .string()
  .regex(/^[0-9]{1,16}$/, 'must be a positive integer')
  .transform(Number)
  .pipe(bodyId);

/**
 * `after_id` in a query string: a row id, or 0 for "from the start", which is what a client holding
 * no message yet catches up from.
 */
export const queryAfterId = z
  .string()
  .regex(/^[0-9]{1,16}$/, 'must be 0 or a positive integer')
  .transform(Number)
  .pipe(z.number().max(MAX_ROW_ID, 'is not a known id'));

/**
 * A row id in the path. Malformed is a 400; a well-formed number too large to exist passes, and the
 * lookup answers 404 like any other missing row.
 */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
  .transform(Number);

/** `{ id }` path parameters. */
export const idParam = z.object({ id: pathId });
