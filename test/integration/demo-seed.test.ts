/** The demo seed: department groups exist once, also in a demo database seeded before they existed. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEMO_DEPARTMENT_GROUPS, DEMO_HOTEL, DEMO_LONG_HISTORY_LENGTH, DEMO_STAFF } from '../../demo/seed-data.js';
import { seedDemoHotel } from '../../demo/seed.js';
import { createStorage, type Storage } from '../../server/storage/index.js';

describe('demo seed', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await createStorage('file::memory:');
  });
  afterEach(() => storage.close());

  const groupsOf = async (staffId: string) =>
    (await storage.listConversations(DEMO_HOTEL, staffId)).filter((c) => c.is_group).map((c) => c.title).sort();

  test('seeds Front Office, Housekeeping and Maintenance groups once, however often it runs', async () => {
    await seedDemoHotel(storage);
    await seedDemoHotel(storage);
    assert.deepEqual(await groupsOf('grace'), ['Front Office', 'Housekeeping', 'Maintenance', 'Morning briefing']);
    assert.deepEqual(await groupsOf('dev'), ['Housekeeping']);
    const housekeeping = (await storage.listConversations(DEMO_HOTEL, 'dev')).find((c) => c.title === 'Housekeeping');
    assert.deepEqual(housekeeping?.participants.map((p) => p.id).sort(), ['carla', 'dev', 'grace']);
    assert.equal(housekeeping?.last_message?.sender_id, 'dev');
  });

  test('gives the receptionists a long history to scroll', async () => {
    await seedDemoHotel(storage);
    const handover = (await storage.listConversations(DEMO_HOTEL, 'anna')).find((c) => !c.is_group && c.participants.some((p) => p.id === 'ben'));
    assert.ok(handover, 'a 1:1 between Anna and Ben');
    let stored = 0;
    let beforeId: number | undefined;
    for (let more = true; more; ) {
      const page = await storage.listMessages(DEMO_HOTEL, handover.id, { limit: 200, ...(beforeId !== undefined && { beforeId }) });
      stored += page.messages.length;
      beforeId = page.messages[0]?.id;
      more = page.hasMore;
    }
    assert.equal(stored, DEMO_LONG_HISTORY_LENGTH);
    assert.ok(DEMO_LONG_HISTORY_LENGTH >= 1000);
  });

  test('adds the groups to a demo database seeded before they existed, and reseeds nothing else', async () => {
    // What an older seed left: staff and a conversation of the first staff member, no department groups.
    for (const member of DEMO_STAFF) await storage.upsertStaff(DEMO_HOTEL, member);
    await storage.createConversation(DEMO_HOTEL, { createdBy: 'anna', participantIds: ['carla'], title: null });
    await seedDemoHotel(storage);
    assert.deepEqual(await groupsOf('grace'), DEMO_DEPARTMENT_GROUPS.map((group) => group.title).sort());
    assert.equal((await storage.listConversations(DEMO_HOTEL, 'anna')).length, 2, 'the old conversation and Front Office');
  });
});
