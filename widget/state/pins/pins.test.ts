import { expect, waitUntil } from '@open-wc/testing';
import { MAX_PINS, type Pin, type PinList, type Unpin } from '../../../contract/index.js';
import { ApiError } from '../../api/api-error.js';
import { EventBus } from '../../realtime/event-bus.js';
import { message } from '../../testing/fixtures.js';
import { deferred } from '../../testing/session-fakes.js';
import { FEATURE_CHECKS } from '../live/feature-checks.js';
import { createEventRouter, installFeatureChecks } from '../live/router.js';
import { createPins } from './pins.js';

// What the lazily loaded chunk does when it installs: its events' payload checks join the router's.
installFeatureChecks(FEATURE_CHECKS);

// The pins store: fetched on first ask, kept live by the realtime events, the viewer's own changes
// applied from the server's answer, and the limit's refusal handed back with its code.

const CHANNEL = 'private-hotel-grand.staff-chat.1';
let eventIds = 0;

function publish(bus: EventBus, type: string, payload: unknown): void {
  bus.publish(CHANNEL, `realtime_staff_chat_${type}`, {
    category: 'staff_chat',
    type,
    payload,
    meta: { hotel_slug: 'grand', event_id: `e${++eventIds}`, ts: '2025-01-01T00:00:00Z' },
  });
}

function pinOf(messageId: number, text = `message ${messageId}`, by = 'bob'): Pin {
  return {
    conversation_id: 1,
    message_id: messageId,
    pinned_by: { id: by, full_name: by === 'bob' ? 'Bob Porter' : 'Me', avatar: null },
    pinned_at: '2025-01-01T10:00:00Z',
    message: message(messageId, { conversation_id: 1, message: text }),
  };
}

function setup(initial: Pin[] = []) {
  const calls: [string, number][] = [];
  let list: PinList = { pins: initial, count: initial.length };
  let pinError: ApiError | null = null;
  const api = {
    async pins(conversationId: number) {
      calls.push(['pins', conversationId]);
      return list;
    },
    async pin(messageId: number) {
      calls.push(['pin', messageId]);
      if (pinError) throw pinError;
      return pinOf(messageId, `message ${messageId}`, 'me');
    },
    async unpin(messageId: number): Promise<Unpin> {
      calls.push(['unpin', messageId]);
      return { conversation_id: 1, message_id: messageId, unpinned_by: 'me', unpinned_at: '2025-01-01T11:00:00Z' };
    },
  };
  const router = createEventRouter();
  const bus = new EventBus();
  router.attach(bus, new AbortController().signal);
  const store = createPins({ api, router, log: () => undefined });
  return {
    store,
    bus,
    router,
    calls,
    setList: (pins: Pin[]) => (list = { pins, count: pins.length }),
    failPins: (error: ApiError) => (pinError = error),
  };
}

const ids = (pins: readonly Pin[]) => pins.map((p) => p.message_id);

