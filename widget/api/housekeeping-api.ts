import type { AttachmentDeleted, Conversation, ForwardResult, ParticipantLeft, Pin, PinList, Unpin } from '../../contract/index.js';
import { ApiError, errorFromBody } from './api-error.js';
import type { ApiClient } from './client.js';

/**
 * The REST calls of pins and conversation housekeeping (README "API: mentions, pins, conversation
 * housekeeping"). Apart from client.ts on purpose: the client is in the entry script every portal page
 * loads, these are needed only once a chat window is open, so they travel in the lazily loaded chunk.
 * Each goes through the client's `withAuthorization` (Bearer token, refresh on 401, `X-Socket-Id`, so
 * the server skips this tab's own events: the caller applies the answer itself).
 */
export function createHousekeepingApi(api: Pick<ApiClient, 'withAuthorization'>, fetchImpl: typeof fetch = (...args) => fetch(...args)) {
  async function call<T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await api.withAuthorization(path, (url, headers) =>
      fetchImpl(url, {
        method,
        headers: body === undefined ? headers : { ...headers, 'Content-Type': 'application/json' },
        ...(body !== undefined && { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(20_000),
      }).catch((error: unknown) => {
        throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
      }),
    );
    const text = await response.text().catch(() => '');
    let json: unknown;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    if (!response.ok) throw errorFromBody(response.status, response.statusText, json);
    if (json === undefined) throw new ApiError(response.status, 'bad_response', 'The server sent no JSON body');
    return json as T;
  }
  const on = (yes: boolean) => (yes ? 'POST' : 'DELETE');

  return {
    /** The conversation's pins, newest first. */
    pins: (conversationId: number) => call<PinList>('GET', `/conversations/${conversationId}/pins/`),
    /** 201 or 200 with the pin; 409 `too_many_pins` beyond MAX_PINS. */
    pin: (messageId: number) => call<Pin>('POST', `/messages/${messageId}/pin/`),
    unpin: (messageId: number) => call<Unpin>('DELETE', `/messages/${messageId}/pin/`),
    /** Answers the conversation as the caller sees it. */
    setMuted: (conversationId: number, muted: boolean) => call<Conversation>(on(muted), `/conversations/${conversationId}/mute/`),
    setArchived: (conversationId: number, archived: boolean) =>
      call<Conversation>(on(archived), `/conversations/${conversationId}/archive/`),
    leave: (conversationId: number) => call<ParticipantLeft & { success: true }>('POST', `/conversations/${conversationId}/leave/`),
    /** The group's creator or an admin role; 403 `not_allowed` for anyone else. Answers the conversation. */
    removeParticipant: (conversationId: number, staffId: string) =>
      call<Conversation>('DELETE', `/conversations/${conversationId}/participants/${encodeURIComponent(staffId)}/`),
    forward: (messageId: number, conversationIds: number[]) =>
      call<ForwardResult>('POST', `/messages/${messageId}/forward/`, { conversation_ids: conversationIds }),
    deleteAttachment: (attachmentId: number) => call<AttachmentDeleted>('DELETE', `/attachments/${attachmentId}/delete/`),
  };
}

export type HousekeepingApi = ReturnType<typeof createHousekeepingApi>;
