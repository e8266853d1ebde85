import type { Kysely } from 'kysely';
import type { HandoverItem, HandoverNote } from '../../contract/index.js';
import type { MessageExtra } from './message-extras.js';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

type HandoverMethods = Pick<Storage, 'setHandoverItem' | 'currentHandoverId' | 'handoverIds'>;

interface ItemRow {
  id: number;
  message_id: number;
  position: number;
  text: string;
  checked_by: string | null;
  checker_name: string | null;
  checker_avatar: string | null;
  checked_at: string | null;
}

function selectItems(db: Kysely<Database>) {
  return db
    .selectFrom('handover_items as h')
    .leftJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'h.hotel').onRef('s.id', '=', 'h.checked_by'))
    .select([
      'h.id',
      'h.message_id',
      'h.position',
      'h.text',
      'h.checked_by',
      's.full_name as checker_name',
      's.avatar as checker_avatar',
      'h.checked_at',
    ]);
}

/** Handover messages of a conversation that are not deleted, newest first. */
function selectNotes(db: Kysely<Database>, hotel: string, conversationId: number) {
  return db
    .selectFrom('handover_items as h')
    .innerJoin('messages as m', 'm.id', 'h.message_id')
    .select('h.message_id')
    .distinct()
    .where('h.conversation_id', '=', conversationId)
    .where('h.hotel', '=', hotel)
    .where('m.is_deleted', '=', 0)
    .orderBy('h.message_id', 'desc');
}

type ItemParams = { hotel: string; conversationId: number; messageId: number; position: number; text: string };
type TickParams = { hotel: string; messageId: number; itemId: number; staffId: string; now: string };

function prepareQueries(db: Kysely<Database>) {
  return {
    ofMessage: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      selectItems(db).where('h.message_id', '=', p.messageId).where('h.hotel', '=', p.hotel),
    ),
    ofRange: prepare(db, (db, p: { hotel: string; conversationId: number; fromId: number; toId: number }) =>
      selectItems(db)
        .where('h.conversation_id', '=', p.conversationId)
        .where('h.message_id', '>=', p.fromId)
        .where('h.message_id', '<=', p.toId)
        .where('h.hotel', '=', p.hotel),
    ),
    item: prepare(db, (db, p: { hotel: string; messageId: number; itemId: number }) =>
      selectItems(db).where('h.id', '=', p.itemId).where('h.message_id', '=', p.messageId).where('h.hotel', '=', p.hotel),
    ),
    insert: prepare(db, (db, p: ItemParams) =>
      db.insertInto('handover_items').values({
        hotel: p.hotel,
        conversation_id: p.conversationId,
        message_id: p.messageId,
        position: p.position,
        text: p.text,
      }),
    ),
    // The guards make a repeated tick (or untick) a no-op that keeps who did it first and when.
    tick: prepare(db, (db, p: TickParams) =>
      db
        .updateTable('handover_items')
        .set({ checked_by: p.staffId, checked_at: p.now })
        .where('id', '=', p.itemId)
        .where('message_id', '=', p.messageId)
        .where('hotel', '=', p.hotel)
        .where('checked_at', 'is', null),
    ),
    untick: prepare(db, (db, p: TickParams) =>
      db
        .updateTable('handover_items')
        .set({ checked_by: null, checked_at: null })
        .where('id', '=', p.itemId)
        .where('message_id', '=', p.messageId)
        .where('hotel', '=', p.hotel)
        .where('checked_at', 'is not', null),
    ),
    newest: prepare(db, (db, p: { hotel: string; conversationId: number }) => selectNotes(db, p.hotel, p.conversationId).limit(1)),
    newestPage: prepare(db, (db, p: { hotel: string; conversationId: number; limit: number }) =>
      selectNotes(db, p.hotel, p.conversationId).limit(p.limit),
    ),
    beforePage: prepare(db, (db, p: { hotel: string; conversationId: number; beforeId: number; limit: number }) =>
      selectNotes(db, p.hotel, p.conversationId).where('h.message_id', '<', p.beforeId).limit(p.limit),
    ),
  };
}

/** Stores the checklist of a handover message just inserted in `trx`; `insertMessage` runs it. */
export function prepareHandoverInsert(
  db: Kysely<Database>,
): (
  trx: Kysely<Database>,
  target: { hotel: string; conversationId: number; messageId: number },
  items: readonly string[],
) => Promise<void> {
  const q = prepareQueries(db);
  return async (trx, target, items) => {
    for (const [position, text] of items.entries()) await q.insert(trx, { ...target, position, text });
  };
}

function toItem(row: ItemRow): HandoverItem {
  return {
    id: row.id,
    text: row.text,
    checked: row.checked_at !== null,
    checked_by: row.checked_by === null ? null : { id: row.checked_by, full_name: row.checker_name ?? '', avatar: row.checker_avatar },
    checked_at: row.checked_at,
  };
}

function byMessage(rows: ItemRow[]): Map<number, HandoverNote> {
  rows.sort((a, b) => a.message_id - b.message_id || a.position - b.position);
  const notes = new Map<number, HandoverNote>();
  for (const row of rows) {
    const note = notes.get(row.message_id) ?? { items: [] };
    note.items.push(toItem(row));
    notes.set(row.message_id, note);
  }
  return notes;
}

/** Ticking items and finding a channel's notes, their queries compiled once for `db`. */
export function handoverMethods(db: Kysely<Database>, now: () => string): HandoverMethods {
  const q = prepareQueries(db);
  return {
    async setHandoverItem(hotel, { messageId, itemId, staffId, checked }) {
      const params = { hotel, messageId, itemId, staffId, now: now() };
      const result = await (checked ? q.tick : q.untick)(db, params);
      const row = (await q.item(db, { hotel, messageId, itemId })).rows[0];
      return row && { item: toItem(row), changed: Number(result.numAffectedRows ?? 0) > 0 };
    },

    async currentHandoverId(hotel, conversationId) {
      return (await q.newest(db, { hotel, conversationId })).rows[0]?.message_id;
    },

    async handoverIds(hotel, conversationId, { limit, beforeId }) {
      const page = { hotel, conversationId, limit: limit + 1 };
      const { rows } = beforeId === undefined ? await q.newestPage(db, page) : await q.beforePage(db, { ...page, beforeId });
      return { ids: rows.slice(0, limit).map((row) => row.message_id), hasMore: rows.length > limit };
    },
  };
}

/** Each handover message's checklist; a deleted one shows none, like no text. */
export function handoverExtra(db: Kysely<Database>): MessageExtra<HandoverNote> {
  const q = prepareQueries(db);
  return {
    ofRange: async (hotel, conversationId, fromId, toId) => byMessage((await q.ofRange(db, { hotel, conversationId, fromId, toId })).rows),
    ofMessage: async (hotel, messageId) => byMessage((await q.ofMessage(db, { hotel, messageId })).rows),
    apply: (message, handover) => ({ ...message, kind: 'handover', handover: message.is_deleted ? null : handover }),
    mayFollowInsert: (result, input) => !result.created || Boolean(input.handoverItems?.length),
  };
}
