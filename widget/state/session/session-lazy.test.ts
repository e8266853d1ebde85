import { expect } from '@open-wc/testing';
import { createChatSession, type ChatSession } from './chat-session.js';
import { conversation, message } from '../../testing/fixtures.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

// The conversation features load on first use (state/session/conversation-features.ts, in the chunk of the
// elements): what works before them, and what waits for them. Each test file runs in a page of its
// own, so the first test here sees a page that has not loaded them yet.

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function started(api = new FakeApi()) {
  const realtime = new FakeRealtime();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      storage: new MemoryStorage(),
      windowStorage: new MemoryStorage(),
      connect: () => realtime,
      isPageActive: () => false,
      markReadDelayMs: 0,
    },
  );
  sessions.push(session);
  await session.start();
  realtime.setState('connected');
  return { session, api, realtime };
}

/** Whether the page has fetched the features' module (the test runner serves each module as a file). */
const featuresFetched = () => performance.getEntriesByType('resource').some((entry) => entry.name.includes('conversation-features'));

describe('ChatSession before the conversation features load', () => {
  it('keeps the list, the unread badge and the presence channel live without loading them', async () => {
    const { session, realtime } = await started();
    realtime.confirm(ME.personal_channel);
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(2, { unread_count: 4 }));
    realtime.deliver(ME.personal_channel, 'message_created', message(300, { conversation_id: 1, message: 'lobby is ready' }));
    expect(session.$unreadTotal.get()).to.equal(2 + 4);
    expect(session.$conversations.get()[0]?.last_message?.message).to.equal('lobby is ready');
    expect(session.$readMarks.get()[1]).to.deep.equal({ bob: 300 });
    expect(realtime.held.has(ME.presence_channel)).to.equal(true);
    expect(featuresFetched()).to.equal(false);
    await session.openConversation(1);
    expect(featuresFetched()).to.equal(true);
  });

  it('shows a message sent before they load at once, and sends it once they are here', async () => {
    const { session, api } = await started();
    const optimistic = session.sendMessage(1, 'early bird');
    expect(
      session
        .conversationView(1)
        .get()
        .messages.map((m) => [m.client_id, m.status]),
    ).to.deep.equal([[optimistic.client_id, 'pending']]);
    const call = await api.waitForCalls('sendMessage', 1);
    expect((call.args[1] as { client_id: string }).client_id).to.equal(optimistic.client_id);
    await until(session.conversationView(1), (v) => v.messages.length === 0);
    expect(session.$conversations.get().find((c) => c.id === 1)?.last_message?.message).to.equal('early bird');
  });

  it('holds realtime events that arrive while they load, then applies them in order', async () => {
    const { session, realtime } = await started();
    const opening = session.openConversation(1);
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(2, { unread_count: 7 }));
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(2, { unread_count: 3 }));
    expect(session.$conversations.get().find((c) => c.id === 2)?.unread_count).to.equal(1, 'waiting for the features');
    await opening;
    expect(session.$conversations.get().find((c) => c.id === 2)?.unread_count).to.equal(3);
  });
});
