import type { Kysely } from 'kysely';
import { acknowledgementMethods, acknowledgementsExtra } from './acknowledgement-queries.js';
import { attachmentMethods, attachmentsExtra } from './attachment-queries.js';
import { departmentMethods } from './department-queries.js';
import { handoverExtra, handoverMethods } from './handover-queries.js';
import { conversationMethods } from './conversation-queries.js';
import { conversationSettingsMethods, withViewerSettings } from './conversation-settings-queries.js';
import { forwardsExtra } from './forward-queries.js';
import { mentionMethods, mentionsExtra } from './mention-queries.js';
import { pinMethods } from './pin-queries.js';
import { messageChangeMethods } from './message-change-queries.js';
import { messageMethods } from './message-queries.js';
import { reactionMethods, reactionsExtra } from './reaction-queries.js';
import { withExtra } from './message-extras.js';
import type { Database } from './schema.js';
import { searchMethods } from './search-queries.js';
import { staffMethods } from './staff-queries.js';
import type { Storage } from './storage.js';

export interface KyselyStorageOptions {
  /** The clock behind every stored timestamp; tests pass a fake one to make ordering deterministic. */
  now?: () => Date;
}

/**
 * The {@link Storage} over an already migrated Kysely database, SQLite or PostgreSQL alike.
 * `close()` destroys `db`.
 *
 * @example
 * const db = openSqlite(':memory:');
 * await migrateToLatest(db, 'sqlite');
 * const storage = createKyselyStorage(db);
 */
export function createKyselyStorage(db: Kysely<Database>, options: KyselyStorageOptions = {}): Storage {
  const now = (): string => (options.now?.() ?? new Date()).toISOString();
  const plainMessages = messageMethods(db, now);
  // Every message read carries its reactions, attachments, mentions and origin when forwarded.
  const withBasics = withExtra(
    withExtra(withExtra(withExtra(plainMessages, reactionsExtra(db)), attachmentsExtra(db)), mentionsExtra(db)),
    forwardsExtra(db),
  );
  const withAll = withExtra(withExtra(withBasics, acknowledgementsExtra(db)), handoverExtra(db));
  const messages = {
    ...plainMessages,
    ...withAll,
    // A batch (a forward's copies: at most 10) is read back once committed, with the same extras.
    insertMessages: async (hotel: string, inputs: Parameters<Storage['insertMessages']>[1]) =>
      Promise.all(
        (await plainMessages.insertMessages(hotel, inputs)).map(
          async (message) => (await withAll.getMessage(hotel, message.id)) ?? message,
        ),
      ),
  };
  const conversations = conversationMethods(db, now);
  return {
    ...staffMethods(db, now),
    ...conversations,
    // Every conversation read carries the viewer's mute, archive and unread mentions.
    ...withViewerSettings(db, conversations),
    ...mentionMethods(db),
    ...pinMethods(db, now),
    ...conversationSettingsMethods(db),
    ...messages,
    ...reactionMethods(db, now),
    ...attachmentMethods(db),
    ...messageChangeMethods(db, now, messages.getMessage),
    ...searchMethods(db),
    ...acknowledgementMethods(db, now),
    ...departmentMethods(db, now),
    ...handoverMethods(db, now),
    close: () => db.destroy(),
  };
}
