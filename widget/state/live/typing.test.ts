import { expect } from '@open-wc/testing';
import type { Conversation } from '../../../server/contract.js';
import { conversation, message } from '../../testing/fixtures.js';
import { FakeRealtime, ME, until } from '../../testing/session-fakes.js';
import { createTyping, type TypingOptions } from './typing.js';

const anna = { id: 'anna', full_name: 'Anna Kovács', avatar: null, department: null, role: null };
const ben = { id: 'ben', full_name: 'Ben Okafor', avatar: null, department: null, role: null };
const withAnna = conversation(1, { participants: [ME, anna] });
const group = conversation(2, { is_group: true, participants: [ME, anna, ben] });

function setup(options: TypingOptions = {}) {
  const list: Conversation[] = [withAnna, group];
  const realtime = new FakeRealtime();
  let clock = 1_000;
  const typing = createTyping(
    {
      me: () => ME,
      conversation: (id) => list.find((c) => c.id === id),
      conversationOnChannel: (channel) => list.find((c) => c.channel === channel),
    },
    { now: () => clock, ...options },
  );
  const stop = typing.watch(realtime);
  for (const c of list) realtime.acquire(c.channel, () => {});
  return { realtime, typing, stop, advance: (ms: number) => (clock += ms) };
}

const names = (typing: ReturnType<typeof createTyping>, id: number) => (typing.$typing.get()[id] ?? []).map((p) => p.name);

describe('typing', () => {
  it('announces at most once per throttle interval while the draft changes, at once again after a send', () => {
    const { realtime, typing, advance } = setup({ throttleMs: 2500 });
    typing.draftChanged(1, 'H');
    typing.draftChanged(1, 'He');
    advance(2000);
    typing.draftChanged(1, 'Hel');
    expect(realtime.triggered).to.deep.equal([[withAnna.channel, 'client-typing', { staff_id: 'me', name: ME.full_name, typing: true }]]);
    advance(600);
    typing.draftChanged(1, 'Hell');
    expect(realtime.triggered).to.have.length(2);
    typing.sent(1);
    typing.draftChanged(1, 'N');
    expect(realtime.triggered).to.have.length(3);
    // each conversation has its own interval
    typing.draftChanged(2, 'x');
    expect(realtime.triggered.map(([channel]) => channel)).to.deep.equal([
      withAnna.channel,
      withAnna.channel,
      withAnna.channel,
      group.channel,
    ]);
  });

  it('announces a stop when the draft is emptied, only if it had announced typing lately', () => {
    const { realtime, typing, advance } = setup({ expireMs: 5000 });
    typing.draftChanged(1, '');
    expect(realtime.triggered).to.deep.equal([]);
    typing.draftChanged(1, 'a');
    typing.draftChanged(1, '  ');
    expect(realtime.triggered.map(([, , data]) => (data as { typing: boolean }).typing)).to.deep.equal([true, false]);
    typing.draftChanged(1, 'a');
    advance(6000);
    typing.draftChanged(1, '');
    expect(realtime.triggered).to.have.length(3);
  });

  it('sends nothing on a channel it does not hold', () => {
    const { realtime, typing } = setup();
    realtime.held.delete(withAnna.channel);
    typing.draftChanged(1, 'a');
    typing.draftChanged(99, 'a');
    expect(realtime.triggered).to.deep.equal([]);
  });

  it('shows participants typing with the names the conversation knows, never the viewer or strangers', () => {
    const { realtime, typing } = setup();
    realtime.signal(group.channel, 'client-typing', { staff_id: 'anna', name: 'The General Manager', typing: true });
    realtime.signal(group.channel, 'client-typing', { staff_id: 'me', name: ME.full_name, typing: true });
    realtime.signal(group.channel, 'client-typing', { staff_id: 'olga', name: 'Olga', typing: true });
    realtime.signal(group.channel, 'client-typing', { staff_id: 'ben', typing: 'yes' });
    realtime.signal('private-hotel-grand.staff-chat.77', 'client-typing', { staff_id: 'anna', name: 'Anna', typing: true });
    expect(typing.$typing.get()).to.deep.equal({ 2: [{ id: 'anna', name: 'Anna Kovács' }] });
    realtime.signal(group.channel, 'client-typing', { staff_id: 'ben', name: 'Ben', typing: true });
    expect(names(typing, 2)).to.deep.equal(['Anna Kovács', 'Ben Okafor']);
    realtime.signal(group.channel, 'client-typing', { staff_id: 'anna', name: 'Anna', typing: false });
    expect(names(typing, 2)).to.deep.equal(['Ben Okafor']);
  });

  it('clears someone when their message arrives', () => {
    const { realtime, typing } = setup();
    realtime.signal(withAnna.channel, 'client-typing', { staff_id: 'anna', name: 'Anna', typing: true });
    realtime.deliver(withAnna.channel, 'message_created', message(5, { conversation_id: 2, sender_id: 'anna' }));
    expect(names(typing, 1)).to.deep.equal(['Anna Kovács']);
    realtime.deliver(withAnna.channel, 'message_created', message(6, { conversation_id: 1, sender_id: 'anna' }));
    expect(typing.$typing.get()).to.deep.equal({});
  });

  it('forgets someone after the expiry without a new announcement, and everything on stop', async () => {
    const { realtime, typing, stop } = setup({ expireMs: 60 });
    realtime.signal(withAnna.channel, 'client-typing', { staff_id: 'anna', name: 'Anna', typing: true });
    expect(names(typing, 1)).to.deep.equal(['Anna Kovács']);
    await until(typing.$typing, (state) => state[1] === undefined);
    realtime.signal(withAnna.channel, 'client-typing', { staff_id: 'anna', name: 'Anna', typing: true });
    stop();
    expect(typing.$typing.get()).to.deep.equal({});
    realtime.signal(withAnna.channel, 'client-typing', { staff_id: 'anna', name: 'Anna', typing: true });
    expect(typing.$typing.get()).to.deep.equal({});
  });
});
