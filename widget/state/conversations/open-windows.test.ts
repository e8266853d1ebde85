import { expect } from '@open-wc/testing';
import type { Me } from '../../../contract/index.js';
import { conversation } from '../../testing/fixtures.js';
import { openWindowsKey, savedWindows } from './open-windows.js';
import { createChatSession, type ChatSession } from '../session.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

/* The open chat windows survive a reload of the page, per hotel and staff member. */

const sessions: ChatSession[] = [];

/** A page load: a new session over the same tab storage. */
async function load(tab: MemoryStorage, api = new FakeApi()): Promise<ChatSession> {
  const realtime = new FakeRealtime();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    { api, storage: new MemoryStorage(), windowStorage: tab, connect: () => realtime, isPageActive: () => true, markReadDelayMs: 0 },
  );
  sessions.push(session);
  await session.start();
  return session;
}

class OtherStaffApi extends FakeApi {
  override async me(): Promise<Me> {
    return { ...ME, id: 'night-porter', full_name: 'Nina Night', personal_channel: 'private-hotel-grand.staff-night-porter' };
  }
}

afterEach(() => {
  for (const session of sessions.splice(0)) session.stop();
});

describe('open windows across a reload', () => {
  it('reopens the windows that were open, in their order', async () => {
    const tab = new MemoryStorage();
    const first = await load(tab);
    await first.openConversation(2);
    await first.openConversation(1);
    expect(savedWindows(tab, openWindowsKey('grand', ME.id))).to.deep.equal([2, 1]);
    first.stop();

    const second = await load(tab);
    await until(second.$openConversationIds, (ids) => ids.length === 2);
    expect(second.$openConversationIds.get()).to.deep.equal([2, 1]);
    await until(second.conversationView(1), (view) => view.loaded);
  });

  it('forgets a window once it is closed', async () => {
    const tab = new MemoryStorage();
    const first = await load(tab);
    await first.openConversation(1);
    await first.openConversation(2);
    first.closeConversation(1);
    first.stop();
    const second = await load(tab);
    await until(second.$openConversationIds, (ids) => ids.length > 0);
    expect(second.$openConversationIds.get()).to.deep.equal([2]);
  });

  it('drops conversations the person is no longer in', async () => {
    const tab = new MemoryStorage();
    const first = await load(tab);
    await first.openConversation(1);
    await first.openConversation(2);
    first.stop();

    const api = new FakeApi();
    api.conversationList = [conversation(2)];
    const second = await load(tab, api);
    await until(second.$openConversationIds, (ids) => ids.length > 0);
    expect(second.$openConversationIds.get()).to.deep.equal([2]);
    expect(savedWindows(tab, openWindowsKey('grand', ME.id))).to.deep.equal([2]);
    expect(
      api.callsOf('messages').map((c) => c.args[0]),
      'nothing is fetched for the one left',
    ).to.not.include(1);
  });

  it('never shows one person’s windows to the next one signing in in the same tab', async () => {
    const tab = new MemoryStorage();
    const first = await load(tab);
    await first.openConversation(1);
    first.stop();

    const next = await load(tab, new OtherStaffApi());
    expect(next.$status.get()).to.equal('ready');
    expect(next.$openConversationIds.get()).to.deep.equal([]);
    expect(savedWindows(tab, openWindowsKey('grand', ME.id)), 'the first person’s stay theirs').to.deep.equal([1]);
  });

  it('ignores whatever else is stored under its key', async () => {
    const tab = new MemoryStorage();
    tab.setItem(openWindowsKey('grand', ME.id), '{"not":"a list"');
    const session = await load(tab);
    expect(session.$status.get()).to.equal('ready');
    expect(session.$openConversationIds.get()).to.deep.equal([]);
    tab.setItem(openWindowsKey('grand', ME.id), JSON.stringify([1, 'x', -3, 1.5, null]));
    expect(savedWindows(tab, openWindowsKey('grand', ME.id))).to.deep.equal([1]);
  });
});
