import { expect } from '@open-wc/testing';
import type { EditMessageBody, Message } from '../../../server/contract.js';
import { hasUnreadMention } from '../conversations/conversations.js';
import type { Alerts } from '../conversations/notifications.js';
import { toOutboxEntry, fromOutboxEntry } from '../outbox/outbox.js';
import { createChatSession, type ChatSession } from './chat-session.js';
import { conversation, staff } from '../../testing/fixtures.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

// Mentions through the session as the elements use it: what a send carries, the badge's count and its
// clearing, the alert that gets through a mute, and what an edit keeps.

const anna = staff('anna', 'Anna Kovács');
const ben = staff('ben', 'Ben Ode', 'Front desk');

class MentionsApi extends FakeApi {
  edits: { messageId: number; body: EditMessageBody }[] = [];

  override async editMessage(messageId: number, body: EditMessageBody): Promise<Message> {
    this.edits.push({ messageId, body });
    const stored = [...this.stored.values()].flat().find((m) => m.id === messageId)!;
    const kept = [anna, ben].filter((s) => body.mentions?.includes(s.id) ?? stored.mentions?.includes(s.id));
    return {
      ...stored,
      message: body.message,
      is_edited: true,
      mentions: kept.map((s) => s.id),
      mentioned_staff: kept.map(({ id, full_name, avatar }) => ({ id, full_name, avatar })),
      mentioned_departments: body.mention_departments ?? stored.mentioned_departments ?? [],
    };
  }
}

function fakeAlerts() {
  const shown: [string, string, string][] = [];
  const alerts: Alerts = {
    permission: () => 'granted',
    requestPermission: async () => 'granted',
    show: (title, body, tag) => void shown.push([title, body, tag]),
    beep: () => undefined,
    load: () => JSON.stringify({ desktop: true, sound: false }),
    save: () => undefined,
  };
  return { alerts, shown };
}

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function started(options: { active?: boolean } = {}) {
  const api = new MentionsApi();
  api.conversationList = [
    conversation(1, { is_group: true, title: 'Morning', participants: [ME, anna, ben] }),
    conversation(2, { participants: [ME, anna] }),
  ];
  const realtime = new FakeRealtime();
  const { alerts, shown } = fakeAlerts();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      alerts,
      storage: new MemoryStorage(),
      windowStorage: new MemoryStorage(),
      connect: () => realtime,
      isPageActive: () => options.active ?? true,
      markReadDelayMs: 0,
    },
  );
  sessions.push(session);
  await session.start();
  realtime.setState('connected');
  return { session, api, realtime, shown };
}

const last = { id: 300, sender_id: 'anna', sender_name: 'Anna Kovács', message: '@Mia Manager can you check 214?', timestamp: '' };

