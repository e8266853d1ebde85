import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StaffMember } from '../../contract/index.js';
import type { KyselyStorageOptions } from './kysely-storage.js';
import { describeAttachmentsContract } from './attachments.suite.js';
import { describeConversationFeaturesContract } from './conversation-features.suite.js';
import { describeMessageChangesContract } from './message-changes.suite.js';
import { describeTeamworkContract } from './teamwork.suite.js';
import type { Storage } from './storage.js';

/** Makes a fresh, empty, migrated storage; the suite closes it after each test. */
export type StorageFactory = (options: KyselyStorageOptions) => Promise<Storage>;

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HOTEL = 'grand';
const OTHER_HOTEL = 'budget';

function member(id: string, full_name: string, extra: Partial<StaffMember> = {}): StaffMember {
  return { id, full_name, avatar: null, department: null, role: null, ...extra };
}

const ann = member('ann', 'Ann Lee', { department: 'Front Office', role: 'Receptionist', avatar: 'https://x.test/a.png' });
const bob = member('bob', 'Bob Stone', { department: 'Housekeeping', role: 'Supervisor' });
const cyd = member('cyd', 'cyd Park', { department: 'Kitchen', role: 'Chef' });

/** A clock that moves one second per reading, so every write has a distinct, known timestamp. */
function steppingClock(start = Date.parse('2026-01-01T00:00:00.000Z')): { now: () => Date; readings: string[] } {
  const readings: string[] = [];
  let next = start;
  return {
    readings,
    now() {
      const date = new Date(next);
      next += 1000;
      readings.push(date.toISOString());
      return date;
    },
  };
}

/**
 * The behaviour every {@link Storage} implementation must have. Call it once per database from a
 * `*.test.ts` file, e.g. `describeStorageContract('SQLite', (options) => createStorage('file::memory:', options))`.
 */
