import type { Kysely, Transaction } from 'kysely';
import type { Message } from '../../contract/index.js';
import { prepareAcknowledgementRequest } from './acknowledgement-queries.js';
import { insertAttachments, prepareAttachmentInsert } from './attachment-queries.js';
import { prepareHandoverInsert } from './handover-queries.js';
import { insertForward, prepareForwardInsert } from './forward-queries.js';
import { insertMentions, prepareMentionInsert } from './mention-queries.js';
import { prepare } from './prepared.js';
import { toMessage, type MessageRow } from './rows.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

type MessageMethods = Pick<Storage, 'listMessages' | 'getMessage' | 'insertMessage' | 'insertMessages' | 'markRead'>;
type NewMessage = Parameters<Storage['insertMessage']>[1];

/** Messages with their sender and the message they reply to: one query, whatever the page size. */
function selectMessages(db: Kysely<Database>) {
  return db
    .selectFrom('messages as m')
    .innerJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'm.hotel').onRef('s.id', '=', 'm.sender_id'))
    .leftJoin('messages as r', 'r.id', 'm.reply_to')
    .leftJoin('staff as rs', (join) => join.onRef('rs.hotel', '=', 'r.hotel').onRef('rs.id', '=', 'r.sender_id'))
    .select([
      'm.id',
      'm.conversation_id',
      'm.client_id',
      'm.sender_id',
      's.full_name as sender_name',
      's.avatar as sender_avatar',
      'm.message',
      'm.created_at',
      'm.reply_to',
      'r.message as reply_message',
      'r.sender_id as reply_sender_id',
      'rs.full_name as reply_sender_name',
      'm.is_edited',
      'm.is_deleted',
      'm.edited_at',
      'm.deleted_at',
    ]);
}

type Page = { hotel: string; conversationId: number; limit: number };

function prepareQueries(db: Kysely<Database>) {
  const inConversation = (db: Kysely<Database>, p: Page) =>
    selectMessages(db).where('m.hotel', '=', p.hotel).where('m.conversation_id', '=', p.conversationId);
  return {
    // One row past the page tells whether more exist, without a count.
    newest: prepare(db, (db, p: Page) => inConversation(db, p).orderBy('m.id', 'desc').limit(p.limit)),
    before: prepare(db, (db, p: Page & { beforeId: number }) =>
      inConversation(db, p).where('m.id', '<', p.beforeId).orderBy('m.id', 'desc').limit(p.limit),
    ),
    after: prepare(db, (db, p: Page & { afterId: number }) =>
      inConversation(db, p).where('m.id', '>', p.afterId).orderBy('m.id', 'asc').limit(p.limit),
    ),
    between: prepare(db, (db, p: Page & { afterId: number; beforeId: number }) =>
      inConversation(db, p).where('m.id', '>', p.afterId).where('m.id', '<', p.beforeId).orderBy('m.id', 'asc').limit(p.limit),
    ),
    byId: prepare(db, (db, p: { hotel: string; id: number }) => selectMessages(db).where('m.hotel', '=', p.hotel).where('m.id', '=', p.id)),
    byClientId: prepare(db, (db, p: { hotel: string; senderId: string; clientId: string }) =>
      selectMessages(db).where('m.hotel', '=', p.hotel).where('m.sender_id', '=', p.senderId).where('m.client_id', '=', p.clientId),
    ),
    bumpConversation: prepare(db, (db, p: { hotel: string; conversationId: number; now: string }) =>
      db.updateTable('conversations').set({ updated_at: p.now }).where('id', '=', p.conversationId).where('hotel', '=', p.hotel),
    ),
    insert: prepare(
      db,
      (
        db,
        p: {
          hotel: string;
          conversationId: number;
          senderId: string;
          clientId: string | null;
          message: string;
          replyTo: number | null;
          now: string;
        },
      ) =>
        db
          .insertInto('messages')
          .values({
            hotel: p.hotel,
            conversation_id: p.conversationId,
            sender_id: p.senderId,
            client_id: p.clientId,
            message: p.message,
            reply_to: p.replyTo,
            created_at: p.now,
          })
          .onConflict((conflict) => conflict.columns(['sender_id', 'client_id', 'hotel']).doNothing())
          .returning('id'),
    ),
    newestId: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('messages')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    // The `<` guard keeps the mark from moving backwards when two reads race.
    raiseReadMark: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string; upTo: number }) =>
      db
        .updateTable('conversation_participants')
        .set({ last_read_message_id: p.upTo })
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel)
        .where('last_read_message_id', '<', p.upTo)
        .returning('last_read_message_id'),
    ),
    readMark: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string }) =>
      db
        .selectFrom('conversation_participants')
        .select('last_read_message_id')
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel),
    ),
  };
}

/** Thrown inside the send transaction to roll it back when the client id was already used. */
const REPLAY = new Error('replayed client id');

