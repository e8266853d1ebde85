import type { MessageExtra } from './message-extras.js';
import type { Kysely } from 'kysely';
import { REACTION_EMOJIS, type ReactionEmoji, type ReactionSummary } from '../../contract/index.js';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import { compareText } from './staff-queries.js';
import type { ReactionInput, Storage } from './storage.js';

type ReactionMethods = Pick<Storage, 'addReaction' | 'removeReaction'>;

interface ReactionRow {
  message_id: number;
  staff_id: string;
  emoji: string;
  created_at: string;
}

const columns = ['message_id', 'staff_id', 'emoji', 'created_at'] as const;

function prepareQueries(db: Kysely<Database>) {
  return {
    ofMessage: prepare(db, (db, p: { hotel: string; messageId: number }) =>
      db.selectFrom('message_reactions').select(columns).where('message_id', '=', p.messageId).where('hotel', '=', p.hotel),
    ),
    // A history page is a contiguous id range of one conversation, so one indexed range query serves it.
    ofRange: prepare(db, (db, p: { hotel: string; conversationId: number; fromId: number; toId: number }) =>
      db
        .selectFrom('message_reactions')
        .select(columns)
        .where('conversation_id', '=', p.conversationId)
        .where('message_id', '>=', p.fromId)
        .where('message_id', '<=', p.toId)
        .where('hotel', '=', p.hotel),
    ),
    // Inserted from the message row itself, so a message deleted meanwhile (or of another hotel or
    // conversation) gets nothing. The WHERE also keeps SQLite's parser from reading ON CONFLICT as a join.
    add: prepare(db, (db, p: { hotel: string; conversationId: number; messageId: number; staffId: string; emoji: string; now: string }) =>
      db
        .insertInto('message_reactions')
        .columns(['hotel', 'conversation_id', 'message_id', 'staff_id', 'emoji', 'created_at'])
        .expression((eb) =>
          eb
            .selectFrom('messages')
            .select((eb) => [
              eb.val(p.hotel).as('hotel'),
              'conversation_id',
              'id',
              eb.val(p.staffId).as('staff_id'),
              eb.val(p.emoji).as('emoji'),
              eb.val(p.now).as('created_at'),
            ])
            .where('id', '=', p.messageId)
            .where('conversation_id', '=', p.conversationId)
            .where('hotel', '=', p.hotel)
            .where('is_deleted', '=', 0),
        )
        .onConflict((conflict) => conflict.columns(['message_id', 'staff_id', 'emoji']).doNothing()),
    ),
    remove: prepare(db, (db, p: { hotel: string; messageId: number; staffId: string; emoji: string }) =>
      db
        .deleteFrom('message_reactions')
        .where('message_id', '=', p.messageId)
        .where('staff_id', '=', p.staffId)
        .where('emoji', '=', p.emoji)
        .where('hotel', '=', p.hotel),
    ),
  };
}

const emojiRank = new Map<string, number>(REACTION_EMOJIS.map((emoji, index) => [emoji, index]));

/**
 * Reaction rows of any number of messages, summarised per message: emoji in the fixed order of
 * {@link REACTION_EMOJIS}, people in the order they reacted. Sorted here, not in SQL, so both databases
 * agree exactly.
 */
export function summariseReactions(rows: ReactionRow[]): Map<number, ReactionSummary[]> {
  const rank = (row: ReactionRow) => emojiRank.get(row.emoji) ?? REACTION_EMOJIS.length;
  rows.sort((a, b) => rank(a) - rank(b) || compareText(a.created_at, b.created_at) || compareText(a.staff_id, b.staff_id));
  const byMessage = new Map<number, ReactionSummary[]>();
  for (const row of rows) {
    const summaries = byMessage.get(row.message_id) ?? [];
    let summary = summaries.find((entry) => entry.emoji === row.emoji);
    if (!summary) {
      summary = { emoji: row.emoji as ReactionEmoji, count: 0, staff_ids: [] };
      summaries.push(summary);
    }
    summary.staff_ids.push(row.staff_id);
    summary.count = summary.staff_ids.length;
    byMessage.set(row.message_id, summaries);
  }
  return byMessage;
}

/** Adding and removing reactions, their queries compiled once for `db`. */
export function reactionMethods(db: Kysely<Database>, now: () => string): ReactionMethods {
  const q = prepareQueries(db);
  const reactionsOf = async (hotel: string, messageId: number) =>
    summariseReactions((await q.ofMessage(db, { hotel, messageId })).rows).get(messageId) ?? [];

  return {
    async addReaction(hotel, input: ReactionInput) {
      const { numAffectedRows } = await q.add(db, { hotel, ...input, now: now() });
      return { reactions: await reactionsOf(hotel, input.messageId), changed: Number(numAffectedRows ?? 0) > 0 };
    },

    async removeReaction(hotel, input: ReactionInput) {
      const { numAffectedRows } = await q.remove(db, { hotel, messageId: input.messageId, staffId: input.staffId, emoji: input.emoji });
      return { reactions: await reactionsOf(hotel, input.messageId), changed: Number(numAffectedRows ?? 0) > 0 };
    },
  };
}

/** Each message's reactions; messages leave `toMessage` with none. */
export function reactionsExtra(db: Kysely<Database>): MessageExtra<ReactionSummary[]> {
  const q = prepareQueries(db);
  return {
    ofRange: async (hotel, conversationId, fromId, toId) =>
      summariseReactions((await q.ofRange(db, { hotel, conversationId, fromId, toId })).rows),
    ofMessage: async (hotel, messageId) => summariseReactions((await q.ofMessage(db, { hotel, messageId })).rows),
    apply: (message, reactions) => ({ ...message, reactions }),
    // A new message has no reactions yet; only a replayed client id can return an older one.
    mayFollowInsert: (result) => !result.created,
  };
}
