import { expect } from '@open-wc/testing';
import { ApiError } from '../../api/api-error.js';
import { createChatSession, type ChatSession, type ChatSessionDeps } from './chat-session.js';
import { errorMsg } from '../../messages/errors.js';
import { conversation, message } from '../../testing/fixtures.js';
import { CONFIG, deferred, FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

const CHANNEL_1 = 'private-hotel-grand.staff-chat.1';

interface Harness {
  session: ChatSession;
  api: FakeApi;
  realtime: FakeRealtime;
  storage: MemoryStorage;
  scopes: string[];
}

const sessions: ChatSession[] = [];

function setup(deps: Partial<ChatSessionDeps> = {}, api = new FakeApi(), storage = new MemoryStorage()): Harness {
  const realtime = new FakeRealtime();
  const scopes: string[] = [];
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      storage,
      // Each harness its own: the tab's sessionStorage would carry one test's open windows into the next.
      windowStorage: new MemoryStorage(),
      connect: (_config, _authorize, scope) => {
        scopes.push(scope);
        return realtime;
      },
      isPageActive: () => true,
      markReadDelayMs: 0,
      ...deps,
    },
  );
  sessions.push(session);
  return { session, api, realtime, storage, scopes };
}

async function started(deps: Partial<ChatSessionDeps> = {}, api?: FakeApi, storage?: MemoryStorage): Promise<Harness> {
  const harness = setup(deps, api, storage);
  await harness.session.start();
  return harness;
}

async function opened(id = 1, deps: Partial<ChatSessionDeps> = {}): Promise<Harness> {
  const api = new FakeApi();
  api.storeMessage(id);
  api.storeMessage(id);
  const harness = await started(deps, api);
  await harness.session.openConversation(id);
  return harness;
}

const ids = (h: Harness, id = 1) =>
  h.session
    .conversationView(id)
    .get()
    .messages.map((m) => m.id);

afterEach(() => {
  for (const session of sessions.splice(0)) session.stop();
});

describe('ChatSession start', () => {
  it('loads config, profile and conversations, then connects and holds the personal and presence channels', async () => {
    const { session, realtime, scopes } = await started();
    expect(session.$status.get()).to.equal('ready');
    expect(session.$me.get()?.id).to.equal('me');
    expect(session.$conversations.get().map((c) => c.id)).to.have.members([1, 2]);
    expect(session.$unreadTotal.get()).to.equal(3);
    expect(session.$connection.get()).to.equal('connecting');
    expect(scopes).to.deep.equal(['grand/me']);
    expect([...realtime.held.keys()]).to.deep.equal([ME.personal_channel, ME.presence_channel]);
  });

  it('reports a failed start as a sentence and an error status', async () => {
    const api = new FakeApi();
    api.startError = new ApiError(0, 'network_error', 'Failed to fetch');
    const { session } = await started({}, api);
    expect(session.$status.get()).to.equal('error');
    expect(session.$error.get()).to.equal(errorMsg.errorNetwork);
    expect(session.$errorInfo.get()?.code).to.equal('network_error');
  });

  it('follows the connection state', async () => {
    const { session, realtime } = await started();
    realtime.setState('connected');
    expect(session.$connection.get()).to.equal('connected');
  });

  it('stop releases every channel and the connection', async () => {
    const { session, realtime } = await opened();
    session.stop();
    expect(realtime.held.size).to.equal(0);
    expect(realtime.released).to.equal(true);
    expect(session.$connection.get()).to.equal('disconnected');
    expect(session.$status.get()).to.equal('idle');
  });
});

