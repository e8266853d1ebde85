import { ApiError } from '../../api/api-error.js';
import { errorMsg } from '../../messages/errors.js';

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
  if (code === 'origin_not_allowed') return { message: errorMsg.errorOriginNotAllowed(error.message), code };
  if (status === 0) return { message: errorMsg.errorNetwork, code };
  if (status === 401) return { message: code === 'sign_in_expired' ? errorMsg.errorSignInExpired : errorMsg.errorSessionExpired, code };
  if (status === 403) return { message: code === 'wrong_hotel' ? errorMsg.errorWrongHotel : errorMsg.errorForbidden, code };
  if (status === 404) return { message: errorMsg.errorNotFound, code };
  if (status === 413) return { message: errorMsg.errorTooLong, code };
  if (status === 429) return { message: errorMsg.errorRateLimited, code };
  if (status >= 500) return { message: errorMsg.errorServer, code };
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
export async function explainNetworkFailure(
  error: unknown,
  config: Promise<{ origin_allowed?: boolean }>,
  origin: string,
): Promise<unknown> {
  if (!(error instanceof ApiError) || error.status !== 0) return error;
  const answer = await config.catch(() => undefined);
  return answer?.origin_allowed === false ? new ApiError(0, 'origin_not_allowed', origin) : error;
}
