import { Migrator, sql, type ColumnDefinitionBuilder, type Kysely, type Migration } from 'kysely';
import { conversationFeatureMigrations } from './conversation-feature-migrations.js';
import type { Dialect } from './schema.js';
import { searchMigration } from './search-migration.js';
import { teamworkMigrations } from './teamwork-migrations.js';

type ColumnBuilder = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * The schema's history, oldest first. Later capabilities (attachments, reactions, edits) arrive as new
 * entries; an entry is never edited once released.
 *
 * Every child row repeats its hotel and references its parent by `(id, hotel)`, so the database itself
 * refuses a message or participant that points into another hotel.
 */
export function migrations(dialect: Dialect): Record<string, Migration> {
  // The only dialect difference: how an integer key counts up. SQLite's AUTOINCREMENT never reuses the
  // id of a deleted newest row (catch-up by `after_id` relies on ids only growing); int4 keeps pg ids
  // JS numbers.
  const serialId: ColumnBuilder =
    dialect === 'sqlite' ? (column) => column.primaryKey().autoIncrement() : (column) => column.primaryKey().generatedByDefaultAsIdentity();

  return {
    '0001_initial': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('hotels')
          .addColumn('slug', 'text', (column) => column.primaryKey())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .execute();

        await db.schema
          .createTable('staff')
          .addColumn('hotel', 'text', (column) => column.notNull().references('hotels.slug'))
          .addColumn('id', 'text', (column) => column.notNull())
          .addColumn('full_name', 'text', (column) => column.notNull())
          .addColumn('avatar', 'text')
          .addColumn('department', 'text')
          .addColumn('role', 'text')
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('updated_at', 'text', (column) => column.notNull())
          .addPrimaryKeyConstraint('staff_pk', ['hotel', 'id'])
          .execute();

        await db.schema
          .createTable('conversations')
          .addColumn('id', 'integer', serialId)
          .addColumn('hotel', 'text', (column) => column.notNull().references('hotels.slug'))
          .addColumn('title', 'text')
          .addColumn('is_group', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('direct_key', 'text')
          .addColumn('created_by', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addColumn('updated_at', 'text', (column) => column.notNull())
          .addUniqueConstraint('conversations_id_hotel_unique', ['id', 'hotel'])
          // NULL keys (groups) never collide, in both databases.
          .addUniqueConstraint('conversations_direct_key_unique', ['direct_key', 'hotel'])
          .addForeignKeyConstraint('conversations_creator_fk', ['hotel', 'created_by'], 'staff', ['hotel', 'id'])
          .execute();
        // No index leads with `hotel` alone: nothing lists a whole hotel, and SQLite (without statistics)
        // would pick such an index over the viewer's own rows and scan every conversation of the hotel.

        await db.schema
          .createTable('conversation_participants')
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('staff_id', 'text', (column) => column.notNull())
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('last_read_message_id', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('joined_at', 'text', (column) => column.notNull())
          .addPrimaryKeyConstraint('conversation_participants_pk', ['conversation_id', 'staff_id'])
          .addForeignKeyConstraint('conversation_participants_conversation_fk', ['conversation_id', 'hotel'], 'conversations', [
            'id',
            'hotel',
          ])
          .addForeignKeyConstraint('conversation_participants_staff_fk', ['hotel', 'staff_id'], 'staff', ['hotel', 'id'])
          .execute();
        await db.schema
          .createIndex('conversation_participants_staff')
          .on('conversation_participants')
          .columns(['staff_id', 'hotel'])
          .execute();

        await db.schema
          .createTable('messages')
          .addColumn('id', 'integer', serialId)
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('sender_id', 'text', (column) => column.notNull())
          .addColumn('client_id', 'text')
          .addColumn('message', 'text', (column) => column.notNull())
          .addColumn('reply_to', 'integer')
          .addColumn('is_edited', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('is_deleted', 'integer', (column) => column.notNull().defaultTo(0))
          .addColumn('created_at', 'text', (column) => column.notNull())
          // Serves history paging and "newest message", and lets a reply point only into its own conversation.
          .addUniqueConstraint('messages_conversation_id_id_unique', ['conversation_id', 'id'])
          // Idempotent send. Scoped by hotel because staff ids are only unique within one; NULLs never collide.
          .addUniqueConstraint('messages_client_id_unique', ['sender_id', 'client_id', 'hotel'])
          .addForeignKeyConstraint('messages_conversation_fk', ['conversation_id', 'hotel'], 'conversations', ['id', 'hotel'])
          .addForeignKeyConstraint('messages_sender_fk', ['hotel', 'sender_id'], 'staff', ['hotel', 'id'])
          .addForeignKeyConstraint('messages_reply_to_fk', ['conversation_id', 'reply_to'], 'messages', ['conversation_id', 'id'])
          .execute();
      },

      async down(db: Kysely<unknown>) {
        for (const table of ['messages', 'conversation_participants', 'conversations', 'staff', 'hotels']) {
          await db.schema.dropTable(table).execute();
        }
      },
    },

    '0002_message_changes': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('messages').addColumn('edited_at', 'text').execute();
        await db.schema.alterTable('messages').addColumn('deleted_at', 'text').execute();

        await db.schema
          .createTable('message_reactions')
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull())
          .addColumn('staff_id', 'text', (column) => column.notNull())
          .addColumn('emoji', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          // One of each emoji per person and message: adding twice is a no-op, not a second row.
          .addPrimaryKeyConstraint('message_reactions_pk', ['message_id', 'staff_id', 'emoji'])
          // Through `(conversation_id, id)`, so a reaction can only sit on a message of its own conversation.
          .addForeignKeyConstraint('message_reactions_message_fk', ['conversation_id', 'message_id'], 'messages', ['conversation_id', 'id'])
          .addForeignKeyConstraint('message_reactions_staff_fk', ['hotel', 'staff_id'], 'staff', ['hotel', 'id'])
          .execute();
        // A history page fetches its reactions by an id range of one conversation.
        await db.schema
          .createIndex('message_reactions_conversation_message')
          .on('message_reactions')
          .columns(['conversation_id', 'message_id'])
          .execute();

        // A titled conversation is a group from now on (people can be added to it), whatever its size.
        await sql`update conversations set is_group = 1 where title is not null`.execute(db);
      },

      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('message_reactions').execute();
        await db.schema.alterTable('messages').dropColumn('deleted_at').execute();
        await db.schema.alterTable('messages').dropColumn('edited_at').execute();
      },
    },

    '0003_attachments': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('message_attachments')
          .addColumn('id', 'integer', serialId)
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull())
          .addColumn('file_name', 'text', (column) => column.notNull())
          .addColumn('file_type', 'text', (column) => column.notNull())
          .addColumn('mime_type', 'text', (column) => column.notNull())
          .addColumn('file_size', 'integer', (column) => column.notNull())
          // Where the file store keeps the bytes; never sent to clients.
          .addColumn('storage_key', 'text', (column) => column.notNull())
          .addColumn('created_at', 'text', (column) => column.notNull())
          // Through `(conversation_id, id)`, so an attachment can only sit on a message of its own conversation.
          .addForeignKeyConstraint('message_attachments_message_fk', ['conversation_id', 'message_id'], 'messages', [
            'conversation_id',
            'id',
          ])
          .execute();
        // A history page fetches its attachments by an id range of one conversation.
        await db.schema
          .createIndex('message_attachments_conversation_message')
          .on('message_attachments')
          .columns(['conversation_id', 'message_id'])
          .execute();
      },

      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('message_attachments').execute();
      },
    },

    '0004_search': searchMigration(dialect),
    ...teamworkMigrations(serialId),
    ...conversationFeatureMigrations(),
  };
}

/** Brings the schema up to date; throws with the failing migration's error. */
export async function migrateToLatest(db: Kysely<unknown>, dialect: Dialect): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(migrations(dialect)) },
    // Kysely looks for its bookkeeping tables in every schema unless told which one, so a database
    // holding another schema with them (another app, a parallel test run) would fool it.
    ...(dialect === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
  });
  let { error, results } = await migrator.migrateToLatest();
  // Kysely looks for its tables by reading the catalogue of every schema; one that another client drops
  // at that moment (a parallel test run, another app) fails the look-up with 3F000. Ours was not it.
  for (let attempt = 1; attempt < 5 && isSchemaDroppedMeanwhile(error); attempt++) ({ error, results } = await migrator.migrateToLatest());
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`storage migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`, {
      cause: error,
    });
  }
}

function isSchemaDroppedMeanwhile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '3F000';
}

async function currentSchema(db: Kysely<unknown>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new Error('PostgreSQL has no current schema: check the search_path');
  return schema;
}
