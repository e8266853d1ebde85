import { expect } from '@open-wc/testing';
import type { CurrentHandover, HandoverItemChange } from '../../../contract/index.js';
import type { RequestOptions } from '../../api/client.js';
import { createChatSession, type ChatSession } from '../session/chat-session.js';
import { conversation } from '../../testing/fixtures.js';
import { item } from '../../testing/handover-fakes.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

// Handover notes through the real session, as elements use them: `session.loadFeatures()` hands out the
// store the lazily loaded chunk installed, fed by the same router as everything else.

const channel = conversation(1, {
  title: 'Housekeeping',
  is_group: true,
  kind: 'department',
  department: 'Housekeeping',
  participants: [ME],
});

/** The fake server, plus the handover routes (which go through `request`). */
class HandoverApi extends FakeApi {
  current: CurrentHandover = { handover: null };
  override async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    this.calls.push({ method: `${options.method ?? 'GET'} ${path}`, args: [options.body] });
    if (path.endsWith('/conversations/1/handover/')) return this.current as T;
    throw new Error(`no route for ${path}`);
  }
}

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

describe('handover notes through the session', () => {
  it('pins the channel’s note and follows a colleague’s tick in the pinned note and in the list', async () => {
    const api = new HandoverApi();
    api.conversationList = [channel];
    const note = api.storeMessage(1, {
      message: 'Late shift',
      kind: 'handover',
      handover: { items: [item(7, 'Restock trolley 2'), item(8, 'Cot for 214')] },
    });
    api.current = { handover: note };
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
    await session.openConversation(1);

    const handovers = (await session.loadFeatures())?.handovers;
    expect(handovers, 'the store comes with the lazily loaded chunk').to.not.equal(undefined);
    await handovers!.open(1);
    expect(handovers!.$handovers.get()[1]?.current?.id).to.equal(note.id);
    expect(api.calls.map((call) => call.method)).to.include('GET /staff_chat/grand/conversations/1/handover/');

    const change: HandoverItemChange = {
      conversation_id: 1,
      message_id: note.id,
      item: item(8, 'Cot for 214', { by: 'Dev Patel', at: new Date().toISOString() }),
    };
    realtime.deliver(channel.channel, 'handover_item_changed', change);
    expect(handovers!.$handovers.get()[1]?.current?.handover?.items.map((i) => i.checked)).to.deep.equal([false, true]);
    const listed = await until(session.conversationView(1), (view) =>
      view.messages.some((m) => m.id === note.id && m.handover?.items[1]?.checked === true),
    );
    expect(listed.messages.find((m) => m.id === note.id)?.handover?.items[1]?.checked_by?.full_name).to.equal('Dev Patel');
  });
});
