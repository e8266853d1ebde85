import { z } from 'zod';
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
 * A row id in the path. Malformed is a 400; a well-formed number too large to exist passes, and the
 * lookup answers 404 like any other missing row.
 */
export const pathId = z
  .string()
  .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
  .transform(Number);

/** `{ id }` path parameters. */
export const idParam = z.object({ id: pathId });
