import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ErrorBody } from '../contract/index.js';
import { isClientAbort } from './http/client-abort.js';
import type { Logger } from './logger.js';
import { databaseFault } from './storage/database-faults.js';

/**
 * An expected failure with its status and stable code. Thrown from handlers and middleware; the one
 * `onError` renders it as {@link ErrorBody}.
 *
 * @example throw new ApiError(403, 'not_participant', 'You are not a participant of this conversation.');
 */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
    this.name = 'ApiError';
  }

  override getResponse(): Response {
    return Response.json(errorBody(this.code, this.message, this.details), { status: this.status });
  }
}

/** The one error body shape. */
export function errorBody(code: string, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

const CODE_BY_STATUS: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
};

/** What a 503 `database_unavailable` asks the client to wait, in seconds; a restart or failover takes a few. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/**
 * The answer to a request that met a database it could not use: 503 with `Retry-After` when the
 * database is unreachable, overloaded or timed out (nothing to fix in the request; the widget's outbox
 * sends it again with the same `client_id`), 507 when its disk is full. Undefined for any other error.
 */
export function databaseFaultResponse(error: unknown): Response | undefined {
  const fault = databaseFault(error);
  if (fault === 'unavailable') {
    const seconds = DATABASE_RETRY_AFTER_SECONDS;
    const body = errorBody('database_unavailable', `The database is unavailable right now; try again in ${seconds} s.`, {
      retry_after: seconds,
    });
    return Response.json(body, { status: 503, headers: { 'Retry-After': String(seconds) } });
  }
  if (fault === 'full') {
    const body = errorBody('insufficient_storage', 'The server cannot store anything more: its database disk is full. Nothing was stored.');
    return Response.json(body, { status: 507 });
  }
  return undefined;
}

/**
 * The app's `onError`: expected failures keep their status; a database that cannot be used answers
 * 503 or 507 ({@link databaseFaultResponse}); anything else is logged and becomes a 500 that reveals
 * nothing about the cause.
 */
export function handleError(log: Logger) {
  return (error: Error, c: Context): Response => {
    if (error instanceof ApiError) return error.getResponse();
    if (error instanceof HTTPException && error.status < 500) {
      // Hono's own expected failures, such as "Malformed JSON in request body" from the validator.
      const code = CODE_BY_STATUS[error.status] ?? 'bad_request';
      return c.json(errorBody(code, error.message || 'The request was not accepted.'), error.status);
    }
    // First: a client's reset is an ECONNRESET too, which would otherwise read as a lost database.
    if (isClientAbort(error)) {
      log.info('client went away before its request arrived whole', { method: c.req.method, path: c.req.path });
      return c.json(errorBody('request_aborted', 'The request was cancelled before it arrived whole.'), 400);
    }
    const unavailable = databaseFaultResponse(error);
    if (unavailable) {
      // The cause only: during an outage every request lands here, and the stacks are all alike.
      log.warn('request met an unusable database', {
        method: c.req.method,
        path: c.req.path,
        status: unavailable.status,
        cause: error.message,
      });
      return unavailable;
    }
    log.error('request failed', { method: c.req.method, path: c.req.path, error });
    return c.json(errorBody('internal_error', 'Something went wrong on the server.'), 500);
  };
}

/** The app's `notFound`: unknown routes answer in the same shape. */
export function handleNotFound(c: Context): Response {
  return c.json(errorBody('not_found', `No route for ${c.req.method} ${c.req.path}.`), 404);
}
