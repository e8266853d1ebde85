import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { SearchResult } from '../../contract/index.js';
import type { Database } from './schema.js';
import { matchText, PREFIX_MIN_LENGTH, snippetOf, type SearchQuery, type TextMatch } from './search-text.js';
import type { Storage } from './storage.js';

/**
 * Candidates per band: the newest this many matching messages below the band's bound. Ranking looks
 * at one band at a time, so a query costs the same on a million messages as on a thousand.
 */
export const SEARCH_BAND = 200;

/** Bands one request looks at before it answers with what it found and a cursor. */
const MAX_BANDS = 4;

/** Above every id a row can have (ids are PostgreSQL integers). */
const NO_BOUND = 2_147_483_648;

interface CandidateRow {
  id: number;
  conversation_id: number;
  sender_id: string;
  sender_name: string;
  message: string;
  created_at: string;
  is_edited: number;
}

interface Candidates {
  /** Newest first, at most {@link SEARCH_BAND}. */
  rows: CandidateRow[];
}

type Find = (p: {
  hotel: string;
  staffId: string;
  query: SearchQuery;
  before: number;
  conversationIds: number[];
  only?: number;
}) => Promise<Candidates>;

/** {@link Storage.searchMessages} over SQLite's FTS5 table or PostgreSQL's tsvector (search-migration.ts). */
export function searchMethods(db: Kysely<Database>): Pick<Storage, 'searchMessages'> {
  const find = db.getExecutor().adapter instanceof PostgresAdapter ? postgresCandidates(db) : sqliteCandidates(db);

  return {
    async searchMessages(hotel, staffId, { query, limit, conversationId, cursor }) {
      const memberships = await db
        .selectFrom('conversation_participants')
        .select('conversation_id')
        .where('hotel', '=', hotel)
        .where('staff_id', '=', staffId)
        .execute();
      const conversationIds = memberships.map((row) => row.conversation_id);
      if (conversationId !== undefined && !conversationIds.includes(conversationId)) return { results: [], next: null };
      if (conversationIds.length === 0) return { results: [], next: null };

      const results: SearchResult[] = [];
      let before = cursor?.before ?? NO_BOUND;
      let after = cursor?.after;
      for (let band = 0; band < MAX_BANDS; band++) {
        const { rows } = await find({
          hotel,
          staffId,
          query,
          before,
          conversationIds,
          ...(conversationId !== undefined && { only: conversationId }),
        });
        // Pinned to the newest candidate, so the band is the same set on the next page whatever was sent since.
        const bound = before === NO_BOUND && rows[0] ? rows[0].id + 1 : before;
        const ranked = rank(rows, query).filter(
          (hit) => !after || hit.match.score < after.score || (hit.match.score === after.score && hit.row.id < after.id),
        );
        const room = limit - results.length;
        for (const hit of ranked.slice(0, room)) results.push(toResult(hit.row, hit.match));
        const exhausted = rows.length < SEARCH_BAND;
        if (ranked.length > room) {
          const last = ranked[room - 1]!;
          return { results, next: { before: bound, after: { score: last.match.score, id: last.row.id } } };
        }
        if (exhausted) return { results, next: null };
        before = rows.at(-1)!.id;
        after = undefined;
        if (results.length === limit) break;
      }
      return { results, next: { before } };
    },
  };
}

function rank(rows: CandidateRow[], query: SearchQuery): { row: CandidateRow; match: TextMatch }[] {
  const hits: { row: CandidateRow; match: TextMatch }[] = [];
  for (const row of rows) {
    const match = matchText(row.message, query);
    if (match) hits.push({ row, match });
  }
  return hits.sort((a, b) => b.match.score - a.match.score || b.row.id - a.row.id);
}

function toResult(row: CandidateRow, match: TextMatch): SearchResult {
  return {
    message_id: row.id,
    conversation_id: row.conversation_id,
    sender_id: row.sender_id,
    sender_name: row.sender_name,
    timestamp: row.created_at,
    is_edited: row.is_edited === 1,
    ...snippetOf(row.message, match.ranges),
  };
}

/**
 * FTS5. Every word is quoted, so the index parses no operator of the user's; the last word, when it is a
 * prefix, is looked up by its first {@link PREFIX_MIN_LENGTH} characters in the prefix index (an index
 * lookup; a longer prefix would make FTS5 merge the lists of every word it begins) and `matchText` keeps
 * only the rows whose word really begins with all of it.
 */
function sqliteCandidates(db: Kysely<Database>): Find {
  return async ({ hotel, staffId, query, before, only }) => {
    const words = query.terms.map((term, index) => {
      const prefix = query.prefix && index === query.terms.length - 1;
      return prefix ? `"${Array.from(term).slice(0, PREFIX_MIN_LENGTH).join('')}"*` : `"${term}"`;
    });
    // One conversation is narrowed inside the index. All of the caller's are not: an OR over their
    // conversations' lists cost a rare word 20× more than filtering the index's rows after it (measured
    // at 200k messages, the caller seeing a tenth); a caller who sees very little of a busy hotel pays
    // for that instead, a page of index rows per 200 candidates.
    const match = `message : (${words.join(' AND ')})${only !== undefined ? ` AND conversation_id : ${only}` : ''}`;
    const { rows } = await sql<CandidateRow>`
      select m.id, m.conversation_id, m.sender_id, s.full_name as sender_name, m.message, m.created_at, m.is_edited
      from messages_fts f
      join messages m on m.id = f.rowid
      join staff s on s.hotel = m.hotel and s.id = m.sender_id
      where messages_fts match ${match}
        and f.rowid < ${before}
        and m.hotel = ${hotel}
        and m.is_deleted = 0
        and m.conversation_id in (select conversation_id from conversation_participants where hotel = ${hotel} and staff_id = ${staffId})
        ${only !== undefined ? sql`and m.conversation_id = ${only}` : sql``}
      order by f.rowid desc
      limit ${SEARCH_BAND}`.execute(db);
    return { rows };
  };
}

/**
 * PostgreSQL. The tsquery is built from the folded words, each quoted as a lexeme (they hold letters,
 * digits and marks only), and cast rather than parsed by `to_tsquery`, so no operator of the user's
 * reaches it; the last word gets `:*` when it is a prefix.
 */
function postgresCandidates(db: Kysely<Database>): Find {
  return async ({ hotel, staffId, query, before, only }) => {
    const tsquery = query.terms
      .map((term, index) => `'${term}'${query.prefix && index === query.terms.length - 1 ? ':*' : ''}`)
      .join(' & ');
    const { rows } = await sql<CandidateRow>`
      select m.id, m.conversation_id, m.sender_id, s.full_name as sender_name, m.message, m.created_at, m.is_edited
      from messages m
      join staff s on s.hotel = m.hotel and s.id = m.sender_id
      where m.search_vector @@ ${tsquery}::tsquery
        and m.id < cast(${before} as bigint)
        and m.hotel = ${hotel}
        and m.is_deleted = 0
        and m.conversation_id in (select conversation_id from conversation_participants where hotel = ${hotel} and staff_id = ${staffId})
        ${only !== undefined ? sql`and m.conversation_id = ${only}` : sql``}
      order by m.id desc
      limit ${SEARCH_BAND}`.execute(db);
    return { rows };
  };
}
