/**
 * A failed REST call. `status` is the HTTP status, or 0 when the server could not be reached
 * (network failure or timeout); `code` is the server's stable error code (`not_participant`…)
 * or one made up here for failures that carry no body (`network_error`, `timeout`, `http_502`).
 */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  /** Worth trying again later with the same request: network failures, 5xx and 429. */
  readonly retryable: boolean;
  readonly details: unknown;

  constructor(status: number, code: string, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.retryable = status === 0 || status === 429 || status >= 500;
    this.details = details;
  }
}

/** Builds the ApiError for a non-2xx response from its body (the contract's ErrorBody when present). */
export function errorFromBody(status: number, statusText: string, body: unknown): ApiError {
  if (isErrorBody(body)) return new ApiError(status, body.error.code, body.error.message, body.error.details);
  return new ApiError(status, `http_${status}`, statusText || `Request failed with status ${status}`);
}

function isErrorBody(body: unknown): body is { error: { code: string; message: string; details?: unknown } } {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error: unknown = body.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    typeof error.code === 'string' &&
    'message' in error &&
    typeof error.message === 'string'
  );
}
