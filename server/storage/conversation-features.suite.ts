import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StaffMember } from '../../contract/index.js';
import type { Storage } from './storage.js';
import type { StorageFactory } from './storage-contract.suite.js';

const HOTEL = 'grand';
const OTHER_HOTEL = 'budget';

const member = (id: string, full_name: string, department: string | null = null): StaffMember => ({
  id,
  full_name,
  avatar: null,
  department,
  role: null,
});
const people = [
  member('ann', 'Ann Lee', 'Front Office'),
  member('bob', 'Bob Stone', 'Housekeeping'),
  member('cyd', 'Cyd Park', 'Housekeeping'),
  member('dee', 'Dee Ray'),
];

/**
 * Mentions, pins, forwards, mute and archive, leaving, deleting an attachment: part of the storage
 * contract, run by `describeStorageContract` against every database.
 */
export function describeConversationFeaturesContract(makeStorage: StorageFactory): void {
  describe('conversation features', () => {
    let storage: Storage;

    beforeEach(async () => {
      let next = Date.parse('2026-04-01T00:00:00.000Z');
      storage = await makeStorage({ now: () => new Date((next += 1000)) });
      for (const person of people) await storage.upsertStaff(HOTEL, person);
      await storage.upsertStaff(OTHER_HOTEL, member('ann', 'Other Ann'));
    });

    afterEach(() => storage.close());

    const group = async () =>
      (await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['bob', 'cyd'], title: 'Floor 2' })).conversationId;
    const send = async (
      conversationId: number,
      senderId: string,
      message: string,
      extra: Partial<Parameters<Storage['insertMessage']>[1]> = {},
    ) => (await storage.insertMessage(HOTEL, { conversationId, senderId, clientId: null, message, replyTo: null, ...extra })).message;
    const view = async (conversationId: number, viewerId: string) => {
      const found = await storage.getConversation(HOTEL, conversationId, viewerId);
      assert.ok(found);
      return found;
    };

    describe('mentions', () => {
      it('stores them with the message and every read returns them, departments included', async () => {
        const id = await group();
        const sent = await send(id, 'ann', '@Housekeeping and @Ann', {
          mentions: [
            { staffId: 'cyd', department: 'Housekeeping' },
            { staffId: 'bob', department: 'Housekeeping' },
            { staffId: 'ann', department: null },
            { staffId: 'bob', department: 'Housekeeping' },
          ],
        });
        assert.deepEqual(sent.mentions, ['ann', 'bob', 'cyd'], 'each once, by name');
        assert.deepEqual(sent.mentioned_staff, [
          { id: 'ann', full_name: 'Ann Lee', avatar: null },
          { id: 'bob', full_name: 'Bob Stone', avatar: null },
          { id: 'cyd', full_name: 'Cyd Park', avatar: null },
        ]);
        assert.deepEqual(sent.mentioned_departments, ['Housekeeping']);
        assert.deepEqual(await storage.getMessage(HOTEL, sent.id), sent);
        assert.deepEqual((await storage.listMessages(HOTEL, id, { limit: 10 })).messages, [sent]);
        const plain = await send(id, 'bob', 'no one');
        assert.deepEqual([plain.mentions, plain.mentioned_staff, plain.mentioned_departments], [[], [], []]);
      });

      it('counts unread mentions per viewer, apart from unread messages, until they read', async () => {
        const id = await group();
        await send(id, 'ann', 'for bob', { mentions: [{ staffId: 'bob', department: null }] });
        await send(id, 'ann', 'for everyone', {
          mentions: [
            { staffId: 'bob', department: 'Housekeeping' },
            { staffId: 'cyd', department: 'Housekeeping' },
          ],
        });
        await send(id, 'ann', 'plain');
        const bob = await view(id, 'bob');
        assert.equal(bob.unread_count, 3);
        assert.equal(bob.mention_count, 2);
        assert.equal((await view(id, 'cyd')).mention_count, 1);
        const views = await storage.getConversationViews(HOTEL, id);
        assert.deepEqual(
          [...(views ?? [])].map(([staffId, v]) => [staffId, v.mention_count]),
          [
            ['ann', 0],
            ['bob', 2],
            ['cyd', 1],
          ],
        );
        assert.equal((await storage.listConversations(HOTEL, 'bob'))[0]?.mention_count, 2);
        await storage.markRead(HOTEL, id, 'bob');
        assert.equal((await view(id, 'bob')).mention_count, 0);
        assert.equal((await view(id, 'cyd')).mention_count, 1);
      });

      it('a self-mention and a deleted message count for nobody; a deleted message shows no mentions', async () => {
        const id = await group();
        await send(id, 'bob', 'note to self', { mentions: [{ staffId: 'bob', department: null }] });
        const gone = await send(id, 'ann', 'oops', { mentions: [{ staffId: 'bob', department: null }] });
        assert.equal((await view(id, 'bob')).mention_count, 1);
        const deleted = await storage.deleteMessage(HOTEL, gone.id);
        assert.deepEqual(deleted?.message.mentions, []);
        assert.deepEqual(deleted?.message.mentioned_staff, []);
        assert.equal((await view(id, 'bob')).mention_count, 0);
      });

      it('replaces mentions on edit, telling who is new; the same set changes nothing', async () => {
        const id = await group();
        const sent = await send(id, 'ann', 'hi', { mentions: [{ staffId: 'bob', department: null }] });
        assert.deepEqual(await storage.replaceMentions(HOTEL, sent.id, [{ staffId: 'bob', department: null }]), {
          added: [],
          changed: false,
        });
        assert.deepEqual(
          await storage.replaceMentions(HOTEL, sent.id, [
            { staffId: 'cyd', department: null },
            { staffId: 'bob', department: null },
          ]),
          {
            added: ['cyd'],
            changed: true,
          },
        );
        assert.deepEqual((await storage.getMessage(HOTEL, sent.id))?.mentions, ['bob', 'cyd']);
        assert.deepEqual(await storage.replaceMentions(HOTEL, sent.id, []), { added: [], changed: true });
        assert.deepEqual((await storage.getMessage(HOTEL, sent.id))?.mentions, []);
        assert.deepEqual(await storage.replaceMentions(OTHER_HOTEL, sent.id, [{ staffId: 'ann', department: null }]), {
          added: [],
          changed: false,
        });
      });

      it('a replayed client id returns the message with its mentions', async () => {
        const id = await group();
        const input = {
          conversationId: id,
          senderId: 'ann',
          clientId: 'm-1',
          message: 'hey',
          replyTo: null,
          mentions: [{ staffId: 'cyd', department: null }],
        };
        const first = await storage.insertMessage(HOTEL, input);
        const again = await storage.insertMessage(HOTEL, { ...input, mentions: [{ staffId: 'bob', department: null }] });
        assert.equal(again.created, false);
        assert.deepEqual(again.message, first.message);
      });
    });

    describe('pins', () => {
      it('pins once, lists newest first with who pinned, unpins', async () => {
        const id = await group();
        const a = await send(id, 'ann', 'first');
        const b = await send(id, 'bob', 'second');
        const pinned = await storage.pinMessage(HOTEL, { conversationId: id, messageId: a.id, staffId: 'bob', maxPins: 20 });
        assert.equal(pinned.outcome, 'pinned');
        assert.deepEqual(pinned.pin?.pinned_by, { id: 'bob', full_name: 'Bob Stone', avatar: null });
        assert.equal(
          (await storage.pinMessage(HOTEL, { conversationId: id, messageId: a.id, staffId: 'cyd', maxPins: 20 })).outcome,
          'already',
        );
        await storage.pinMessage(HOTEL, { conversationId: id, messageId: b.id, staffId: 'ann', maxPins: 20 });
        assert.deepEqual(
          (await storage.listPins(HOTEL, id)).map((pin) => [pin.message_id, pin.pinned_by.id]),
          [
            [b.id, 'ann'],
            [a.id, 'bob'],
          ],
        );
        assert.equal(await storage.unpinMessage(HOTEL, id, a.id), true);
        assert.equal(await storage.unpinMessage(HOTEL, id, a.id), false);
        assert.deepEqual(
          (await storage.listPins(HOTEL, id)).map((pin) => pin.message_id),
          [b.id],
        );
      });

      it("refuses beyond the limit, another conversation's or hotel's message, and a deleted one; a deleted message drops out", async () => {
        const id = await group();
        const other = await group();
        const messages = [await send(id, 'ann', 'a'), await send(id, 'ann', 'b'), await send(id, 'ann', 'c')];
        const foreign = await send(other, 'ann', 'elsewhere');
        const pin = (messageId: number, conversationId = id, hotel = HOTEL) =>
          storage.pinMessage(hotel, { conversationId, messageId, staffId: 'ann', maxPins: 2 });
        assert.equal((await pin(messages[0]!.id)).outcome, 'pinned');
        assert.equal((await pin(messages[1]!.id)).outcome, 'pinned');
        assert.equal((await pin(messages[2]!.id)).outcome, 'full');
        assert.equal((await pin(foreign.id)).outcome, 'gone');
        assert.equal((await pin(messages[2]!.id, id, OTHER_HOTEL)).outcome, 'gone');
        await storage.deleteMessage(HOTEL, messages[0]!.id);
        assert.deepEqual(
          (await storage.listPins(HOTEL, id)).map((p) => p.message_id),
          [messages[1]!.id],
        );
        assert.equal((await pin(messages[0]!.id)).outcome, 'gone');
        assert.equal((await pin(messages[2]!.id)).outcome, 'pinned', 'the deleted one no longer counts');
      });

      it('two racing pins cannot pass the limit together', async () => {
        const id = await group();
        const messages = await Promise.all(['a', 'b', 'c', 'd'].map((text) => send(id, 'ann', text)));
        const outcomes = await Promise.all(
          messages.map((m) => storage.pinMessage(HOTEL, { conversationId: id, messageId: m.id, staffId: 'ann', maxPins: 2 })),
        );
        assert.equal(outcomes.filter((o) => o.outcome === 'pinned').length, 2);
        assert.equal((await storage.listPins(HOTEL, id)).length, 2);
      });
    });

    describe('mute and archive', () => {
      it('mutes for one person only', async () => {
        const id = await group();
        assert.equal(await storage.setMuted(HOTEL, id, 'bob', true), true);
        assert.equal(await storage.setMuted(HOTEL, id, 'bob', true), false);
        assert.equal((await view(id, 'bob')).is_muted, true);
        assert.equal((await view(id, 'ann')).is_muted, false);
        assert.equal(await storage.setMuted(HOTEL, id, 'dee', true), false, 'not a participant');
        assert.equal(await storage.setMuted(HOTEL, id, 'bob', false), true);
        assert.equal((await view(id, 'bob')).is_muted, false);
      });

      it('hides an archived conversation from the list until a new message arrives', async () => {
        const id = await group();
        const kept = await group();
        await send(id, 'ann', 'old');
        assert.equal(await storage.setArchived(HOTEL, id, 'bob', true), true);
        assert.equal(await storage.setArchived(HOTEL, id, 'bob', true), false);
        const ids = async (archived?: boolean) =>
          (await storage.listConversations(HOTEL, 'bob', archived === undefined ? {} : { archived })).map((c) => c.id);
        assert.deepEqual(await ids(), [kept]);
        assert.deepEqual(await ids(true), [id]);
        assert.equal((await view(id, 'bob')).is_archived, true);
        assert.deepEqual((await storage.listConversations(HOTEL, 'ann')).map((c) => c.id).sort(), [id, kept].sort(), 'only for bob');
        await send(id, 'cyd', 'news');
        assert.deepEqual((await ids()).sort(), [id, kept].sort());
        assert.deepEqual(await ids(true), []);
        assert.equal((await view(id, 'bob')).is_archived, false);
        assert.equal(await storage.setArchived(HOTEL, id, 'bob', true), true, 'archived again, up to the news');
        assert.deepEqual(await ids(true), [id]);
        assert.equal(await storage.setArchived(HOTEL, id, 'bob', false), true);
        assert.deepEqual((await ids()).sort(), [id, kept].sort());
      });
    });

    describe('leaving, attachments, forwards', () => {
      it('stores several messages in one transaction, in the order given, or none of them', async () => {
        const first = await group();
        const second = (await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['dee'], title: null })).conversationId;
        const copy = (conversationId: number) => ({ conversationId, senderId: 'ann', clientId: null, message: 'fwd', replyTo: null });
        const origin = await send(first, 'bob', 'the original');
        const forwardedFrom = { messageId: origin.id, conversationId: first, senderId: 'bob' };
        const stored = await storage.insertMessages(HOTEL, [{ ...copy(second), forwardedFrom }, copy(first)]);
        assert.deepEqual(
          stored.map((message) => message.conversation_id),
          [second, first],
        );
        assert.equal(stored[0]?.forwarded_from?.message_id, origin.id, 'read back with its extras');
        assert.ok(stored.every((message) => message.message === 'fwd' && message.sender_id === 'ann'));
        const count = async (id: number) => (await storage.listMessages(HOTEL, id, { limit: 50 })).messages.length;
        // The second target does not exist (in this hotel): the first's copy is rolled back with it.
        await assert.rejects(storage.insertMessages(HOTEL, [copy(first), copy(999_999)]));
        await assert.rejects(storage.insertMessages(OTHER_HOTEL, [copy(first)]));
        assert.deepEqual([await count(first), await count(second)], [2, 1]);
      });

      it('removes a participant, and only from this hotel', async () => {
        const id = await group();
        await send(id, 'cyd', 'bye');
        assert.equal(await storage.removeParticipant(OTHER_HOTEL, id, 'cyd'), false);
        assert.equal(await storage.removeParticipant(HOTEL, id, 'cyd'), true);
        assert.equal(await storage.removeParticipant(HOTEL, id, 'cyd'), false);
        assert.deepEqual(await storage.getParticipantIds(HOTEL, id), ['ann', 'bob']);
        assert.deepEqual(
          (await storage.listConversations(HOTEL, 'cyd')).map((c) => c.id),
          [],
        );
        assert.equal((await storage.listMessages(HOTEL, id, { limit: 5 })).messages[0]?.message, 'bye', 'their messages stay');
        await storage.removeParticipant(HOTEL, id, 'ann');
        await storage.removeParticipant(HOTEL, id, 'bob');
        assert.equal(await storage.getParticipantIds(HOTEL, id), undefined, 'nobody left: nobody can open it');
      });

      it("stores a forward's origin and shares the file; deleting one attachment says whether its file is still used", async () => {
        const id = await group();
        const target = await group();
        const file = { fileName: 'plan.pdf', fileType: 'pdf' as const, mimeType: 'application/pdf', fileSize: 10, storageKey: 'key-1' };
        const original = await send(id, 'bob', 'the plan', { attachments: [file] });
        const copy = await send(target, 'ann', original.message, {
          attachments: [file],
          forwardedFrom: { messageId: original.id, conversationId: id, senderId: 'bob' },
        });
        assert.deepEqual(copy.forwarded_from, { message_id: original.id, conversation_id: id, sender_id: 'bob', sender_name: 'Bob Stone' });
        assert.deepEqual((await storage.listMessages(HOTEL, target, { limit: 5 })).messages[0]?.forwarded_from, copy.forwarded_from);
        assert.equal(original.forwarded_from, null);
        const copyAttachment = copy.attachments[0];
        const originalAttachment = original.attachments[0];
        assert.ok(copyAttachment && originalAttachment);
        assert.equal(await storage.deleteAttachment(OTHER_HOTEL, copyAttachment.id), undefined);
        assert.deepEqual(await storage.deleteAttachment(HOTEL, copyAttachment.id), { fileStillUsed: true });
        assert.deepEqual((await storage.getMessage(HOTEL, copy.id))?.attachments, []);
        assert.equal(await storage.deleteAttachment(HOTEL, copyAttachment.id), undefined);
        assert.deepEqual(await storage.deleteAttachment(HOTEL, originalAttachment.id), { fileStillUsed: false });
      });
    });
  });
}
