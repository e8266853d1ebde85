import { expect } from '@open-wc/testing';
import type { Conversation, EditMessageBody, Message, MessagePage, ReactionChange, ReactionEmoji } from '../../../server/contract.js';
import { ApiError } from '../../api/api-error.js';
import type { MessageQuery } from '../../api/client.js';
import type { Alerts } from '../conversations/notifications.js';
import { toggled } from '../messages/message-changes.js';
import { createChatSession, type ChatSession } from './chat-session.js';
import { conversation } from '../../testing/fixtures.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';

// Edits, deletions, reactions, read marks and alerts, through the session as the elements use it.

const anna = { id: 'anna', full_name: 'Anna Kovács', avatar: null, department: null, role: null };
const ben = { id: 'ben', full_name: 'Ben Ode', avatar: null, department: null, role: null };
const CHANNEL = conversation(1).channel;

/** The fake server, plus the routes of message changes. */
class ChangesApi extends FakeApi {
  failNext: ApiError | null = null;
  readMarks = [{ staff_id: 'anna', last_read_message_id: 100 }];
  /** Every edit's whole body, mentions included. */
  editBodies: EditMessageBody[] = [];

  private takeFailure(): void {
    const failure = this.failNext;
    this.failNext = null;
    if (failure) throw failure;
  }

  override async messages(conversationId: number, q: MessageQuery = {}): Promise<MessagePage> {
    return { ...(await super.messages(conversationId, q)), read_marks: this.readMarks };
  }

  override async editMessage(messageId: number, body: EditMessageBody): Promise<Message> {
    this.calls.push({ method: 'editMessage', args: [messageId, body.message] });
    this.editBodies.push(body);
    this.takeFailure();
    return this.replace(messageId, { message: body.message, is_edited: true, edited_at: new Date().toISOString() });
  }

  override async deleteMessage(messageId: number): Promise<Message> {
    this.calls.push({ method: 'deleteMessage', args: [messageId] });
    this.takeFailure();
    return this.replace(messageId, { message: '', is_deleted: true, deleted_at: new Date().toISOString(), reactions: [] });
  }

  override async react(messageId: number, emoji: ReactionEmoji, on: boolean): Promise<ReactionChange> {
    this.calls.push({ method: 'react', args: [messageId, emoji, on] });
    this.takeFailure();
    const current = this.find(messageId);
    const reactions = toggled(current.reactions ?? [], emoji, ME.id, on);
    this.replace(messageId, { reactions });
    return { conversation_id: 1, message_id: messageId, reactions, staff_id: ME.id, emoji, action: on ? 'added' : 'removed' };
  }

  override async addParticipants(conversationId: number, ids: string[]): Promise<Conversation> {
    this.calls.push({ method: 'addParticipants', args: [conversationId, ids] });
    return conversation(conversationId, { is_group: true, participants: [ME, anna, ben] });
  }

  private find(id: number): Message {
    const found = [...this.stored.values()].flat().find((m) => m.id === id);
    if (!found) throw new Error(`no message ${id}`);
    return found;
  }

  private replace(id: number, change: Partial<Message>): Message {
    const next = { ...this.find(id), ...change };
    for (const [cid, list] of this.stored)
      this.stored.set(
        cid,
        list.map((m) => (m.id === id ? next : m)),
      );
    return next;
  }
}

function fakeAlerts() {
  const shown: [string, string, string][] = [];
  let beeps = 0;
  let permission: NotificationPermission = 'default';
  const alerts: Alerts = {
    permission: () => permission,
    requestPermission: async () => (permission = 'granted'),
    show: (title, body, tag) => void shown.push([title, body, tag]),
    beep: () => void (beeps += 1),
    load: () => null,
    save: () => undefined,
  };
  return { alerts, shown, beeps: () => beeps };
}

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function started(options: { active?: boolean } = {}) {
  const api = new ChangesApi();
  api.conversationList = [conversation(1, { participants: [ME, anna] })];
  const own = api.storeMessage(1, {
    sender_id: ME.id,
    sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
    message: 'See you at 9',
  });
  const theirs = api.storeMessage(1, { sender_id: 'anna', message: 'Fine' });
  const realtime = new FakeRealtime();
  const { alerts, shown, beeps } = fakeAlerts();
  let active = options.active ?? true;
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    {
      api,
      alerts,
      storage: new MemoryStorage(),
      windowStorage: new MemoryStorage(),
      connect: () => realtime,
      isPageActive: () => active,
      markReadDelayMs: 0,
    },
  );
  sessions.push(session);
  await session.start();
  realtime.setState('connected');
  await session.openConversation(1);
  const find = (id: number) =>
    session
      .conversationView(1)
      .get()
      .messages.find((m) => m.id === id);
  return { session, api, realtime, own, theirs, find, shown, beeps, setActive: (value: boolean) => (active = value) };
}

