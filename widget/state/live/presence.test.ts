import { expect } from '@open-wc/testing';
import { createPresence } from './presence.js';
import { FakeRealtime } from '../../testing/session-fakes.js';

const CHANNEL = 'presence-hotel-grand.staff';
const membersOf = (...ids: string[]) => ({ members: Object.fromEntries(ids.map((id) => [id, { name: id }])), count: ids.length });
const ids = (presence: ReturnType<typeof createPresence>) => [...presence.$onlineIds.get()].sort();

describe('presence', () => {
  it('holds the presence channel and takes the member list from each confirmation', () => {
    const realtime = new FakeRealtime();
    const presence = createPresence();
    presence.watch(realtime, CHANNEL);
    expect([...realtime.held.keys()]).to.deep.equal([CHANNEL]);
    realtime.setState('connected');
    realtime.confirm(CHANNEL, membersOf('me', 'anna'));
    expect(ids(presence)).to.deep.equal(['anna', 'me']);
    // after a reconnect the list is the server's again, not a merge
    realtime.confirm(CHANNEL, membersOf('me', 'ben'));
    expect(ids(presence)).to.deep.equal(['ben', 'me']);
  });

  it('follows member_added and member_removed on its own channel only', () => {
    const realtime = new FakeRealtime();
    const presence = createPresence();
    presence.watch(realtime, CHANNEL);
    realtime.setState('connected');
    realtime.confirm(CHANNEL, membersOf('me'));
    realtime.signal(CHANNEL, 'pusher:member_added', { id: 'anna', info: { name: 'Anna' } });
    realtime.signal('presence-hotel-other.staff', 'pusher:member_added', { id: 'olga', info: {} });
    realtime.signal(CHANNEL, 'pusher:member_added', { info: {} });
    expect(ids(presence)).to.deep.equal(['anna', 'me']);
    realtime.signal(CHANNEL, 'pusher:member_removed', { id: 'anna', info: { name: 'Anna' } });
    expect(ids(presence)).to.deep.equal(['me']);
  });

  it('shows nobody while the socket is down, and nobody after leaving', () => {
    const realtime = new FakeRealtime();
    const presence = createPresence();
    const leave = presence.watch(realtime, CHANNEL);
    realtime.setState('connected');
    realtime.confirm(CHANNEL, membersOf('me', 'anna'));
    realtime.setState('unavailable');
    expect(ids(presence)).to.deep.equal([]);
    realtime.setState('connected');
    realtime.confirm(CHANNEL, membersOf('me', 'anna'));
    expect(ids(presence)).to.deep.equal(['anna', 'me']);
    leave();
    expect(ids(presence)).to.deep.equal([]);
    expect(realtime.held.size).to.equal(0);
    realtime.signal(CHANNEL, 'pusher:member_added', { id: 'ben', info: {} });
    expect(ids(presence)).to.deep.equal([]);
  });
});
