/**
 * Whether `error` says the client went away while its request was still arriving (Node's "aborted"
 * ECONNRESET from reading the body). That is the client's doing, not a server fault: it is logged as
 * one info line, never as an error with a stack.
 */
export function isClientAbort(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as NodeJS.ErrnoException).code;
  return (code === 'ECONNRESET' && error.message === 'aborted') || code === 'ERR_STREAM_PREMATURE_CLOSE' || error.name === 'AbortError';
}
