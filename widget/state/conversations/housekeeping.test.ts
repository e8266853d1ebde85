import { expect } from '@open-wc/testing';
import { atom } from 'nanostores';
import type { Conversation, Me } from '../../../contract/index.js';
import { ApiError } from '../../api/api-error.js';
import { EventBus } from '../../realtime/event-bus.js';
import { conversation, ME, message } from '../../testing/fixtures.js';
import { FEATURE_CHECKS } from '../live/feature-checks.js';
import { createEventRouter, installFeatureChecks } from '../live/router.js';
import { createMessageViews } from '../messages/views.js';
import { createConversationsStore } from './conversations.js';
import { createHousekeeping } from './housekeeping.js';

// What the lazily loaded chunk does when it installs: its events' payload checks join the router's.
installFeatureChecks(FEATURE_CHECKS);

// Mute, archive, leave, remove, forward and file deletion as the store applies them, and the
// participant_left and attachment_deleted events.

let eventIds = 0;
function publish(bus: EventBus, type: string, payload: unknown): void {
  bus.publish('private-hotel-grand.staff-chat.1', `realtime_staff_chat_${type}`, {
    category: 'staff_chat',
    type,
    payload,
    meta: { hotel_slug: 'grand', event_id: `h${++eventIds}`, ts: '2025-01-01T00:00:00Z' },
  });
}

function setup() {
  const conversations = createConversationsStore();
  conversations.replaceAll([conversation(1, { unread_count: 3 }), conversation(2, { unread_count: 2, is_group: true })]);
  const views = createMessageViews();
  const router = createEventRouter();
  const bus = new EventBus();
  router.attach(bus, new AbortController().signal);
  const closed: number[] = [];
  const stored: [number, number][] = [];
  router.on('stored', ({ conversationId, messages }) => stored.push([conversationId, messages[0]!.id]));
  let removeError: ApiError | null = null;
  const as = (id: number, extra: Partial<Conversation>) => ({ ...conversations.find(id)!, ...extra });
  const api = {
    setMuted: async (id: number, muted: boolean) => as(id, { is_muted: muted }),
    setArchived: async (id: number, archived: boolean) => as(id, { is_archived: archived }),
    leave: async (id: number) => ({
      success: true as const,
      conversation_id: id,
      staff_id: ME.id,
      staff_name: ME.full_name,
      removed_by: null,
      left_at: '',
    }),
    removeParticipant: async (id: number) => {
      if (removeError) throw removeError;
      return as(id, { participants: [] });
    },
    forward: async (_messageId: number, ids: number[]) => ({
      success: true as const,
      total_forwarded: ids.length,
      results: ids.map((id, i) => ({ conversation_id: id, message: message(500 + i, { conversation_id: id }) })),
    }),
    deleteAttachment: async (id: number) => ({ success: true as const, attachment_id: id, message_id: 10 }),
  };
  const store = createHousekeeping({ api, conversations, views, router, $me: atom<Me | null>(ME), close: (id) => closed.push(id) });
  return { store, conversations, views, bus, closed, stored, refuseRemoval: (error: ApiError) => (removeError = error) };
}

describe('conversation housekeeping', () => {
  it("a muted conversation leaves the badge's total; unmuting brings it back", async () => {
    const { store, conversations } = setup();
    expect(conversations.$unreadTotal.get()).to.equal(5);
    expect(await store.setMuted(1, true)).to.equal(null);
    expect(conversations.find(1)?.is_muted).to.equal(true);
    expect(conversations.$unreadTotal.get()).to.equal(2);
    await store.setMuted(1, false);
    expect(conversations.$unreadTotal.get()).to.equal(5);
  });

  it('archiving closes the window and marks the conversation archived', async () => {
    const { store, conversations, closed } = setup();
    await store.setArchived(2, true);
    expect(conversations.find(2)?.is_archived).to.equal(true);
    expect(closed).to.deep.equal([2]);
  });

  it('leaving drops the conversation and closes its window; so does participant_left about the viewer', async () => {
    const { store, conversations, closed, bus } = setup();
    await store.leave(2);
    expect(conversations.find(2)).to.equal(undefined);
    publish(bus, 'participant_left', { conversation_id: 1, staff_id: 'bob', staff_name: 'Bob', removed_by: null, left_at: '' });
    expect(conversations.find(1), 'someone else leaving keeps it').not.to.equal(undefined);
    publish(bus, 'participant_left', { conversation_id: 1, staff_id: ME.id, staff_name: ME.full_name, removed_by: 'bob', left_at: '' });
    expect(conversations.find(1)).to.equal(undefined);
    expect(closed).to.deep.equal([2, 1]);
  });

  it('hands back a refused removal with its code', async () => {
    const { store, refuseRemoval } = setup();
    refuseRemoval(new ApiError(403, 'not_allowed', "Only the group's creator or a chat admin can remove people."));
    expect((await store.removeParticipant(2, 'bob'))?.code).to.equal('not_allowed');
  });

  it('forwarded copies reach their conversations as stored messages', async () => {
    const { store, stored } = setup();
    expect(await store.forward(10, [1, 2])).to.equal(null);
    expect(stored).to.deep.equal([
      [1, 500],
      [2, 501],
    ]);
  });

  it('a deleted file leaves its message, by the viewer or (attachment_deleted) anyone', async () => {
    const { store, views, bus } = setup();
    const file = (id: number) => ({
      id,
      file_name: `f${id}.pdf`,
      file_type: 'pdf' as const,
      file_size: 1,
      mime_type: 'application/pdf',
      file_url: '/f',
    });
    views.update(1, () => ({ messages: [{ ...message(10, { conversation_id: 1, attachments: [file(1), file(2)] }), status: 'sent' }] }));
    await store.deleteAttachment(1, 10, 1);
    expect(views.get(1).messages[0]!.attachments.map((a) => a.id)).to.deep.equal([2]);
    publish(bus, 'attachment_deleted', {
      conversation_id: 1,
      message_id: 10,
      attachment_id: 2,
      deleted_by_staff_id: 'bob',
      deleted_by_staff_name: 'Bob',
      deleted_at: '',
    });
    expect(views.get(1).messages[0]!.attachments).to.deep.equal([]);
  });
});
