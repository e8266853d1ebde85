import { expect } from '@open-wc/testing';
import type { Pin } from '../../../server/contract.js';
import { conversation, message } from '../../testing/fixtures.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';
import { createChatSession, type ChatSession } from './chat-session.js';

// Pins and housekeeping through the session as the elements use it: `housekeeping()` loads the lazy
// half, the pins come over REST, and a colleague's pin arrives live on the conversation's channel.

const anna = { id: 'anna', full_name: 'Anna Kovács', avatar: null, department: null, role: null };

/** The fake server, answering the housekeeping routes (they go through `withAuthorization`). */
class HousekeepingApi extends FakeApi {
  paths: string[] = [];
  pinList: Pin[] = [];

  override async withAuthorization<T extends { status: number }>(path: string): Promise<T> {
    this.paths.push(path);
    const body = path.endsWith('/pins/')
      ? { pins: this.pinList, count: this.pinList.length }
      : path.endsWith('/mute/')
        ? { ...conversation(1, { participants: [ME, anna] }), is_muted: true }
        : {};
    return new Response(JSON.stringify(body), { status: 200 }) as unknown as T;
  }
}

function pinOf(id: number): Pin {
  return {
    conversation_id: 1,
    message_id: id,
    pinned_by: { id: 'anna', full_name: anna.full_name, avatar: null },
    pinned_at: new Date().toISOString(),
    message: message(id, { conversation_id: 1 }),
  };
}

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function started() {
  const api = new HousekeepingApi();
  api.conversationList = [conversation(1, { participants: [ME, anna], unread_count: 4 })];
  api.pinList = [pinOf(3)];
  const realtime = new FakeRealtime();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    { api, storage: new MemoryStorage(), windowStorage: new MemoryStorage(), connect: () => realtime, markReadDelayMs: 0 },
  );
  sessions.push(session);
  await session.start();
  realtime.setState('connected');
  await session.openConversation(1);
  return { session, api, realtime };
}

describe('ChatSession pins and housekeeping', () => {
  it("fetches the pins and adds a colleague's pin live", async () => {
    const { session, api, realtime } = await started();
    const housekeeping = (await session.housekeeping())!;
    const $pins = housekeeping.pins(1);
    await until($pins, (state) => state.loaded);
    expect(api.paths).to.include('/conversations/1/pins/');
    expect($pins.get().pins.map((p) => p.message_id)).to.deep.equal([3]);
    realtime.deliver(conversation(1).channel, 'message_pinned', pinOf(8));
    expect($pins.get().pins.map((p) => p.message_id)).to.deep.equal([8, 3]);
    realtime.deliver(conversation(1).channel, 'message_unpinned', {
      conversation_id: 1,
      message_id: 3,
      unpinned_by: 'anna',
      unpinned_at: '',
    });
    expect($pins.get().pins.map((p) => p.message_id)).to.deep.equal([8]);
  });

  it('a muted conversation adds nothing to the unread total', async () => {
    const { session, realtime } = await started();
    session.closeConversation(1);
    const housekeeping = (await session.housekeeping())!;
    expect(await housekeeping.setMuted(1, true)).to.equal(null);
    expect(session.$conversations.get()[0]?.is_muted).to.equal(true);
    // A colleague writes twice: the personal channel brings the count, muted.
    realtime.deliver(ME.personal_channel, 'conversation_updated', {
      ...conversation(1, { participants: [ME, anna] }),
      unread_count: 2,
      is_muted: true,
    });
    expect(session.$conversations.get()[0]?.unread_count).to.equal(2);
    expect(session.$unreadTotal.get()).to.equal(0);
    realtime.deliver(ME.personal_channel, 'conversation_updated', {
      ...conversation(1, { participants: [ME, anna] }),
      unread_count: 2,
      is_muted: false,
    });
    expect(session.$unreadTotal.get()).to.equal(2);
  });
});
