import { expect, waitUntil } from '@open-wc/testing';
import type { AcknowledgementSummary, Message } from '../../../server/contract.js';
import type { Alerts } from '../conversations/notifications.js';
import { createChatSession, type ChatSession } from '../session/chat-session.js';
import { conversation } from '../../testing/fixtures.js';
import { FakeApi, FakeRealtime, ME, MemoryStorage, until } from '../../testing/session-fakes.js';
import { REMINDER_INTERVAL_MS, type ReminderTimer } from './reminders.js';

// Urgent messages through the session: what waits for the viewer, reminders on a fake clock,
// acknowledging, and "acknowledged by" following everyone's acknowledgements live.

const anna = { id: 'anna', full_name: 'Anna Kovács', avatar: null, department: null, role: null };
const ben = { id: 'ben', full_name: 'Ben Okafor', avatar: null, department: null, role: null };
const GROUP = conversation(1, { is_group: true, title: 'Front Office', participants: [anna, ben, ME] });
const AT = '2025-01-01T12:30:00.000Z';
/** The first urgent message loads the lazily loaded chunk: in the test runner, that may take a while. */
const LOADED = { timeout: 8000 };

/** The reminders' clock, advanced by hand: each tick is one REMINDER_INTERVAL_MS gone by. */
function fakeClock() {
  const running = new Set<() => void>();
  const intervals: number[] = [];
  const timer: ReminderTimer = (run, ms) => {
    intervals.push(ms);
    running.add(run);
    return () => running.delete(run);
  };
  return { timer, intervals, tick: () => [...running].forEach((run) => run()), running: () => running.size };
}

function fakeAlerts() {
  const shown: [string, string, string][] = [];
  const alerts: Alerts = {
    permission: () => 'granted',
    requestPermission: async () => 'granted',
    show: (title, body, tag) => void shown.push([title, body, tag]),
    beep: () => undefined,
    // Desktop notifications switched on, as the person would in the panel's settings.
    load: () => JSON.stringify({ desktop: true, sound: false }),
    save: () => undefined,
  };
  return { alerts, shown };
}

const summary = (acknowledged: string[], pending: string[]): AcknowledgementSummary => ({
  total: acknowledged.length + pending.length,
  acknowledged: acknowledged.map((id) => ({ id, full_name: id === 'ben' ? ben.full_name : ME.full_name, at: AT })),
  pending,
});

const sessions: ChatSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.stop()));

