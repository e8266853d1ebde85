import type {
  AcknowledgementChange,
  ChatConfig,
  Conversation,
  ConversationList,
  CreateConversationBody,
  EditMessageBody,
  Me,
  Message,
  MessagePage,
  PendingAcknowledgements,
  ReactionChange,
  ReactionEmoji,
  SearchPage,
  SendMessageBody,
  StaffList,
} from '../../server/contract.js';
import { ApiError, errorFromBody } from './api-error.js';

export interface ApiClientOptions {
  /** Where the REST API lives, e.g. `/api` or `https://chat.example.com/api`. */
  apiBase: string;
  hotel: string;
  /** Returns the portal-signed JWT. Its result is cached; it is called again once after a 401. */
  tokenProvider: () => Promise<string>;
  /**
   * False when `tokenProvider` can only hand back the same token (the page gave a `token` attribute):
   * a 401 is then final, and fails as `sign_in_expired` so the person is told to reload. Default true.
   */
  tokenRefreshable?: boolean;
  /** Read at send time, because socket ids change on every reconnect; sent as `X-Socket-Id`. */
  socketId?: () => string | undefined;
  /** Debug logging of each REST call. */
  log?: (...args: unknown[]) => void;
  /** Replaces the global `fetch` (tests, or a host that wraps it). */
  fetch?: typeof fetch;
  /** A request that takes longer fails with status 0 (`timeout`), so nothing stays pending forever. Default 20 s. */
  timeoutMs?: number;
}

export interface MessageQuery {
  limit?: number;
  beforeId?: number;
  afterId?: number;
}

export interface SearchQuery {
  /** What was typed, as typed: a trailing space says the last word is finished. */
  q: string;
  /** Only this conversation. */
  conversationId?: number;
  /** The `next_cursor` of the page before. */
  cursor?: string;
}

export interface ChannelAuthorization {
  auth: string;
  channel_data?: string;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** Public endpoints (config) send no token. */
  anonymous?: boolean;
  /** Attach `X-Socket-Id`, so the server does not echo the event back to this socket. */
  withSocketId?: boolean;
}

const DEFAULT_TIMEOUT_MS = 20_000;

/**
 * The widget's REST client: one method per endpoint of DESIGN.md's table, Bearer auth with a
 * refresh-and-retry-once on 401, and one error type ({@link ApiError}) for every failure.
 *
 * @example
 * const api = new ApiClient({ apiBase: '/api', hotel: 'grand', tokenProvider: async () => token });
 * const { results } = await api.conversations();
 */
export class ApiClient {
  private readonly options: ApiClientOptions;
  private readonly base: string;
  private token: Promise<string> | null = null;

  constructor(options: ApiClientOptions) {
    this.options = options;
    this.base = options.apiBase.replace(/\/+$/, '');
  }

  /** Public Pusher options and limits; needs no token. */
  config(): Promise<ChatConfig> {
    return this.request('/staff_chat/config', { anonymous: true });
  }

  me(): Promise<Me> {
    return this.request(this.hotelPath('/me'));
  }

  staffList(search?: string): Promise<StaffList> {
    const query = search ? `?search=${encodeURIComponent(search)}` : '';
    return this.request(this.hotelPath(`/staff-list/${query}`));
  }

  conversations(): Promise<ConversationList> {
    return this.request(this.hotelPath('/conversations/'));
  }

  /** Resolves with the new conversation (201) or the existing 1:1 with the same person (200). */
  createConversation(body: CreateConversationBody): Promise<Conversation> {
    return this.request(this.hotelPath('/conversations/'), { method: 'POST', body });
  }

  /** One page of history, oldest first: the latest page, or before/after a stored id. */
  messages(conversationId: number, q: MessageQuery = {}): Promise<MessagePage> {
    const params = new URLSearchParams();
    if (q.limit !== undefined) params.set('limit', String(q.limit));
    if (q.beforeId !== undefined) params.set('before_id', String(q.beforeId));
    if (q.afterId !== undefined) params.set('after_id', String(q.afterId));
    const query = params.size > 0 ? `?${params.toString()}` : '';
    return this.request(this.hotelPath(`/conversations/${conversationId}/messages/${query}`));
  }