describe('ChatSession conversations', () => {
  it('opens a conversation: holds its channel, loads the latest page, marks it read', async () => {
    const { session, api, realtime } = await opened();
    expect(session.$openConversationIds.get()).to.deep.equal([1]);
    expect(realtime.held.has(CHANNEL_1)).to.equal(true);
    const view = session.conversationView(1).get();
    expect(view.loaded).to.equal(true);
    expect(view.messages.map((m) => m.status)).to.deep.equal(['sent', 'sent']);
    expect(api.callsOf('messages')[0]?.args).to.deep.equal([1, { limit: 50 }]);
    expect(api.callsOf('markRead').length).to.equal(1);
    expect(session.$unreadTotal.get()).to.equal(1);
  });

  it('closing releases the channel', async () => {
    const { session, realtime } = await opened();
    session.closeConversation(1);
    expect(session.$openConversationIds.get()).to.deep.equal([]);
    expect(realtime.held.has(CHANNEL_1)).to.equal(false);
  });

  it('loads older history before the oldest stored id', async () => {
    const api = new FakeApi();
    for (let i = 0; i < 60; i += 1) api.storeMessage(1);
    const { session } = await started({}, api);
    await session.openConversation(1);
    expect(session.conversationView(1).get().messages.length).to.equal(50);
    expect(session.conversationView(1).get().hasMore).to.equal(true);
    await session.loadOlder(1);
    expect(api.callsOf('messages')[1]?.args).to.deep.equal([1, { limit: 50, beforeId: 110 }]);
    expect(session.conversationView(1).get().messages.length).to.equal(60);
    expect(session.conversationView(1).get().hasMore).to.equal(false);
  });

  it('upserts the list from conversation_updated, new conversations included', async () => {
    const { session, realtime } = await started();
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { unread_count: 4, updated_at: '2025-02-01T00:00:00.000Z' }),
    );
    expect(session.$unreadTotal.get()).to.equal(6);
    expect(session.$conversations.get()[0]?.id).to.equal(2);
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(9, { unread_count: 1 }));
    expect(session.$conversations.get().map((c) => c.id)).to.include(9);
    expect(session.$unreadTotal.get()).to.equal(7);
  });

  it('only updates the list entry for a message in a conversation that is not loaded', async () => {
    const { session, realtime } = await started();
    realtime.deliver('private-hotel-grand.staff-chat.2', 'message_created', message(77, { conversation_id: 2 }));
    expect(session.$conversations.get().find((c) => c.id === 2)?.last_message?.id).to.equal(77);
    expect(session.conversationView(2).get().messages).to.deep.equal([]);
  });

  it('refetches the list each time the personal channel is confirmed', async () => {
    const { api, realtime } = await started();
    const before = api.callsOf('conversations').length;
    const refetched = api.nextCall('conversations');
    realtime.confirm(ME.personal_channel);
    await refetched;
    expect(api.callsOf('conversations').length).to.equal(before + 1);
  });

  it('marks an open conversation read when someone else writes in it', async () => {
    const { session, api, realtime } = await opened();
    const marked = api.nextCall('markRead');
    realtime.deliver(CHANNEL_1, 'message_created', message(200, { conversation_id: 1 }));
    await marked;
    expect(ids({ session } as Harness)).to.include(200);
    expect(api.callsOf('markRead').length).to.equal(2);
  });

  it('starts a conversation: creates it, lists it, opens it', async () => {
    const { session, api } = await started();
    const id = await session.startConversation(['bob'], 'Night shift');
    expect(id).to.equal(50);
    expect(api.callsOf('createConversation')[0]?.args).to.deep.equal([{ participant_ids: ['bob'], title: 'Night shift' }]);
    expect(session.$conversations.get().some((c) => c.id === 50)).to.equal(true);
    expect(session.$openConversationIds.get()).to.deep.equal([50]);
  });
});

