import { expect } from '@open-wc/testing';
import { ApiError } from '../../api/api-error.js';
import { errorMsg } from '../../messages/errors.js';
import { createChatSession, type ChatSession, type ChatSessionDeps } from './chat-session.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until, deferred } from '../../testing/session-fakes.js';

// The session's side of "no message lost or shown twice": the outbox with backoff, refusals that
// wait for Retry, reloads, and catching up when the page wakes.

const NETWORK = new ApiError(0, 'network_error', 'Failed to fetch');
const sessions: ChatSession[] = [];

function start(api: FakeApi, storage: MemoryStorage, deps: Partial<ChatSessionDeps> = {}) {
  const realtime = new FakeRealtime();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      storage,
      windowStorage: new MemoryStorage(),
      connect: () => realtime,
      isPageActive: () => true,
      markReadDelayMs: 0,
      retryDelay: () => 5,
      ...deps,
    },
  );
  sessions.push(session);
  return { session, realtime, started: session.start() };
}

const sentClientIds = (api: FakeApi) => api.callsOf('sendMessage').map((c) => (c.args[1] as { client_id: string }).client_id);
const storedWith = (api: FakeApi, clientId: string | null) => [...api.stored.values()].flat().filter((m) => m.client_id === clientId);
const mine = (session: ChatSession, clientId: string | null, id = 1) =>
  session
    .conversationView(id)
    .get()
    .messages.filter((m) => m.client_id === clientId);

afterEach(() => {
  for (const session of sessions.splice(0)) session.stop();
});

describe('ChatSession outbox', () => {
  it('keeps sending with backoff, with the same client_id, until the server answers; failed with the reason meanwhile', async () => {
    const api = new FakeApi();
    const { session, started } = start(api, new MemoryStorage());
    await started;
    await session.openConversation(1);
    api.sendError = NETWORK;
    const optimistic = session.sendMessage(1, 'towels for 118');
    const failed = await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'failed');
    expect(failed.messages.at(-1)?.error).to.equal(errorMsg.errorNetwork);
    expect(failed.messages.at(-1)?.retrying).to.equal(true);
    await api.waitForCalls('sendMessage', 4);
    api.sendError = null;
    await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
    expect(new Set(sentClientIds(api))).to.deep.equal(new Set([optimistic.client_id]));
    expect(storedWith(api, optimistic.client_id).length).to.equal(1);
    expect(mine(session, optimistic.client_id).length).to.equal(1);
  });

  it('treats a token the portal could not hand out as passing, not as a refusal', async () => {
    const api = new FakeApi();
    const { session, started } = start(api, new MemoryStorage());
    await started;
    api.sendError = new ApiError(401, 'token_unavailable', 'portal unreachable');
    session.sendMessage(1, 'hello');
    await api.waitForCalls('sendMessage', 2);
    api.sendError = null;
    await until(session.conversationView(1), (v) => v.messages.length === 0);
    expect(api.callsOf('sendMessage').length).to.be.greaterThan(2);
  });

  it('sends messages written while offline in the order they were written', async () => {
    const api = new FakeApi();
    const { session, realtime, started } = start(api, new MemoryStorage(), { retryDelay: () => 60_000 });
    await started;
    await session.openConversation(1);
    api.sendError = NETWORK;
    const texts = ['first', 'second', 'third'];
    for (const text of texts) session.sendMessage(1, text);
    await until(session.conversationView(1), (v) => v.messages.some((m) => m.status === 'failed'));
    api.sendError = null;
    realtime.setState('connected');
    await until(session.conversationView(1), (v) => v.messages.every((m) => m.status === 'sent'));
    const bodies = api.callsOf('sendMessage').map((c) => (c.args[1] as { message: string }).message);
    expect(bodies).to.deep.equal(['first', 'first', 'second', 'third']);
    expect((api.stored.get(1) ?? []).slice(-3).map((m) => m.message)).to.deep.equal(texts);
  });

  it('leaves a refused message for Retry, with the server’s reason, also after a reload', async () => {
    const api = new FakeApi();
    const storage = new MemoryStorage();
    let delays = 0;
    const first = start(api, storage, { retryDelay: () => (delays += 1) });
    await first.started;
    await first.session.openConversation(1);
    api.sendError = new ApiError(400, 'validation_error', 'That reply_to is not in this conversation.');
    const optimistic = first.session.sendMessage(1, 'see above');
    const failed = await until(first.session.conversationView(1), (v) => v.messages.at(-1)?.status === 'failed');
    expect(failed.messages.at(-1)?.error).to.equal('That reply_to is not in this conversation.');
    expect(failed.messages.at(-1)?.retrying).to.equal(false);
    expect(delays).to.equal(0);
    first.session.stop();

    api.sendError = null;
    const second = start(api, storage);
    await second.started;
    await second.session.openConversation(1);
    const restored = mine(second.session, optimistic.client_id);
    expect(restored.map((m) => [m.status, m.error])).to.deep.equal([['failed', 'That reply_to is not in this conversation.']]);
    expect(api.callsOf('sendMessage').length).to.equal(1);

    second.session.retryMessage(1, optimistic.client_id ?? '');
    expect(mine(second.session, optimistic.client_id)[0]?.status).to.equal('pending');
    await until(second.session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
    expect(sentClientIds(api)).to.deep.equal([optimistic.client_id, optimistic.client_id]);
    expect(storage.items.size).to.equal(0);
  });

  it('writes the message to the outbox before the request goes out', async () => {
    const api = new FakeApi();
    const storage = new MemoryStorage();
    const { session, started } = start(api, storage);
    await started;
    const gate = deferred<void>();
    api.sendGate = gate.promise;
    const optimistic = session.sendMessage(2, 'hello');
    const call = await api.waitForCalls('sendMessage', 1);
    expect((call.args[1] as { client_id: string }).client_id).to.equal(optimistic.client_id);
    expect(storage.getItem(`staff-chat.outbox.grand.${ME.id}`)).to.contain(optimistic.client_id);
    gate.resolve();
    await until(session.conversationView(2), (v) => v.messages.length === 0);
    expect(storage.items.size).to.equal(0);
  });

  it('a reload while the server stored the message but had not answered yet does not store or show it twice', async () => {
    const api = new FakeApi();
    api.storeMessage(1);
    const storage = new MemoryStorage();
    const first = start(api, storage);
    await first.started;
    await first.session.openConversation(1);
    api.sendGate = new Promise(() => {}); // the answer never arrives: the page is reloaded first
    const optimistic = first.session.sendMessage(1, 'sent just before the reload');
    await api.waitForCalls('sendMessage', 1);
    // The server did store it; only the answer was lost with the page.
    api.storeMessage(1, { client_id: optimistic.client_id, sender_id: ME.id, message: 'sent just before the reload' });
    first.session.stop();

    const second = start(api, storage);
    await second.started;
    await api.waitForCalls('sendMessage', 2);
    await second.session.openConversation(1);
    await until(second.session.conversationView(1), (v) => v.messages.every((m) => m.status === 'sent'));
    expect(storedWith(api, optimistic.client_id).length).to.equal(1);
    expect(mine(second.session, optimistic.client_id).length).to.equal(1);
    expect(storage.items.size).to.equal(0);
  });

  it('sends what an earlier page left in the outbox for conversations that are not open, in order', async () => {
    const api = new FakeApi();
    const storage = new MemoryStorage();
    const first = start(api, storage);
    await first.started;
    api.sendError = NETWORK;
    first.session.sendMessage(2, 'one');
    first.session.sendMessage(2, 'two');
    await api.waitForCalls('sendMessage', 1);
    first.session.stop();

    api.sendError = null;
    const second = start(api, storage);
    await second.started;
    await until(second.session.conversationView(2), (v) => v.messages.length === 0);
    const bodies = api
      .callsOf('sendMessage')
      .slice(1)
      .map((c) => (c.args[1] as { message: string }).message);
    expect(bodies).to.deep.equal(['one', 'two']);
    expect(second.session.$conversations.get().find((c) => c.id === 2)?.last_message?.message).to.equal('two');
    expect(storage.items.size).to.equal(0);
  });

  it('starts again by itself when the server could not be reached, and then sends the outbox', async () => {
    const api = new FakeApi();
    const storage = new MemoryStorage();
    storage.setItem(
      `staff-chat.outbox.grand.${ME.id}`,
      JSON.stringify([
        {
          conversation_id: 1,
          client_id: 'left-over',
          message: 'from before',
          reply_to: null,
          reply_to_message: null,
          timestamp: '2025-01-01T00:00:00.000Z',
        },
      ]),
    );
    api.startError = NETWORK;
    const { session, started } = start(api, storage);
    await started;
    expect(session.$status.get()).to.equal('error');
    api.startError = null;
    await until(session.$status, (status) => status === 'ready');
    await api.waitForCalls('sendMessage', 1);
    expect(sentClientIds(api)).to.deep.equal(['left-over']);
  });
});

