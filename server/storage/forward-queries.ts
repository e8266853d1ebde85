import type { Kysely } from 'kysely';
import type { ForwardedFrom } from '../../contract/index.js';
import type { NewForward } from './conversation-features.js';
import type { MessageExtra } from './message-extras.js';
import { prepare, type PreparedQuery } from './prepared.js';
import type { Database } from './schema.js';

type InsertParams = { hotel: string; messageId: number; sourceMessageId: number; sourceConversationId: number; sourceSenderId: string };

/** The insert of a forwarded message's origin; `insertMessage` runs it inside the send transaction. */
export function prepareForwardInsert(db: Kysely<Database>): PreparedQuery<InsertParams, unknown> {
  return prepare(db, (db, p: InsertParams) =>
    db.insertInto('message_forwards').values({
      hotel: p.hotel,
      message_id: p.messageId,
      source_message_id: p.sourceMessageId,
      source_conversation_id: p.sourceConversationId,
      source_sender_id: p.sourceSenderId,
    }),
  );
}

export async function insertForward(
  insert: PreparedQuery<InsertParams, unknown>,
  trx: Kysely<Database>,
  target: { hotel: string; messageId: number },
  from: NewForward,
): Promise<void> {
  await insert(trx, {
    ...target,
    sourceMessageId: from.messageId,
    sourceConversationId: from.conversationId,
    sourceSenderId: from.senderId,
  });
}

interface ForwardRow {
  message_id: number;
  source_message_id: number;
  source_conversation_id: number;
  source_sender_id: string;
  source_sender_name: string | null;
}

function prepareQueries(db: Kysely<Database>) {
  const withSender = (db: Kysely<Database>) =>
    db
      .selectFrom('message_forwards as f')
      .leftJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'f.hotel').onRef('s.id', '=', 'f.source_sender_id'))
      .select([
        'f.message_id',
        'f.source_message_id',
        'f.source_conversation_id',
        'f.source_sender_id',
        's.full_name as source_sender_name',
      ]);
  return {
    ofMessage: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      withSender(db).where('f.message_id', '=', p.messageId).where('f.hotel', '=', p.hotel),
    ),
    ofRange: prepare(db, (db, p: { hotel: string; conversationId: number; fromId: number; toId: number }) =>
      withSender(db)
        .innerJoin('messages as m', 'm.id', 'f.message_id')
        .where('m.conversation_id', '=', p.conversationId)
        .where('f.message_id', '>=', p.fromId)
        .where('f.message_id', '<=', p.toId)
        .where('f.hotel', '=', p.hotel),
    ),
  };
}

function byMessage(rows: ForwardRow[]): Map<number, ForwardedFrom> {
  return new Map(
    rows.map((row) => [
      row.message_id,
      {
        message_id: row.source_message_id,
        conversation_id: row.source_conversation_id,
        sender_id: row.source_sender_id,
        sender_name: row.source_sender_name ?? '',
      },
    ]),
  );
}

/** Where each forwarded message came from; plain messages keep `forwarded_from: null`. */
export function forwardsExtra(db: Kysely<Database>): MessageExtra<ForwardedFrom> {
  const q = prepareQueries(db);
  return {
    ofRange: async (hotel, conversationId, fromId, toId) => byMessage((await q.ofRange(db, { hotel, conversationId, fromId, toId })).rows),
    ofMessage: async (hotel, messageId) => byMessage((await q.ofMessage(db, { hotel, messageId })).rows),
    apply: (message, forwardedFrom) => ({ ...message, forwarded_from: forwardedFrom }),
    mayFollowInsert: (result, input) => !result.created || input.forwardedFrom !== undefined,
  };
}