describe('ChatSession sending', () => {
  it('shows a pending message at once, then the stored one in its place', async () => {
    const { session, api } = await opened();
    const gate = deferred<void>();
    api.sendGate = gate.promise;
    const optimistic = session.sendMessage(1, 'hello');
    expect(optimistic.id).to.be.lessThan(0);
    expect(optimistic.status).to.equal('pending');
    expect(optimistic.client_id).to.match(/^[0-9a-f-]{36}$/);
    expect(session.conversationView(1).get().messages.at(-1)?.status).to.equal('pending');
    gate.resolve();
    const view = await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
    expect(view.messages.length).to.equal(3);
    expect(view.messages.at(-1)?.client_id).to.equal(optimistic.client_id);
    expect(api.callsOf('sendMessage')[0]?.args).to.deep.equal([1, { message: 'hello', client_id: optimistic.client_id, reply_to: null }]);
  });

  it('never shows the message twice when the REST answer comes first', async () => {
    const { session, realtime } = await opened();
    const optimistic = session.sendMessage(1, 'hello');
    const view = await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
    const stored = view.messages.at(-1);
    realtime.deliver(CHANNEL_1, 'message_created', { ...stored, status: undefined });
    expect(
      session
        .conversationView(1)
        .get()
        .messages.filter((m) => m.client_id === optimistic.client_id).length,
    ).to.equal(1);
    expect(session.conversationView(1).get().messages.length).to.equal(3);
  });

  it('never shows the message twice when the realtime event comes first', async () => {
    const { session, api, realtime } = await opened();
    const gate = deferred<void>();
    api.sendGate = gate.promise;
    const optimistic = session.sendMessage(1, 'hello');
    await api.waitForCalls('sendMessage', 1);
    // The server stored it and broadcast it before the POST answered.
    const stored = message(500, { conversation_id: 1, client_id: optimistic.client_id, sender_id: 'me', message: 'hello' });
    api.stored.set(1, [...(api.stored.get(1) ?? []), stored]);
    realtime.deliver(CHANNEL_1, 'message_created', stored);
    expect(ids({ session } as Harness).filter((id) => id < 0)).to.deep.equal([]);
    expect(ids({ session } as Harness).at(-1)).to.equal(500);
    gate.resolve();
    await until(session.conversationView(1), (v) => v.messages.every((m) => m.status === 'sent'));
    await api.sendGate;
    expect(ids({ session } as Harness)).to.deep.equal([100, 101, 500]);
  });

  it('marks a failed send with a sentence and retries it with the same client_id', async () => {
    const { session, api } = await opened();
    api.sendError = new ApiError(0, 'network_error', 'Failed to fetch');
    const optimistic = session.sendMessage(1, 'hello');
    const failed = await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'failed');
    expect(failed.messages.at(-1)?.error).to.equal(errorMsg.errorNetwork);
    api.sendError = null;
    session.retryMessage(1, optimistic.client_id ?? '');
    expect(session.conversationView(1).get().messages.at(-1)?.status).to.equal('pending');
    await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
    const sent = api.callsOf('sendMessage').map((c) => (c.args[1] as { client_id: string }).client_id);
    expect(sent).to.deep.equal([optimistic.client_id, optimistic.client_id]);
  });

  it('retries sends that failed for network reasons once the connection is back', async () => {
    const { session, api, realtime } = await opened();
    api.sendError = new ApiError(503, 'http_503', 'Unavailable');
    session.sendMessage(1, 'hello');
    await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'failed');
    api.sendError = null;
    realtime.setState('connected');
    await until(session.conversationView(1), (v) => v.messages.at(-1)?.status === 'sent');
  });

  it('fails a message longer than the limit without sending it', async () => {
    const { session, api } = await opened();
    const result = session.sendMessage(1, 'x'.repeat(41));
    expect(result.status).to.equal('failed');
    expect(session.conversationView(1).get().messages.at(-1)?.error).to.equal(errorMsg.errorTooLong);
    expect(api.callsOf('sendMessage').length).to.equal(0);
  });

  it('carries the reply preview on the optimistic message and reply_to in the request', async () => {
    const { session, api } = await opened();
    const original = session.conversationView(1).get().messages[0];
    if (!original) throw new Error('no message loaded');
    const optimistic = session.sendMessage(1, 'agreed', { replyTo: original });
    expect(optimistic.reply_to_message).to.deep.equal({
      id: original.id,
      message: original.message,
      sender_id: 'bob',
      sender_name: 'Bob Porter',
    });
    await api.waitForCalls('sendMessage', 1);
    expect((api.callsOf('sendMessage')[0]?.args[1] as { reply_to: number }).reply_to).to.equal(original.id);
  });

  it('rejects blank text', async () => {
    const { session } = await opened();
    expect(() => session.sendMessage(1, '   ')).to.throw(RangeError);
  });

  it('keeps unsent messages across a reload and sends them again with the same client_id', async () => {
    const storage = new MemoryStorage();
    const api = new FakeApi();
    const first = await started({}, api, storage);
    await first.session.openConversation(1);
    api.sendError = new ApiError(0, 'network_error', 'offline');
    const optimistic = first.session.sendMessage(1, 'survive the reload');
    await until(first.session.conversationView(1), (v) => v.messages.at(-1)?.status === 'failed');
    expect(storage.items.size).to.equal(1);
    first.session.stop();

    api.sendError = null;
    const second = await started({}, api, storage);
    // Sent from the outbox at start, before anyone opens the conversation.
    await api.waitForCalls('sendMessage', 2);
    await until(second.session.conversationView(1), (v) => v.messages.length === 0);
    const clientIds = api.callsOf('sendMessage').map((c) => (c.args[1] as { client_id: string }).client_id);
    expect(clientIds).to.deep.equal([optimistic.client_id, optimistic.client_id]);
    expect(storage.items.size).to.equal(0);
    await second.session.openConversation(1);
    const mine = second.session
      .conversationView(1)
      .get()
      .messages.filter((m) => m.client_id === optimistic.client_id);
    expect(mine.map((m) => m.status)).to.deep.equal(['sent']);
  });
});

