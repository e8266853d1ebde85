import { expect } from '@open-wc/testing';
import type { ChatMessage } from './types.js';
import {
  appendUnsent,
  applyMessageToConversations,
  mergeMessages,
  newestStoredId,
  oldestStoredId,
  sent,
  setUnread,
  unreadTotal,
  updateUnsent,
  upsertConversation,
} from './merge.js';
import { conversation, message } from '../../testing/fixtures.js';

function pending(id: number, clientId: string, text = 'hello'): ChatMessage {
  return { ...message(id, { client_id: clientId, sender_id: 'me', message: text }), status: 'pending' };
}

const ids = (list: readonly ChatMessage[]) => list.map((m) => m.id);

describe('mergeMessages', () => {
  it('keeps stored messages sorted by id whatever order they arrive in', () => {
    const list = mergeMessages([], [message(5), message(2), message(9)]);
    expect(ids(mergeMessages(list, [message(7), message(1)]))).to.deep.equal([1, 2, 5, 7, 9]);
  });

  it('replaces a known id instead of appending it again', () => {
    const list = mergeMessages([], [message(1), message(2)]);
    const merged = mergeMessages(list, [message(2, { message: 'edited', is_edited: true })]);
    expect(ids(merged)).to.deep.equal([1, 2]);
    expect(merged[1]?.message).to.equal('edited');
  });

  it('replaces the optimistic copy by client_id, leaving other unsent ones at the end in order', () => {
    let list = mergeMessages([], [message(1)]);
    list = appendUnsent(list, pending(-1, 'c1'));
    list = appendUnsent(list, pending(-2, 'c2'));
    const stored = message(3, { client_id: 'c2', sender_id: 'me' });
    const merged = mergeMessages(list, [stored]);
    expect(ids(merged)).to.deep.equal([1, 3, -1]);
    expect(merged[1]?.status).to.equal('sent');
    expect(merged[2]?.client_id).to.equal('c1');
  });

  it("shows the sender's message once whether the REST answer or the realtime event comes first", () => {
    const start = appendUnsent(mergeMessages([], [message(1)]), pending(-1, 'c1'));
    const stored = message(2, { client_id: 'c1', sender_id: 'me' });
    const restFirst = mergeMessages(mergeMessages(start, [stored]), [stored]);
    const eventFirst = mergeMessages(mergeMessages(start, [{ ...stored }]), [stored]);
    expect(ids(restFirst)).to.deep.equal([1, 2]);
    expect(ids(eventFirst)).to.deep.equal([1, 2]);
  });

  it("does not let another sender's client_id replace my pending message", () => {
    const list = appendUnsent([], pending(-1, 'c1'));
    const merged = mergeMessages(list, [message(4, { client_id: 'c1', sender_id: 'mallory' })]);
    expect(ids(merged)).to.deep.equal([4, -1]);
  });

  it('ignores unstored ids in input and never mutates the list it was given', () => {
    const list = mergeMessages([], [message(1)]);
    const before = JSON.stringify(list);
    const merged = mergeMessages(list, [message(-5), message(2)]);
    expect(ids(merged)).to.deep.equal([1, 2]);
    expect(JSON.stringify(list)).to.equal(before);
  });
});

describe('list helpers', () => {
  it('updates an unsent message by client_id', () => {
    const list = appendUnsent([sent(message(1))], pending(-1, 'c1'));
    const failed = updateUnsent(list, 'c1', (m) => ({ ...m, status: 'failed', error: 'nope' }));
    expect(failed[1]?.status).to.equal('failed');
    expect(failed[0]).to.equal(list[0]);
  });

  it('finds the newest and oldest stored ids, skipping unsent ones', () => {
    const list = appendUnsent(mergeMessages([], [message(3), message(8)]), pending(-1, 'c'));
    expect(newestStoredId(list)).to.equal(8);
    expect(oldestStoredId(list)).to.equal(3);
    expect(newestStoredId([pending(-1, 'c')])).to.equal(undefined);
    expect(oldestStoredId([])).to.equal(undefined);
  });
});