/** The message half of {@link Storage}, its queries compiled once for `db`. */
export function messageMethods(db: Kysely<Database>, now: () => string): MessageMethods {
  const q = prepareQueries(db);
  const insertAttachment = prepareAttachmentInsert(db);
  const requestAcknowledgements = prepareAcknowledgementRequest(db);
  const insertHandover = prepareHandoverInsert(db);
  const insertMention = prepareMentionInsert(db);
  const insertForwardRow = prepareForwardInsert(db);

  /** One message and what comes with it, inside `trx`. @throws REPLAY when its client id was used. */
  const insertIn = async (trx: Transaction<Database>, hotel: string, input: NewMessage, timestamp: string): Promise<Message> => {
    // Bumping the conversation first locks its row, which serialises sends per conversation: in
    // PostgreSQL ids then commit in the order they were drawn, so catch-up by `after_id` never
    // skips a message that committed late.
    const bumped = await q.bumpConversation(trx, { hotel, conversationId: input.conversationId, now: timestamp });
    if (!bumped.numAffectedRows) {
      throw new Error(`conversation ${input.conversationId} does not exist in hotel ${hotel}`);
    }
    const inserted = (await q.insert(trx, { hotel, ...input, now: timestamp })).rows[0];
    if (!inserted) throw REPLAY;
    await q.raiseReadMark(trx, {
      hotel,
      conversationId: input.conversationId,
      staffId: input.senderId,
      upTo: inserted.id,
    });
    if (input.attachments?.length) {
      const target = { hotel, conversationId: input.conversationId, messageId: inserted.id, now: timestamp };
      await insertAttachments(insertAttachment, trx, target, input.attachments);
    }
    const target = { hotel, conversationId: input.conversationId, messageId: inserted.id };
    if (input.requiresAcknowledgement) await requestAcknowledgements(trx, { ...target, senderId: input.senderId, now: timestamp });
    if (input.handoverItems?.length) await insertHandover(trx, target, input.handoverItems);
    if (input.mentions?.length) {
      await insertMentions(insertMention, trx, { hotel, conversationId: input.conversationId, messageId: inserted.id }, input.mentions);
    }
    if (input.forwardedFrom) await insertForward(insertForwardRow, trx, { hotel, messageId: inserted.id }, input.forwardedFrom);
    const row: MessageRow | undefined = (await q.byId(trx, { hotel, id: inserted.id })).rows[0];
    if (!row) throw new Error(`message ${inserted.id} vanished inside its own transaction`);
    return toMessage(row);
  };

  return {
    async insertMessages(hotel, inputs) {
      const timestamp = now();
      // Conversations locked in id order, so two such batches over the same conversations cannot deadlock.
      const order = inputs.map((input, index) => ({ input, index })).sort((a, b) => a.input.conversationId - b.input.conversationId);
      const stored = await db.transaction().execute(async (trx) => {
        const messages: { index: number; message: Message }[] = [];
        for (const { input, index } of order) messages.push({ index, message: await insertIn(trx, hotel, input, timestamp) });
        return messages;
      });
      return stored.sort((a, b) => a.index - b.index).map((entry) => entry.message);
    },

    async listMessages(hotel, conversationId, { limit, beforeId, afterId }) {
      const page = { hotel, conversationId, limit: limit + 1 };
      const { rows } =
        afterId !== undefined && beforeId !== undefined
          ? await q.between(db, { ...page, afterId, beforeId })
          : afterId !== undefined
            ? await q.after(db, { ...page, afterId })
            : beforeId !== undefined
              ? await q.before(db, { ...page, beforeId })
              : await q.newest(db, page);
      const hasMore = rows.length > limit;
      const messages = rows.slice(0, limit);
      if (afterId === undefined) messages.reverse();
      return { messages: messages.map(toMessage), hasMore };
    },

    async getMessage(hotel, id) {
      const { rows } = await q.byId(db, { hotel, id });
      return rows[0] && toMessage(rows[0]);
    },

    async insertMessage(hotel, input) {
      const timestamp = now();
      try {
        return await db.transaction().execute(async (trx) => ({ message: await insertIn(trx, hotel, input, timestamp), created: true }));
      } catch (error) {
        if (error !== REPLAY || input.clientId === null) throw error;
        // The conflict means the row exists and is committed (PostgreSQL waits for a racing insert to end).
        const { rows } = await q.byClientId(db, { hotel, senderId: input.senderId, clientId: input.clientId });
        if (!rows[0]) throw new Error('client id conflicted, yet no message carries it', { cause: error });
        return { message: toMessage(rows[0]), created: false };
      }
    },

    async markRead(hotel, conversationId, staffId, upToId) {
      const newest = (await q.newestId(db, { hotel, conversationId })).rows[0]?.id ?? 0;
      const upTo = Math.min(upToId ?? newest, newest);
      const raised = (await q.raiseReadMark(db, { hotel, conversationId, staffId, upTo })).rows[0];
      if (raised) return raised.last_read_message_id;
      return (await q.readMark(db, { hotel, conversationId, staffId })).rows[0]?.last_read_message_id ?? 0;
    },
  };
}
