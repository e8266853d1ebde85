/**
 * A SQLite database with a long history, written straight into the file (through the server's own
 * migrations and storage for the schema, staff and conversations; one bulk transaction for the
 * messages), because a million sends through the API would take longer than the benchmark itself.
 */
import BetterSqlite3 from 'better-sqlite3';
import { createStorage } from '../../server/storage/index.js';
import { BENCH_HOTEL } from './stack.js';

export interface SeededHistory {
  /** The conversation every page query reads: `messages` of the total are in it. */
  conversationId: number;
  messages: number;
  /** Its members; the first is the one whose view is measured. */
  members: string[];
  /** The id of the newest message of `conversationId`. */
  newestId: number;
  /** The id of the oldest message of `conversationId`. */
  firstId: number;
}

/**
 * Creates `file` with `total` messages spread over `conversations` group conversations of `members`
 * staff each, round robin, so the measured conversation's rows are interleaved with the others' as in a
 * busy hotel. Message texts are ~60 characters with a running number (`history message N`).
 */
export async function seedHistory(
  file: string,
  options: { total: number; conversations: number; memberIds: string[] },
): Promise<SeededHistory> {
  const storage = await createStorage(`file:${file}`);
  const conversationIds: number[] = [];
  try {
    for (const id of options.memberIds)
      await storage.upsertStaff(BENCH_HOTEL, { id, full_name: `Staff ${id}`, avatar: null, department: null, role: null });
    const [creator, ...others] = options.memberIds as [string, ...string[]];
    for (let index = 0; index < options.conversations; index += 1) {
      const created = await storage.createConversation(BENCH_HOTEL, {
        createdBy: creator,
        participantIds: others,
        title: `history ${index}`,
      });
      conversationIds.push(created.conversationId);
    }
  } finally {
    await storage.close();
  }

  const sqlite = new BetterSqlite3(file);
  try {
    sqlite.pragma('journal_mode = WAL');
    const insert = sqlite.prepare(
      'insert into messages (hotel, conversation_id, sender_id, client_id, message, created_at) values (?, ?, ?, ?, ?, ?)',
    );
    const start = Date.parse('2026-01-01T00:00:00.000Z');
    const members = options.memberIds;
    const perConversation = new Map<number, number>();
    const write = sqlite.transaction((from: number, to: number) => {
      for (let index = from; index < to; index += 1) {
        const conversationId = conversationIds[index % conversationIds.length]!;
        const number = (perConversation.get(conversationId) ?? 0) + 1;
        perConversation.set(conversationId, number);
        const sender = members[number % members.length]!;
        const text = `history message ${number}: the guest in 204 asked for towels and a late checkout`;
        insert.run(BENCH_HOTEL, conversationId, sender, `h-${index}`, text, new Date(start + index * 1000).toISOString());
      }
    });
    // Chunks keep the WAL from growing to the size of the whole database.
    for (let from = 0; from < options.total; from += 100_000) {
      write(from, Math.min(options.total, from + 100_000));
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
    }
    const conversationId = conversationIds[0]!;
    const bounds = sqlite
      .prepare('select min(id) as first, max(id) as newest, count(*) as count from messages where conversation_id = ?')
      .get(conversationId) as { first: number; newest: number; count: number };
    // Everything read for every member, so unread counts stay small as in a hotel that uses the chat.
    sqlite.prepare('update conversation_participants set last_read_message_id = (select max(id) from messages)').run();
    sqlite.pragma('optimize');
    return { conversationId, messages: bounds.count, members, newestId: bounds.newest, firstId: bounds.first };
  } finally {
    sqlite.close();
  }
}
