import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from './schema.js';

/**
 * The full-text index of message texts, kept in step with every write by the database itself (so
 * sends, edits, deletions, uploads and bulk loads alike are covered, whatever code path writes), and
 * filled from the messages already stored when it is created.
 *
 * SQLite: an FTS5 table over `messages` (external content: the text is not stored twice) indexing the
 * text and the conversation id (so a search can be narrowed to the caller's conversations inside the
 * index), `unicode61 remove_diacritics 2` (Müller = muller, café = cafe), and a 3-character prefix
 * index for the last word a person is still typing. Triggers follow inserts, text changes and deletes.
 *
 * PostgreSQL: a stored generated `tsvector` with a GIN index. The `simple` configuration, because staff
 * write in many languages in one hotel and a language's stemmer would mangle the others' words; accents
 * are removed with `normalize(…, NFD)` and a regular expression rather than the `unaccent` extension,
 * which needs rights to create an extension and is not immutable (a generated column must be). ASCII
 * punctuation becomes spaces first, so both databases split "room-12" or "e-mail" into the same words
 * (PostgreSQL's parser would otherwise keep "e-mail" and "-12" whole). Needs a UTF8 database.
 */
export function searchMigration(dialect: Dialect): Migration {
  return dialect === 'sqlite' ? sqliteSearch : postgresSearch;
}

const sqliteSearch: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`create virtual table messages_fts using fts5(
      message, conversation_id,
      content = 'messages', content_rowid = 'id',
      tokenize = 'unicode61 remove_diacritics 2', prefix = '3'
    )`.execute(db);
    await sql`create trigger messages_fts_insert after insert on messages begin
      insert into messages_fts (rowid, message, conversation_id) values (new.id, new.message, new.conversation_id);
    end`.execute(db);
    // An external-content index forgets a row by being told its old values.
    await sql`create trigger messages_fts_update after update of message, conversation_id on messages begin
      insert into messages_fts (messages_fts, rowid, message, conversation_id) values ('delete', old.id, old.message, old.conversation_id);
      insert into messages_fts (rowid, message, conversation_id) values (new.id, new.message, new.conversation_id);
    end`.execute(db);
    await sql`create trigger messages_fts_delete after delete on messages begin
      insert into messages_fts (messages_fts, rowid, message, conversation_id) values ('delete', old.id, old.message, old.conversation_id);
    end`.execute(db);
    await sql`insert into messages_fts (messages_fts) values ('rebuild')`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const trigger of ['messages_fts_insert', 'messages_fts_update', 'messages_fts_delete']) {
      await sql`drop trigger if exists ${sql.raw(trigger)}`.execute(db);
    }
    await sql`drop table if exists messages_fts`.execute(db);
  },
};

const postgresSearch: Migration = {
  async up(db: Kysely<unknown>) {
    // Adding a stored generated column computes it for every existing row: that is the backfill.
    await sql`alter table messages add column search_vector tsvector generated always as (
      to_tsvector('simple'::regconfig,
        regexp_replace(
          regexp_replace(normalize(message, NFD), '[\u0300-\u036f]', '', 'g'),
          '[!-/:-@[-\`{-~]', ' ', 'g'))
    ) stored`.execute(db);
    await sql`create index messages_search_vector on messages using gin (search_vector)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`drop index if exists messages_search_vector`.execute(db);
    await sql`alter table messages drop column if exists search_vector`.execute(db);
  },
};
