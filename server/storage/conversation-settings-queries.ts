import type { Kysely } from 'kysely';
import type { Conversation } from '../../contract/index.js';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

type ConversationView = Omit<Conversation, 'channel'>;
type ConversationReaders = Pick<Storage, 'listConversations' | 'getConversation' | 'getConversationViews'>;
type SettingsMethods = Pick<Storage, 'setMuted' | 'setArchived' | 'removeParticipant' | 'deleteAttachment'>;

interface SettingsRow {
  conversation_id: number;
  staff_id: string;
  is_muted: number;
  archived_after_id: number | null;
  mention_count: number | string | bigint | null;
  created_by: string | null;
}

function prepareQueries(db: Kysely<Database>) {
  const settings = (db: Kysely<Database>) =>
    db.selectFrom('conversation_participants as p').select((eb) => [
      'p.conversation_id',
      'p.staff_id',
      'p.is_muted',
      'p.archived_after_id',
      eb.selectFrom('conversations as owner').select('owner.created_by').whereRef('owner.id', '=', 'p.conversation_id').as('created_by'),
      // Unread mentions: past the read mark, not deleted, not their own; cleared when they read.
      eb
        .selectFrom('message_mentions as mm')
        .innerJoin('messages as mm_message', (join) =>
          join.onRef('mm_message.conversation_id', '=', 'mm.conversation_id').onRef('mm_message.id', '=', 'mm.message_id'),
        )
        .select((sub) => sub.fn.countAll<number>().as('count'))
        .whereRef('mm.staff_id', '=', 'p.staff_id')
        .whereRef('mm.conversation_id', '=', 'p.conversation_id')
        .whereRef('mm.message_id', '>', 'p.last_read_message_id')
        .whereRef('mm_message.sender_id', '<>', 'p.staff_id')
        .where('mm_message.is_deleted', '=', 0)
        .as('mention_count'),
    ]);
  return {
    ofViewer: prepare(db, (db, p: { hotel: string; staffId: string }) =>
      settings(db).where('p.staff_id', '=', p.staffId).where('p.hotel', '=', p.hotel),
    ),
    ofConversation: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      settings(db).where('p.conversation_id', '=', p.conversationId).where('p.hotel', '=', p.hotel),
    ),
    newestId: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('messages')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    mute: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string; muted: number }) =>
      db
        .updateTable('conversation_participants')
        .set({ is_muted: p.muted })
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel)
        .where('is_muted', '<>', p.muted),
    ),
    archive: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string; upTo: number }) =>
      db
        .updateTable('conversation_participants')
        .set({ archived_after_id: p.upTo })
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel)
        .where((eb) => eb.or([eb('archived_after_id', 'is', null), eb('archived_after_id', '<>', p.upTo)])),
    ),
    unarchive: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string }) =>
      db
        .updateTable('conversation_participants')
        .set({ archived_after_id: null })
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel)
        .where('archived_after_id', 'is not', null),
    ),
    leave: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string }) =>
      db
        .deleteFrom('conversation_participants')
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel),
    ),
    attachment: prepare(db, (db, p: { hotel: string; id: number }) =>
      db.selectFrom('message_attachments').select('storage_key').where('id', '=', p.id).where('hotel', '=', p.hotel),
    ),
    removeAttachment: prepare(db, (db, p: { hotel: string; id: number }) =>
      db.deleteFrom('message_attachments').where('id', '=', p.id).where('hotel', '=', p.hotel),
    ),
    sharingFile: prepare(db, (db, p: { hotel: string; key: string }) =>
      db.selectFrom('message_attachments').select('id').where('storage_key', '=', p.key).where('hotel', '=', p.hotel).limit(1),
    ),
  };
}

/** The viewer's own fields of a conversation: whether it shows as archived depends on its newest message. */
function withSettings(view: ConversationView, row: SettingsRow | undefined): ConversationView {
  const archivedAfter = row?.archived_after_id ?? null;
  return {
    ...view,
    ...(row?.created_by && { created_by: row.created_by }),
    mention_count: Number(row?.mention_count ?? 0),
    is_muted: row?.is_muted === 1,
    // A message newer than the archive mark brings the conversation back on its own.
    is_archived: archivedAfter !== null && (view.last_message?.id ?? 0) <= archivedAfter,
  };
}

/**
 * The conversation readers with each viewer's mute, archive and unread-mention count filled in, at one
 * more query per call, and the list filtered by archive state.
 */
export function withViewerSettings(db: Kysely<Database>, readers: ConversationReaders): ConversationReaders {
  const q = prepareQueries(db);
  return {
    async listConversations(hotel, staffId, options = {}) {
      const [conversations, settings] = await Promise.all([readers.listConversations(hotel, staffId), q.ofViewer(db, { hotel, staffId })]);
      const byConversation = new Map(settings.rows.map((row) => [row.conversation_id, row]));
      const wanted = options.archived ?? false;
      return conversations.map((view) => withSettings(view, byConversation.get(view.id))).filter((view) => view.is_archived === wanted);
    },

    async getConversation(hotel, conversationId, viewerId) {
      const [view, settings] = await Promise.all([
        readers.getConversation(hotel, conversationId, viewerId),
        q.ofConversation(db, { hotel, conversationId }),
      ]);
      const own = settings.rows.find((row) => row.staff_id === viewerId);
      // Anyone else (a removed person's last look) still learns who started it.
      return (
        view &&
        withSettings(view, own ?? (settings.rows[0] && { ...settings.rows[0], is_muted: 0, archived_after_id: null, mention_count: 0 }))
      );
    },

    async getConversationViews(hotel, conversationId) {
      const [views, settings] = await Promise.all([
        readers.getConversationViews(hotel, conversationId),
        q.ofConversation(db, { hotel, conversationId }),
      ]);
      if (!views) return undefined;
      const byStaff = new Map(settings.rows.map((row) => [row.staff_id, row]));
      return new Map([...views].map(([staffId, view]) => [staffId, withSettings(view, byStaff.get(staffId))]));
    },
  };
}

/** Each participant's settings, leaving, and deleting one attachment. */
export function conversationSettingsMethods(db: Kysely<Database>): SettingsMethods {
  const q = prepareQueries(db);
  const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0) > 0;

  return {
    async setMuted(hotel, conversationId, staffId, muted) {
      return affected(await q.mute(db, { hotel, conversationId, staffId, muted: muted ? 1 : 0 }));
    },

    async setArchived(hotel, conversationId, staffId, archived) {
      if (!archived) return affected(await q.unarchive(db, { hotel, conversationId, staffId }));
      const upTo = (await q.newestId(db, { hotel, conversationId })).rows[0]?.id ?? 0;
      return affected(await q.archive(db, { hotel, conversationId, staffId, upTo }));
    },

    async removeParticipant(hotel, conversationId, staffId) {
      return affected(await q.leave(db, { hotel, conversationId, staffId }));
    },

    async deleteAttachment(hotel, id) {
      return db.transaction().execute(async (trx) => {
        const row = (await q.attachment(trx, { hotel, id })).rows[0];
        if (!row) return undefined;
        await q.removeAttachment(trx, { hotel, id });
        return { fileStillUsed: (await q.sharingFile(trx, { hotel, key: row.storage_key })).rows.length > 0 };
      });
    },
  };
}
