import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';

type ColumnBuilder = (column: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

/**
 * The schema of urgent messages, department channels and handover notes (migrations.ts lists them in
 * order). Like every child row, each repeats its hotel and reaches its message through
 * `(conversation_id, id)`, so nothing can point into another conversation or hotel.
 */
export function teamworkMigrations(serialId: ColumnBuilder): Record<string, Migration> {
  return {
    '0005_acknowledgements': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('acknowledgement_requests')
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull().primaryKey())
          .addColumn('created_at', 'text', (column) => column.notNull())
          .addForeignKeyConstraint('acknowledgement_requests_message_fk', ['conversation_id', 'message_id'], 'messages', [
            'conversation_id',
            'id',
          ])
          .execute();
        // A history page looks its urgent messages up by an id range of one conversation.
        await db.schema
          .createIndex('acknowledgement_requests_conversation_message')
          .on('acknowledgement_requests')
          .columns(['conversation_id', 'message_id'])
          .execute();

        await db.schema
          .createTable('message_acknowledgements')
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull())
          .addColumn('staff_id', 'text', (column) => column.notNull())
          .addColumn('acknowledged_at', 'text')
          // One row per recipient: acknowledging twice finds the row already stamped.
          .addPrimaryKeyConstraint('message_acknowledgements_pk', ['message_id', 'staff_id'])
          .addForeignKeyConstraint('message_acknowledgements_request_fk', ['message_id'], 'acknowledgement_requests', ['message_id'])
          .addForeignKeyConstraint('message_acknowledgements_message_fk', ['conversation_id', 'message_id'], 'messages', [
            'conversation_id',
            'id',
          ])
          .addForeignKeyConstraint('message_acknowledgements_staff_fk', ['hotel', 'staff_id'], 'staff', ['hotel', 'id'])
          .execute();
        // A person's pending list, across conversations.
        await db.schema
          .createIndex('message_acknowledgements_staff')
          .on('message_acknowledgements')
          .columns(['staff_id', 'hotel', 'acknowledged_at'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('message_acknowledgements').execute();
        await db.schema.dropTable('acknowledgement_requests').execute();
      },
    },

    '0006_department_channels': {
      async up(db: Kysely<unknown>) {
        await db.schema.alterTable('conversations').addColumn('department', 'text').execute();
        // One channel per hotel and department, however many first sign-ins race; NULLs never collide.
        await db.schema
          .createIndex('conversations_department_unique')
          .on('conversations')
          .columns(['department', 'hotel'])
          .unique()
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropIndex('conversations_department_unique').execute();
        await db.schema.alterTable('conversations').dropColumn('department').execute();
      },
    },

    '0007_handover_notes': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('handover_items')
          .addColumn('id', 'integer', serialId)
          .addColumn('hotel', 'text', (column) => column.notNull())
          .addColumn('conversation_id', 'integer', (column) => column.notNull())
          .addColumn('message_id', 'integer', (column) => column.notNull())
          .addColumn('position', 'integer', (column) => column.notNull())
          .addColumn('text', 'text', (column) => column.notNull())
          .addColumn('checked_by', 'text')
          .addColumn('checked_at', 'text')
          .addForeignKeyConstraint('handover_items_message_fk', ['conversation_id', 'message_id'], 'messages', ['conversation_id', 'id'])
          .addForeignKeyConstraint('handover_items_checker_fk', ['hotel', 'checked_by'], 'staff', ['hotel', 'id'])
          .execute();
        // A page of messages finds its checklists by an id range; the current note is the newest of them.
        await db.schema
          .createIndex('handover_items_conversation_message')
          .on('handover_items')
          .columns(['conversation_id', 'message_id', 'position'])
          .execute();
      },
      async down(db: Kysely<unknown>) {
        await db.schema.dropTable('handover_items').execute();
      },
    },
  };
}
