import type { MessageExtra } from './message-extras.js';
import type { Kysely } from 'kysely';
import type { Attachment } from '../../contract/index.js';
import { prepare, type PreparedQuery } from './prepared.js';
import type { Database } from './schema.js';
import type { NewAttachment, Storage, StoredAttachment } from './storage.js';

interface AttachmentRow {
  id: number;
  message_id: number;
  file_name: string;
  file_type: string;
  mime_type: string;
  file_size: number;
  created_at: string;
}

const columns = ['id', 'message_id', 'file_name', 'file_type', 'mime_type', 'file_size', 'created_at'] as const;

type InsertParams = {
  hotel: string;
  conversationId: number;
  messageId: number;
  fileName: string;
  fileType: string;
  mimeType: string;
  fileSize: number;
  storageKey: string;
  now: string;
};

/** The insert of one attachment row; `insertMessage` runs it inside the send transaction. */
export function prepareAttachmentInsert(db: Kysely<Database>): PreparedQuery<InsertParams, unknown> {
  return prepare(db, (db, p: InsertParams) =>
    db.insertInto('message_attachments').values({
      hotel: p.hotel,
      conversation_id: p.conversationId,
      message_id: p.messageId,
      file_name: p.fileName,
      file_type: p.fileType,
      mime_type: p.mimeType,
      file_size: p.fileSize,
      storage_key: p.storageKey,
      created_at: p.now,
    }),
  );
}

/** Stores the attachments of a message just inserted in `trx`, in the order given. */
export async function insertAttachments(
  insert: PreparedQuery<InsertParams, unknown>,
  trx: Kysely<Database>,
  target: { hotel: string; conversationId: number; messageId: number; now: string },
  attachments: readonly NewAttachment[],
): Promise<void> {
  for (const attachment of attachments) await insert(trx, { ...target, ...attachment });
}

function prepareQueries(db: Kysely<Database>) {
  return {
    ofMessage: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      db.selectFrom('message_attachments').select(columns).where('message_id', '=', p.messageId).where('hotel', '=', p.hotel).orderBy('id'),
    ),
    // A history page is a contiguous id range of one conversation, so one indexed range query serves it.
    ofRange: prepare(db, (db, p: { hotel: string; conversationId: number; fromId: number; toId: number }) =>
      db
        .selectFrom('message_attachments')
        .select(columns)
        .where('conversation_id', '=', p.conversationId)
        .where('message_id', '>=', p.fromId)
        .where('message_id', '<=', p.toId)
        .where('hotel', '=', p.hotel)
        .orderBy('id'),
    ),
    byId: prepare(db, (db, p: { hotel: string; id: number }) =>
      db
        .selectFrom('message_attachments as a')
        .innerJoin('messages as m', (join) => join.onRef('m.id', '=', 'a.message_id').onRef('m.hotel', '=', 'a.hotel'))
        .select([
          'a.id',
          'a.message_id',
          'a.conversation_id',
          'a.file_name',
          'a.file_type',
          'a.mime_type',
          'a.file_size',
          'a.storage_key',
          'a.created_at',
          'm.is_deleted',
        ])
        .where('a.id', '=', p.id)
        .where('a.hotel', '=', p.hotel),
    ),
  };
}

/**
 * An attachment as a message carries it. `file_url` stays empty here: the app signs a fresh URL into
 * every message it sends out (see `server/files/attachment-urls.ts`), so storage knows nothing of URLs.
 */
function toAttachment(row: AttachmentRow): Attachment {
  return {
    id: row.id,
    file_name: row.file_name,
    file_type: row.file_type as Attachment['file_type'],
    file_size: row.file_size,
    mime_type: row.mime_type,
    file_url: '',
    uploaded_at: row.created_at,
  };
}

function byMessage(rows: AttachmentRow[]): Map<number, Attachment[]> {
  const grouped = new Map<number, Attachment[]>();
  for (const row of rows) grouped.set(row.message_id, [...(grouped.get(row.message_id) ?? []), toAttachment(row)]);
  return grouped;
}

/** Looking up one attachment, for serving its file. */
export function attachmentMethods(db: Kysely<Database>): Pick<Storage, 'getAttachment'> {
  const q = prepareQueries(db);
  return {
    async getAttachment(hotel, id): Promise<StoredAttachment | undefined> {
      const row = (await q.byId(db, { hotel, id })).rows[0];
      if (!row) return undefined;
      return {
        ...toAttachment(row),
        message_id: row.message_id,
        conversation_id: row.conversation_id,
        storage_key: row.storage_key,
        message_deleted: row.is_deleted === 1,
      };
    },
  };
}

/** Each message's attachments; deleted messages show none, like no text or reactions. */
export function attachmentsExtra(db: Kysely<Database>): MessageExtra<Attachment[]> {
  const q = prepareQueries(db);
  return {
    ofRange: async (hotel, conversationId, fromId, toId) => byMessage((await q.ofRange(db, { hotel, conversationId, fromId, toId })).rows),
    ofMessage: async (hotel, messageId) => byMessage((await q.ofMessage(db, { hotel, messageId })).rows),
    apply: (message, attachments) => (message.is_deleted ? message : { ...message, attachments }),
    // A fresh text-only send (the hot path) has none; a replayed client id may return an upload.
    mayFollowInsert: (result, input) => !result.created || Boolean(input.attachments?.length),
  };
}
