import type { Kysely } from 'kysely';
import { prepare } from './prepared.js';
import { toStaff } from './rows.js';
import type { Database } from './schema.js';
import type { Storage } from './storage.js';

type StaffMethods = Pick<Storage, 'upsertStaff' | 'getStaff' | 'listStaff' | 'listHotels'>;

const byName = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Plain code-unit order: the same in every database and locale. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

type StaffParams = {
  hotel: string;
  id: string;
  fullName: string;
  avatar: string | null;
  department: string | null;
  role: string | null;
  now: string;
};

function prepareQueries(db: Kysely<Database>) {
  return {
    insertHotel: prepare(db, (db, p: { hotel: string; now: string }) =>
      db
        .insertInto('hotels')
        .values({ slug: p.hotel, created_at: p.now })
        .onConflict((conflict) => conflict.column('slug').doNothing()),
    ),
    // Rewrites the row only when a claim changed, so an unchanged identity costs no write.
    upsert: prepare(db, (db, p: StaffParams) =>
      db
        .insertInto('staff')
        .values({
          hotel: p.hotel,
          id: p.id,
          full_name: p.fullName,
          avatar: p.avatar,
          department: p.department,
          role: p.role,
          created_at: p.now,
          updated_at: p.now,
        })
        .onConflict((conflict) =>
          conflict
            .columns(['hotel', 'id'])
            .doUpdateSet((eb) => ({
              full_name: eb.ref('excluded.full_name'),
              avatar: eb.ref('excluded.avatar'),
              department: eb.ref('excluded.department'),
              role: eb.ref('excluded.role'),
              updated_at: eb.ref('excluded.updated_at'),
            }))
            .where((eb) =>
              eb.or([
                eb('staff.full_name', 'is distinct from', eb.ref('excluded.full_name')),
                eb('staff.avatar', 'is distinct from', eb.ref('excluded.avatar')),
                eb('staff.department', 'is distinct from', eb.ref('excluded.department')),
                eb('staff.role', 'is distinct from', eb.ref('excluded.role')),
              ]),
            ),
        ),
    ),
    byId: prepare(db, (db, p: { hotel: string; id: string }) =>
      db
        .selectFrom('staff')
        .select(['id', 'full_name', 'avatar', 'department', 'role'])
        .where('hotel', '=', p.hotel)
        .where('id', '=', p.id),
    ),
    all: prepare(db, (db, p: { hotel: string }) =>
      db.selectFrom('staff').select(['id', 'full_name', 'avatar', 'department', 'role']).where('hotel', '=', p.hotel),
    ),
    hotels: prepare(db, (db) => db.selectFrom('hotels').select('slug').orderBy('slug')),
  };
}

/** The staff half of {@link Storage}, its queries compiled once for `db`. */
export function staffMethods(db: Kysely<Database>, now: () => string): StaffMethods {
  const q = prepareQueries(db);

  return {
    async upsertStaff(hotel, staff) {
      const timestamp = now();
      await db.transaction().execute(async (trx) => {
        await q.insertHotel(trx, { hotel, now: timestamp });
        await q.upsert(trx, {
          hotel,
          id: staff.id,
          fullName: staff.full_name,
          avatar: staff.avatar,
          department: staff.department,
          role: staff.role,
          now: timestamp,
        });
      });
      return toStaff(staff);
    },

    async getStaff(hotel, id) {
      const { rows } = await q.byId(db, { hotel, id });
      return rows[0] && toStaff(rows[0]);
    },

    /**
     * Filters and sorts in JavaScript on purpose: SQLite's `lower()` and ordering know only ASCII while
     * PostgreSQL's follow its locale, and a hotel's directory is small, so this is the one way both
     * databases give the same, Unicode-aware answer.
     */
    async listStaff(hotel, options = {}) {
      const { rows } = await q.all(db, { hotel });
      const needle = options.search?.trim().toLocaleLowerCase() ?? '';
      const matches = needle
        ? rows.filter((row) => [row.full_name, row.department, row.role].some((field) => field?.toLocaleLowerCase().includes(needle)))
        : rows;
      matches.sort((a, b) => byName.compare(a.full_name, b.full_name) || compareText(a.id, b.id));
      return matches.slice(0, options.limit ?? matches.length).map(toStaff);
    },

    async listHotels() {
      const { rows } = await q.hotels(db, {});
      return rows.map((row) => row.slug).sort(compareText);
    },
  };
}
