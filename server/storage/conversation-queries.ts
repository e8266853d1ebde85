import type { Kysely } from 'kysely';
import type { Conversation, StaffMember } from '../../contract/index.js';
import { prepare } from './prepared.js';
import { toLastMessage, toStaff } from './rows.js';
import type { Database } from './schema.js';
import { compareText } from './staff-queries.js';
import type { Storage } from './storage.js';

type ConversationMethods = Pick<
  Storage,
  'listConversations' | 'getConversation' | 'getConversationViews' | 'getParticipantIds' | 'createConversation'
>;

export type ConversationView = Omit<Conversation, 'channel'>;

/**
 * Conversations of a hotel as `viewerId` sees them, each with its newest message and the viewer's
 * unread count, in one query: both come from the `(conversation_id, id)` index.
 */
function selectConversations(db: Kysely<Database>, hotel: string, viewerId: string) {
  return db
    .selectFrom('conversations as c')
    .leftJoin('conversation_participants as me', (join) => join.onRef('me.conversation_id', '=', 'c.id').on('me.staff_id', '=', viewerId))
    .leftJoin('messages as lm', (join) =>
      join.on((eb) =>
        eb(
          'lm.id',
          '=',
          eb
            .selectFrom('messages as newest')
            .select((sub) => sub.fn.max('newest.id').as('id'))
            .whereRef('newest.conversation_id', '=', 'c.id'),
        ),
      ),
    )
    .leftJoin('staff as ls', (join) => join.onRef('ls.hotel', '=', 'lm.hotel').onRef('ls.id', '=', 'lm.sender_id'))
    .where('c.hotel', '=', hotel)
    .select((eb) => [
      'c.id',
      'c.hotel',
      'c.title',
      'c.is_group',
      'c.department',
      'c.created_at',
      'c.updated_at',
      'lm.id as last_id',
      'lm.sender_id as last_sender_id',
      'ls.full_name as last_sender_name',
      'lm.message as last_message',
      'lm.created_at as last_at',
      'lm.is_deleted as last_is_deleted',
      // The list names a file when the newest message is only an attachment.
      eb
        .selectFrom('message_attachments as la')
        .select('la.file_name')
        .whereRef('la.conversation_id', '=', 'lm.conversation_id')
        .whereRef('la.message_id', '=', 'lm.id')
        .orderBy('la.id')
        .limit(1)
        .as('last_attachment_name'),
      eb
        .selectFrom('messages as unread')
        .select((sub) => sub.fn.countAll<number>().as('count'))
        .whereRef('unread.conversation_id', '=', 'c.id')
        .where('unread.id', '>', eb.fn.coalesce('me.last_read_message_id', eb.lit(0)))
        .where('unread.sender_id', '<>', viewerId)
        // A deleted message is a placeholder, not something left to read.
        .where('unread.is_deleted', '=', 0)
        .as('unread_count'),
    ]);
}

type ConversationRow = Awaited<ReturnType<ReturnType<typeof selectConversations>['execute']>>[number];

function selectParticipants(db: Kysely<Database>, hotel: string) {
  return db
    .selectFrom('conversation_participants as p')
    .innerJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'p.hotel').onRef('s.id', '=', 'p.staff_id'))
    .select(['p.conversation_id', 'p.joined_at', 's.id', 's.full_name', 's.avatar', 's.department', 's.role'])
    .where('p.hotel', '=', hotel);
}

type ParticipantRow = Awaited<ReturnType<ReturnType<typeof selectParticipants>['execute']>>[number];

