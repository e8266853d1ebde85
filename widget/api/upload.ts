import type { Message } from '../../server/contract.js';
import { ApiError, errorFromBody } from './api-error.js';
import type { ApiClient } from './client.js';

/**
 * Sends one file as a message of its own (`upload/`), reporting upload progress; `signal` cancels it.
 * Repeating the same `clientId` returns the stored message instead of a second one.
 */
export async function uploadMessage(
  api: Pick<ApiClient, 'withAuthorization'>,
  conversationId: number,
  file: File,
  options: { clientId: string; onProgress?: (loaded: number, total: number) => void; signal?: AbortSignal },
): Promise<Message> {
  const answer = await api.withAuthorization(
    `/conversations/${conversationId}/upload/`,
    (url, headers) => {
      const form = new FormData();
      form.append('files', file, file.name);
      form.append('client_id', options.clientId);
      return xhrUpload({
        url,
        headers,
        body: form,
        ...(options.onProgress && { onProgress: options.onProgress }),
        ...(options.signal && { signal: options.signal }),
      });
    },
    file.name,
    file.size,
  );
  return uploadResult<Message>(answer);
}

export interface XhrUploadRequest {
  url: string;
  headers: Record<string, string>;
  body: FormData;
  /** Bytes of the request body sent so far, out of `total`. */
  onProgress?: (loaded: number, total: number) => void;
  /** Aborting rejects with an ApiError of code `aborted` (status 0). */
  signal?: AbortSignal;
}

/**
 * A multipart POST through XMLHttpRequest, because `fetch` reports no upload progress. Resolves with the
 * response's status and JSON body (whatever the status); rejects only when no answer came
 * (`network_error`) or the upload was cancelled (`aborted`).
 */
export function xhrUpload(request: XhrUploadRequest): Promise<{ status: number; statusText: string; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', request.url);
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) request.onProgress?.(event.loaded, event.total);
    };
    const abort = () => xhr.abort();
    request.signal?.addEventListener('abort', abort, { once: true });
    const done = () => request.signal?.removeEventListener('abort', abort);
    xhr.onload = () => {
      done();
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      resolve({ status: xhr.status, statusText: xhr.statusText, body });
    };
    xhr.onerror = () => {
      done();
      reject(new ApiError(0, 'network_error', `Could not reach ${request.url}`));
    };
    xhr.onabort = () => {
      done();
      reject(new ApiError(0, 'aborted', 'The upload was cancelled'));
    };
    if (request.signal?.aborted) xhr.abort();
    else xhr.send(request.body);
  });
}

/** The ApiError for a non-2xx upload answer, or the body for a 2xx one. */
export function uploadResult<T>(answer: { status: number; statusText: string; body: unknown }): T {
  if (answer.status < 200 || answer.status >= 300) throw errorFromBody(answer.status, answer.statusText, answer.body);
  if (answer.body === undefined) throw new ApiError(answer.status, 'bad_response', 'The server sent no JSON body');
  return answer.body as T;
}
