import type { Kysely } from 'kysely';
import type { StoredPin } from './conversation-features.js';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import { compareText } from './staff-queries.js';
import type { Storage } from './storage.js';

type PinMethods = Pick<Storage, 'pinMessage' | 'unpinMessage' | 'listPins'>;

function prepareQueries(db: Kysely<Database>) {
  const live = (db: Kysely<Database>) =>
    db
      .selectFrom('message_pins as p')
      // A deleted message drops from the pins: its row may stay, but nothing reads or counts it.
      .innerJoin('messages as m', (join) => join.onRef('m.conversation_id', '=', 'p.conversation_id').onRef('m.id', '=', 'p.message_id'))
      .innerJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'p.hotel').onRef('s.id', '=', 'p.pinned_by'))
      .where('m.is_deleted', '=', 0);
  return {
    // A no-op write that locks the conversation row in PostgreSQL (SQLite has one writer anyway), so the
    // count and the insert after it cannot interleave with another pin of the same conversation.
    lockConversation: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .updateTable('conversations')
        .set((eb) => ({ id: eb.ref('id') }))
        .where('id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    message: prepare(db, (db, p: { hotel: string; conversationId: number; messageId: number }) =>
      db
        .selectFrom('messages')
        .select('is_deleted')
        .where('id', '=', p.messageId)
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    list: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      live(db)
        .select(['p.conversation_id', 'p.message_id', 'p.pinned_at', 'p.pinned_by', 's.full_name', 's.avatar'])
        .where('p.conversation_id', '=', p.conversationId)
        .where('p.hotel', '=', p.hotel),
    ),
    insert: prepare(db, (db, p: { hotel: string; conversationId: number; messageId: number; staffId: string; now: string }) =>
      db
        .insertInto('message_pins')
        .values({ hotel: p.hotel, conversation_id: p.conversationId, message_id: p.messageId, pinned_by: p.staffId, pinned_at: p.now })
        .onConflict((conflict) => conflict.columns(['conversation_id', 'message_id']).doNothing()),
    ),
    remove: prepare(db, (db, p: { hotel: string; conversationId: number; messageId: number }) =>
      db
        .deleteFrom('message_pins')
        .where('conversation_id', '=', p.conversationId)
        .where('message_id', '=', p.messageId)
        .where('hotel', '=', p.hotel),
    ),
  };
}

type PinRow = {
  conversation_id: number;
  message_id: number;
  pinned_at: string;
  pinned_by: string;
  full_name: string;
  avatar: string | null;
};

/** Newest pin first, then the newer message: the same order from both databases. */
function toPins(rows: PinRow[]): StoredPin[] {
  rows.sort((a, b) => compareText(b.pinned_at, a.pinned_at) || b.message_id - a.message_id);
  return rows.map((row) => ({
    conversation_id: row.conversation_id,
    message_id: row.message_id,
    pinned_at: row.pinned_at,
    pinned_by: { id: row.pinned_by, full_name: row.full_name, avatar: row.avatar },
  }));
}

/** Pinning and unpinning messages, their queries compiled once for `db`. */
export function pinMethods(db: Kysely<Database>, now: () => string): PinMethods {
  const q = prepareQueries(db);
  const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0) > 0;

  return {
    async pinMessage(hotel, { conversationId, messageId, staffId, maxPins }) {
      const timestamp = now();
      return db.transaction().execute(async (trx) => {
        if (!affected(await q.lockConversation(trx, { hotel, conversationId }))) return { outcome: 'gone' as const };
        const message = (await q.message(trx, { hotel, conversationId, messageId })).rows[0];
        if (!message || message.is_deleted === 1) return { outcome: 'gone' as const };
        const pins = toPins((await q.list(trx, { hotel, conversationId })).rows);
        const existing = pins.find((pin) => pin.message_id === messageId);
        if (existing) return { outcome: 'already' as const, pin: existing };
        if (pins.length >= maxPins) return { outcome: 'full' as const };
        await q.insert(trx, { hotel, conversationId, messageId, staffId, now: timestamp });
        const pin = toPins((await q.list(trx, { hotel, conversationId })).rows).find((row) => row.message_id === messageId);
        return { outcome: 'pinned' as const, ...(pin && { pin }) };
      });
    },

    async unpinMessage(hotel, conversationId, messageId) {
      return affected(await q.remove(db, { hotel, conversationId, messageId }));
    },

    async listPins(hotel, conversationId) {
      return toPins((await q.list(db, { hotel, conversationId })).rows);
    },
  };
}
