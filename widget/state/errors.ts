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
// Set-up mistakes: what is wrong, said so that whoever looks after the portal can fix it.
export const ERROR_SIGN_IN_EXPIRED = 'Your sign-in has expired. Reload the page to sign in again.';
export const ERROR_WRONG_HOTEL =
  'This chat is set up for a different hotel than your sign-in. Tell whoever looks after the portal: the hotel attribute must match the token.';
export const ERROR_ORIGIN_NOT_ALLOWED = (origin: string) =>
  `The chat server does not accept this portal (${origin}). Tell whoever looks after it: add ${origin} to STAFF_CHAT_ALLOWED_ORIGINS.`;

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
  if (code === 'origin_not_allowed') return { message: ERROR_ORIGIN_NOT_ALLOWED(error.message), code };
  if (status === 0) return { message: ERROR_NETWORK, code };
  if (status === 401) return { message: code === 'sign_in_expired' ? ERROR_SIGN_IN_EXPIRED : ERROR_SESSION_EXPIRED, code };
  if (status === 403) return { message: code === 'wrong_hotel' ? ERROR_WRONG_HOTEL : ERROR_FORBIDDEN, code };
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

/**
 * A call that failed as a network error may have been refused by CORS: the browser says no more. The
 * public config is readable from any origin and says whether this page's origin is allowed; when it is
 * not, that is the failure to report, with the origin in `message`.
 */
export async function explainNetworkFailure(error: unknown, config: Promise<{ origin_allowed?: boolean }>, origin: string): Promise<unknown> {
  if (!(error instanceof ApiError) || error.status !== 0) return error;
  const answer = await config.catch(() => undefined);
  return answer?.origin_allowed === false ? new ApiError(0, 'origin_not_allowed', origin) : error;
}
