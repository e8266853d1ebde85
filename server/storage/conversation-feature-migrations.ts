import type { Kysely, Migration } from 'kysely';

/**
 * Mentions, pins, forwards and each participant's own settings (mute, archive): issue 10's
 * conversation features, one migration entry kept apart from the others so parallel work merges
 * cleanly. Like every child row, each repeats its hotel and points at its message through
 * `(conversation_id, id)`, so nothing can point into another conversation.
 */
export function conversationFeatureMigrations(): Record<string, Migration> {
  return {
    '0008_mentions_pins_housekeeping': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('message_mentions')
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull())
          .addColumn('staff_id', 'text', (column) => column.notNull())
          .addColumn('department', 'text')
          // One mention per person and message, however often the body names them.
          .addPrimaryKeyConstraint('message_mentions_pk', ['message_id', 'staff_id'])
          .addForeignKeyConstraint('message_mentions_message_fk', ['conversation_id', 'message_id'], 'messages', ['conversation_id', 'id'])
          .addForeignKeyConstraint('message_mentions_staff_fk', ['hotel', 'staff_id'], 'staff', ['hotel', 'id'])
          .execute();
        // A viewer's unread mentions of one conversation: the list counts them per conversation.
        await db.schema
          .createIndex('message_mentions_staff_conversation')
          .on('message_mentions')
          .columns(['staff_id', 'conversation_id', 'message_id'])
          .execute();
        // A history page fetches its mentions by an id range of one conversation.
        await db.schema
          .createIndex('message_mentions_conversation_message')
          .on('message_mentions')
          .columns(['conversation_id', 'message_id'])
          .execute();

        await db.schema
          .createTable('message_pins')
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull())
          .addColumn('pinned_by', 'text', (column) => column.notNull())
          .addColumn('pinned_at', 'text', (column) => column.notNull())
          .addPrimaryKeyConstraint('message_pins_pk', ['conversation_id', 'message_id'])
          .addForeignKeyConstraint('message_pins_message_fk', ['conversation_id', 'message_id'], 'messages', ['conversation_id', 'id'])
          .addForeignKeyConstraint('message_pins_staff_fk', ['hotel', 'pinned_by'], 'staff', ['hotel', 'id'])
          .execute();

        await db.schema
          .createTable('message_forwards')
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.primaryKey().references('messages.id'))
          .addColumn('source_message_id', 'integer', (column) => column.notNull().references('messages.id'))
          .addColumn('source_conversation_id', 'integer', (column) => column.notNull())
          .addColumn('source_sender_id', 'text', (column) => column.notNull())
          .execute();

        await db.schema
          .alterTable('conversation_participants')
          .addColumn('is_muted', 'integer', (column) => column.notNull().defaultTo(0))
          .execute();
        await db.schema.alterTable('conversation_participants').addColumn('archived_after_id', 'integer').execute();
      },

      async down(db: Kysely<unknown>) {
        await db.schema.alterTable('conversation_participants').dropColumn('archived_after_id').execute();
        await db.schema.alterTable('conversation_participants').dropColumn('is_muted').execute();
        for (const table of ['message_forwards', 'message_pins', 'message_mentions']) await db.schema.dropTable(table).execute();
      },
    },
  };
}
