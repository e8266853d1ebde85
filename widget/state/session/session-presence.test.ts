import { expect } from '@open-wc/testing';
import { createChatSession, type ChatSession } from './chat-session.js';
import { conversation } from '../../testing/fixtures.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

// The session's wiring of presence and typing; their rules are tested in presence.test.ts and typing.test.ts.

const anna = { id: 'anna', full_name: 'Anna Kovács', avatar: null, department: null, role: null };

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function started() {
  const api = new FakeApi();
  api.conversationList = [conversation(1, { participants: [ME, anna] })];
  const realtime = new FakeRealtime();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      storage: new MemoryStorage(),
      windowStorage: new MemoryStorage(),
      connect: () => realtime,
      isPageActive: () => true,
      markReadDelayMs: 0,
    },
  );
  sessions.push(session);
  await session.start();
  realtime.setState('connected');
  return { session, api, realtime };
}

describe('ChatSession presence and typing', () => {
  it('joins the presence channel named by `me`, and leaves it on stop', async () => {
    const { session, realtime } = await started();
    realtime.confirm(ME.presence_channel, { members: { me: {}, anna: {} } });
    expect([...session.$onlineIds.get()].sort()).to.deep.equal(['anna', 'me']);
    session.stop();
    expect(realtime.held.has(ME.presence_channel)).to.equal(false);
    expect(session.$onlineIds.get().size).to.equal(0);
  });

  it("announces typing on an open conversation's channel, at once again after a send", async () => {
    const { session, realtime } = await started();
    const channel = conversation(1).channel;
    session.notifyTyping(1, 'On my');
    expect(realtime.triggered).to.deep.equal([], 'not before the conversation is open');
    await session.openConversation(1);
    session.notifyTyping(1, 'On my');
    session.notifyTyping(1, 'On my way');
    expect(realtime.triggered).to.deep.equal([[channel, 'client-typing', { staff_id: 'me', name: ME.full_name, typing: true }]]);
    session.sendMessage(1, 'On my way');
    session.notifyTyping(1, 'T');
    expect(realtime.triggered).to.have.length(2);
  });

  it('shows a participant typing in an open conversation until their message arrives', async () => {
    const { session, realtime, api } = await started();
    await session.openConversation(1);
    realtime.signal(conversation(1).channel, 'client-typing', { staff_id: 'anna', name: 'Anna', typing: true });
    expect(session.$typing.get()).to.deep.equal({ 1: [{ id: 'anna', name: 'Anna Kovács' }] });
    realtime.deliver(conversation(1).channel, 'message_created', api.storeMessage(1, { sender_id: 'anna' }));
    await until(session.$typing, (state) => state[1] === undefined);
  });
});
