import { expect } from '@open-wc/testing';
import { ApiError } from './api-error.js';
import { ApiClient } from './client.js';
import { createHousekeepingApi } from './housekeeping-api.js';

// The pins and housekeeping calls: path, method and body, the client's Bearer token and socket id,
// a fresh token after a 401, and the one error shape turned into an ApiError.

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

function setup(answers: Response[]) {
  const calls: Call[] = [];
  const fetchStub = (async (input: RequestInfo | URL, init?: RequestInit) => {
    calls.push({
      url: input instanceof Request ? input.url : String(input),
      method: init?.method ?? 'GET',
      headers: (init?.headers ?? {}) as Record<string, string>,
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const answer = answers.shift();
    if (!answer) throw new TypeError('Failed to fetch');
    return answer;
  }) as typeof fetch;
  let tokens = 0;
  const client = new ApiClient({ apiBase: '/api', hotel: 'grand', tokenProvider: async () => `token-${++tokens}`, socketId: () => '1.2' });
  return { api: createHousekeepingApi(client, fetchStub), calls };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

describe('housekeeping API', () => {
  it('calls each endpoint with its method, path and body, the token and the socket id', async () => {
    const { api, calls } = setup(Array.from({ length: 9 }, () => json(200, { ok: true })));
    await api.pins(4);
    await api.pin(10);
    await api.unpin(10);
    await api.setMuted(4, true);
    await api.setArchived(4, false);
    await api.leave(4);
    await api.removeParticipant(4, 'carla 2');
    await api.forward(10, [5, 6]);
    await api.deleteAttachment(77);
    expect(calls.map((c) => `${c.method} ${c.url}`)).to.deep.equal([
      'GET /api/staff_chat/grand/conversations/4/pins/',
      'POST /api/staff_chat/grand/messages/10/pin/',
      'DELETE /api/staff_chat/grand/messages/10/pin/',
      'POST /api/staff_chat/grand/conversations/4/mute/',
      'DELETE /api/staff_chat/grand/conversations/4/archive/',
      'POST /api/staff_chat/grand/conversations/4/leave/',
      'DELETE /api/staff_chat/grand/conversations/4/participants/carla%202/',
      'POST /api/staff_chat/grand/messages/10/forward/',
      'DELETE /api/staff_chat/grand/attachments/77/delete/',
    ]);
    expect(calls[7]!.body).to.deep.equal({ conversation_ids: [5, 6] });
    expect(calls[7]!.headers['Content-Type']).to.equal('application/json');
    expect(calls[0]!.headers.Authorization).to.equal('Bearer token-1');
    expect(calls[0]!.headers['X-Socket-Id']).to.equal('1.2');
  });

  it('turns the error body into an ApiError with its code', async () => {
    const { api } = setup([json(409, { error: { code: 'too_many_pins', message: 'At most 20.', details: { max_pins: 20 } } })]);
    const error = await api.pin(10).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(ApiError);
    expect((error as ApiError).status).to.equal(409);
    expect((error as ApiError).code).to.equal('too_many_pins');
  });

  it('asks for a fresh token once after a 401', async () => {
    const { api, calls } = setup([json(401, { error: { code: 'unauthorized', message: 'expired' } }), json(200, { pins: [], count: 0 })]);
    expect(await api.pins(4)).to.deep.equal({ pins: [], count: 0 });
    expect(calls.map((c) => c.headers.Authorization)).to.deep.equal(['Bearer token-1', 'Bearer token-2']);
  });

  it('a network failure is a retryable ApiError of status 0', async () => {
    const { api } = setup([]);
    const error = (await api.setMuted(4, true).then(
      () => null,
      (e: unknown) => e,
    )) as ApiError;
    expect(error.status).to.equal(0);
    expect(error.retryable).to.equal(true);
  });
});