describe('conversation list', () => {
  it('upserts and keeps the most recently active first', () => {
    const older = conversation(1, { updated_at: '2025-01-01T10:00:00.000Z' });
    const newer = conversation(2, { updated_at: '2025-01-02T10:00:00.000Z' });
    let list = upsertConversation(upsertConversation([], older), newer);
    expect(list.map((c) => c.id)).to.deep.equal([2, 1]);
    list = upsertConversation(list, { ...older, unread_count: 3, updated_at: '2025-01-03T10:00:00.000Z' });
    expect(list.map((c) => [c.id, c.unread_count])).to.deep.equal([
      [1, 3],
      [2, 0],
    ]);
  });

  it('keeps a newer last_message than the one an update carries', () => {
    let list = [conversation(1)];
    list = applyMessageToConversations(list, message(10, { conversation_id: 1 }));
    const stale = conversation(1, {
      unread_count: 2,
      last_message: { id: 9, sender_id: 'bob', sender_name: 'Bob', message: 'old', timestamp: '2025-01-01T00:00:00.000Z' },
    });
    list = upsertConversation(list, stale);
    expect(list[0]?.last_message?.id).to.equal(10);
    expect(list[0]?.unread_count).to.equal(2);
  });

  it('moves the preview to a newer message and reorders, leaving unread alone', () => {
    const list = [conversation(1, { updated_at: '2025-01-01T06:00:00.000Z' }), conversation(2, { unread_count: 1 })];
    const next = applyMessageToConversations(list, message(20, { conversation_id: 2, message: 'x'.repeat(150) }));
    expect(next.map((c) => c.id)).to.deep.equal([2, 1]);
    expect(next[0]?.last_message?.message.length).to.equal(100);
    expect(next[0]?.unread_count).to.equal(1);
    const unchanged = applyMessageToConversations(next, message(19, { conversation_id: 2 }));
    expect(unchanged[0]?.last_message?.id).to.equal(20);
    expect(applyMessageToConversations(next, message(30, { conversation_id: 99 }))).to.deep.equal(next);
  });

  it('rewrites the preview in place when its own message is edited or deleted', () => {
    const list = applyMessageToConversations([conversation(1), conversation(2, { unread_count: 1 })], message(20, { conversation_id: 2 }));
    const order = list.map((c) => c.id);
    const edited = applyMessageToConversations(list, message(20, { conversation_id: 2, message: 'Room 214, not 241' }));
    expect(edited.map((c) => c.id)).to.deep.equal(order);
    expect(edited.find((c) => c.id === 2)?.last_message?.message).to.equal('Room 214, not 241');
    expect(edited.find((c) => c.id === 2)?.unread_count).to.equal(1);
    const deleted = applyMessageToConversations(edited, message(20, { conversation_id: 2, message: '', is_deleted: true }));
    expect(deleted.find((c) => c.id === 2)?.last_message?.message).to.equal('');
    expect(deleted.find((c) => c.id === 2)?.last_message?.is_deleted).to.equal(true);
  });

  it('names the first file of an attachment-only message in the preview, and marks it deleted when its text was already empty', () => {
    const file = { id: 5, file_name: 'photo.jpg', file_type: 'image' as const, mime_type: 'image/jpeg', file_size: 10, file_url: '/f/5' };
    const list = applyMessageToConversations([conversation(2)], message(20, { conversation_id: 2, message: '', attachments: [file] }));
    expect(list[0]?.last_message?.attachment_name).to.equal('photo.jpg');
    const deleted = applyMessageToConversations(list, message(20, { conversation_id: 2, message: '', attachments: [], is_deleted: true }));
    expect(deleted[0]?.last_message?.is_deleted).to.equal(true);
    expect(deleted[0]?.last_message?.attachment_name).to.equal(undefined);
  });

  it('sums unread counts', () => {
    const list = setUnread([conversation(1, { unread_count: 2 }), conversation(2, { unread_count: 5 })], 2, 1);
    expect(unreadTotal(list)).to.equal(3);
  });
});
