import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { Migrator, type Kysely } from 'kysely';
import type { SearchResult, StaffMember } from '../../contract/index.js';
import { createKyselyStorage } from './kysely-storage.js';
import { migrations } from './migrations.js';
import type { Database, Dialect } from './schema.js';
import { parseSearchQuery } from './search-text.js';
import { SEARCH_BAND } from './search-queries.js';
import type { SearchCursor, Storage } from './storage.js';

const HOTEL = 'grand';
const OTHER_HOTEL = 'budget';

const member = (id: string, full_name: string): StaffMember => ({ id, full_name, avatar: null, department: null, role: null });

/** A fresh, empty database (not migrated), its dialect, and a way to drop it. */
export type EmptyDatabase = () => Promise<{ db: Kysely<Database>; dialect: Dialect; migrationTableSchema?: string }>;

/**
 * Message search against one database: words, accents, prefixes, ranking, edits, deletions,
 * membership (also after removal), paging across bands, hostile query text, and the backfill of
 * messages stored before the index existed. Raw database access is needed for two cases (removing a
 * participant, which no route does yet, and migrating part-way), hence a factory of its own.
 */
export function describeSearchContract(name: string, emptyDatabase: EmptyDatabase): void {
  describe(`Storage contract, search: ${name}`, () => {
    let db: Kysely<Database>;
    let storage: Storage;
    let direct: number;
    let group: number;

    async function migrate(database: Awaited<ReturnType<EmptyDatabase>>, to?: string): Promise<void> {
      const migrator = new Migrator({
        db: database.db,
        provider: { getMigrations: async () => migrations(database.dialect) },
        ...(database.migrationTableSchema && { migrationTableSchema: database.migrationTableSchema }),
      });
      const { error } = to ? await migrator.migrateTo(to) : await migrator.migrateToLatest();
      if (error) throw new Error('migration failed', { cause: error });
    }

    beforeEach(async () => {
      const database = await emptyDatabase();
      await migrate(database);
      db = database.db;
      storage = createKyselyStorage(db);
      for (const person of [member('ann', 'Ann Lee'), member('bob', 'Bob Stone'), member('cyd', 'Cyd Park')])
        await storage.upsertStaff(HOTEL, person);
      await storage.upsertStaff(OTHER_HOTEL, member('ann', 'Other Ann'));
      direct = (await storage.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['bob'], title: null })).conversationId;
      group = (await storage.createConversation(HOTEL, { createdBy: 'bob', participantIds: ['ann', 'cyd'], title: 'Ops' })).conversationId;
    });
    afterEach(() => storage.close());

    const send = async (conversationId: number, text: string, senderId = 'bob') =>
      (await storage.insertMessage(HOTEL, { conversationId, senderId, clientId: null, message: text, replyTo: null })).message.id;
    const search = (
      q: string,
      options: { staffId?: string; limit?: number; conversationId?: number; cursor?: SearchCursor; hotel?: string } = {},
    ) => {
      const query = parseSearchQuery(q);
      assert.ok(query, `"${q}" has words`);
      return storage.searchMessages(options.hotel ?? HOTEL, options.staffId ?? 'ann', {
        query,
        limit: options.limit ?? 20,
        ...(options.conversationId !== undefined && { conversationId: options.conversationId }),
        ...(options.cursor && { cursor: options.cursor }),
      });
    };
    const ids = async (q: string, options: Parameters<typeof search>[1] = {}) =>
      (await search(q, options)).results.map((result) => result.message_id);

    it('finds every word in any case, and answers the result shape with highlights', async () => {
      const id = await send(direct, 'Room 12 needs towels, urgently');
      await send(direct, 'Room 14 is clean');
      const { results, next } = await search('TOWELS room');
      assert.equal(next, null);
      assert.deepEqual(results, [
        {
          message_id: id,
          conversation_id: direct,
          sender_id: 'bob',
          sender_name: 'Bob Stone',
          timestamp: results[0]!.timestamp,
          is_edited: false,
          snippet: 'Room 12 needs towels, urgently',
          highlights: [
            [0, 4],
            [14, 20],
          ],
        } satisfies SearchResult,
      ]);
      assert.deepEqual(await ids('towels missing'), [], 'every word is required');
    });

    it('matches without accents, both ways: German, French, Turkish', async () => {
      const german = await send(direct, 'Herr Müller möchte ein größeres Zimmer');
      const french = await send(direct, 'Le garçon du café a trouvé la clé');
      const turkish = await send(group, 'Şişli şubesinden misafir geldi, İstanbul');
      assert.deepEqual(await ids('muller moechte'), []);
      assert.deepEqual(await ids('muller mochte'), [german]);
      assert.deepEqual(await ids('MÜLLER'), [german]);
      assert.deepEqual(await ids('garcon cafe cle'), [french]);
      assert.deepEqual(await ids('trouve'), [french]);
      assert.deepEqual(await ids('sisli istanbul'), [turkish]);
      assert.deepEqual(await ids('ŞİŞLİ'), [turkish]);
      const [hit] = (await search('cafe')).results;
      assert.deepEqual(hit?.highlights, [[13, 17]], 'the highlight covers the accented word as written');
    });

    it('matches the last word as a prefix while it is being typed, from three characters', async () => {
      const towels = await send(direct, 'Fresh towels for 204');
      const tower = await send(direct, 'The tower view room');
      assert.deepEqual(new Set(await ids('tow')), new Set([towels, tower]));
      assert.deepEqual(new Set(await ids('towe')), new Set([towels, tower]));
      assert.deepEqual(await ids('towel'), [towels]);
      assert.deepEqual(await ids('to'), [], 'two characters are a word, not a prefix');
      assert.deepEqual(await ids('tow '), [], 'a trailing space finishes the word');
      assert.deepEqual(await ids('fresh tow'), [towels], 'only the last word is a prefix');
      assert.deepEqual(await ids('fre towels'), []);
    });

    it('ranks a phrase above scattered words, a whole word above a prefix, shorter above longer, then newer', async () => {
      const scattered = await send(direct, 'late guests asked about the checkout time');
      const phrase = await send(direct, 'guests asked for a late checkout time');
      assert.deepEqual(await ids('late checkout'), [phrase, scattered]);

      const prefixOnly = await send(direct, 'pillows please');
      const whole = await send(direct, 'one pillow please');
      assert.deepEqual(await ids('pillow'), [whole, prefixOnly]);

      const long = await send(direct, 'the minibar in 301 was refilled this morning after the guest complained twice about it');
      const short = await send(direct, 'minibar 301 refilled');
      assert.deepEqual(await ids('minibar'), [short, long]);

      const older = await send(direct, 'lost umbrella');
      const newer = await send(group, 'lost umbrella');
      assert.deepEqual(await ids('umbrella'), [newer, older]);
    });

    it('finds an edited message by its new text only, and a deleted one never', async () => {
      const id = await send(direct, 'Breakfast for room 7 at nine', 'ann');
      await storage.editMessage(HOTEL, id, 'Dinner for room 7 at eight');
      assert.deepEqual(await ids('breakfast'), []);
      assert.deepEqual(await ids('dinner eight'), [id]);
      assert.equal((await search('dinner')).results[0]?.is_edited, true);

      await storage.deleteMessage(HOTEL, id);
      assert.deepEqual(await ids('dinner'), []);
      assert.deepEqual(await ids('room'), []);
      await storage.editMessage(HOTEL, id, 'Dinner again');
      assert.deepEqual(await ids('dinner'), [], 'a deleted message cannot be edited back into the results');
    });

    it('searches only conversations the searcher is in now, in their own hotel', async () => {
      const mine = await send(direct, 'passport copy for the police');
      const theirs = (await storage.createConversation(HOTEL, { createdBy: 'bob', participantIds: ['cyd'], title: null })).conversationId;
      await send(theirs, 'passport of the guest in 12');
      assert.deepEqual(await ids('passport'), [mine]);
      assert.equal((await ids('passport', { staffId: 'cyd' })).length, 1);
      assert.deepEqual(await ids('passport', { conversationId: theirs }), [], 'naming a conversation one is not in finds nothing');

      // The other hotel's "ann" has the same id and a conversation of her own.
      await storage.upsertStaff(OTHER_HOTEL, member('zed', 'Zed'));
      const foreign = (await storage.createConversation(OTHER_HOTEL, { createdBy: 'ann', participantIds: ['zed'], title: null }))
        .conversationId;
      await storage.insertMessage(OTHER_HOTEL, {
        conversationId: foreign,
        senderId: 'zed',
        clientId: null,
        message: 'passport scans',
        replyTo: null,
      });
      assert.deepEqual(await ids('passport'), [mine]);
      assert.equal((await ids('passport', { hotel: OTHER_HOTEL })).length, 1);
      assert.deepEqual(await ids('passport', { hotel: OTHER_HOTEL, conversationId: direct }), []);

      // Removed from the group: its messages are gone from her results at once.
      const inGroup = await send(group, 'passport control at the airport shuttle');
      assert.deepEqual(new Set(await ids('passport')), new Set([mine, inGroup]));
      await db.deleteFrom('conversation_participants').where('conversation_id', '=', group).where('staff_id', '=', 'ann').execute();
      assert.deepEqual(await ids('passport'), [mine]);
      assert.deepEqual(await ids('passport', { conversationId: group }), []);
    });

    it('narrows to one conversation', async () => {
      const a = await send(direct, 'spa booking at five');
      const b = await send(group, 'spa booking at six');
      assert.deepEqual(await ids('spa', { conversationId: direct }), [a]);
      assert.deepEqual(await ids('spa', { conversationId: group }), [b]);
    });

    it('pages with a cursor: every match once, in rank order, unmoved by messages sent meanwhile', async () => {
      const sent: number[] = [];
      for (let index = 0; index < 7; index++) sent.push(await send(index % 2 ? direct : group, `key card ${'again '.repeat(index)}`));
      const whole = await ids('key card', { limit: 50 });
      assert.equal(whole.length, 7);
      const first = await search('key card', { limit: 3 });
      assert.ok(first.next);
      await send(direct, 'key card'); // arrives between pages: not in this search's band
      const second = await search('key card', { limit: 3, cursor: first.next });
      assert.ok(second.next);
      const third = await search('key card', { limit: 3, cursor: second.next });
      assert.equal(third.next, null);
      assert.deepEqual(
        [...first.results, ...second.results, ...third.results].map((result) => result.message_id),
        whole,
      );
    });

    it(`pages across bands of ${SEARCH_BAND} candidates, newer bands first`, async () => {
      const total = SEARCH_BAND + 30;
      const sent: number[] = [];
      for (let index = 0; index < total; index++)
        sent.push(await send(direct, index % 3 ? `wifi password ${index} please` : `wifi ${index}`));
      const seen: number[] = [];
      let cursor: SearchCursor | undefined;
      for (let page = 0; page < 20; page++) {
        const result = await search('wifi', { limit: 50, ...(cursor && { cursor }) });
        seen.push(...result.results.map((hit) => hit.message_id));
        if (!result.next) break;
        cursor = result.next;
      }
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total, 'no result twice');
      const newestBand = new Set(sent.slice(-SEARCH_BAND));
      assert.ok(
        seen.slice(0, SEARCH_BAND).every((id) => newestBand.has(id)),
        'the newest band comes first',
      );
      // Within a band the shorter "wifi N" messages outrank "wifi password N please".
      const firstBand = seen.slice(0, SEARCH_BAND);
      const shortOnes = firstBand.filter((id) => sent.indexOf(id) % 3 === 0);
      assert.deepEqual(firstBand.slice(0, shortOnes.length), shortOnes);
    });

    it('treats query syntax as plain words: quotes, stars, NEAR, minus, colons never fail', async () => {
      const id = await send(direct, 'NEAR the "lobby": minus -5 degrees, c++ & title:x OR not (really) 50% off_peak');
      const hostile = [
        '"',
        '""lobby',
        'lobby*',
        '*lobby',
        'NEAR(lobby minus)',
        'lobby -minus',
        'title:x',
        'message : lobby',
        '{message}: lobby',
        'lobby OR x',
        'lobby AND',
        'AND lobby',
        'NOT lobby',
        '(lobby',
        'lobby)',
        "lob'by",
        'lobby\\',
        '%',
        'off_peak',
        '50%',
        'c++',
        'a & b | !c',
        "'lobby' & 'x':*",
        'lobby <-> minus',
        '^lobby',
        'lobby:*',
        '🙂 lobby',
        `${'x'.repeat(150)} lobby`,
      ];
      for (const text of hostile) {
        const query = parseSearchQuery(text);
        if (!query) continue;
        const result = await storage.searchMessages(HOTEL, 'ann', { query, limit: 5 });
        assert.ok(Array.isArray(result.results), text);
      }
      assert.deepEqual(await ids('"lobby"'), [id]);
      assert.deepEqual(await ids('NEAR(lobby minus)'), [id]);
      assert.deepEqual(await ids('title:x'), [id]);
      assert.deepEqual(await ids('off_peak'), [id]);
      assert.deepEqual(await ids('lobby -5'), [id]);
      assert.deepEqual(await ids('c++ 50%'), [id]);
      assert.equal(parseSearchQuery('"*" -: ()'), undefined, 'no word at all: nothing to search');
    });

    it('finds messages stored before the search index existed (the migration backfills)', async () => {
      const database = await emptyDatabase();
      await migrate(database, '0003_attachments');
      const early = createKyselyStorage(database.db);
      try {
        await early.upsertStaff(HOTEL, member('ann', 'Ann Lee'));
        await early.upsertStaff(HOTEL, member('bob', 'Bob Stone'));
        const { conversationId } = await early.createConversation(HOTEL, { createdBy: 'ann', participantIds: ['bob'], title: null });
        const { message } = await early.insertMessage(HOTEL, {
          conversationId,
          senderId: 'bob',
          clientId: null,
          message: 'Élevator out of order',
          replyTo: null,
        });
        await migrate(database);
        const query = parseSearchQuery('elevator')!;
        const found = await early.searchMessages(HOTEL, 'ann', { query, limit: 5 });
        assert.deepEqual(
          found.results.map((result) => result.message_id),
          [message.id],
        );
      } finally {
        await early.close();
      }
    });
  });
}
