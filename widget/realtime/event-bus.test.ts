import { expect } from '@open-wc/testing';
import { EventBus, type RealtimeEvent } from './event-bus.js';

function envelope(type: string, eventId: string, payload: unknown = { id: 1 }) {
  return { category: 'staff_chat', type, payload, meta: { hotel_slug: 'grand', event_id: eventId, ts: '2025-01-01T00:00:00Z' } };
}

function record(bus: EventBus, name = 'event'): RealtimeEvent[] {
  const seen: RealtimeEvent[] = [];
  bus.addEventListener(name, (e) => seen.push((e as CustomEvent<RealtimeEvent>).detail));
  return seen;
}

describe('EventBus', () => {
  it('normalises the envelope and dispatches it under "event" and its type', () => {
    const bus = new EventBus();
    const all = record(bus);
    const typed = record(bus, 'message_created');
    const published = bus.publish('private-c.1', 'realtime_staff_chat_message_created', envelope('message_created', 'e1'));
    expect(published).to.equal(true);
    expect(all).to.deep.equal([
      {
        channel: 'private-c.1',
        eventName: 'realtime_staff_chat_message_created',
        type: 'message_created',
        payload: { id: 1 },
        meta: { hotel_slug: 'grand', event_id: 'e1', ts: '2025-01-01T00:00:00Z' },
      },
    ]);
    expect(typed.length).to.equal(1);
  });

  it('accepts an envelope that arrives as a JSON string', () => {
    const bus = new EventBus();
    const all = record(bus);
    bus.publish('ch', 'x', JSON.stringify(envelope('conversation_updated', 'e2')));
    expect(all[0]?.type).to.equal('conversation_updated');
  });

  it('drops a repeated event_id', () => {
    const bus = new EventBus();
    const all = record(bus);
    expect(bus.publish('a', 'x', envelope('message_created', 'same'))).to.equal(true);
    expect(bus.publish('b', 'x', envelope('message_created', 'same'))).to.equal(false);
    expect(bus.publish('a', 'x', envelope('message_created', 'other'))).to.equal(true);
    expect(all.map((e) => e.meta.event_id)).to.deep.equal(['same', 'other']);
  });

  it('remembers a bounded number of ids, forgetting the oldest first', () => {
    const bus = new EventBus();
    const all = record(bus);
    for (let i = 0; i <= 1000; i += 1) bus.publish('a', 'x', envelope('t', `id-${i}`));
    expect(all.length).to.equal(1001);
    // id-0 fell out of memory, id-1000 is still remembered.
    expect(bus.publish('a', 'x', envelope('t', 'id-0'))).to.equal(true);
    expect(bus.publish('a', 'x', envelope('t', 'id-1000'))).to.equal(false);
  });

  it('ignores other categories and malformed data', () => {
    const bus = new EventBus();
    const all = record(bus);
    expect(bus.publish('a', 'x', { ...envelope('t', 'e'), category: 'guest_chat' })).to.equal(false);
    expect(bus.publish('a', 'x', 'not json')).to.equal(false);
    expect(bus.publish('a', 'x', null)).to.equal(false);
    expect(bus.publish('a', 'x', { category: 'staff_chat', payload: {} })).to.equal(false);
    expect(all.length).to.equal(0);
  });

  it('dispatches an envelope without an event_id, without deduplicating it', () => {
    const bus = new EventBus();
    const all = record(bus);
    const bare = { category: 'staff_chat', type: 't', payload: 1 };
    bus.publish('a', 'x', bare);
    bus.publish('a', 'x', bare);
    expect(all.length).to.equal(2);
    expect(all[0]?.meta).to.deep.equal({ hotel_slug: '', event_id: '', ts: '' });
  });
});