describe('ChatSession catch-up on wake and while offline', () => {
  it('catches up every open conversation and the list when the tab is shown again', async () => {
    const api = new FakeApi();
    api.storeMessage(1);
    const { session, started } = start(api, new MemoryStorage());
    await started;
    await session.openConversation(1);
    const missed = api.storeMessage(1);
    api.conversationList = api.conversationList.map((c) => (c.id === 2 ? { ...c, unread_count: 5 } : c));
    const listed = api.nextCall('conversations');
    document.dispatchEvent(new Event('visibilitychange'));
    const view = await until(session.conversationView(1), (v) => v.messages.some((m) => m.id === missed.id));
    await listed;
    await until(session.$unreadTotal, (total) => total === 5);
    expect(view.messages.map((m) => m.id)).to.deep.equal([100, 101]);
    expect(api.callsOf('messages').at(-1)?.args).to.deep.equal([1, { limit: 50, afterId: 100 }]);
  });

  it('catches up when the browser is back online, and sends what waits for its backoff', async () => {
    const api = new FakeApi();
    const { session, started } = start(api, new MemoryStorage(), { retryDelay: () => 60_000 });
    await started;
    await session.openConversation(1);
    api.sendError = NETWORK;
    session.sendMessage(1, 'hello');
    await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'failed');
    api.sendError = null;
    const caughtUp = api.nextCall('messages');
    window.dispatchEvent(new Event('online'));
    await caughtUp;
    await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
  });

  it('polls at once when realtime becomes unavailable, then at its interval, and stops when it is back', async () => {
    const api = new FakeApi();
    const { session, realtime, started } = start(api, new MemoryStorage(), { pollIntervalMs: 20 });
    await started;
    await session.openConversation(1);
    realtime.setState('connected');
    const before = api.callsOf('messages').length;
    realtime.setState('unavailable');
    expect(api.callsOf('messages').length).to.equal(before + 1);
    await api.waitForCalls('messages', before + 3);
    realtime.setState('connected');
    const stoppedAt = api.callsOf('messages').length;
    // One more interval's worth passes without a poll.
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(api.callsOf('messages').length).to.equal(stoppedAt);
  });
});
