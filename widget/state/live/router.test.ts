import { expect } from '@open-wc/testing';
import { EventBus } from '../../realtime/event-bus.js';
import { conversation, message } from '../../testing/fixtures.js';
import { FEATURE_CHECKS } from './feature-checks.js';
import { createEventRouter, installFeatureChecks, onServerEvent, onSignal } from './router.js';

function publish(bus: EventBus, type: string, payload: unknown, eventId: string): void {
  bus.publish('private-hotel-grand.staff-chat.1', `realtime_staff_chat_${type}`, {
    category: 'staff_chat',
    type,
    payload,
    meta: { hotel_slug: 'grand', event_id: eventId, ts: '2025-01-01T00:00:00Z' },
  });
}

describe('event router', () => {
  it('hands each server event to the handlers of its type, in the order they registered', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: string[] = [];
    router.on('message_created', (m) => seen.push(`first ${m.id}`));
    router.on('message_created', (m) => seen.push(`second ${m.id}`));
    router.on('conversation_updated', (c) => seen.push(`conversation ${c.id}`));
    router.attach(bus, new AbortController().signal);
    publish(bus, 'message_created', message(7), 'e1');
    publish(bus, 'conversation_updated', conversation(3), 'e2');
    expect(seen).to.deep.equal(['first 7', 'second 7', 'conversation 3']);
  });

  it('drops an unknown type and a payload that is not what the contract says', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: unknown[] = [];
    router.on('message_created', (m) => seen.push(m));
    router.on('messages_read', (r) => seen.push(r));
    router.attach(bus, new AbortController().signal);
    publish(bus, 'message_pinned', message(1), 'e1');
    publish(bus, 'message_created', { id: 'not a number' }, 'e2');
    publish(bus, 'messages_read', { conversation_id: 1, read_by_staff_id: 'bob' }, 'e3');
    expect(seen).to.deep.equal([]);
  });

  it('holds server events until released, then runs them and what waited in the order they came', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: string[] = [];
    router.on('message_created', (m) => seen.push(`message ${m.id}`));
    router.on('wake', () => seen.push('wake'));
    router.attach(bus, new AbortController().signal);
    const release = router.hold();
    publish(bus, 'message_created', message(1), 'e1');
    router.later(() => seen.push('early call'));
    publish(bus, 'message_created', message(2), 'e2');
    router.emit('wake', undefined);
    expect(seen).to.deep.equal(['wake'], 'local events do not wait');
    release();
    expect(seen).to.deep.equal(['wake', 'message 1', 'early call', 'message 2']);
  });

  it('stops routing a bus once its signal aborts, and drops what waited for an aborted start', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: number[] = [];
    router.on('message_created', (m) => seen.push(m.id));
    const start = new AbortController();
    router.attach(bus, start.signal);
    const release = router.hold();
    publish(bus, 'message_created', message(1), 'e1');
    start.abort();
    release();
    publish(bus, 'message_created', message(2), 'e2');
    expect(seen).to.deep.equal([]);
  });

  it('merges message_created and stored into one stream of stored messages', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: [number, number[]][] = [];
    const off = router.onStored((id, messages) => seen.push([id, messages.map((m) => m.id)]));
    router.attach(bus, new AbortController().signal);
    publish(bus, 'message_created', message(5, { conversation_id: 2 }), 'e1');
    router.emit('stored', { conversationId: 3, messages: [message(6), message(8)] });
    off();
    router.emit('stored', { conversationId: 3, messages: [message(9)] });
    expect(seen).to.deep.equal([
      [2, [5]],
      [3, [6, 8]],
    ]);
  });

  it('listens to one signal or one server event type on a bus directly', () => {
    const bus = new EventBus();
    const seen: string[] = [];
    const offSignal = onSignal(bus, 'client-typing', (channel) => seen.push(`typing on ${channel}`));
    onServerEvent(bus, 'message_deleted', (m) => seen.push(`deleted ${m.id}`));
    bus.signal('ch', 'pusher:member_added', { id: 'anna' });
    bus.signal('ch', 'client-typing', {});
    publish(bus, 'message_created', message(1), 'e1');
    publish(bus, 'message_deleted', message(2), 'e2');
    offSignal();
    bus.signal('ch', 'client-typing', {});
    expect(seen).to.deep.equal(['typing on ch', 'deleted 2']);
  });

  // Last: installing the checks lasts for the page, as it does once the lazy chunk has loaded.
  it('routes the events only lazily loaded features handle once their checks are installed (which the chunk does before held events go)', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: string[] = [];
    router.on('message_pinned', (pin) => seen.push(`pinned ${pin.message_id}`));
    router.on('participant_left', (left) => seen.push(`left ${left.staff_id}`));
    router.attach(bus, new AbortController().signal);
    const pin = { conversation_id: 1, message_id: 7, pinned_by: { id: 'anna' } };
    publish(bus, 'message_pinned', pin, 'e1');
    expect(seen).to.deep.equal([], 'no check yet: nobody handles it before the chunk either');
    const release = router.hold();
    publish(bus, 'message_pinned', pin, 'e2');
    installFeatureChecks(FEATURE_CHECKS);
    release();
    publish(bus, 'message_pinned', { conversation_id: 1, message_id: 8 }, 'e3');
    publish(bus, 'participant_left', { conversation_id: 1, staff_id: 'bob' }, 'e4');
    expect(seen).to.deep.equal(['pinned 7', 'left bob']);
  });

  // After the one above: the checks are installed.
  it('drops message_acknowledged without the lists its store reads', () => {
    const router = createEventRouter();
    const bus = new EventBus();
    const seen: unknown[] = [];
    router.on('message_acknowledged', (a) => seen.push(a));
    router.attach(bus, new AbortController().signal);
    publish(bus, 'message_acknowledged', { conversation_id: 1, message_id: 5, acknowledgements: { total: 1, acknowledged: [] } }, 'e4');
    expect(seen).to.deep.equal([]);
    const acknowledged = {
      conversation_id: 1,
      message_id: 5,
      acknowledgement: { id: 'bob', full_name: 'Bob', at: '' },
      acknowledgements: { total: 1, acknowledged: [], pending: ['me'] },
    };
    publish(bus, 'message_acknowledged', acknowledged, 'e5');
    expect(seen).to.deep.equal([acknowledged]);
  });
});
