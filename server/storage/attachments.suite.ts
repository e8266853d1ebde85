import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import type { StaffMember } from '../../contract/index.js';
import type { NewAttachment, Storage } from './storage.js';
import type { StorageFactory } from './storage-contract.suite.js';

const HOTEL = 'grand';
const OTHER_HOTEL = 'budget';

const member = (id: string, full_name: string): StaffMember => ({ id, full_name, avatar: null, department: null, role: null });

const photo: NewAttachment = {
  fileName: 'lobby.png',
  fileType: 'image',
  mimeType: 'image/png',
  fileSize: 1234,
  storageKey: 'a'.repeat(32),
};
const pdf: NewAttachment = { fileName: 'plan.pdf', fileType: 'pdf', mimeType: 'application/pdf', fileSize: 99, storageKey: 'b'.repeat(32) };

/** Messages with attachments: part of the storage contract, run against every database. */
export function describeAttachmentsContract(makeStorage: StorageFactory): void {
  describe('attachments', () => {
    let storage: Storage;
    let conversationId: number;

    beforeEach(async () => {
      storage = await makeStorage({ now: () => new Date('2026-04-01T10:00:00.000Z') });
      for (const person of [member('ann', 'Ann Lee'), member('bob', 'Bob Stone')]) await storage.upsertStaff(HOTEL, person);
      await storage.upsertStaff(OTHER_HOTEL, member('ann', 'Other Ann'));
      ({ conversationId } = await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['bob'], title: null }));
    });

    afterEach(() => storage.close());

    const upload = (attachments: NewAttachment[], clientId: string | null = null, message = '') =>
      storage.insertMessage(HOTEL, { conversationId, senderId: 'ann', clientId, message, replyTo: null, attachments });

    it('names the first file of an attachment-only newest message in the conversation list, not once it is deleted', async () => {
      const { message } = await upload([photo, pdf]);
      const listed = (await storage.listConversations(HOTEL, 'bob'))[0]?.last_message;
      assert.equal(listed?.message, '');
      assert.equal(listed?.attachment_name, photo.fileName);
      assert.equal(listed?.is_deleted, undefined);
      await storage.deleteMessage(HOTEL, message.id);
      const gone = (await storage.getConversation(HOTEL, conversationId, 'bob'))?.last_message;
      assert.equal(gone?.is_deleted, true);
      assert.equal(gone?.attachment_name, undefined);
    });

    it('stores a message with its attachments in order; every read carries them', async () => {
      await storage.insertMessage(HOTEL, { conversationId, senderId: 'bob', clientId: null, message: 'before', replyTo: null });
      const { message, created } = await upload([photo, pdf], 'c1', 'two files');
      assert.equal(created, true);
      const shapes = message.attachments.map(({ file_name, file_type, mime_type, file_size, file_url, uploaded_at }) => ({
        file_name,
        file_type,
        mime_type,
        file_size,
        file_url,
        uploaded_at,
      }));
      assert.deepEqual(shapes, [
        {
          file_name: 'lobby.png',
          file_type: 'image',
          mime_type: 'image/png',
          file_size: 1234,
          file_url: '',
          uploaded_at: '2026-04-01T10:00:00.000Z',
        },
        {
          file_name: 'plan.pdf',
          file_type: 'pdf',
          mime_type: 'application/pdf',
          file_size: 99,
          file_url: '',
          uploaded_at: '2026-04-01T10:00:00.000Z',
        },
      ]);
      assert.ok(message.attachments[0]!.id < message.attachments[1]!.id);
      assert.deepEqual((await storage.getMessage(HOTEL, message.id))?.attachments, message.attachments);
      const page = await storage.listMessages(HOTEL, conversationId, { limit: 10 });
      assert.deepEqual(
        page.messages.map((m) => m.attachments.length),
        [0, 2],
      );
      assert.deepEqual(page.messages[1]!.attachments, message.attachments);
      const after = await storage.listMessages(HOTEL, conversationId, { limit: 10, afterId: 0 });
      assert.deepEqual(after.messages[1]!.attachments, message.attachments);
    });

    it('a replayed client id returns the first upload and stores no second set', async () => {
      const first = await upload([photo], 'same');
      const again = await upload([{ ...photo, storageKey: 'c'.repeat(32) }], 'same');
      assert.equal(again.created, false);
      assert.deepEqual(again.message.attachments, first.message.attachments);
      const stored = await storage.getAttachment(HOTEL, first.message.attachments[0]!.id);
      assert.equal(stored?.storage_key, photo.storageKey);
      assert.equal(await storage.getAttachment(HOTEL, first.message.attachments[0]!.id + 1), undefined);
    });

    it('getAttachment gives the file-store key and its message, only in its own hotel', async () => {
      const { message } = await upload([pdf]);
      const id = message.attachments[0]!.id;
      const stored = await storage.getAttachment(HOTEL, id);
      assert.deepEqual(
        { key: stored?.storage_key, message: stored?.message_id, conversation: stored?.conversation_id, deleted: stored?.message_deleted },
        { key: pdf.storageKey, message: message.id, conversation: conversationId, deleted: false },
      );
      assert.equal(await storage.getAttachment(OTHER_HOTEL, id), undefined);
    });

    it("a deleted message shows no attachments, and its files are marked as its message's deleted", async () => {
      const { message } = await upload([photo]);
      await storage.deleteMessage(HOTEL, message.id);
      assert.deepEqual((await storage.getMessage(HOTEL, message.id))?.attachments, []);
      assert.deepEqual((await storage.listMessages(HOTEL, conversationId, { limit: 10 })).messages[0]!.attachments, []);
      assert.equal((await storage.getAttachment(HOTEL, message.attachments[0]!.id))?.message_deleted, true);
    });

    it('one transaction: when an attachment row fails, the message is not stored either', async () => {
      const broken = { ...pdf, fileName: null as unknown as string };
      await assert.rejects(upload([photo, broken], 'broken'));
      assert.equal((await storage.listMessages(HOTEL, conversationId, { limit: 10 })).messages.length, 0);
      const { message } = await upload([pdf], 'broken');
      assert.equal(message.attachments.length, 1, 'the client id is free again');
      for (let id = 1; id < message.attachments[0]!.id; id++) assert.equal(await storage.getAttachment(HOTEL, id), undefined);
    });
  });
}