function prepareQueries(db: Kysely<Database>) {
  return {
    // Driven from the viewer's own participant rows, so the cost follows their conversations, not the hotel's.
    // A 1:1 someone opened with the viewer but never wrote in is not in the viewer's list: it appears with
    // its first message. Its creator sees it (they are about to write), and so does everyone in a group.
    conversationsOf: prepare(db, (db, p: { hotel: string; staffId: string }) =>
      selectConversations(db, p.hotel, p.staffId)
        .where('me.staff_id', '=', p.staffId)
        .where((eb) => eb.or([eb('c.is_group', '=', 1), eb('lm.id', 'is not', null), eb('c.created_by', '=', p.staffId)]))
        .where('c.id', 'in', (eb) =>
          eb
            .selectFrom('conversation_participants as mine')
            .select('mine.conversation_id')
            .where('mine.hotel', '=', p.hotel)
            .where('mine.staff_id', '=', p.staffId),
        )
        .orderBy('c.updated_at', 'desc')
        .orderBy('c.id', 'desc'),
    ),
    conversation: prepare(db, (db, p: { hotel: string; viewerId: string; conversationId: number }) =>
      selectConversations(db, p.hotel, p.viewerId).where('c.id', '=', p.conversationId),
    ),
    participantsOfMember: prepare(db, (db, p: { hotel: string; staffId: string }) =>
      db
        .selectFrom('conversation_participants as mine')
        .innerJoin('conversation_participants as p', (join) =>
          // Same conversation implies same hotel; repeating `hotel` here would tempt SQLite into a hotel-wide scan.
          join.onRef('p.conversation_id', '=', 'mine.conversation_id'),
        )
        .innerJoin('staff as s', (join) => join.onRef('s.hotel', '=', 'p.hotel').onRef('s.id', '=', 'p.staff_id'))
        .select(['p.conversation_id', 'p.joined_at', 's.id', 's.full_name', 's.avatar', 's.department', 's.role'])
        .where('mine.hotel', '=', p.hotel)
        .where('mine.staff_id', '=', p.staffId),
    ),
    participants: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      selectParticipants(db, p.hotel).where('p.conversation_id', '=', p.conversationId),
    ),
    // Every participant's unread count at once, for the notifier's `conversation_updated` to each of them.
    unreadCounts: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('conversation_participants as p')
        .select((eb) => [
          'p.staff_id',
          eb
            .selectFrom('messages as unread')
            .select((sub) => sub.fn.countAll<number>().as('count'))
            .whereRef('unread.conversation_id', '=', 'p.conversation_id')
            .whereRef('unread.id', '>', 'p.last_read_message_id')
            .whereRef('unread.sender_id', '<>', 'p.staff_id')
            .where('unread.is_deleted', '=', 0)
            .as('unread_count'),
        ])
        .where('p.conversation_id', '=', p.conversationId)
        .where('p.hotel', '=', p.hotel),
    ),
    participantIds: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('conversation_participants')
        .select(['staff_id', 'joined_at'])
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    direct: prepare(db, (db, p: { hotel: string; key: string }) =>
      db.selectFrom('conversations').select('id').where('hotel', '=', p.hotel).where('direct_key', '=', p.key),
    ),
    insert: prepare(
      db,
      (db, p: { hotel: string; title: string | null; isGroup: number; key: string | null; createdBy: string; now: string }) =>
        db
          .insertInto('conversations')
          .values({
            hotel: p.hotel,
            title: p.title,
            is_group: p.isGroup,
            direct_key: p.key,
            created_by: p.createdBy,
            created_at: p.now,
            updated_at: p.now,
          })
          // A racing creation of the same 1:1 wins; the loser then returns it.
          .onConflict((conflict) => conflict.columns(['direct_key', 'hotel']).doNothing())
          .returning('id'),
    ),
  };
}

/** Participants grouped by conversation, in the same order from both databases (text collations differ). */
function groupParticipants(rows: ParticipantRow[]): Map<number, StaffMember[]> {
  rows.sort((a, b) => compareText(a.joined_at, b.joined_at) || compareText(a.id, b.id));
  const byConversation = new Map<number, StaffMember[]>();
  for (const row of rows) {
    const list = byConversation.get(row.conversation_id) ?? [];
    list.push(toStaff(row));
    byConversation.set(row.conversation_id, list);
  }
  return byConversation;
}

