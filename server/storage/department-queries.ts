import type { Kysely } from 'kysely';
import { prepare } from './prepared.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

type DepartmentMethods = Pick<Storage, 'syncDepartment'>;

function prepareQueries(db: Kysely<Database>) {
  return {
    // Department channels the person is in now, with the department each is for.
    channelsOf: prepare(db, (db, p: { hotel: string; staffId: string }) =>
      db
        .selectFrom('conversation_participants as p')
        .innerJoin('conversations as c', 'c.id', 'p.conversation_id')
        .select(['c.id', 'c.department'])
        .where('p.staff_id', '=', p.staffId)
        .where('p.hotel', '=', p.hotel)
        .where('c.department', 'is not', null),
    ),
    channel: prepare(db, (db, p: { hotel: string; department: string }) =>
      db.selectFrom('conversations').select('id').where('department', '=', p.department).where('hotel', '=', p.hotel),
    ),
    // The unique `(department, hotel)` index turns a racing second creation into a no-op.
    create: prepare(db, (db, p: { hotel: string; department: string; createdBy: string; now: string }) =>
      db
        .insertInto('conversations')
        .values({
          hotel: p.hotel,
          title: p.department,
          is_group: 1,
          department: p.department,
          created_by: p.createdBy,
          created_at: p.now,
          updated_at: p.now,
        })
        .onConflict((conflict) => conflict.columns(['department', 'hotel']).doNothing()),
    ),
    // Locks the channel's row first (as sending does), so no message slips in between reading the newest
    // id and the newcomer's read mark in PostgreSQL.
    lock: prepare(db, (db, p: { hotel: string; conversationId: number; now: string }) =>
      db.updateTable('conversations').set({ updated_at: p.now }).where('id', '=', p.conversationId).where('hotel', '=', p.hotel),
    ),
    newestId: prepare(db, (db, p: { hotel: string; conversationId: number }) =>
      db
        .selectFrom('messages')
        .select((eb) => eb.fn.max('id').as('id'))
        .where('conversation_id', '=', p.conversationId)
        .where('hotel', '=', p.hotel),
    ),
    join: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string; lastRead: number; now: string }) =>
      db
        .insertInto('conversation_participants')
        .values({
          conversation_id: p.conversationId,
          staff_id: p.staffId,
          hotel: p.hotel,
          last_read_message_id: p.lastRead,
          joined_at: p.now,
        })
        .onConflict((conflict) => conflict.columns(['conversation_id', 'staff_id']).doNothing()),
    ),
    leave: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string }) =>
      db
        .deleteFrom('conversation_participants')
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel),
    ),
    // Someone who left can no longer acknowledge there; what they did acknowledge stays on record.
    dropOwed: prepare(db, (db, p: { hotel: string; conversationId: number; staffId: string }) =>
      db
        .deleteFrom('message_acknowledgements')
        .where('conversation_id', '=', p.conversationId)
        .where('staff_id', '=', p.staffId)
        .where('hotel', '=', p.hotel)
        .where('acknowledged_at', 'is', null),
    ),
  };
}

/** Department channel membership, its queries compiled once for `db`. */
export function departmentMethods(db: Kysely<Database>, now: () => string): DepartmentMethods {
  const q = prepareQueries(db);
  const affected = (result: { numAffectedRows?: bigint }) => Number(result.numAffectedRows ?? 0) > 0;

  return {
    async syncDepartment(hotel, staffId, department) {
      const current = (await q.channelsOf(db, { hotel, staffId })).rows;
      const left: number[] = [];
      for (const channel of current) {
        if (channel.department === department) continue;
        await db.transaction().execute(async (trx) => {
          await q.dropOwed(trx, { hotel, conversationId: channel.id, staffId });
          if (affected(await q.leave(trx, { hotel, conversationId: channel.id, staffId }))) left.push(channel.id);
        });
      }
      if (department === null || current.some((channel) => channel.department === department)) return { joined: null, left };

      // Created outside the join's transaction, so a racing creator's row is visible to the look-up at once.
      const timestamp = now();
      await q.create(db, { hotel, department, createdBy: staffId, now: timestamp });
      const channelId = (await q.channel(db, { hotel, department })).rows[0]?.id;
      if (channelId === undefined) throw new Error(`department channel ${department} of ${hotel} vanished right after it was made`);
      const joined = await db.transaction().execute(async (trx) => {
        await q.lock(trx, { hotel, conversationId: channelId, now: timestamp });
        // The newcomer sees the whole history, with nothing of it counted as unread.
        const newest = (await q.newestId(trx, { hotel, conversationId: channelId })).rows[0]?.id ?? 0;
        return affected(await q.join(trx, { hotel, conversationId: channelId, staffId, lastRead: newest, now: timestamp }));
      });
      return { joined: joined ? channelId : null, left };
    },
  };
}
