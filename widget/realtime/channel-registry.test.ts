import { expect } from '@open-wc/testing';
import { ChannelRegistry, type ChannelLike, type PusherLike } from './channel-registry.js';
import { EventBus, type RealtimeEvent, type RealtimeSignal } from './event-bus.js';

type GlobalCallback = (eventName: string, data: unknown) => void;

/** The pusher-js surface the registry uses, recording subscribe/unsubscribe calls. */
class FakeChannel implements ChannelLike {
  subscribed = false;
  members: unknown = undefined;
  callbacks: GlobalCallback[] = [];
  readonly triggered: [string, unknown][] = [];
  constructor(readonly name: string) {}
  bind_global(callback: GlobalCallback): void {
    this.callbacks.push(callback);
  }
  unbind_global(callback?: GlobalCallback): void {
    this.callbacks = this.callbacks.filter((c) => c !== callback);
  }
  trigger(eventName: string, data: unknown): boolean {
    this.triggered.push([eventName, data]);
    return true;
  }
  emit(eventName: string, data?: unknown): void {
    if (eventName === 'pusher:subscription_succeeded') this.subscribed = true;
    for (const callback of [...this.callbacks]) callback(eventName, data);
  }
}

class FakePusher implements PusherLike {
  readonly channels = new Map<string, FakeChannel>();
  readonly log: string[] = [];
  subscribe(name: string): FakeChannel {
    this.log.push(`subscribe ${name}`);
    let channel = this.channels.get(name);
    if (!channel) {
      channel = new FakeChannel(name);
      this.channels.set(name, channel);
    }
    return channel;
  }
  unsubscribe(name: string): void {
    this.log.push(`unsubscribe ${name}`);
    const channel = this.channels.get(name);
    if (channel) channel.subscribed = false;
  }
  channel(name: string): FakeChannel {
    const channel = this.channels.get(name);
    if (!channel) throw new Error(`no channel ${name}`);
    return channel;
  }
}

const envelope = (id: string) => ({ category: 'staff_chat', type: 'message_created', payload: { id: 1 }, meta: { event_id: id } });

function setup() {
  const pusher = new FakePusher();
  const bus = new EventBus();
  const events: RealtimeEvent[] = [];
  bus.addEventListener('event', (e) => events.push((e as CustomEvent<RealtimeEvent>).detail));
  return { pusher, bus, events, registry: new ChannelRegistry(pusher, bus) };
}

