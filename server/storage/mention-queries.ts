import type { Kysely } from 'kysely';
import type { Message, SenderInfo } from '../../contract/index.js';
import type { NewMention } from './conversation-features.js';
import type { MessageExtra } from './message-extras.js';
import { prepare, type PreparedQuery } from './prepared.js';
import type { Database } from './schema.js';
import { compareText } from './staff-queries.js';
import type { Storage } from './storage.js';

interface MentionRow {
  message_id: number;
  staff_id: string;
  department: string | null;
  full_name: string;
  avatar: string | null;
}

/** A message's mentions as it carries them. */
export interface MessageMentions {
  mentions: string[];
  mentioned_staff: SenderInfo[];
  mentioned_departments: string[];
}

type InsertParams = { hotel: string; conversationId: number; messageId: number; staffId: string; department: string | null };

function prepareQueries(db: Kysely<Database>) {
  const withStaff = (db: Kysely<Database>) =>
    db
      .selectFrom('message_mentions as mm')
      .innerJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'mm.hotel').onRef('s.id', '=', 'mm.staff_id'))
      .select(['mm.message_id', 'mm.staff_id', 'mm.department', 's.full_name', 's.avatar']);
  return {
    ofMessage: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      withStaff(db).where('mm.message_id', '=', p.messageId).where('mm.hotel', '=', p.hotel),
    ),
    // A history page is a contiguous id range of one conversation, so one indexed range query serves it.
    ofRange: prepare(db, (db, p: { hotel: string; conversationId: number; fromId: number; toId: number }) =>
      withStaff(db)
        .where('mm.conversation_id', '=', p.conversationId)
        .where('mm.message_id', '>=', p.fromId)
        .where('mm.message_id', '<=', p.toId)
        .where('mm.hotel', '=', p.hotel),
    ),
    remove: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      db.deleteFrom('message_mentions').where('message_id', '=', p.messageId).where('hotel', '=', p.hotel),
    ),
    message: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      db.selectFrom('messages').select(['conversation_id', 'is_deleted']).where('id', '=', p.messageId).where('hotel', '=', p.hotel),
    ),
  };
}

/** The insert of one mention row; `insertMessage` runs it inside the send transaction. */
export function prepareMentionInsert(db: Kysely<Database>): PreparedQuery<InsertParams, unknown> {
  return prepare(db, (db, p: InsertParams) =>
    db.insertInto('message_mentions').values({
      hotel: p.hotel,
      conversation_id: p.conversationId,
      message_id: p.messageId,
      staff_id: p.staffId,
      department: p.department,
    }),
  );
}

/** Stores the mentions of a message just inserted in `trx`, each person once. */
export async function insertMentions(
  insert: PreparedQuery<InsertParams, unknown>,
  trx: Kysely<Database>,
  target: { hotel: string; conversationId: number; messageId: number },
  mentions: readonly NewMention[],
): Promise<void> {
  const seen = new Set<string>();
  for (const mention of mentions) {
    if (seen.has(mention.staffId)) continue;
    seen.add(mention.staffId);
    await insert(trx, { ...target, staffId: mention.staffId, department: mention.department });
  }
}

/** Mention rows grouped by message, people by name (then id), departments by name: the same from both databases. */
function byMessage(rows: MentionRow[]): Map<number, MessageMentions> {
  rows.sort((a, b) => compareText(a.full_name, b.full_name) || compareText(a.staff_id, b.staff_id));
  const grouped = new Map<number, MessageMentions>();
  for (const row of rows) {
    const entry = grouped.get(row.message_id) ?? { mentions: [], mentioned_staff: [], mentioned_departments: [] };
    entry.mentions.push(row.staff_id);
    entry.mentioned_staff.push({ id: row.staff_id, full_name: row.full_name, avatar: row.avatar });
    if (row.department !== null && !entry.mentioned_departments.includes(row.department)) entry.mentioned_departments.push(row.department);
    grouped.set(row.message_id, entry);
  }
  for (const entry of grouped.values()) entry.mentioned_departments.sort(compareText);
  return grouped;
}

/** Each message's mentions; a deleted message shows none, like no text. */
export function mentionsExtra(db: Kysely<Database>): MessageExtra<MessageMentions> {
  const q = prepareQueries(db);
  return {
    ofRange: async (hotel, conversationId, fromId, toId) => byMessage((await q.ofRange(db, { hotel, conversationId, fromId, toId })).rows),
    ofMessage: async (hotel, messageId) => byMessage((await q.ofMessage(db, { hotel, messageId })).rows),
    apply: (message: Message, mentions) => (message.is_deleted ? message : { ...message, ...mentions }),
    mayFollowInsert: (result, input) => !result.created || Boolean(input.mentions?.length),
  };
}

/** Replacing a message's mentions on an edit. */
export function mentionMethods(db: Kysely<Database>): Pick<Storage, 'replaceMentions'> {
  const q = prepareQueries(db);
  const insert = prepareMentionInsert(db);
  return {
    async replaceMentions(hotel, messageId, mentions) {
      return db.transaction().execute(async (trx) => {
        const message = (await q.message(trx, { hotel, messageId })).rows[0];
        if (!message || message.is_deleted === 1) return { added: [], changed: false };
        const before = (await q.ofMessage(trx, { hotel, messageId })).rows;
        const key = (staffId: string, department: string | null) => `${staffId}\n${department ?? ''}`;
        const next = [...new Map(mentions.map((mention) => [mention.staffId, mention])).values()];
        const same =
          before.length === next.length &&
          next.every((mention) => before.some((row) => key(row.staff_id, row.department) === key(mention.staffId, mention.department)));
        if (same) return { added: [], changed: false };
        await q.remove(trx, { hotel, messageId });
        await insertMentions(insert, trx, { hotel, conversationId: message.conversation_id, messageId }, next);
        const had = new Set(before.map((row) => row.staff_id));
        return { added: next.map((mention) => mention.staffId).filter((id) => !had.has(id)), changed: true };
      });
    },
  };
}
