import { expect } from '@open-wc/testing';
import { createOutbox, fromOutboxEntry, toOutboxEntry, type OutboxEntry } from './outbox.js';
import { outboxKey } from './outbox-storage.js';
import { ME, MemoryStorage } from '../../testing/session-fakes.js';

function entry(clientId: string, extra: Partial<OutboxEntry> = {}): OutboxEntry {
  return {
    conversation_id: 1,
    client_id: clientId,
    message: 'hi',
    reply_to: null,
    reply_to_message: null,
    timestamp: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

describe('outbox', () => {
  it('is kept per hotel and staff member', () => {
    const storage = new MemoryStorage();
    createOutbox(storage, outboxKey('grand', 'anna')).put(entry('a'));
    expect(createOutbox(storage, outboxKey('grand', 'carla')).list()).to.deep.equal([]);
    expect(createOutbox(storage, outboxKey('seaview', 'anna')).list()).to.deep.equal([]);
    expect(
      createOutbox(storage, outboxKey('grand', 'anna'))
        .list()
        .map((e) => e.client_id),
    ).to.deep.equal(['a']);
  });

  it('changes one entry at a time, so another tab’s entries are kept', () => {
    const storage = new MemoryStorage();
    const tabA = createOutbox(storage, 'k');
    const tabB = createOutbox(storage, 'k');
    tabA.put(entry('a'));
    tabB.put(entry('b'));
    tabA.put(entry('a', { failed: 'Refused' }));
    tabA.remove('a');
    expect(tabB.list().map((e) => e.client_id)).to.deep.equal(['b']);
    tabB.remove('b');
    expect(storage.items.size).to.equal(0);
  });

  it('drops what it cannot read instead of trusting it', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', '{not json');
    expect(createOutbox(storage, 'k').list()).to.deep.equal([]);
    storage.setItem('k', JSON.stringify([entry('ok'), { client_id: 5 }, entry(''), entry('bad', { failed: 3 as unknown as string })]));
    expect(
      createOutbox(storage, 'k')
        .list()
        .map((e) => e.client_id),
    ).to.deep.equal(['ok']);
  });

  it('keeps a refusal’s reason, but not a failure that is retried by itself', () => {
    const restored = fromOutboxEntry(entry('a', { failed: 'The message is empty' }), ME, -1);
    expect(restored.status).to.equal('failed');
    expect(restored.error).to.equal('The message is empty');
    expect(toOutboxEntry(restored).failed).to.equal('The message is empty');
    expect(toOutboxEntry({ ...restored, error: 'Offline', retrying: true }).failed).to.equal(undefined);
    expect(fromOutboxEntry(entry('b'), ME, -2).status).to.equal('pending');
  });
});