describe('ChatSession message changes', () => {
  it("edits an own message at once and keeps the server's copy", async () => {
    const { session, api, own, find } = await started();
    const done = session.editMessage(1, own.id, 'See you at 10');
    expect(find(own.id)).to.include({ message: 'See you at 10', is_edited: true });
    await done;
    expect(api.callsOf('editMessage')[0]?.args).to.deep.equal([own.id, 'See you at 10']);
    expect(find(own.id)?.edited_at).to.be.a('string');
  });

  it('puts the old text back and says why when the edit fails', async () => {
    const { session, api, own, find } = await started();
    api.failNext = new ApiError(409, 'message_deleted', 'A deleted message cannot be edited.');
    await session.editMessage(1, own.id, 'changed');
    expect(find(own.id)).to.include({ message: 'See you at 9', is_edited: false });
    expect(session.$error.get()).to.be.a('string');
  });

  it('deletes an own message into the placeholder', async () => {
    const { session, own, find } = await started();
    await session.deleteMessage(1, own.id);
    expect(find(own.id)).to.include({ message: '', is_deleted: true });
  });

  it("applies others' edits and deletions from events, and ignores messages it never loaded", async () => {
    const { realtime, theirs, find, session } = await started();
    realtime.deliver(CHANNEL, 'message_edited', { ...theirs, message: 'Fine by me', is_edited: true });
    expect(find(theirs.id)).to.include({ message: 'Fine by me', is_edited: true, status: 'sent' });
    realtime.deliver(CHANNEL, 'message_deleted', { ...theirs, message: '', is_deleted: true });
    expect(find(theirs.id)).to.include({ message: '', is_deleted: true });
    const before = session.conversationView(1).get().messages.length;
    realtime.deliver(CHANNEL, 'message_edited', { ...theirs, id: 5, message: 'old one' });
    expect(session.conversationView(1).get().messages).to.have.length(before);
  });

  it('toggles a reaction on and off, optimistically, with POST then DELETE', async () => {
    const { session, api, theirs, find } = await started();
    const adding = session.toggleReaction(1, theirs.id, '👍');
    expect(find(theirs.id)?.reactions).to.deep.equal([{ emoji: '👍', count: 1, staff_ids: [ME.id] }]);
    await adding;
    await session.toggleReaction(1, theirs.id, '👍');
    expect(find(theirs.id)?.reactions).to.deep.equal([]);
    expect(api.callsOf('react').map((c) => c.args)).to.deep.equal([
      [theirs.id, '👍', true],
      [theirs.id, '👍', false],
    ]);
  });

  it('rolls a failed reaction back', async () => {
    const { session, api, theirs, find } = await started();
    api.failNext = new ApiError(0, 'network_error', 'offline');
    await session.toggleReaction(1, theirs.id, '🎉');
    expect(find(theirs.id)?.reactions ?? []).to.deep.equal([]);
  });

  it('replaces reactions from reaction_changed events, in the fixed emoji order', async () => {
    const { realtime, theirs, find } = await started();
    const reactions = [
      { emoji: '👍', count: 2, staff_ids: ['anna', 'ben'] },
      { emoji: '🔥', count: 1, staff_ids: ['anna'] },
    ];
    realtime.deliver(CHANNEL, 'reaction_changed', {
      conversation_id: 1,
      message_id: theirs.id,
      reactions,
      staff_id: 'anna',
      emoji: '🔥',
      action: 'added',
    });
    expect(find(theirs.id)?.reactions).to.deep.equal(reactions);
    expect(toggled(reactions as never, '❤️', 'me', true).map((r) => r.emoji)).to.deep.equal(['👍', '❤️', '🔥']);
  });
});

describe('ChatSession read marks and alerts', () => {
  it('takes read marks from the history page and moves them forward only', async () => {
    const { session, realtime } = await started();
    expect(session.$readMarks.get()[1]).to.deep.include({ anna: 100 });
    realtime.deliver(CHANNEL, 'messages_read', { conversation_id: 1, read_by_staff_id: 'anna', last_read_message_id: 101, read_at: '' });
    expect(session.$readMarks.get()[1]?.anna).to.equal(101);
    realtime.deliver(CHANNEL, 'messages_read', { conversation_id: 1, read_by_staff_id: 'anna', last_read_message_id: 99, read_at: '' });
    expect(session.$readMarks.get()[1]?.anna).to.equal(101);
  });

  it("moves a sender's mark to the message they send", async () => {
    const { session, realtime, api } = await started();
    realtime.deliver(CHANNEL, 'message_created', api.storeMessage(1, { sender_id: 'anna' }));
    expect(session.$readMarks.get()[1]?.anna).to.equal(102);
  });

  it('clears the unread count when another tab reads (conversation_updated on the personal channel)', async () => {
    const { session, realtime } = await started({ active: false });
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(1, { participants: [ME, anna], unread_count: 3 }));
    expect(session.$unreadTotal.get()).to.equal(3);
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(1, { participants: [ME, anna], unread_count: 0 }));
    expect(session.$unreadTotal.get()).to.equal(0);
  });

  it("alerts only while hidden, for others' messages, as switched on", async () => {
    const { session, realtime, shown, beeps, setActive } = await started({ active: false });
    await session.configureAlerts({ desktop: true, sound: true });
    expect(session.$alertSettings.get()).to.deep.equal({ desktop: true, sound: true });
    const beepsAfterSwitch = beeps();
    const last = { id: 200, sender_id: 'anna', sender_name: 'Anna Kovács', message: 'Room 12 is ready', timestamp: '' };
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(2, { unread_count: 1, last_message: last }));
    expect(shown).to.deep.equal([['Anna Kovács', 'Room 12 is ready', 'staff-chat-2']]);
    expect(beeps()).to.equal(beepsAfterSwitch + 1);
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(2, { unread_count: 0, last_message: last }));
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { unread_count: 1, last_message: { ...last, id: 201, sender_id: ME.id } }),
    );
    setActive(true);
    realtime.deliver(ME.personal_channel, 'conversation_updated', conversation(2, { unread_count: 2, last_message: { ...last, id: 202 } }));
    expect(shown).to.have.length(1);
  });

  it('adds people to a group and shows the new members', async () => {
    const { session, api } = await started();
    await session.addParticipants(1, ['ben']);
    expect(api.callsOf('addParticipants')[0]?.args).to.deep.equal([1, ['ben']]);
    await until(session.$conversations, (list) => list[0]?.participants.length === 3);
  });
});
