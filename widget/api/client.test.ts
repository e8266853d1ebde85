import { expect } from '@open-wc/testing';
import { ApiClient, type ApiClientOptions } from './client.js';
import { ApiError } from './api-error.js';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch stub answering from a queue of responses (or throwing), recording every call. */
function stubFetch(answers: (Response | Error)[]) {
  const calls: Call[] = [];
  const fetchStub = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new Error('unexpected fetch');
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { calls, fetch: fetchStub };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

function client(answers: (Response | Error)[], extra: Partial<ApiClientOptions> = {}) {
  const stub = stubFetch(answers);
  let tokenCalls = 0;
  const api = new ApiClient({
    apiBase: '/api/',
    hotel: 'grand',
    tokenProvider: async () => `token-${++tokenCalls}`,
    fetch: stub.fetch,
    ...extra,
  });
  return { api, calls: stub.calls, tokenCalls: () => tokenCalls };
}

async function rejection(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected a rejection');
}

describe('ApiClient', () => {
  it('sends the Bearer token and caches it across calls', async () => {
    const { api, calls, tokenCalls } = client([json(200, { results: [], count: 0 }), json(200, { id: 'a' })]);
    await api.conversations();
    await api.me();
    expect(calls.map((c) => c.url)).to.deep.equal(['/api/staff_chat/grand/conversations/', '/api/staff_chat/grand/me']);
    expect(calls[0]?.headers.Authorization).to.equal('Bearer token-1');
    expect(calls[1]?.headers.Authorization).to.equal('Bearer token-1');
    expect(tokenCalls()).to.equal(1);
  });

  it('asks for config without a token', async () => {
    const { api, calls, tokenCalls } = client([json(200, { pusher: {}, limits: {} })]);
    await api.config();
    expect(calls[0]?.url).to.equal('/api/staff_chat/config');
    expect(calls[0]?.headers.Authorization).to.equal(undefined);
    expect(tokenCalls()).to.equal(0);
  });

  it('builds history queries and encodes search', async () => {
    const { api, calls } = client([
      json(200, { messages: [], count: 0, has_more: false }),
      json(200, { messages: [], count: 0, has_more: false }),
      json(200, { results: [], count: 0 }),
    ]);
    await api.messages(7, { limit: 50, beforeId: 120 });
    await api.messages(7, { afterId: 9 });
    await api.staffList('Ana & Bo');
    expect(calls[0]?.url).to.equal('/api/staff_chat/grand/conversations/7/messages/?limit=50&before_id=120');
    expect(calls[1]?.url).to.equal('/api/staff_chat/grand/conversations/7/messages/?after_id=9');
    expect(calls[2]?.url).to.equal('/api/staff_chat/grand/staff-list/?search=Ana%20%26%20Bo');
  });

  it('builds message search queries: the text as typed, a conversation, the cursor of the page before', async () => {
    const page = { results: [], count: 0, has_more: false, next_cursor: null };
    const { api, calls } = client([json(200, page), json(200, page)]);
    await api.searchMessages({ q: 'towels & 204 ' });
    await api.searchMessages({ q: 'müller', conversationId: 4, cursor: '913.10654.812' });
    expect(calls[0]?.url).to.equal('/api/staff_chat/grand/search/?q=towels+%26+204+');
    expect(calls[1]?.url).to.equal('/api/staff_chat/grand/search/?q=m%C3%BCller&conversation_id=4&cursor=913.10654.812');
  });

  it('sends X-Socket-Id read at send time, with the client_id in the body', async () => {
    let socket: string | undefined = '1.1';
    const { api, calls } = client([json(201, { id: 1 }), json(201, { id: 2 })], { socketId: () => socket });
    await api.sendMessage(3, { message: 'hi', client_id: 'c-1' });
    socket = undefined;
    await api.sendMessage(3, { message: 'again', client_id: 'c-2' });
    expect(calls[0]?.method).to.equal('POST');
    expect(calls[0]?.url).to.equal('/api/staff_chat/grand/conversations/3/send-message/');
    expect(calls[0]?.headers['X-Socket-Id']).to.equal('1.1');
    expect(calls[0]?.headers['Content-Type']).to.equal('application/json');
    expect(calls[0]?.body).to.deep.equal({ message: 'hi', client_id: 'c-1' });
    expect(calls[1]?.headers['X-Socket-Id']).to.equal(undefined);
  });

  it('on 401 asks for a new token once and retries the request once', async () => {
    const { api, calls, tokenCalls } = client([
      json(401, { error: { code: 'unauthorized', message: 'Token expired' } }),
      json(200, { id: 'me' }),
    ]);
    const me = await api.me();
    expect(me).to.deep.equal({ id: 'me' });
    expect(tokenCalls()).to.equal(2);
    expect(calls.map((c) => c.headers.Authorization)).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
  });

  it('gives up after the retry also gets 401', async () => {
    const { api, calls, tokenCalls } = client([
      json(401, { error: { code: 'unauthorized', message: 'Token expired' } }),
      json(401, { error: { code: 'unauthorized', message: 'Still expired' } }),
    ]);
    const error = await rejection(api.me());
    expect(error.status).to.equal(401);
    expect(error.message).to.equal('Still expired');
    expect(error.retryable).to.equal(false);
    expect(calls.length).to.equal(2);
    expect(tokenCalls()).to.equal(2);
  });

  it('with a token that cannot be renewed, a 401 is final: sign_in_expired, no second call', async () => {
    const { api, calls, tokenCalls } = client([json(401, { error: { code: 'unauthorized', message: 'Token expired' } })], {
      tokenRefreshable: false,
    });
    const error = await rejection(api.me());
    expect([error.status, error.code, error.retryable]).to.deep.equal([401, 'sign_in_expired', false]);
    expect(calls.length).to.equal(1);
    expect(tokenCalls()).to.equal(1);
  });

  it('parses the error body into ApiError', async () => {
    const { api } = client([json(403, { error: { code: 'not_participant', message: 'Not yours', details: { x: 1 } } })]);
    const error = await rejection(api.messages(9));
    expect(error).to.be.instanceOf(ApiError);
    expect(error.status).to.equal(403);
    expect(error.code).to.equal('not_participant');
    expect(error.message).to.equal('Not yours');
    expect(error.details).to.deep.equal({ x: 1 });
    expect(error.retryable).to.equal(false);
  });

  it('marks 5xx and 429 retryable, even without a JSON body', async () => {
    const { api } = client([
      new Response('<html>Bad gateway</html>', { status: 502, statusText: 'Bad Gateway' }),
      json(429, { error: { code: 'rate_limited', message: 'Slow down' } }),
    ]);
    const gateway = await rejection(api.conversations());
    expect(gateway.status).to.equal(502);
    expect(gateway.code).to.equal('http_502');
    expect(gateway.retryable).to.equal(true);
    const limited = await rejection(api.conversations());
    expect(limited.code).to.equal('rate_limited');
    expect(limited.retryable).to.equal(true);
  });

  it('turns a network failure into status 0, retryable', async () => {
    const { api } = client([new TypeError('Failed to fetch')]);
    const error = await rejection(api.conversations());
    expect(error.status).to.equal(0);
    expect(error.code).to.equal('network_error');
    expect(error.retryable).to.equal(true);
  });

  it('times out a request that never answers', async () => {
    const never = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      })) as typeof fetch;
    const api = new ApiClient({ apiBase: '/api', hotel: 'grand', tokenProvider: async () => 't', fetch: never, timeoutMs: 10 });
    const error = await rejection(api.conversations());
    expect(error.status).to.equal(0);
    expect(error.code).to.equal('timeout');
    expect(error.retryable).to.equal(true);
  });

  it('fails with 401 when the token provider fails, and asks again next time', async () => {
    let attempts = 0;
    const stub = stubFetch([json(200, { id: 'me' })]);
    const api = new ApiClient({
      apiBase: '/api',
      hotel: 'grand',
      fetch: stub.fetch,
      tokenProvider: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('portal session gone');
        return 'fresh';
      },
    });
    const error = await rejection(api.me());
    expect(error.status).to.equal(401);
    expect(error.code).to.equal('token_unavailable');
    expect(stub.calls.length).to.equal(0);
    await api.me();
    expect(stub.calls[0]?.headers.Authorization).to.equal('Bearer fresh');
  });

  it('authorizes a channel with a JSON body', async () => {
    const { api, calls } = client([json(200, { auth: 'key:sig' })]);
    const auth = await api.authorizeChannel('1.2', 'private-hotel-grand.staff-chat.3');
    expect(auth).to.deep.equal({ auth: 'key:sig' });
    expect(calls[0]?.url).to.equal('/api/staff_chat/pusher/auth');
    expect(calls[0]?.body).to.deep.equal({ socket_id: '1.2', channel_name: 'private-hotel-grand.staff-chat.3' });
  });

  it('encodes the hotel slug in paths', async () => {
    const { api, calls } = client([json(200, {})], { hotel: 'a/b' });
    await api.me();
    expect(calls[0]?.url).to.equal('/api/staff_chat/a%2Fb/me');
  });
});