describe('ChatSession mentions', () => {
  it('sends the mentioned ids and departments, and shows them on the message at once', async () => {
    const { session, api } = await started();
    await session.openConversation(1);
    const sent = api.nextCall('sendMessage');
    const mentioned = {
      mentions: ['anna'],
      mentioned_staff: [{ id: 'anna', full_name: 'Anna Kovács', avatar: null }],
      mentioned_departments: ['Front desk'],
    };
    const optimistic = session.sendMessage(1, '@Anna Kovács @Front desk', { mentioned });
    expect(optimistic).to.include({ mentions: mentioned.mentions, mentioned_departments: mentioned.mentioned_departments });
    const [, body] = (await sent).args as [number, Record<string, unknown>];
    expect(body).to.include({ message: '@Anna Kovács @Front desk' });
    expect(body.mentions).to.deep.equal(['anna']);
    expect(body.mention_departments).to.deep.equal(['Front desk']);
  });

  it('sends no mention fields for a message that mentions nobody', async () => {
    const { session, api } = await started();
    await session.openConversation(1);
    const sent = api.nextCall('sendMessage');
    session.sendMessage(1, 'no one in particular');
    const [, body] = (await sent).args as [number, Record<string, unknown>];
    expect(body).to.not.have.any.keys('mentions', 'mention_departments');
  });

  it('keeps the mentions of an unsent message across a reload (the outbox entry)', () => {
    const entry = toOutboxEntry({
      ...conversationMessage(),
      mentions: ['anna'],
      mentioned_staff: [{ id: 'anna', full_name: 'Anna Kovács', avatar: null }],
      mentioned_departments: ['Housekeeping'],
    });
    const restored = fromOutboxEntry(JSON.parse(JSON.stringify(entry)) as typeof entry, ME, -9);
    expect(restored.mentions).to.deep.equal(['anna']);
    expect(restored.mentioned_departments).to.deep.equal(['Housekeeping']);
    expect(restored.mentioned_staff?.map((s) => s.full_name)).to.deep.equal(['Anna Kovács']);
  });

  it('shows a mention as a badge of its own until the conversation is read', async () => {
    const { session, realtime, api } = await started();
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { participants: [ME, anna], unread_count: 2, mention_count: 1, last_message: last }),
    );
    await until(session.$conversations, (list) => list.some(hasUnreadMention));
    expect(session.$unreadTotal.get()).to.equal(2);
    const read = api.nextCall('markRead');
    void session.openConversation(2);
    await read;
    await until(session.$conversations, (list) => !list.some(hasUnreadMention));
  });

  it('alerts for a mention in a muted conversation; a muted one stays quiet otherwise', async () => {
    const { realtime, shown } = await started({ active: false });
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { is_muted: true, unread_count: 1, last_message: { ...last, id: 299, message: 'quiet' } }),
    );
    expect(shown).to.deep.equal([]);
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { is_muted: true, unread_count: 2, mention_count: 1, last_message: last }),
    );
    expect(shown).to.deep.equal([['Anna Kovács mentioned you', last.message, 'staff-chat-2']]);
    // A message that arrives after it, mentioning no one, is quiet again (the count did not go up).
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { is_muted: true, unread_count: 3, mention_count: 1, last_message: { ...last, id: 301 } }),
    );
    expect(shown).to.have.length(1);
  });

  it('follows a mention added by an edit of an older message (staff_mentioned, no list update) with a fetch', async () => {
    const { session, realtime, api } = await started();
    await session.openConversation(1);
    const fetches = api.callsOf('conversations').length;
    api.conversationList = api.conversationList.map((c) =>
      c.id === 2 ? { ...c, unread_count: 1, mention_count: 1, last_message: last } : c,
    );
    const mention = {
      conversation_id: 2,
      message_id: 250,
      mentioned_staff_id: ME.id,
      mentioned_staff_name: ME.full_name,
      mentioned_staff_avatar: null,
    };
    const from = {
      department: null,
      sender_id: 'anna',
      sender_name: 'Anna Kovács',
      sender_avatar: null,
      message: '@Mia Manager',
      timestamp: '',
    };
    realtime.deliver(ME.personal_channel, 'staff_mentioned', { ...mention, ...from });
    await until(session.$conversations, (list) => list.some(hasUnreadMention));
    expect(api.callsOf('conversations').length).to.equal(fetches + 1);
    // The same event for the newest message, already counted, fetches nothing more.
    realtime.deliver(ME.personal_channel, 'staff_mentioned', { ...mention, message_id: last.id, ...from });
    expect(api.callsOf('conversations').length).to.equal(fetches + 1);
  });

  it('an edit drops the mentions whose names left the text and keeps the rest', async () => {
    const { session, api } = await started();
    const own = api.storeMessage(1, {
      sender_id: ME.id,
      sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
      message: '@Anna Kovács and @Ben Ode, towels for 214',
      mentions: ['anna', 'ben'],
      mentioned_staff: [
        { id: 'anna', full_name: 'Anna Kovács', avatar: null },
        { id: 'ben', full_name: 'Ben Ode', avatar: null },
      ],
      mentioned_departments: [],
    });
    await session.openConversation(1);
    const find = () =>
      session
        .conversationView(1)
        .get()
        .messages.find((m) => m.id === own.id);
    const editing = session.editMessage(1, own.id, '@Ben Ode, towels for 214 please');
    expect(find()?.mentions, 'shown at once').to.deep.equal(['ben']);
    await editing;
    expect(api.edits).to.deep.equal([
      { messageId: own.id, body: { message: '@Ben Ode, towels for 214 please', mentions: ['ben'], mention_departments: [] } },
    ]);
    expect(find()?.mentioned_staff?.map((s) => s.id)).to.deep.equal(['ben']);
  });

  it('an edit of a message that mentioned nobody sends only the text', async () => {
    const { session, api } = await started();
    const own = api.storeMessage(1, {
      sender_id: ME.id,
      sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
      message: 'towels',
      mentions: [],
      mentioned_staff: [],
    });
    await session.openConversation(1);
    await session.editMessage(1, own.id, 'towels for @Anna Kovács');
    expect(api.edits[0]?.body).to.deep.equal({ message: 'towels for @Anna Kovács' });
  });
});

function conversationMessage() {
  return {
    id: -3,
    conversation_id: 1,
    client_id: 'c-1',
    sender_id: ME.id,
    sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
    message: '@Anna Kovács @Housekeeping',
    timestamp: new Date().toISOString(),
    reply_to: null,
    reply_to_message: null,
    attachments: [],
    is_edited: false,
    is_deleted: false,
    status: 'pending' as const,
  };
}