  /** The caller's own messages matching `q`, best first, a page at a time (README "Search"). */
  searchMessages(q: SearchQuery): Promise<SearchPage> {
    const params = new URLSearchParams({ q: q.q });
    if (q.conversationId !== undefined) params.set('conversation_id', String(q.conversationId));
    if (q.cursor) params.set('cursor', q.cursor);
    return this.request(this.hotelPath(`/search/?${params.toString()}`));
  }

  /** Stores a message; repeating the same `client_id` returns the stored one instead of a second row. */
  sendMessage(conversationId: number, body: SendMessageBody): Promise<Message> {
    return this.request(this.hotelPath(`/conversations/${conversationId}/send-message/`), {
      method: 'POST',
      body,
      withSocketId: true,
    });
  }

  markRead(conversationId: number): Promise<{ last_read_id: number; unread_count: number }> {
    return this.request(this.hotelPath(`/conversations/${conversationId}/mark_as_read/`), {
      method: 'POST',
      body: {},
    });
  }

  /** The author changes the text; answers the whole edited message. */
  editMessage(messageId: number, body: EditMessageBody): Promise<Message> {
    return this.request(this.hotelPath(`/messages/${messageId}/edit/`), { method: 'PATCH', body, withSocketId: true });
  }

  /** The author deletes it; answers the placeholder that replaces it. */
  deleteMessage(messageId: number): Promise<Message> {
    return this.request(this.hotelPath(`/messages/${messageId}/delete/`), { method: 'DELETE', withSocketId: true });
  }

  /** Adds (`on`) or removes the caller's reaction; both are idempotent, so a retry never undoes itself. */
  react(messageId: number, emoji: ReactionEmoji, on: boolean): Promise<ReactionChange> {
    const path = `/messages/${messageId}/react/`;
    return on
      ? this.request(this.hotelPath(path), { method: 'POST', body: { emoji }, withSocketId: true })
      : this.request(this.hotelPath(`${path}${encodeURIComponent(emoji)}/`), { method: 'DELETE', withSocketId: true });
  }

  /** A recipient confirms an urgent message; idempotent (a repeat answers the first time). */
  acknowledge(messageId: number): Promise<AcknowledgementChange> {
    return this.request(this.hotelPath(`/messages/${messageId}/acknowledge/`), { method: 'POST', withSocketId: true });
  }

  /** The caller's unacknowledged urgent messages, across conversations, oldest first. */
  pendingAcknowledgements(): Promise<PendingAcknowledgements> {
    return this.request(this.hotelPath('/acknowledgements/pending/'));
  }

  /** Adds people to a group; answers the conversation. */
  addParticipants(conversationId: number, participantIds: string[]): Promise<Conversation> {
    return this.request(this.hotelPath(`/conversations/${conversationId}/participants/`), {
      method: 'POST',
      body: { participant_ids: participantIds },
    });
  }

  /**
   * For a request `fetch` cannot make (an upload with progress: see `uploadMessage` in upload.ts):
   * runs `send` with the URL of the hotel's `path` and the Bearer (and socket id) headers, and once
   * more with a fresh token if the answer is a 401. The XMLHttpRequest code stays out of this module,
   * which every portal page loads.
   */
  async withAuthorization<T extends { status: number }>(
    path: string,
    send: (url: string, headers: Record<string, string>) => Promise<T>,
    ...logDetails: unknown[]
  ): Promise<T> {
    const url = this.base + this.hotelPath(path);
    const attempt = async (token: Promise<string>) => {
      const headers: Record<string, string> = { Accept: 'application/json', Authorization: `Bearer ${await tokenOrFail(token)}` };
      const socketId = this.options.socketId?.();
      if (socketId) headers['X-Socket-Id'] = socketId;
      this.options.log?.('POST', url, ...logDetails);
      return send(url, headers);
    };
    const tokenUsed = this.getToken();
    let answer = await attempt(tokenUsed);
    if (answer.status === 401 && this.options.tokenRefreshable !== false) {
      if (this.token === tokenUsed) this.token = null;
      answer = await attempt(this.getToken());
    }
    return answer;
  }

