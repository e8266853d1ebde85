import { ApiError } from '../api/api-error.js';

// Sentences people read when something fails. Kept here, one list, so widget/messages/ui.ts can
// re-export them and translations can replace them later.
export const ERROR_NETWORK = 'Could not reach the chat server. Check your connection and try again.';
export const ERROR_SESSION_EXPIRED = 'Your session has expired. Sign in again to keep chatting.';
export const ERROR_FORBIDDEN = 'You do not have access to this conversation.';
export const ERROR_NOT_FOUND = 'This conversation could not be found.';
export const ERROR_TOO_LONG = 'This message is too long to send.';
export const ERROR_RATE_LIMITED = 'You are sending messages too quickly. Wait a moment and try again.';
export const ERROR_SERVER = 'The chat server had a problem. Try again in a moment.';
export const ERROR_SEND_FAILED = 'The message could not be sent.';
export const ERROR_LOAD_FAILED = 'Could not load the conversation.';
export const ERROR_START_FAILED = 'The chat could not start.';

/** A failure as the widget reports it: a sentence for people and a stable code for the host page. */
export interface ErrorInfo {
  message: string;
  code: string;
}

/**
 * Turns any thrown value into a sentence a person can read, using `fallback` when nothing more
 * specific is known. Bad-input answers (400, 409) keep the server's own sentence, which names
 * what was wrong.
 */
export function describeError(error: unknown, fallback: string): ErrorInfo {
  if (!(error instanceof ApiError)) return { message: fallback, code: 'unknown' };
  const { status, code } = error;
  if (status === 0) return { message: ERROR_NETWORK, code };
  if (status === 401) return { message: ERROR_SESSION_EXPIRED, code };
  if (status === 403) return { message: ERROR_FORBIDDEN, code };
  if (status === 404) return { message: ERROR_NOT_FOUND, code };
  if (status === 413) return { message: ERROR_TOO_LONG, code };
  if (status === 429) return { message: ERROR_RATE_LIMITED, code };
  if (status >= 500) return { message: ERROR_SERVER, code };
  if ((status === 400 || status === 409) && !code.startsWith('http_')) return { message: error.message, code };
  return { message: fallback, code };
}

/**
 * Whether the same request may succeed later without anyone changing it: network failures, 5xx and
 * 429, and a token the portal could not hand out (its own outage, not a refusal).
 */
export function isTransient(error: unknown): boolean {
  return error instanceof ApiError && (error.retryable || error.code === 'token_unavailable');
}