describe('ChannelRegistry', () => {
  it('subscribes on the first acquire and unsubscribes on the last release', () => {
    const { pusher, registry } = setup();
    const releaseA = registry.acquire('c1', () => {});
    const releaseB = registry.acquire('c1', () => {});
    expect(pusher.log).to.deep.equal(['subscribe c1']);
    expect(registry.holders('c1')).to.equal(2);
    releaseA();
    releaseA();
    expect(pusher.log).to.deep.equal(['subscribe c1']);
    expect(registry.holders('c1')).to.equal(1);
    releaseB();
    expect(pusher.log).to.deep.equal(['subscribe c1', 'unsubscribe c1']);
    expect(registry.holders('c1')).to.equal(0);
  });

  it('binds one global listener per channel and forwards non-pusher events to the bus', () => {
    const { pusher, registry, events } = setup();
    registry.acquire('c1', () => {});
    registry.acquire('c1', () => {});
    const channel = pusher.channel('c1');
    expect(channel.callbacks.length).to.equal(1);
    channel.emit('pusher:subscription_succeeded', {});
    channel.emit('pusher:subscription_count', { subscription_count: 2 });
    channel.emit('realtime_staff_chat_message_created', envelope('e1'));
    expect(events.map((e) => [e.channel, e.eventName])).to.deep.equal([['c1', 'realtime_staff_chat_message_created']]);
  });

  it('calls every holder on each subscription_succeeded, as after a reconnect', () => {
    const { pusher, registry } = setup();
    const calls: string[] = [];
    registry.acquire('c1', () => calls.push('a'));
    registry.acquire('c1', () => calls.push('b'));
    pusher.channel('c1').emit('pusher:subscription_succeeded', {});
    pusher.channel('c1').emit('pusher:subscription_succeeded', {});
    expect(calls).to.deep.equal(['a', 'b', 'a', 'b']);
  });

  it('tells a holder that joins an already subscribed channel at once', async () => {
    const { pusher, registry } = setup();
    registry.acquire('c1', () => {});
    pusher.channel('c1').emit('pusher:subscription_succeeded', {});
    const joined = new Promise<void>((resolve) => registry.acquire('c1', () => resolve()));
    await joined;
  });

  it('stops calling a holder once released', () => {
    const { pusher, registry } = setup();
    const calls: string[] = [];
    const release = registry.acquire('c1', () => calls.push('a'));
    registry.acquire('c1', () => calls.push('b'));
    release();
    pusher.channel('c1').emit('pusher:subscription_succeeded', {});
    expect(calls).to.deep.equal(['b']);
  });

  it('does not bind twice when a channel is acquired again after its release', () => {
    const { pusher, registry, events } = setup();
    registry.acquire('c1', () => {})();
    registry.acquire('c1', () => {});
    const channel = pusher.channel('c1');
    expect(channel.callbacks.length).to.equal(1);
    channel.emit('realtime_staff_chat_message_created', envelope('e1'));
    expect(events.length).to.equal(1);
  });

  it('reports subscription errors to the holders', () => {
    const { pusher, registry } = setup();
    const errors: unknown[] = [];
    registry.acquire(
      'c1',
      () => {},
      (name, error) => errors.push([name, error]),
    );
    pusher.channel('c1').emit('pusher:subscription_error', { type: 'AuthError', status: 403 });
    expect(errors).to.deep.equal([['c1', { type: 'AuthError', status: 403 }]]);
  });

  it("hands a presence channel's members to its holders, late ones included", async () => {
    const { pusher, registry } = setup();
    const seen: unknown[] = [];
    registry.acquire('presence-h', (members) => seen.push(members));
    const members = { members: { anna: { name: 'Anna' } }, count: 1 };
    pusher.channel('presence-h').members = members;
    pusher.channel('presence-h').emit('pusher:subscription_succeeded', members);
    await new Promise<void>((resolve) => registry.acquire('presence-h', (late) => resolve(void seen.push(late))));
    expect(seen).to.deep.equal([members, members]);
  });

  it('passes presence changes and client events as signals, never as server events', () => {
    const { pusher, bus, registry, events } = setup();
    const signals: RealtimeSignal[] = [];
    bus.addEventListener('signal', (e) => signals.push((e as CustomEvent<RealtimeSignal>).detail));
    registry.acquire('c1', () => {});
    const channel = pusher.channel('c1');
    channel.emit('pusher:member_added', { id: 'ben', info: { name: 'Ben' } });
    channel.emit('pusher:member_removed', { id: 'ben', info: { name: 'Ben' } });
    // a client event dressed up as a server envelope stays a signal
    channel.emit('client-typing', envelope('forged'));
    expect(events).to.deep.equal([]);
    expect(signals.map((s) => [s.channel, s.eventName])).to.deep.equal([
      ['c1', 'pusher:member_added'],
      ['c1', 'pusher:member_removed'],
      ['c1', 'client-typing'],
    ]);
    expect(signals[0]!.data).to.deep.equal({ id: 'ben', info: { name: 'Ben' } });
  });

  it('triggers client events only on a held, confirmed channel', () => {
    const { pusher, registry } = setup();
    expect(registry.trigger('c1', 'client-typing', { typing: true })).to.equal(false);
    const release = registry.acquire('c1', () => {});
    expect(registry.trigger('c1', 'client-typing', { typing: true })).to.equal(false);
    pusher.channel('c1').emit('pusher:subscription_succeeded', {});
    expect(registry.trigger('c1', 'client-typing', { typing: true })).to.equal(true);
    release();
    expect(registry.trigger('c1', 'client-typing', { typing: false })).to.equal(false);
    expect(pusher.channel('c1').triggered).to.deep.equal([['client-typing', { typing: true }]]);
  });

  it('keeps channels apart', () => {
    const { pusher, registry } = setup();
    const calls: string[] = [];
    registry.acquire('c1', () => calls.push('c1'));
    registry.acquire('c2', () => calls.push('c2'));
    pusher.channel('c2').emit('pusher:subscription_succeeded', {});
    expect(calls).to.deep.equal(['c2']);
  });
});