describe('ChatSession catch-up', () => {
  it('fetches after the newest stored id each time the channel is confirmed, page by page', async () => {
    const { session, api, realtime } = await opened();
    for (let i = 0; i < 60; i += 1) api.storeMessage(1);
    realtime.confirm(CHANNEL_1);
    const view = await until(session.conversationView(1), (v) => v.messages.length === 62);
    const afterIds = api
      .callsOf('messages')
      .slice(1)
      .map((c) => (c.args[1] as { afterId: number }).afterId);
    expect(afterIds).to.deep.equal([101, 151]);
    expect(view.messages.map((m) => m.id)).to.deep.equal([...Array(62).keys()].map((i) => 100 + i));
  });

  it('catches up after the first load when the channel was confirmed while loading', async () => {
    const api = new FakeApi();
    api.storeMessage(1);
    const { session, realtime } = await started({}, api);
    const gate = deferred<void>();
    api.messagesGate = gate.promise;
    const opening = session.openConversation(1);
    await api.waitForCalls('messages', 1);
    realtime.confirm(CHANNEL_1);
    // A message stored after the page was read but before the subscription was confirmed.
    api.storeMessage(1);
    gate.resolve();
    await opening;
    expect(ids({ session } as Harness)).to.deep.equal([100, 101]);
  });

  it('merges catch-up results with messages that arrived live, without duplicates', async () => {
    const { session, api, realtime } = await opened();
    const live = api.storeMessage(1);
    realtime.deliver(CHANNEL_1, 'message_created', live);
    api.storeMessage(1);
    realtime.confirm(CHANNEL_1);
    await until(session.conversationView(1), (v) => v.messages.length === 4);
    expect(ids({ session } as Harness)).to.deep.equal([100, 101, 102, 103]);
  });

  it('catches up from the last complete page, not from the newest message held', async () => {
    const { session, api, realtime } = await opened();
    // While this socket was down a colleague wrote 102, then the viewer's own send was stored as 103 and
    // acknowledged. Catching up after 103 would lose 102 for good.
    api.storeMessage(1, { sender_id: 'bob' });
    session.sendMessage(1, 'mine');
    await until(session.conversationView(1), (v) => v.messages.some((m) => m.id === 103));
    realtime.confirm(CHANNEL_1);
    const view = await until(session.conversationView(1), (v) => v.messages.length === 4);
    expect(view.messages.map((m) => m.id)).to.deep.equal([100, 101, 102, 103]);
    const afterIds = api
      .callsOf('messages')
      .slice(1)
      .map((c) => (c.args[1] as { afterId: number }).afterId);
    expect(afterIds[0]).to.equal(101);
  });

  it('tries a failed catch-up again by itself, backing off', async () => {
    const { session, api, realtime } = await opened(1, { retryDelay: () => 5 });
    api.storeMessage(1);
    api.messagesError = new ApiError(503, 'unavailable', 'Restarting');
    realtime.confirm(CHANNEL_1);
    const view = await until(session.conversationView(1), (v) => v.messages.length === 3);
    expect(view.messages.map((m) => m.id)).to.deep.equal([100, 101, 102]);
    expect(api.callsOf('messages')).to.have.length(3);
  });

  it('asks the server for its config when the socket is refused, and moves the connection to the new key', async () => {
    const { session, api, realtime } = await started({ retryDelay: () => 0 });
    realtime.setState('connected');
    const restarted = { ...CONFIG, pusher: { ...CONFIG.pusher, key: 'key-after-restart' } };
    api.configAnswer = restarted;
    // How the pusher client reports a refusal (close 4001: a key the server no longer knows).
    realtime.setState('unavailable');
    await until(session.$config, (config) => config === restarted);
    expect(realtime.reconfigured).to.deep.equal([['key-after-restart', restarted.pusher.options]]);
  });

  it('asks again, backing off, while a server whose socket dropped is still restarting', async () => {
    const delays: number[] = [];
    const { session, api, realtime } = await started({ retryDelay: (failures) => (delays.push(failures), 1) });
    realtime.setState('connected');
    api.startError = new ApiError(503, 'unavailable', 'Restarting');
    realtime.setState('connecting');
    // The start's call, then two probes that failed.
    await api.waitForCalls('config', 3);
    expect(realtime.reconfigured).to.have.length(0);
    const answer = { ...CONFIG };
    api.configAnswer = answer;
    api.startError = null;
    await until(session.$config, (config) => config === answer);
    expect(realtime.reconfigured).to.deep.equal([['key', CONFIG.pusher.options]]);
    expect(delays.slice(0, 3)).to.deep.equal([1, 2, 3]);
  });

  it('polls while the realtime connection is unavailable', async () => {
    const { api, realtime } = await opened(1, { pollIntervalMs: 5 });
    api.storeMessage(1);
    const polled = api.nextCall('messages');
    realtime.setState('unavailable');
    const call = await polled;
    expect(call.args).to.deep.equal([1, { limit: 50, afterId: 101 }]);
    realtime.setState('connected');
  });
});
