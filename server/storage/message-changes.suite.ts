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
 * Edits, deletions, reactions, read marks and adding people to groups: part of the storage contract,
 * run by `describeStorageContract` against every database.
 */
export function describeMessageChangesContract(makeStorage: StorageFactory): void {
  describe('message changes', () => {
    let storage: Storage;
    let ticks: string[];

    beforeEach(async () => {
      ticks = [];
      let next = Date.parse('2026-03-01T00:00:00.000Z');
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
    });

    afterEach(() => storage.close());

    const chat = async (participantIds = ['bob'], title: string | null = null) =>
      (await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds, title })).conversationId;
    const send = async (conversationId: number, senderId: string, message: string, replyTo: number | null = null) =>
      (await storage.insertMessage(HOTEL, { conversationId, senderId, clientId: null, message, replyTo })).message;
    const react = (conversationId: number, messageId: number, staffId: string, emoji: '👍' | '❤️' | '🎉') =>
      storage.addReaction(HOTEL, { conversationId, messageId, staffId, emoji });

    describe('editing', () => {
      it('replaces the text and stamps is_edited and edited_at; readers see the new text', async () => {
        const conversationId = await chat();
        const original = await send(conversationId, 'ann', 'Room 12 needs towles');
        const reply = await send(conversationId, 'bob', 'On it', original.id);
        const edited = await storage.editMessage(HOTEL, original.id, 'Room 12 needs towels');
        assert.ok(edited);
        assert.equal(edited.changed, true);
        assert.equal(edited.message.message, 'Room 12 needs towels');
        assert.equal(edited.message.is_edited, true);
        assert.equal(edited.message.edited_at, ticks.at(-1));
        assert.equal(edited.message.timestamp, original.timestamp, 'the send time stays');
        assert.deepEqual(await storage.getMessage(HOTEL, original.id), edited.message);
        assert.equal((await storage.getMessage(HOTEL, reply.id))?.reply_to_message?.message, 'Room 12 needs towels');

        const last = await send(conversationId, 'bob', 'latest');
        await storage.editMessage(HOTEL, last.id, 'latest, edited');
        assert.equal((await storage.getConversation(HOTEL, conversationId, 'ann'))?.last_message?.message, 'latest, edited');
      });

      it('changes nothing for the same text, another hotel, a missing or a deleted message', async () => {
        const conversationId = await chat();
        const message = await send(conversationId, 'ann', 'same');
        const same = await storage.editMessage(HOTEL, message.id, 'same');
        assert.equal(same?.changed, false);
        assert.equal(same?.message.is_edited, false);
        assert.equal(same?.message.edited_at, null);
        assert.equal(await storage.editMessage(OTHER_HOTEL, message.id, 'hijack'), undefined);
        assert.equal(await storage.editMessage(HOTEL, message.id + 100, 'nothing'), undefined);
        assert.equal((await storage.getMessage(HOTEL, message.id))?.message, 'same');

        await storage.deleteMessage(HOTEL, message.id);
        const afterDelete = await storage.editMessage(HOTEL, message.id, 'resurrected');
        assert.equal(afterDelete?.changed, false);
        assert.equal(afterDelete?.message.message, '');
        assert.equal(afterDelete?.message.is_deleted, true);
      });
    });

    describe('deleting', () => {
      it('erases the text and reactions everywhere, keeps a placeholder, and is idempotent', async () => {
        const conversationId = await chat();
        const secret = await send(conversationId, 'bob', 'the safe code is 4711');
        const reply = await send(conversationId, 'ann', 'noted', secret.id);
        const last = await send(conversationId, 'bob', 'also 0815');
        await react(conversationId, secret.id, 'ann', '👍');

        const deleted = await storage.deleteMessage(HOTEL, secret.id);
        assert.ok(deleted);
        assert.equal(deleted.changed, true);
        assert.deepEqual(
          { ...deleted.message },
          { ...secret, message: '', is_deleted: true, deleted_at: ticks.at(-1), reactions: [], attachments: [] },
        );
        const page = await storage.listMessages(HOTEL, conversationId, { limit: 10 });
        assert.deepEqual(
          page.messages.map((m) => m.message),
          ['', 'noted', 'also 0815'],
        );
        assert.equal(page.messages.find((m) => m.id === reply.id)?.reply_to_message?.message, '');

        const again = await storage.deleteMessage(HOTEL, secret.id);
        assert.equal(again?.changed, false);
        assert.equal(again?.message.deleted_at, deleted.message.deleted_at, 'the first deletion time stays');
        assert.equal(await storage.deleteMessage(OTHER_HOTEL, last.id), undefined);
        assert.equal((await storage.getMessage(HOTEL, last.id))?.message, 'also 0815');

        await storage.deleteMessage(HOTEL, last.id);
        const view = await storage.getConversation(HOTEL, conversationId, 'ann');
        assert.equal(view?.last_message?.message, '', 'the list preview never shows deleted text');
        assert.equal(view?.last_message?.is_deleted, true, 'the list can say it was deleted');
      });

      it('no longer counts a deleted message as unread', async () => {
        const conversationId = await chat();
        await send(conversationId, 'bob', 'one');
        const two = await send(conversationId, 'bob', 'two');
        const unread = async () => (await storage.getConversation(HOTEL, conversationId, 'ann'))?.unread_count;
        assert.equal(await unread(), 2);
        await storage.deleteMessage(HOTEL, two.id);
        assert.equal(await unread(), 1);
      });
    });

    describe('reactions', () => {
      it("adds each emoji once per person, counts who reacted in order, in the emoji set's order, and removes", async () => {
        const conversationId = await chat(['bob', 'cyd']);
        const message = await send(conversationId, 'ann', 'Lunch is served');

        assert.deepEqual(await react(conversationId, message.id, 'bob', '👍'), {
          changed: true,
          reactions: [{ emoji: '👍', count: 1, staff_ids: ['bob'] }],
        });
        assert.equal((await react(conversationId, message.id, 'bob', '👍')).changed, false, 'adding twice is a no-op');
        await react(conversationId, message.id, 'cyd', '🎉');
        await react(conversationId, message.id, 'cyd', '❤️');
        const three = await react(conversationId, message.id, 'ann', '👍');
        const expected = [
          { emoji: '👍', count: 2, staff_ids: ['bob', 'ann'] },
          { emoji: '❤️', count: 1, staff_ids: ['cyd'] },
          { emoji: '🎉', count: 1, staff_ids: ['cyd'] },
        ];
        assert.deepEqual(three.reactions, expected);
        assert.deepEqual((await storage.getMessage(HOTEL, message.id))?.reactions, expected);

        const removed = await storage.removeReaction(HOTEL, { conversationId, messageId: message.id, staffId: 'bob', emoji: '👍' });
        assert.deepEqual(removed, {
          changed: true,
          reactions: [
            { emoji: '👍', count: 1, staff_ids: ['ann'] },
            { emoji: '❤️', count: 1, staff_ids: ['cyd'] },
            { emoji: '🎉', count: 1, staff_ids: ['cyd'] },
          ],
        });
        const again = await storage.removeReaction(HOTEL, { conversationId, messageId: message.id, staffId: 'bob', emoji: '👍' });
        assert.equal(again.changed, false);
        assert.deepEqual(again.reactions, removed.reactions);
      });

      it('fills every message of a history page with its own reactions only', async () => {
        const conversationId = await chat();
        const elsewhere = await chat(['cyd']);
        const ids: number[] = [];
        for (let index = 0; index < 4; index++) ids.push((await send(conversationId, 'ann', `m${index}`)).id);
        const foreign = await send(elsewhere, 'cyd', 'elsewhere');
        await react(conversationId, ids[0]!, 'bob', '❤️');
        await react(conversationId, ids[2]!, 'bob', '👍');
        await react(conversationId, ids[3]!, 'ann', '🎉');
        await react(elsewhere, foreign.id, 'ann', '👍');

        const page = await storage.listMessages(HOTEL, conversationId, { limit: 2, beforeId: ids[3]! });
        assert.deepEqual(
          page.messages.map((m) => [m.id, m.reactions]),
          [
            [ids[1], []],
            [ids[2], [{ emoji: '👍', count: 1, staff_ids: ['bob'] }]],
          ],
        );
        const all = await storage.listMessages(HOTEL, conversationId, { limit: 10 });
        assert.deepEqual(
          all.messages.map((m) => m.reactions?.map((r) => r.emoji)),
          [['❤️'], [], ['👍'], ['🎉']],
        );
      });

      it("never lands on a deleted message, another conversation's or another hotel's", async () => {
        const conversationId = await chat();
        const elsewhere = await chat(['cyd']);
        const message = await send(conversationId, 'ann', 'x');
        await storage.deleteMessage(HOTEL, message.id);
        assert.deepEqual(await react(conversationId, message.id, 'bob', '👍'), { changed: false, reactions: [] });

        const live = await send(conversationId, 'ann', 'y');
        assert.equal((await react(elsewhere, live.id, 'cyd', '👍')).changed, false);
        const foreign = await storage.addReaction(OTHER_HOTEL, { conversationId, messageId: live.id, staffId: 'ann', emoji: '👍' });
        assert.equal(foreign.changed, false);
        assert.deepEqual((await storage.getMessage(HOTEL, live.id))?.reactions, []);
      });
    });

    describe('read marks', () => {
      it("lists every participant's mark in participant order; sending moves the sender's", async () => {
        const conversationId = await chat(['bob', 'cyd']);
        assert.deepEqual(await storage.getReadMarks(HOTEL, conversationId), [
          { staff_id: 'ann', last_read_message_id: 0 },
          { staff_id: 'bob', last_read_message_id: 0 },
          { staff_id: 'cyd', last_read_message_id: 0 },
        ]);
        const first = await send(conversationId, 'ann', 'one');
        const second = await send(conversationId, 'ann', 'two');
        await storage.markRead(HOTEL, conversationId, 'cyd', first.id);
        assert.deepEqual(await storage.getReadMarks(HOTEL, conversationId), [
          { staff_id: 'ann', last_read_message_id: second.id },
          { staff_id: 'bob', last_read_message_id: 0 },
          { staff_id: 'cyd', last_read_message_id: first.id },
        ]);
        assert.deepEqual(await storage.getReadMarks(OTHER_HOTEL, conversationId), []);
        assert.deepEqual(await storage.getReadMarks(HOTEL, conversationId + 100), []);
      });
    });

    describe('groups', () => {
      it('a titled conversation is a group at any size', async () => {
        const conversationId = await chat(['bob'], 'Front Office');
        assert.equal((await storage.getConversation(HOTEL, conversationId, 'ann'))?.is_group, true);
      });

      it('adds people who see the history with nothing unread, and bumps the conversation once', async () => {
        const conversationId = await chat(['bob'], 'Night shift');
        await send(conversationId, 'bob', 'before you joined');
        const updatedBefore = (await storage.getConversation(HOTEL, conversationId, 'ann'))?.updated_at;

        assert.deepEqual(await storage.addParticipants(HOTEL, conversationId, ['cyd', 'bob', 'dee', 'cyd']), ['cyd', 'dee']);
        assert.deepEqual(await storage.getParticipantIds(HOTEL, conversationId), ['ann', 'bob', 'cyd', 'dee']);
        const forCyd = await storage.getConversation(HOTEL, conversationId, 'cyd');
        assert.equal(forCyd?.unread_count, 0);
        assert.equal(forCyd?.is_group, true);
        assert.notEqual(forCyd?.updated_at, updatedBefore);
        assert.deepEqual(
          (await storage.listConversations(HOTEL, 'cyd')).map((c) => c.id),
          [conversationId],
        );
        assert.equal((await storage.listMessages(HOTEL, conversationId, { limit: 10 })).messages.length, 1);

        const updatedAfter = forCyd?.updated_at;
        assert.deepEqual(await storage.addParticipants(HOTEL, conversationId, ['bob', 'cyd']), []);
        assert.equal((await storage.getConversation(HOTEL, conversationId, 'ann'))?.updated_at, updatedAfter, 'nothing changed');
        await send(conversationId, 'ann', 'welcome');
        assert.equal((await storage.getConversation(HOTEL, conversationId, 'dee'))?.unread_count, 1);
      });

      it("a 1:1 that gains people stops being the pair's 1:1; another hotel's conversation is refused", async () => {
        const direct = await chat(['bob']);
        assert.deepEqual(await storage.addParticipants(HOTEL, direct, ['cyd']), ['cyd']);
        const again = await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['bob'], title: null });
        assert.equal(again.created, true);
        assert.notEqual(again.conversationId, direct);

        await assert.rejects(storage.addParticipants(OTHER_HOTEL, direct, ['ann']));
        assert.deepEqual(await storage.getParticipantIds(HOTEL, direct), ['ann', 'bob', 'cyd']);
      });
    });
  });
}