export function describeStorageContract(name: string, makeStorage: StorageFactory): void {
  describe(`Storage contract: ${name}`, () => {
    let storage: Storage;
    let clock: ReturnType<typeof steppingClock>;

    beforeEach(async () => {
      clock = steppingClock();
      storage = await makeStorage({ now: clock.now });
      for (const staff of [ann, bob, cyd]) await storage.upsertStaff(HOTEL, staff);
    });

    afterEach(async () => {
      await storage.close();
    });

    async function directChat(a = ann.id, b = bob.id): Promise<number> {
      return (await storage.createConversation(HOTEL, { createdBy: a, participantIds: [b], title: null })).conversationId;
    }

    async function send(conversationId: number, senderId: string, message: string, clientId: string | null = null) {
      return storage.insertMessage(HOTEL, { conversationId, senderId, clientId, message, replyTo: null });
    }

    describe('staff', () => {
      it('stores a staff member and reads it back', async () => {
        assert.deepEqual(await storage.getStaff(HOTEL, ann.id), ann);
        assert.equal(await storage.getStaff(HOTEL, 'nobody'), undefined);
      });

      it('updates a staff member whose claims changed and returns the stored shape', async () => {
        const renamed = { ...bob, full_name: 'Robert Stone', avatar: 'https://x.test/b.png', role: null };
        assert.deepEqual(await storage.upsertStaff(HOTEL, renamed), renamed);
        assert.deepEqual(await storage.getStaff(HOTEL, bob.id), renamed);
        assert.deepEqual(await storage.upsertStaff(HOTEL, renamed), renamed);
      });

      it('lists the directory by name, case-insensitively', async () => {
        const names = (await storage.listStaff(HOTEL)).map((staff) => staff.full_name);
        assert.deepEqual(names, ['Ann Lee', 'Bob Stone', 'cyd Park']);
      });

      it('searches name, department and role case-insensitively, and honours the limit', async () => {
        const ids = async (search: string) => (await storage.listStaff(HOTEL, { search })).map((staff) => staff.id);
        assert.deepEqual(await ids('STONE'), ['bob']);
        assert.deepEqual(await ids('front off'), ['ann']);
        assert.deepEqual(await ids('chef'), ['cyd']);
        assert.deepEqual(await ids('o'), ['ann', 'bob']);
        assert.deepEqual(await ids('%'), []);
        assert.deepEqual(await ids('zzz'), []);
        assert.equal((await storage.listStaff(HOTEL, { limit: 2 })).length, 2);
      });

      it('lists every hotel that has staff, each once', async () => {
        assert.deepEqual(await storage.listHotels(), [HOTEL]);
        await storage.upsertStaff('another-hotel', { ...ann, id: 'zed' });
        await storage.upsertStaff('another-hotel', { ...ann, id: 'yan' });
        assert.deepEqual(await storage.listHotels(), ['another-hotel', HOTEL].sort());
      });
    });

    describe('conversations', () => {
      it('creates a 1:1 with the creator as a participant', async () => {
        const created = await storage.createConversation(HOTEL, { createdBy: ann.id, participantIds: [bob.id], title: null });
        assert.equal(created.created, true);
        assert.equal(typeof created.conversationId, 'number');
        assert.deepEqual(await storage.getParticipantIds(HOTEL, created.conversationId), ['ann', 'bob']);
      });

      it('returns the existing 1:1 between the same two people, whoever asks', async () => {
        const first = await directChat(ann.id, bob.id);
        const again = await storage.createConversation(HOTEL, { createdBy: bob.id, participantIds: [ann.id, bob.id], title: null });
        assert.deepEqual(again, { conversationId: first, created: false });
        const other = await directChat(ann.id, cyd.id);
        assert.notEqual(other, first);
      });

      it('makes one 1:1 when two creations race', async () => {
        const results = await Promise.all([
          storage.createConversation(HOTEL, { createdBy: ann.id, participantIds: [bob.id], title: null }),
          storage.createConversation(HOTEL, { createdBy: bob.id, participantIds: [ann.id], title: null }),
        ]);
        assert.equal(results[0].conversationId, results[1].conversationId);
        assert.deepEqual(results.map((result) => result.created).sort(), [false, true]);
        await send(results[0].conversationId, ann.id, 'hello');
        assert.equal((await storage.listConversations(HOTEL, ann.id)).length, 1);
        assert.equal((await storage.listConversations(HOTEL, bob.id)).length, 1);
      });

      it('lists an empty 1:1 for its creator only, until its first message; an empty group for everyone', async () => {
        const direct = await directChat(ann.id, bob.id);
        const ids = async (staffId: string) => (await storage.listConversations(HOTEL, staffId)).map((conversation) => conversation.id);
        assert.deepEqual(await ids(ann.id), [direct]);
        assert.deepEqual(await ids(bob.id), [], 'someone else opening a chat with you is not news until they write');
        assert.ok(await storage.getConversation(HOTEL, direct, bob.id), 'the conversation itself is still theirs to open');
        await send(direct, ann.id, 'Are you on shift tomorrow?');
        assert.deepEqual(await ids(bob.id), [direct]);

        const { conversationId: group } = await storage.createConversation(HOTEL, {
          createdBy: ann.id,
          participantIds: [bob.id, cyd.id],
          title: null,
        });
        assert.ok((await ids(cyd.id)).includes(group));
      });

      it('always creates groups and titled conversations', async () => {
        const group = { createdBy: ann.id, participantIds: [bob.id, cyd.id], title: null };
        const first = await storage.createConversation(HOTEL, group);
        const second = await storage.createConversation(HOTEL, group);
        assert.equal(first.created && second.created, true);
        assert.notEqual(first.conversationId, second.conversationId);
        const titled = await storage.createConversation(HOTEL, { createdBy: ann.id, participantIds: [bob.id], title: 'Shift swap' });
        assert.equal(titled.created, true);
        assert.notEqual(titled.conversationId, await directChat());
      });

      it('describes a conversation: participants, group flag, title, ISO timestamps', async () => {
        const { conversationId } = await storage.createConversation(HOTEL, {
          createdBy: ann.id,
          participantIds: [bob.id, cyd.id, bob.id],
          title: 'Night shift',
        });
        const conversation = await storage.getConversation(HOTEL, conversationId, ann.id);
        assert.ok(conversation);
        assert.equal(conversation.id, conversationId);
        assert.equal(conversation.hotel, HOTEL);
        assert.equal(conversation.title, 'Night shift');
        assert.equal(conversation.is_group, true);
        assert.deepEqual(conversation.participants, [ann, bob, cyd]);
        assert.equal(conversation.last_message, null);
        assert.equal(conversation.unread_count, 0);
        assert.match(conversation.created_at, ISO_UTC);
        assert.equal(conversation.created_at, conversation.updated_at);
        assert.ok(clock.readings.includes(conversation.created_at));
        assert.equal((await storage.getConversation(HOTEL, await directChat(), ann.id))?.is_group, false);
      });

      it("lists only the viewer's conversations, most recently active first, ties by newest id", async () => {
        const withBob = await directChat(ann.id, bob.id);
        const withCyd = await directChat(ann.id, cyd.id);
        const bobAndCyd = await directChat(bob.id, cyd.id);
        const order = async (viewer: string) => (await storage.listConversations(HOTEL, viewer)).map((c) => c.id);
        assert.deepEqual(await order(ann.id), [withCyd, withBob]);
        await send(withBob, bob.id, 'hello');
        assert.deepEqual(await order(ann.id), [withBob, withCyd]);
        assert.deepEqual(await order(cyd.id), [], 'no one has written to cyd yet');
        await send(bobAndCyd, bob.id, 'hi cyd');
        await send(withCyd, ann.id, 'hi cyd');
        assert.deepEqual(await order(cyd.id), [withCyd, bobAndCyd]);

        // Two conversations touched at the same instant: the newer id comes first.
        const frozen = await makeStorage({ now: () => new Date('2026-05-05T05:05:05.005Z') });
        try {
          await frozen.upsertStaff(HOTEL, ann);
          await frozen.upsertStaff(HOTEL, bob);
          await frozen.upsertStaff(HOTEL, cyd);
          const a = await frozen.createConversation(HOTEL, { createdBy: ann.id, participantIds: [bob.id], title: null });
          const b = await frozen.createConversation(HOTEL, { createdBy: ann.id, participantIds: [cyd.id], title: null });
          const ids = (await frozen.listConversations(HOTEL, ann.id)).map((c) => c.id);
          assert.deepEqual(ids, [b.conversationId, a.conversationId]);
        } finally {
          await frozen.close();
        }
      });

      it('carries the last message (cut to 100 characters) and per-viewer unread counts', async () => {
        const group = (await storage.createConversation(HOTEL, { createdBy: ann.id, participantIds: [bob.id, cyd.id], title: null }))
          .conversationId;
        await send(group, bob.id, 'one');
        await send(group, cyd.id, 'two');
        const long = '🙂'.repeat(60) + 'x'.repeat(60);
        const last = (await send(group, bob.id, long)).message;

        const [forAnn] = await storage.listConversations(HOTEL, ann.id);
        assert.ok(forAnn);
        assert.equal(forAnn.unread_count, 3);
        assert.deepEqual(forAnn.last_message, {
          id: last.id,
          sender_id: bob.id,
          sender_name: bob.full_name,
          message: '🙂'.repeat(60) + 'x'.repeat(40),
          timestamp: last.timestamp,
        });
        // A sender has read everything up to their own message; only later messages of others count.
        assert.equal((await storage.getConversation(HOTEL, group, bob.id))?.unread_count, 0);
        assert.equal((await storage.getConversation(HOTEL, group, cyd.id))?.unread_count, 1);
        const [forCyd] = await storage.listConversations(HOTEL, cyd.id);
        assert.equal(forCyd?.unread_count, 1);
      });

      it('returns undefined participants for a missing conversation', async () => {
        assert.equal(await storage.getParticipantIds(HOTEL, 999_999), undefined);
        assert.equal(await storage.getConversation(HOTEL, 999_999, ann.id), undefined);
        assert.equal(await storage.getConversationViews(HOTEL, 999_999), undefined);
      });

      it('gives every participant the view getConversation gives them, with their own unread count', async () => {
        const { conversationId: group } = await storage.createConversation(HOTEL, {
          createdBy: ann.id,
          participantIds: [bob.id, cyd.id],
          title: 'Ops',
        });
        await storage.insertMessage(HOTEL, { conversationId: group, senderId: ann.id, clientId: null, message: 'one', replyTo: null });
        await storage.insertMessage(HOTEL, { conversationId: group, senderId: bob.id, clientId: null, message: 'two', replyTo: null });
        await storage.insertMessage(HOTEL, { conversationId: group, senderId: ann.id, clientId: null, message: 'three', replyTo: null });
        const views = await storage.getConversationViews(HOTEL, group);
        assert.ok(views);
        assert.deepEqual([...views.keys()], await storage.getParticipantIds(HOTEL, group));
        for (const staffId of views.keys()) {
          assert.deepEqual(views.get(staffId), await storage.getConversation(HOTEL, group, staffId), staffId);
        }
        assert.deepEqual(
          [...views.values()].map((view) => view.unread_count),
          [0, 1, 3],
        );
        assert.equal(await storage.getConversationViews(OTHER_HOTEL, group), undefined, 'another hotel sees nothing');
      });
    });

    describe('messages', () => {
      it('stores a message with its sender info and returns it as the contract shapes it', async () => {
        const conversationId = await directChat();
        const { message, created } = await storage.insertMessage(HOTEL, {
          conversationId,
          senderId: ann.id,
          clientId: 'c-1',
          message: 'Room 12 needs towels <b>now</b>',
          replyTo: null,
        });
        assert.equal(created, true);
        assert.deepEqual(message, {
          id: message.id,
          conversation_id: conversationId,
          client_id: 'c-1',
          sender_id: ann.id,
          sender_info: { id: ann.id, full_name: ann.full_name, avatar: ann.avatar },
          message: 'Room 12 needs towels <b>now</b>',
          timestamp: message.timestamp,
          reply_to: null,
          reply_to_message: null,
          attachments: [],
          is_edited: false,
          is_deleted: false,
          edited_at: null,
          deleted_at: null,
          reactions: [],
          kind: 'text',
          requires_acknowledgement: false,
          acknowledgements: null,
          handover: null,
          mentions: [],
          mentioned_staff: [],
          mentioned_departments: [],
          forwarded_from: null,
        });
        assert.equal(typeof message.id, 'number');
        assert.match(message.timestamp, ISO_UTC);
        assert.ok(clock.readings.includes(message.timestamp));
        assert.deepEqual(await storage.getMessage(HOTEL, message.id), message);
        assert.equal(await storage.getMessage(HOTEL, message.id + 1000), undefined);
      });

      it("bumps the conversation's updated_at", async () => {
        const conversationId = await directChat();
        const before = await storage.getConversation(HOTEL, conversationId, ann.id);
        const { message } = await send(conversationId, bob.id, 'hi');
        const after = await storage.getConversation(HOTEL, conversationId, ann.id);
        assert.ok(before && after);
        assert.equal(after.updated_at, message.timestamp);
        assert.ok(after.updated_at > before.updated_at);
        assert.equal(after.created_at, before.created_at);
      });

      it('previews the message replied to, cut to 100 characters', async () => {
        const conversationId = await directChat();
        const original = (await send(conversationId, bob.id, 'y'.repeat(150))).message;
        const { message } = await storage.insertMessage(HOTEL, {
          conversationId,
          senderId: ann.id,
          clientId: null,
          message: 'on it',
          replyTo: original.id,
        });
        assert.equal(message.reply_to, original.id);
        assert.deepEqual(message.reply_to_message, {
          id: original.id,
          message: 'y'.repeat(100),
          sender_id: bob.id,
          sender_name: bob.full_name,
        });
        const page = await storage.listMessages(HOTEL, conversationId, { limit: 10 });
        assert.deepEqual(page.messages[1], message);
      });

      it('is idempotent on (sender, client id): a replay returns the stored message and writes nothing', async () => {
        const conversationId = await directChat();
        const first = await send(conversationId, ann.id, 'hello', 'same-key');
        const updatedAt = (await storage.getConversation(HOTEL, conversationId, ann.id))?.updated_at;
        const replay = await send(conversationId, ann.id, 'hello (edited by a retry)', 'same-key');
        assert.equal(replay.created, false);
        assert.deepEqual(replay.message, first.message);
        assert.equal((await storage.getConversation(HOTEL, conversationId, ann.id))?.updated_at, updatedAt);
        assert.equal((await storage.listMessages(HOTEL, conversationId, { limit: 10 })).messages.length, 1);

        // The key belongs to its sender: someone else may use the same one, and null never collides.
        assert.equal((await send(conversationId, bob.id, 'hello', 'same-key')).created, true);
        assert.equal((await send(conversationId, ann.id, 'a')).created, true);
        assert.equal((await send(conversationId, ann.id, 'b')).created, true);
        assert.equal((await storage.listMessages(HOTEL, conversationId, { limit: 10 })).messages.length, 4);
      });

      it('stores one row when two identical sends race', async () => {
        const conversationId = await directChat();
        const results = await Promise.all(Array.from({ length: 4 }, () => send(conversationId, ann.id, 'racing', 'race-key')));
        assert.equal(results.filter((result) => result.created).length, 1);
        assert.equal(new Set(results.map((result) => result.message.id)).size, 1);
        assert.equal((await storage.listMessages(HOTEL, conversationId, { limit: 10 })).messages.length, 1);
      });

      it('rejects a message to a conversation that does not exist', async () => {
        await assert.rejects(send(999_999, ann.id, 'lost'));
      });

      it('pages history backwards and catch-up forwards, oldest first, with has_more at both ends', async () => {
        const conversationId = await directChat();
        const otherConversation = await directChat(ann.id, cyd.id);
        const ids: number[] = [];
        for (let i = 0; i < 7; i++) {
          ids.push((await send(conversationId, i % 2 ? ann.id : bob.id, `m${i}`)).message.id);
          await send(otherConversation, cyd.id, `noise${i}`);
        }
        const page = async (options: { limit: number; beforeId?: number; afterId?: number }) => {
          const result = await storage.listMessages(HOTEL, conversationId, options);
          return { ids: result.messages.map((message) => message.id), hasMore: result.hasMore };
        };
        assert.deepEqual(await page({ limit: 3 }), { ids: ids.slice(4), hasMore: true });
        assert.deepEqual(await page({ limit: 3, beforeId: ids[4] }), { ids: ids.slice(1, 4), hasMore: true });
        assert.deepEqual(await page({ limit: 3, beforeId: ids[1] }), { ids: ids.slice(0, 1), hasMore: false });
        assert.deepEqual(await page({ limit: 3, beforeId: ids[3] }), { ids: ids.slice(0, 3), hasMore: false });
        assert.deepEqual(await page({ limit: 7 }), { ids, hasMore: false });
        assert.deepEqual(await page({ limit: 3, afterId: ids[0] }), { ids: ids.slice(1, 4), hasMore: true });
        assert.deepEqual(await page({ limit: 3, afterId: ids[3] }), { ids: ids.slice(4), hasMore: false });
        assert.deepEqual(await page({ limit: 3, afterId: ids[6] }), { ids: [], hasMore: false });
        assert.deepEqual(await page({ limit: 3, afterId: 0 }), { ids: ids.slice(0, 3), hasMore: true });
        const texts = (await storage.listMessages(HOTEL, conversationId, { limit: 2 })).messages.map((m) => m.message);
        assert.deepEqual(texts, ['m5', 'm6']);
      });

      it('returns an empty page for an empty or missing conversation', async () => {
        const conversationId = await directChat();
        assert.deepEqual(await storage.listMessages(HOTEL, conversationId, { limit: 50 }), { messages: [], hasMore: false });
        assert.deepEqual(await storage.listMessages(HOTEL, 999_999, { limit: 50 }), { messages: [], hasMore: false });
      });
    });

    describe('read marks', () => {
      it('marks up to the newest by default, or up to an id, never backwards and never past the newest', async () => {
        const conversationId = await directChat();
        const ids: number[] = [];
        for (let i = 0; i < 4; i++) ids.push((await send(conversationId, bob.id, `m${i}`)).message.id);
        const unread = async () => (await storage.getConversation(HOTEL, conversationId, ann.id))?.unread_count;
        assert.equal(await unread(), 4);
        assert.equal(await storage.markRead(HOTEL, conversationId, ann.id, ids[1]), ids[1]);
        assert.equal(await unread(), 2);
        assert.equal(await storage.markRead(HOTEL, conversationId, ann.id, ids[0]), ids[1]);
        assert.equal(await unread(), 2);
        assert.equal(await storage.markRead(HOTEL, conversationId, ann.id), ids[3]);
        assert.equal(await unread(), 0);
        assert.equal(await storage.markRead(HOTEL, conversationId, ann.id, ids[3]! + 1000), ids[3]);
      });

      it('marks the sender read up to their own new message', async () => {
        const conversationId = await directChat();
        await send(conversationId, bob.id, 'question');
        const { message } = await send(conversationId, ann.id, 'answer');
        assert.equal((await storage.getConversation(HOTEL, conversationId, ann.id))?.unread_count, 0);
        assert.equal(await storage.markRead(HOTEL, conversationId, ann.id, 0), message.id);
      });

      it('returns 0 for an empty conversation', async () => {
        assert.equal(await storage.markRead(HOTEL, await directChat(), ann.id), 0);
      });
    });

    describe('hotel isolation', () => {
      it("never shows one hotel's rows to another, even for the same staff ids", async () => {
        // The other hotel has a staff member with the same portal id as one of ours.
        const otherAnn = member('ann', 'Another Ann');
        await storage.upsertStaff(OTHER_HOTEL, otherAnn);
        await storage.upsertStaff(OTHER_HOTEL, member('zed', 'Zed'));
        assert.deepEqual(await storage.getStaff(HOTEL, ann.id), ann);
        assert.deepEqual(await storage.getStaff(OTHER_HOTEL, ann.id), otherAnn);
        assert.equal(await storage.getStaff(HOTEL, 'zed'), undefined);
        assert.deepEqual(
          (await storage.listStaff(OTHER_HOTEL)).map((staff) => staff.id),
          ['ann', 'zed'],
        );

        const ours = await directChat();
        const { message: ourMessage } = await send(ours, ann.id, 'ours', 'key-1');
        const theirs = (await storage.createConversation(OTHER_HOTEL, { createdBy: 'ann', participantIds: ['zed'], title: null }))
          .conversationId;
        const theirMessage = await storage.insertMessage(OTHER_HOTEL, {
          conversationId: theirs,
          senderId: 'ann',
          clientId: 'key-1',
          message: 'theirs',
          replyTo: null,
        });
        assert.equal(theirMessage.created, true);
        assert.notEqual(theirMessage.message.id, ourMessage.id);

        assert.equal(await storage.getConversation(OTHER_HOTEL, ours, 'ann'), undefined);
        assert.equal(await storage.getParticipantIds(OTHER_HOTEL, ours), undefined);
        assert.deepEqual(await storage.listMessages(OTHER_HOTEL, ours, { limit: 10 }), { messages: [], hasMore: false });
        assert.equal(await storage.getMessage(OTHER_HOTEL, ourMessage.id), undefined);
        assert.equal(await storage.markRead(OTHER_HOTEL, ours, 'ann'), 0);
        assert.deepEqual(
          (await storage.listConversations(OTHER_HOTEL, 'ann')).map((c) => c.id),
          [theirs],
        );
        assert.deepEqual(
          (await storage.listConversations(HOTEL, 'ann')).map((c) => c.id),
          [ours],
        );
        await assert.rejects(
          storage.insertMessage(OTHER_HOTEL, { conversationId: ours, senderId: 'ann', clientId: null, message: 'x', replyTo: null }),
        );
        assert.equal((await storage.listMessages(HOTEL, ours, { limit: 10 })).messages.length, 1);
      });
    });

    it('stamps ISO 8601 UTC times from the real clock', async () => {
      const real = await makeStorage({});
      try {
        await real.upsertStaff(HOTEL, ann);
        await real.upsertStaff(HOTEL, bob);
        const { conversationId } = await real.createConversation(HOTEL, { createdBy: ann.id, participantIds: [bob.id], title: null });
        const { message } = await real.insertMessage(HOTEL, {
          conversationId,
          senderId: ann.id,
          clientId: null,
          message: 'x',
          replyTo: null,
        });
        assert.match(message.timestamp, ISO_UTC);
        assert.ok(Math.abs(Date.parse(message.timestamp) - Date.now()) < 60_000);
      } finally {
        await real.close();
      }
    });

    describeMessageChangesContract(makeStorage);
    describeAttachmentsContract(makeStorage);
    describeTeamworkContract(makeStorage);
    describeConversationFeaturesContract(makeStorage);
  });
}
