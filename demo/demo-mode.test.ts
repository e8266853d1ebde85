import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ConversationList, ErrorBody, Me } from '../contract/index.js';
import { StartRefusedError } from '../server/extension.js';
import { body, createTestApp, staff, type TestApp } from '../server/testing/app-harness.js';
import { createStorage } from '../server/storage/index.js';
import { assertDemoDatabase, demoExtension } from './demo-mode.js';
import { DEMO_HOTEL, DEMO_NEWCOMERS, DEMO_STAFF } from './seed-data.js';

const [anna] = DEMO_STAFF;

describe('demo mode: the dev token endpoint', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({}, { extension: demoExtension });
  });
  after(() => t.close());

  const devToken = (hotel: string, staff_id: string) => t.call('POST', '/staff_chat/dev/token', { body: { hotel, staff_id } });

  test('signs a token for a seeded demo staff member', async () => {
    const response = await devToken(DEMO_HOTEL, anna!.id);
    assert.equal(response.status, 200);
    const { token, expires_at } = body<{ token: string; expires_at: string }>(response.json);
    assert.ok(Date.parse(expires_at) > Date.now() + 11 * 3600 * 1000);
    const me = await t.call('GET', `/staff_chat/${DEMO_HOTEL}/me`, { token });
    assert.equal(body<Me>(me.json).full_name, anna!.full_name);
    assert.equal(body<Me>(me.json).role, anna!.role);
  });

  test('signs a token for a newcomer, who is in nothing until that first sign-in puts her in her department channel', async () => {
    const [hana] = DEMO_NEWCOMERS;
    assert.deepEqual(await t.storage.listConversations(DEMO_HOTEL, hana!.id), [], 'no seed put her anywhere');
    const response = await devToken(DEMO_HOTEL, hana!.id);
    assert.equal(response.status, 200);
    const { token } = body<{ token: string }>(response.json);
    const list = body<ConversationList>((await t.call('GET', `/staff_chat/${DEMO_HOTEL}/conversations/`, { token })).json);
    assert.deepEqual(
      list.results.map((c) => [c.kind, c.department]),
      [['department', hana!.department]],
    );
  });

  test('signs nothing for anyone else: unknown ids, staff who joined the demo hotel later, other hotels', async () => {
    // Someone who came in with a real token is a row in the demo hotel, but not a demo identity.
    await t.storage.upsertStaff(DEMO_HOTEL, staff('mallory', 'Mallory'));
    await t.storage.upsertStaff('grand', staff(anna!.id, 'Anna of the Grand'));
    for (const [hotel, id] of [
      [DEMO_HOTEL, 'nobody'],
      [DEMO_HOTEL, 'mallory'],
      ['grand', anna!.id],
    ] as const) {
      const response = await devToken(hotel, id);
      assert.equal(response.status, 404, `${hotel}/${id}`);
      assert.equal(body<ErrorBody>(response.json).error.code, 'not_found');
    }
    const malformed = await t.call('POST', '/staff_chat/dev/token', { body: { hotel: DEMO_HOTEL } });
    assert.equal(malformed.status, 400);
  });
});

describe('demo mode: the database guard', () => {
  test('accepts an empty database and one that holds only the demo hotel', async () => {
    const storage = await createStorage('file::memory:');
    try {
      await assertDemoDatabase(storage);
      await demoExtension.prepare!(storage);
      assert.deepEqual(await storage.listHotels(), [DEMO_HOTEL]);
      await assertDemoDatabase(storage);
    } finally {
      await storage.close();
    }
  });

  test('refuses a database that holds a real hotel, naming it, and seeds nothing into it', async () => {
    const storage = await createStorage('file::memory:');
    try {
      await storage.upsertStaff('grand-palace', staff('olga', 'Olga'));
      await assert.rejects(demoExtension.prepare!(storage), (error: unknown) => {
        assert.ok(error instanceof StartRefusedError);
        assert.match(error.message, /holds hotels other than the demo hotel \(grand-palace\)/);
        assert.match(error.message, /npm run serve/);
        return true;
      });
      assert.deepEqual(await storage.listHotels(), ['grand-palace']);
    } finally {
      await storage.close();
    }
  });
});
