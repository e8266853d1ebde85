import type { Kysely } from 'kysely';
import type { AcknowledgementSummary } from '../../contract/index.js';
import type { MessageExtra } from './message-extras.js';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import { compareText } from './staff-queries.js';
import type { Storage } from './storage.js';

type AcknowledgementMethods = Pick<Storage, 'acknowledgeMessage' | 'pendingAcknowledgementIds'>;

/** One recipient row of an urgent message, or (all null) an urgent message without recipients. */
interface AcknowledgementRow {
  message_id: number;
  staff_id: string | null;
  full_name: string | null;
  acknowledged_at: string | null;
}

function selectAcknowledgements(db: Kysely<Database>) {
  return db
    .selectFrom('acknowledgement_requests as r')
    .leftJoin('message_acknowledgements as a', 'a.message_id', 'r.message_id')
    .leftJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'a.hotel').onRef('s.id', '=', 'a.staff_id'))
    .select(['r.message_id', 'a.staff_id', 's.full_name', 'a.acknowledged_at']);
}

type RequestParams = { hotel: string; conversationId: number; messageId: number; senderId: string; now: string };

function prepareQueries(db: Kysely<Database>) {
  return {
    ofMessage: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      selectAcknowledgements(db).where('r.message_id', '=', p.messageId).where('r.hotel', '=', p.hotel),
    ),
    // A history page is a contiguous id range of one conversation, so one indexed range query serves it.
    ofRange: prepare(db, (db, p: { hotel: string; conversationId: number; fromId: number; toId: number }) =>
      selectAcknowledgements(db)
        .where('r.conversation_id', '=', p.conversationId)
        .where('r.message_id', '>=', p.fromId)
        .where('r.message_id', '<=', p.toId)
        .where('r.hotel', '=', p.hotel),
    ),
    request: prepare(db, (db, p: RequestParams) =>
      db.insertInto('acknowledgement_requests').values({
        hotel: p.hotel,
        conversation_id: p.conversationId,
        message_id: p.messageId,
        created_at: p.now,
      }),
    ),
    // The recipients are whoever takes part at this moment, read inside the send transaction (which
    // holds the conversation row, so nobody joins in between).
    recipients: prepare(db, (db, p: RequestParams) =>
      db
        .insertInto('message_acknowledgements')
        .columns(['hotel', 'conversation_id', 'message_id', 'staff_id'])
        .expression((eb) =>
          eb
            .selectFrom('conversation_participants')
            .select((eb) => [eb.val(p.hotel).as('hotel'), 'conversation_id', eb.val(p.messageId).as('message_id'), 'staff_id'])
            .where('conversation_id', '=', p.conversationId)
            .where('hotel', '=', p.hotel)
            .where('staff_id', '<>', p.senderId),
        ),
    ),
    // The guard keeps the first acknowledgement's time: a repeat changes nothing.
    stamp: prepare(db, (db, p: { hotel: string; messageId: number; staffId: string; now: string }) =>
      db
        .updateTable('message_acknowledgements')
        .set({ acknowledged_at: p.now })
        .where('message_id', '=', p.messageId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel)
        .where('acknowledged_at', 'is', null),
    ),
    own: prepare(db, (db, p: { hotel: string; messageId: number; staffId: string }) =>
      db
        .selectFrom('message_acknowledgements')
        .select('acknowledged_at')
        .where('message_id', '=', p.messageId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel),
    ),
    // Only what the person can still acknowledge: not deleted, and in a conversation they are still in.
    pending: prepare(db, (db, p: { hotel: string; staffId: string; limit: number }) =>
      db
        .selectFrom('message_acknowledgements as a')
        .innerJoin('messages as m', 'm.id', 'a.message_id')
        .innerJoin('conversation_participants as p', (join) =>
          join.onRef('p.conversation_id', '=', 'a.conversation_id').onRef('p.staff_id', '=', 'a.staff_id'),
        )
        .select('a.message_id')
        .where('a.staff_id', '=', p.staffId)
        .where('a.hotel', '=', p.hotel)
        .where('a.acknowledged_at', 'is', null)
        .where('m.is_deleted', '=', 0)
        .orderBy('a.message_id')
        .limit(p.limit),
    ),
  };
}

/**
 * Marks a message just inserted in `trx` as urgent, owed by every participant but its sender;
 * `insertMessage` runs it inside the send transaction.
 */
export function prepareAcknowledgementRequest(db: Kysely<Database>): (trx: Kysely<Database>, params: RequestParams) => Promise<void> {
  const q = prepareQueries(db);
  return async (trx, params) => {
    await q.request(trx, params);
    await q.recipients(trx, params);
  };
}

/** Recipient rows of any number of messages, summarised per message. Sorted here so both databases agree. */
export function summariseAcknowledgements(rows: AcknowledgementRow[]): Map<number, AcknowledgementSummary> {
  rows.sort(
    (a, b) => compareText(a.acknowledged_at ?? '\uffff', b.acknowledged_at ?? '\uffff') || compareText(a.staff_id ?? '', b.staff_id ?? ''),
  );
  const byMessage = new Map<number, AcknowledgementSummary>();
  for (const row of rows) {
    let summary = byMessage.get(row.message_id);
    if (!summary) {
      summary = { total: 0, acknowledged: [], pending: [] };
      byMessage.set(row.message_id, summary);
    }
    if (row.staff_id === null) continue;
    summary.total += 1;
    if (row.acknowledged_at === null) summary.pending.push(row.staff_id);
    else summary.acknowledged.push({ id: row.staff_id, full_name: row.full_name ?? '', at: row.acknowledged_at });
  }
  return byMessage;
}

/** Acknowledging, and a person's pending list, their queries compiled once for `db`. */
export function acknowledgementMethods(db: Kysely<Database>, now: () => string): AcknowledgementMethods {
  const q = prepareQueries(db);
  return {
    async acknowledgeMessage(hotel, messageId, staffId) {
      const stamped = await q.stamp(db, { hotel, messageId, staffId, now: now() });
      const at = (await q.own(db, { hotel, messageId, staffId })).rows[0]?.acknowledged_at;
      if (at === undefined || at === null) return undefined;
      return { acknowledgedAt: at, changed: Number(stamped.numAffectedRows ?? 0) > 0 };
    },

    async pendingAcknowledgementIds(hotel, staffId, limit) {
      return (await q.pending(db, { hotel, staffId, limit })).rows.map((row) => row.message_id);
    },
  };
}

/**
 * Each urgent message's acknowledgement state; messages leave `toMessage` as not urgent. A deleted
 * message owes nothing any more, so it shows as not urgent again.
 */
export function acknowledgementsExtra(db: Kysely<Database>): MessageExtra<AcknowledgementSummary> {
  const q = prepareQueries(db);
  return {
    ofRange: async (hotel, conversationId, fromId, toId) =>
      summariseAcknowledgements((await q.ofRange(db, { hotel, conversationId, fromId, toId })).rows),
    ofMessage: async (hotel, messageId) => summariseAcknowledgements((await q.ofMessage(db, { hotel, messageId })).rows),
    apply: (message, acknowledgements) => (message.is_deleted ? message : { ...message, requires_acknowledgement: true, acknowledgements }),
    mayFollowInsert: (result, input) => !result.created || Boolean(input.requiresAcknowledgement),
  };
}
