import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StaffMember } from '../../contract/index.js';
import type { Storage } from './storage.js';
import type { StorageFactory } from './storage-contract.suite.js';

const HOTEL = 'grand';
const OTHER_HOTEL = 'budget';

const member = (id: string, full_name: string): StaffMember => ({ id, full_name, avatar: null, department: null, role: null });
const people = [member('ann', 'Ann Lee'), member('bob', 'Bob Stone'), member('cyd', 'Cyd Park'), member('dee', 'Dee Ray')];

/**
 * Urgent acknowledgements, department channels and handover checklists: part of the storage contract,
 * run by `describeStorageContract` against every database.
 */
export function describeTeamworkContract(makeStorage: StorageFactory): void {
  describe('teamwork: acknowledgements, department channels, handovers', () => {
    let storage: Storage;
    let ticks: string[];

    beforeEach(async () => {
      ticks = [];
      let next = Date.parse('2026-04-01T00:00:00.000Z');
      storage = await makeStorage({
        now: () => {
          const date = new Date(next);
          next += 1000;
          ticks.push(date.toISOString());
          return date;
        },
      });
      for (const person of people) await storage.upsertStaff(HOTEL, person);
      await storage.upsertStaff(OTHER_HOTEL, member('ann', 'Other Ann'));
      await storage.upsertStaff(OTHER_HOTEL, member('bob', 'Other Bob'));
    });

    afterEach(() => storage.close());

    const group = async (participantIds = ['bob', 'cyd'], hotel = HOTEL) =>
      (await storage.createConversation(hotel, { createdBy: 'ann', participantIds, title: 'Shift' })).conversationId;
    const send = (
      conversationId: number,
      senderId: string,
      message: string,
      extra: { requiresAcknowledgement?: boolean; handoverItems?: string[] } = {},
      hotel = HOTEL,
    ) => storage.insertMessage(hotel, { conversationId, senderId, clientId: null, message, replyTo: null, ...extra });

    describe('acknowledgements', () => {
      it('an urgent message is owed by every participant but its sender at send time; a plain one by nobody', async () => {
        const chat = await group();
        const { message } = await send(chat, 'ann', 'Fire drill at 3', { requiresAcknowledgement: true });
        assert.equal(message.requires_acknowledgement, true);
        assert.deepEqual(message.acknowledgements, { total: 2, acknowledged: [], pending: ['bob', 'cyd'] });
        const plain = (await send(chat, 'ann', 'ok')).message;
        assert.equal(plain.requires_acknowledgement, false);
        assert.equal(plain.acknowledgements, null);

        // Someone added afterwards owes nothing for what was sent before.
        await storage.addParticipants(HOTEL, chat, ['dee']);
        const page = await storage.listMessages(HOTEL, chat, { limit: 10 });
        assert.deepEqual(
          page.messages.map((m) => m.acknowledgements?.total ?? null),
          [2, null],
        );
        assert.deepEqual(await storage.pendingAcknowledgementIds(HOTEL, 'dee', 10), []);
      });

      it('acknowledging stamps the first time only, and only for recipients', async () => {
        const chat = await group();
        const { message } = await send(chat, 'ann', 'Boiler down', { requiresAcknowledgement: true });
        const first = await storage.acknowledgeMessage(HOTEL, message.id, 'cyd');
        assert.ok(first?.changed);
        const again = await storage.acknowledgeMessage(HOTEL, message.id, 'cyd');
        assert.deepEqual(again, { acknowledgedAt: first.acknowledgedAt, changed: false });
        assert.equal(await storage.acknowledgeMessage(HOTEL, message.id, 'ann'), undefined, 'the sender owes nothing');
        assert.equal(await storage.acknowledgeMessage(HOTEL, message.id, 'dee'), undefined, 'not in the conversation');
        assert.equal(await storage.acknowledgeMessage(OTHER_HOTEL, message.id, 'bob'), undefined, "another hotel's same id");
        assert.ok(ticks.includes(first.acknowledgedAt));

        const read = await storage.getMessage(HOTEL, message.id);
        assert.deepEqual(read?.acknowledgements, {
          total: 2,
          acknowledged: [{ id: 'cyd', full_name: 'Cyd Park', at: first.acknowledgedAt }],
          pending: ['bob'],
        });
      });

      it('lists what a person still owes across conversations, oldest first, without deleted or acknowledged ones', async () => {
        const one = await group(['bob']);
        const two = await group(['bob', 'dee']);
        const a = (await send(one, 'ann', 'a', { requiresAcknowledgement: true })).message.id;
        const b = (await send(two, 'dee', 'b', { requiresAcknowledgement: true })).message.id;
        const c = (await send(two, 'ann', 'c', { requiresAcknowledgement: true })).message.id;
        await send(two, 'ann', 'not urgent');
        assert.deepEqual(await storage.pendingAcknowledgementIds(HOTEL, 'bob', 10), [a, b, c]);
        assert.deepEqual(await storage.pendingAcknowledgementIds(HOTEL, 'bob', 2), [a, b]);
        await storage.acknowledgeMessage(HOTEL, b, 'bob');
        await storage.deleteMessage(HOTEL, c);
        assert.deepEqual(await storage.pendingAcknowledgementIds(HOTEL, 'bob', 10), [a]);
        assert.deepEqual(await storage.pendingAcknowledgementIds(OTHER_HOTEL, 'bob', 10), []);
        const deleted = await storage.getMessage(HOTEL, c);
        assert.equal(deleted?.requires_acknowledgement, false, 'a deleted message owes nothing');
        assert.equal(deleted?.acknowledgements, null);
      });

      it('a replayed client id returns the urgent message with its state', async () => {
        const chat = await group(['bob']);
        const input = {
          conversationId: chat,
          senderId: 'ann',
          clientId: 'urgent-1',
          message: 'x',
          replyTo: null,
          requiresAcknowledgement: true,
        };
        const first = await storage.insertMessage(HOTEL, input);
        await storage.acknowledgeMessage(HOTEL, first.message.id, 'bob');
        const replay = await storage.insertMessage(HOTEL, input);
        assert.equal(replay.created, false);
        assert.equal(replay.message.acknowledgements?.acknowledged[0]?.id, 'bob');
      });
    });

    describe('department channels', () => {
      it('makes one channel per hotel and department on first need, and puts members in it', async () => {
        const first = await storage.syncDepartment(HOTEL, 'ann', 'Housekeeping');
        assert.ok(first.joined !== null);
        assert.deepEqual(first.left, []);
        assert.deepEqual(await storage.syncDepartment(HOTEL, 'bob', 'Housekeeping'), { joined: first.joined, left: [] });
        assert.deepEqual(
          await storage.syncDepartment(HOTEL, 'bob', 'Housekeeping'),
          { joined: null, left: [] },
          'already in: nothing changes',
        );
        const elsewhere = await storage.syncDepartment(OTHER_HOTEL, 'ann', 'Housekeeping');
        assert.ok(elsewhere.joined !== null && elsewhere.joined !== first.joined, 'another hotel has its own');

        const channel = await storage.getConversation(HOTEL, first.joined, 'bob');
        assert.equal(channel?.kind, 'department');
        assert.equal(channel?.department, 'Housekeeping');
        assert.equal(channel?.title, 'Housekeeping');
        assert.deepEqual(
          channel?.participants.map((p) => p.id),
          ['ann', 'bob'],
        );
        assert.deepEqual(
          (await storage.listConversations(HOTEL, 'bob')).map((c) => c.id),
          [first.joined],
          'listed before its first message',
        );
        assert.deepEqual(await storage.getParticipantIds(OTHER_HOTEL, elsewhere.joined), ['ann']);

        const direct = (await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['cyd'], title: null })).conversationId;
        const named = await group();
        assert.equal((await storage.getConversation(HOTEL, direct, 'ann'))?.kind, 'direct');
        assert.equal((await storage.getConversation(HOTEL, named, 'ann'))?.kind, 'group');
        assert.equal((await storage.getConversation(HOTEL, direct, 'ann'))?.department, null);
      });

      it('a changed department leaves the old channel and joins the new; none leaves all', async () => {
        const kitchen = (await storage.syncDepartment(HOTEL, 'ann', 'Kitchen')).joined!;
        await storage.syncDepartment(HOTEL, 'bob', 'Kitchen');
        const urgent = (await send(kitchen, 'bob', 'Fridge warm', { requiresAcknowledgement: true })).message.id;
        const acknowledged = (await send(kitchen, 'bob', 'Oven fixed', { requiresAcknowledgement: true })).message.id;
        await storage.acknowledgeMessage(HOTEL, acknowledged, 'ann');

        const moved = await storage.syncDepartment(HOTEL, 'ann', 'Housekeeping');
        assert.deepEqual(moved.left, [kitchen]);
        assert.ok(moved.joined !== null && moved.joined !== kitchen);
        assert.deepEqual(await storage.getParticipantIds(HOTEL, kitchen), ['bob']);
        assert.deepEqual(await storage.getParticipantIds(HOTEL, moved.joined), ['ann']);
        // What ann owed there is no longer asked of her; what she acknowledged stays on record.
        assert.deepEqual((await storage.getMessage(HOTEL, urgent))?.acknowledgements, { total: 0, acknowledged: [], pending: [] });
        assert.equal((await storage.getMessage(HOTEL, acknowledged))?.acknowledgements?.acknowledged[0]?.id, 'ann');
        assert.deepEqual(await storage.pendingAcknowledgementIds(HOTEL, 'ann', 10), []);

        assert.deepEqual(await storage.syncDepartment(HOTEL, 'ann', null), { joined: null, left: [moved.joined] });
        assert.deepEqual(await storage.listConversations(HOTEL, 'ann'), []);
      });

      it('a newcomer sees the whole history with nothing unread', async () => {
        const channel = (await storage.syncDepartment(HOTEL, 'ann', 'Front Office')).joined!;
        await send(channel, 'ann', 'one');
        await send(channel, 'ann', 'two');
        await storage.syncDepartment(HOTEL, 'cyd', 'Front Office');
        assert.equal((await storage.listMessages(HOTEL, channel, { limit: 10 })).messages.length, 2);
        assert.equal((await storage.getConversation(HOTEL, channel, 'cyd'))?.unread_count, 0);
        await send(channel, 'ann', 'three');
        assert.equal((await storage.getConversation(HOTEL, channel, 'cyd'))?.unread_count, 1);
      });

      it('racing first sign-ins of one department make exactly one channel with everyone in it', async () => {
        const ids = Array.from({ length: 12 }, (_, index) => `racer${index}`);
        for (const id of ids) await storage.upsertStaff(HOTEL, member(id, id));
        const results = await Promise.all(ids.map((id) => storage.syncDepartment(HOTEL, id, 'Security')));
        const channels = new Set(results.map((result) => result.joined));
        assert.equal(channels.size, 1);
        const [channel] = [...channels];
        assert.ok(typeof channel === 'number');
        assert.deepEqual((await storage.getParticipantIds(HOTEL, channel))?.sort(), [...ids].sort());
      });
    });

    describe('handover notes', () => {
      it('stores the checklist in order, and ticks each item once with who and when', async () => {
        const channel = (await storage.syncDepartment(HOTEL, 'ann', 'Housekeeping')).joined!;
        await storage.syncDepartment(HOTEL, 'bob', 'Housekeeping');
        const { message } = await send(channel, 'ann', 'Night → morning', {
          handoverItems: ['Room 12 towels', 'Lost & found: blue scarf'],
        });
        assert.equal(message.kind, 'handover');
        const items = message.handover?.items ?? [];
        assert.deepEqual(
          items.map((item) => [item.text, item.checked, item.checked_by, item.checked_at]),
          [
            ['Room 12 towels', false, null, null],
            ['Lost & found: blue scarf', false, null, null],
          ],
        );
        const [first, second] = items;
        assert.ok(first && second);

        const ticked = await storage.setHandoverItem(HOTEL, { messageId: message.id, itemId: second.id, staffId: 'bob', checked: true });
        assert.equal(ticked?.changed, true);
        assert.deepEqual(ticked?.item.checked_by, { id: 'bob', full_name: 'Bob Stone', avatar: null });
        assert.ok(ticked?.item.checked_at && ticks.includes(ticked.item.checked_at));
        const again = await storage.setHandoverItem(HOTEL, { messageId: message.id, itemId: second.id, staffId: 'ann', checked: true });
        assert.deepEqual(again, { item: ticked.item, changed: false }, 'a repeat keeps who ticked it');
        const untick = await storage.setHandoverItem(HOTEL, { messageId: message.id, itemId: second.id, staffId: 'ann', checked: false });
        assert.deepEqual([untick?.changed, untick?.item.checked, untick?.item.checked_by], [true, false, null]);
        await storage.setHandoverItem(HOTEL, { messageId: message.id, itemId: first.id, staffId: 'ann', checked: true });

        const read = await storage.getMessage(HOTEL, message.id);
        assert.deepEqual(
          read?.handover?.items.map((item) => item.checked),
          [true, false],
        );
        assert.equal(
          await storage.setHandoverItem(HOTEL, { messageId: message.id, itemId: 999_999, staffId: 'ann', checked: true }),
          undefined,
        );
        const plain = (await send(channel, 'ann', 'plain')).message;
        assert.deepEqual([plain.kind, plain.handover], ['text', null]);
        assert.equal(
          await storage.setHandoverItem(HOTEL, { messageId: plain.id, itemId: first.id, staffId: 'ann', checked: true }),
          undefined,
          'an item of another message',
        );
        assert.equal(
          await storage.setHandoverItem(OTHER_HOTEL, { messageId: message.id, itemId: first.id, staffId: 'ann', checked: true }),
          undefined,
        );
      });

      it('the current note is the newest not deleted; the history pages newest first', async () => {
        const channel = (await storage.syncDepartment(HOTEL, 'ann', 'Housekeeping')).joined!;
        assert.equal(await storage.currentHandoverId(HOTEL, channel), undefined);
        const notes: number[] = [];
        for (const shift of ['night', 'morning', 'evening', 'night 2']) {
          notes.push((await send(channel, 'ann', shift, { handoverItems: [`${shift} item`] })).message.id);
          await send(channel, 'ann', 'chatter');
        }
        assert.equal(await storage.currentHandoverId(HOTEL, channel), notes[3]);
        await storage.deleteMessage(HOTEL, notes[3]!);
        assert.equal(await storage.currentHandoverId(HOTEL, channel), notes[2], 'a deleted note is no longer pinned');
        const deleted = await storage.getMessage(HOTEL, notes[3]!);
        assert.deepEqual([deleted?.kind, deleted?.handover], ['handover', null]);

        const first = await storage.handoverIds(HOTEL, channel, { limit: 2 });
        assert.deepEqual(first, { ids: [notes[2], notes[1]], hasMore: true });
        assert.deepEqual(await storage.handoverIds(HOTEL, channel, { limit: 2, beforeId: notes[1]! }), { ids: [notes[0]], hasMore: false });
        assert.deepEqual(await storage.handoverIds(OTHER_HOTEL, channel, { limit: 2 }), { ids: [], hasMore: false });
      });
    });
  });
}