function toConversation(row: ConversationRow, participants: StaffMember[]): ConversationView {
  return {
    id: row.id,
    hotel: row.hotel,
    title: row.title,
    is_group: row.is_group === 1,
    kind: row.department !== null ? 'department' : row.is_group === 1 ? 'group' : 'direct',
    department: row.department,
    participants,
    last_message: toLastMessage(row),
    unread_count: row.unread_count ?? 0,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The conversation half of {@link Storage}, its queries compiled once for `db`. */
export function conversationMethods(db: Kysely<Database>, now: () => string): ConversationMethods {
  const q = prepareQueries(db);

  return {
    // Two queries for the whole list, however many conversations: no per-row lookups.
    async listConversations(hotel, staffId) {
      const [conversations, participants] = await Promise.all([
        q.conversationsOf(db, { hotel, staffId }),
        q.participantsOfMember(db, { hotel, staffId }),
      ]);
      const byConversation = groupParticipants(participants.rows);
      return conversations.rows.map((row) => toConversation(row, byConversation.get(row.id) ?? []));
    },

    async getConversation(hotel, conversationId, viewerId) {
      const [conversation, participants] = await Promise.all([
        q.conversation(db, { hotel, viewerId, conversationId }),
        q.participants(db, { hotel, conversationId }),
      ]);
      const row = conversation.rows[0];
      return row && toConversation(row, groupParticipants(participants.rows).get(row.id) ?? []);
    },

    // Three queries however many participants: the shared view once, then only the unread counts differ.
    async getConversationViews(hotel, conversationId) {
      const participants = await q.participants(db, { hotel, conversationId });
      const viewerId = participants.rows[0]?.id;
      if (viewerId === undefined) return undefined;
      // Read as a participant: for anyone else the view's unread count would count the whole history.
      const [conversation, unread] = await Promise.all([
        q.conversation(db, { hotel, viewerId, conversationId }),
        q.unreadCounts(db, { hotel, conversationId }),
      ]);
      const row = conversation.rows[0];
      if (!row) return undefined;
      const shared = toConversation(row, groupParticipants(participants.rows).get(row.id) ?? []);
      const unreadOf = new Map(unread.rows.map((count) => [count.staff_id, count.unread_count ?? 0]));
      return new Map(shared.participants.map((staff) => [staff.id, { ...shared, unread_count: unreadOf.get(staff.id) ?? 0 }]));
    },

    async getParticipantIds(hotel, conversationId) {
      const { rows } = await q.participantIds(db, { hotel, conversationId });
      // Every conversation has at least its creator, so no rows means no such conversation in this hotel.
      if (rows.length === 0) return undefined;
      rows.sort((a, b) => compareText(a.joined_at, b.joined_at) || compareText(a.staff_id, b.staff_id));
      return rows.map((row) => row.staff_id);
    },

    async createConversation(hotel, input) {
      const participantIds = [...new Set([input.createdBy, ...input.participantIds])];
      const title = input.title || null;
      const key = participantIds.length === 2 && title === null ? JSON.stringify([...participantIds].sort(compareText)) : null;

      if (key !== null) {
        const existing = (await q.direct(db, { hotel, key })).rows[0];
        if (existing) return { conversationId: existing.id, created: false };
      }

      const timestamp = now();
      const createdId = await db.transaction().execute(async (trx) => {
        const inserted = (
          await q.insert(trx, {
            hotel,
            title,
            // A titled conversation is a group at any size, so people can be added to it later.
            isGroup: participantIds.length > 2 || title !== null ? 1 : 0,
            key,
            createdBy: input.createdBy,
            now: timestamp,
          })
        ).rows[0];
        if (!inserted) return undefined;
        await trx
          .insertInto('conversation_participants')
          .values(participantIds.map((staffId) => ({ conversation_id: inserted.id, staff_id: staffId, hotel, joined_at: timestamp })))
          .execute();
        return inserted.id;
      });
      if (createdId !== undefined) return { conversationId: createdId, created: true };

      const raced = key === null ? undefined : (await q.direct(db, { hotel, key })).rows[0];
      if (!raced) throw new Error('conversation insert conflicted without an existing 1:1');
      return { conversationId: raced.id, created: false };
    },
  };
}