  /** pusher-js channel authorization, with the same Bearer token (and refresh) as every other call. */
  authorizeChannel(socketId: string, channelName: string): Promise<ChannelAuthorization> {
    return this.request('/staff_chat/pusher/auth', {
      method: 'POST',
      body: { socket_id: socketId, channel_name: channelName },
    });
  }

  /** `/staff_chat/{hotel}` + `rest`: for lazily loaded endpoint modules (handover.ts) as well. */
  hotelPath(rest: string): string {
    return `/staff_chat/${encodeURIComponent(this.options.hotel)}${rest}`;
  }

  private getToken(): Promise<string> {
    if (!this.token) {
      const pending = this.options.tokenProvider();
      this.token = pending;
      // A failed provider must not stay cached, or every later call would fail the same way.
      pending.catch(() => {
        if (this.token === pending) this.token = null;
      });
    }
    return this.token;
  }

  /**
   * One JSON call with the token (and its refresh) and the one error type. Public for the endpoint
   * modules that load with the lazy chunk (handover.ts), so their methods do not weigh on the entry
   * script every portal page loads; not part of the client's documented surface.
   */
  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const tokenUsed = options.anonymous ? null : this.getToken();
    const first = await this.send(path, options, tokenUsed, false);
    if (first.status !== 401 || !tokenUsed) return this.read<T>(first);
    if (this.options.tokenRefreshable === false) {
      await first.body?.cancel();
      throw new ApiError(401, 'sign_in_expired', 'The token was refused, and this page has no tokenProvider to ask for a new one.');
    }
    // Several calls may fail with the same expired token at once; only the first asks for a new one.
    if (this.token === tokenUsed) this.token = null;
    const retried = await this.send(path, options, this.getToken(), true);
    return this.read<T>(retried);
  }

  private async send(path: string, options: RequestOptions, token: Promise<string> | null, isRetry: boolean): Promise<Response> {
    const method = options.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (token) headers.Authorization = `Bearer ${await tokenOrFail(token)}`;
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    const socketId = options.withSocketId ? this.options.socketId?.() : undefined;
    if (socketId) headers['X-Socket-Id'] = socketId;

    const controller = new AbortController();
    const timeoutMs = this.options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    const url = this.base + path;
    this.options.log?.(method, url, isRetry ? '(retry with a fresh token)' : '');
    try {
      const init: RequestInit = { method, headers, signal: controller.signal };
      if (options.body !== undefined) init.body = JSON.stringify(options.body);
      const doFetch = this.options.fetch ?? fetch;
      return await doFetch(url, init);
    } catch (error) {
      if (controller.signal.aborted) {
        throw new ApiError(0, 'timeout', `No answer from ${url} within ${timeoutMs} ms`);
      }
      throw new ApiError(0, 'network_error', error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private async read<T>(response: Response): Promise<T> {
    const text = await response.text().catch(() => '');
    let body: unknown = undefined;
    if (text) {
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
    }
    if (!response.ok) {
      const error = errorFromBody(response.status, response.statusText, body);
      this.options.log?.('failed', response.status, error.code, error.message);
      throw error;
    }
    if (body === undefined) throw new ApiError(response.status, 'bad_response', 'The server sent no JSON body');
    return body as T;
  }
}

async function tokenOrFail(token: Promise<string>): Promise<string> {
  try {
    return await token;
  } catch (error) {
    throw new ApiError(401, 'token_unavailable', error instanceof Error ? error.message : String(error));
  }
}