async function started(setup: (api: FakeApi) => void = () => undefined) {
  const api = new FakeApi();
  api.conversationList = [GROUP, conversation(2, { participants: [ME, ben], is_muted: true })];
  setup(api);
  const realtime = new FakeRealtime();
  const clock = fakeClock();
  const { alerts, shown } = fakeAlerts();
  const session = createChatSession(
    { apiBase: '/api', hotel: 'grand', tokenProvider: async () => 'token' },
    // Looked at, so the only notifications are the reminders (a hidden page also alerts each new message).
    {
      api,
      alerts,
      reminderTimer: clock.timer,
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
  return { session, api, realtime, clock, shown };
}

/** An urgent message from Anna to Ben and the viewer, stored; the viewer still owes theirs. */
function storeUrgent(api: FakeApi, conversationId = 1, text = 'VIP arriving early, 214 must be ready'): Message {
  const urgent = api.storeMessage(conversationId, {
    sender_id: 'anna',
    sender_info: anna,
    message: text,
    requires_acknowledgement: true,
    acknowledgements: summary([], ['ben', ME.id]),
  });
  api.pending = [...api.pending, urgent];
  return urgent;
}

describe('urgent messages in the session', () => {
  it('asks at start what waits for the viewer, and reminds at once and every interval until acknowledged', async () => {
    let urgent: Message | undefined;
    const { session, api, clock, shown } = await started((api) => (urgent = storeUrgent(api)));
    const waiting = await until(session.$pendingAcknowledgements, (list) => list.length === 1);
    expect(waiting[0]?.id).to.equal(urgent!.id);

    // The reminders come with the lazily loaded features, which an urgent message brings.
    await waitUntil(() => shown.length === 1, 'the first reminder', LOADED);
    const reminder = ['Urgent message: please acknowledge', 'Anna Kovács: VIP arriving early, 214 must be ready', 'staff-chat-1'];
    expect(shown).to.deep.equal([reminder]);
    expect(clock.intervals).to.deep.equal([REMINDER_INTERVAL_MS]);
    clock.tick();
    clock.tick();
    expect(shown).to.have.length(3);
    expect(shown[2]).to.deep.equal(reminder);

    // Pressed twice in a row: one request.
    await Promise.all([session.acknowledgeMessage(1, urgent!.id), session.acknowledgeMessage(1, urgent!.id)]);
    expect(api.callsOf('acknowledge')).to.have.length(1);
    expect(session.$pendingAcknowledgements.get()).to.deep.equal([]);
    expect(clock.running()).to.equal(0, 'no reminder runs once nothing waits');
    clock.tick();
    expect(shown).to.have.length(3);
  });

  it('finds an urgent message that arrives in a conversation whose channel it does not hold, muted or not', async () => {
    const { session, api, realtime, clock, shown } = await started();
    expect(session.$pendingAcknowledgements.get()).to.deep.equal([]);
    const urgent = storeUrgent(api, 2, 'Fire door on 3 is open');
    const last = { id: urgent.id, sender_id: 'anna', sender_name: anna.full_name, message: urgent.message, timestamp: urgent.timestamp };
    realtime.deliver(
      ME.personal_channel,
      'conversation_updated',
      conversation(2, { participants: [ME, ben], is_muted: true, unread_count: 1, last_message: last }),
    );
    await until(session.$pendingAcknowledgements, (list) => list.length === 1);
    await waitUntil(() => shown.length === 1, 'the first reminder', LOADED);
    expect(shown[0]).to.deep.equal(['Urgent message: please acknowledge', 'Anna Kovács: Fire door on 3 is open', 'staff-chat-2']);
    clock.tick();
    expect(shown).to.have.length(2);
  });

  it('drops what another tab acknowledged (message_acknowledged on the personal channel)', async () => {
    let urgent: Message | undefined;
    const { session, realtime, clock } = await started((api) => (urgent = storeUrgent(api)));
    await until(session.$pendingAcknowledgements, (list) => list.length === 1);
    await waitUntil(() => clock.running() === 1, 'the reminders run', LOADED);
    const acknowledgements = summary([ME.id], ['ben']);
    realtime.deliver(ME.personal_channel, 'message_acknowledged', {
      conversation_id: 1,
      message_id: urgent!.id,
      acknowledgement: acknowledgements.acknowledged[0],
      acknowledgements,
    });
    await until(session.$pendingAcknowledgements, (list) => list.length === 0);
    expect(clock.running()).to.equal(0);
  });

  it('keeps "acknowledged by" of an open conversation current as each recipient acknowledges', async () => {
    let urgent: Message | undefined;
    const { session, realtime, api } = await started((api) => (urgent = storeUrgent(api)));
    await session.openConversation(1);
    const find = () =>
      session
        .conversationView(1)
        .get()
        .messages.find((m) => m.id === urgent!.id);
    expect(find()?.acknowledgements?.pending).to.deep.equal(['ben', ME.id]);
    const acknowledgements = summary(['ben'], [ME.id]);
    // Ben acknowledges on his own device: stored on the server, and announced on the conversation's channel.
    api.stored.set(
      1,
      api.stored.get(1)!.map((m) => (m.id === urgent!.id ? { ...m, acknowledgements } : m)),
    );
    realtime.deliver(GROUP.channel, 'message_acknowledged', {
      conversation_id: 1,
      message_id: urgent!.id,
      acknowledgement: acknowledgements.acknowledged[0],
      acknowledgements,
    });
    expect(find()?.acknowledgements).to.deep.equal(acknowledgements);
    expect(session.$pendingAcknowledgements.get()).to.have.length(1, 'the viewer still owes theirs');
    await session.acknowledgeMessage(1, urgent!.id);
    expect(find()?.acknowledgements?.acknowledged.map((a) => a.id)).to.deep.equal(['ben', ME.id]);
    expect(session.$pendingAcknowledgements.get()).to.deep.equal([]);
  });

  it('sends a message as urgent when asked', async () => {
    const { session, api } = await started();
    await session.openConversation(1);
    const shown = session.sendMessage(1, 'Lift 2 out of order', { requiresAcknowledgement: true });
    expect(shown.requires_acknowledgement).to.equal(true);
    const [, body] = (await api.waitForCalls('sendMessage', 1)).args as [number, { requires_acknowledgement?: boolean }];
    expect(body.requires_acknowledgement).to.equal(true);
    session.sendMessage(1, 'Thanks');
    const [, plain] = (await api.waitForCalls('sendMessage', 2)).args as [number, { requires_acknowledgement?: boolean }];
    expect(plain.requires_acknowledgement).to.equal(undefined);
  });
});
