import type { Kysely } from 'kysely';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import { compareText } from './staff-queries.js';
import type { Storage } from './storage.js';

type MessageChangeMethods = Pick<Storage, 'editMessage' | 'deleteMessage' | 'getReadMarks' | 'addParticipants'>;

function prepareQueries(db: Kysely<Database>) {
  return {
    // The guards make a deleted message immutable and an edit to the same text a no-op.
    edit: prepare(db, (db, p: { hotel: string; id: number; text: string; now: string }) =>
      db
        .updateTable('messages')
        .set({ message: p.text, is_edited: 1, edited_at: p.now })
        .where('id', '=', p.id)
        .where('hotel', '=', p.hotel)
        .where('is_deleted', '=', 0)
        .where('message', '<>', p.text),
    ),
    // The text is erased, not hidden: no later read (history, previews, replies) can reveal it.
    softDelete: prepare(db, (db, p: { hotel: string; id: number; now: string }) =>
      db
        .updateTable('messages')
        .set({ message: '', is_deleted: 1, deleted_at: p.now })
        .where('id', '=', p.id)
        .where('hotel', '=', p.hotel)
        .where('is_deleted', '=', 0),
    ),
    dropReactions: prepare(db, (db, p: { hotel: string; id: number }) =>
      db.deleteFrom('message_reactions').where('message_id', '=', p.id).where('hotel', '=', p.hotel),
    ),
    readMarks: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('conversation_participants')
        .select(['staff_id', 'last_read_message_id', 'joined_at'])
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    newestId: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('messages')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    makeGroup: prepare(db, (db, p: { hotel: string; conversationId: number; now: string }) =>
      db
        .updateTable('conversations')
        // A 1:1 that gains people is no longer the 1:1 of its first two.
        .set({ is_group: 1, direct_key: null, updated_at: p.now })
        .where('id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
  };
}

/**
 * Editing and deleting messages, read marks, and adding people to a group, their queries compiled
 * once for `db`. `getMessage` is the storage's own, so answers carry reactions like every other read.
 */
export function messageChangeMethods(db: Kysely<Database>, now: () => string, getMessage: Storage['getMessage']): MessageChangeMethods {
  const q = prepareQueries(db);
  const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0) > 0;

  return {
    async editMessage(hotel, messageId, text) {
      const changed = affected(await q.edit(db, { hotel, id: messageId, text, now: now() }));
      const message = await getMessage(hotel, messageId);
      return message && { message, changed };
    },

    async deleteMessage(hotel, messageId) {
      const timestamp = now();
      const changed = await db.transaction().execute(async (trx) => {
        if (!affected(await q.softDelete(trx, { hotel, id: messageId, now: timestamp }))) return false;
        await q.dropReactions(trx, { hotel, id: messageId });
        return true;
      });
      const message = await getMessage(hotel, messageId);
      return message && { message, changed };
    },

    async getReadMarks(hotel, conversationId) {
      const { rows } = await q.readMarks(db, { hotel, conversationId });
      rows.sort((a, b) => compareText(a.joined_at, b.joined_at) || compareText(a.staff_id, b.staff_id));
      return rows.map((row) => ({ staff_id: row.staff_id, last_read_message_id: row.last_read_message_id }));
    },

    async addParticipants(hotel, conversationId, staffIds) {
      const unique = [...new Set(staffIds)];
      if (unique.length === 0) return [];
      const timestamp = now();
      return db
        .transaction()
        .execute(async (trx) => {
          // Locks the conversation row first (as sending does), so no message slips in between reading the
          // newest id and the new members' read marks in PostgreSQL.
          const group = await q.makeGroup(trx, { hotel, conversationId, now: timestamp });
          if (!affected(group)) throw new Error(`conversation ${conversationId} does not exist in hotel ${hotel}`);
          const newest = (await q.newestId(trx, { hotel, conversationId })).rows[0]?.id ?? 0;
          const added = await trx
            .insertInto('conversation_participants')
            .values(
              unique.map((staffId) => ({
                conversation_id: conversationId,
                staff_id: staffId,
                hotel,
                last_read_message_id: newest,
                joined_at: timestamp,
              })),
            )
            .onConflict((conflict) => conflict.columns(['conversation_id', 'staff_id']).doNothing())
            .returning('staff_id')
            .execute();
          const addedIds = new Set(added.map((row) => row.staff_id));
          // Nobody new: undo the `updated_at` bump, so a repeated request leaves no trace.
          if (addedIds.size === 0) throw NOBODY_ADDED;
          return unique.filter((id) => addedIds.has(id));
        })
        .catch((error: unknown) => {
          if (error === NOBODY_ADDED) return [];
          throw error;
        });
    },
  };
}

/** Thrown inside the add transaction to roll back the group stamp when everyone was already in. */
const NOBODY_ADDED = new Error('nobody added');