describe('pins store', () => {
  it("fetches a conversation's pins the first time they are asked for, once", async () => {
    const { store, calls } = setup([pinOf(7), pinOf(3)]);
    const $pins = store.pins(1);
    store.pins(1);
    await waitUntil(() => $pins.get().loaded);
    expect(ids($pins.get().pins)).to.deep.equal([7, 3]);
    expect(calls).to.deep.equal([['pins', 1]]);
  });

  it('adds a pin from message_pinned at the front, and drops it on message_unpinned', async () => {
    const { store, bus } = setup([pinOf(3)]);
    const $pins = store.pins(1);
    await waitUntil(() => $pins.get().loaded);
    publish(bus, 'message_pinned', pinOf(9, 'VIP in 214 arrives at noon'));
    expect(ids($pins.get().pins)).to.deep.equal([9, 3]);
    expect($pins.get().pins[0]!.message.message).to.equal('VIP in 214 arrives at noon');
    // The same pin again (another tab, a replay) does not show twice.
    publish(bus, 'message_pinned', pinOf(9));
    expect(ids($pins.get().pins)).to.deep.equal([9, 3]);
    publish(bus, 'message_unpinned', { conversation_id: 1, message_id: 3, unpinned_by: 'bob', unpinned_at: '2025-01-01T12:00:00Z' });
    expect(ids($pins.get().pins)).to.deep.equal([9]);
  });

  it('follows edits of a pinned message, and drops one that was deleted', async () => {
    const { store, bus } = setup([pinOf(4, 'Pool closes at 8')]);
    const $pins = store.pins(1);
    await waitUntil(() => $pins.get().loaded);
    publish(bus, 'message_edited', message(4, { conversation_id: 1, message: 'Pool closes at 9', is_edited: true }));
    expect($pins.get().pins[0]!.message.message).to.equal('Pool closes at 9');
    publish(bus, 'message_deleted', message(4, { conversation_id: 1, message: '', is_deleted: true }));
    expect($pins.get().pins).to.deep.equal([]);
  });

  it('ignores events of a conversation nobody asked the pins of', () => {
    const { store, bus, calls } = setup();
    publish(bus, 'message_pinned', pinOf(9));
    expect(calls).to.deep.equal([]);
    // Asking later fetches the list, which has it.
    store.pins(1);
    expect(calls).to.deep.equal([['pins', 1]]);
  });

  it("applies the viewer's own pin and unpin from the answers (the server skips this tab)", async () => {
    const { store, calls } = setup([pinOf(3)]);
    const $pins = store.pins(1);
    await waitUntil(() => $pins.get().loaded);
    expect(await store.setPinned(1, 5, true)).to.equal(null);
    expect(ids($pins.get().pins)).to.deep.equal([5, 3]);
    expect(await store.setPinned(1, 3, false)).to.equal(null);
    expect(ids($pins.get().pins)).to.deep.equal([5]);
    expect(calls.slice(1)).to.deep.equal([
      ['pin', 5],
      ['unpin', 3],
    ]);
  });

  it("hands back the limit's refusal with its code, and changes nothing", async () => {
    const { store, failPins } = setup([pinOf(3)]);
    const $pins = store.pins(1);
    await waitUntil(() => $pins.get().loaded);
    failPins(new ApiError(409, 'too_many_pins', `A conversation has at most ${MAX_PINS} pinned messages; unpin one first.`));
    const failure = await store.setPinned(1, 5, true);
    expect(failure?.code).to.equal('too_many_pins');
    expect(ids($pins.get().pins)).to.deep.equal([3]);
  });

  it('fetches the pins again when the channel is confirmed again (changes may have been missed)', async () => {
    const { store, router, calls, setList } = setup([pinOf(3)]);
    const $pins = store.pins(1);
    await waitUntil(() => $pins.get().loaded);
    setList([pinOf(8), pinOf(3)]);
    router.emit('subscribed', 1);
    await waitUntil(() => $pins.get().pins.length === 2);
    expect(ids($pins.get().pins)).to.deep.equal([8, 3]);
    router.emit('subscribed', 2);
    expect(calls.filter(([name]) => name === 'pins')).to.have.length(2);
  });

  it('says why the list could not be fetched', async () => {
    const gate = deferred<void>();
    const router = createEventRouter();
    const store = createPins({
      api: {
        pins: async () => {
          await gate.promise;
          throw new ApiError(0, 'network_error', 'offline');
        },
        pin: async () => pinOf(1),
        unpin: async () => ({ conversation_id: 1, message_id: 1, unpinned_by: 'me', unpinned_at: '' }),
      },
      router,
      log: () => undefined,
    });
    const $pins = store.pins(1);
    expect($pins.get().loading).to.equal(true);
    gate.resolve();
    await waitUntil(() => !$pins.get().loading);
    expect($pins.get().error).to.be.a('string').and.not.equal('');
    expect($pins.get().loaded).to.equal(false);
  });
});
