/** The demo seed: department groups exist once, also in a demo database seeded before they existed. */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { DEMO_DEPARTMENT_GROUPS, DEMO_HOTEL, DEMO_LONG_HISTORY_LENGTH, DEMO_STAFF } from '../../demo/seed-data.js';
import { seedDemoHotel } from '../../demo/seed.js';
import { DEMO_HANDOVER_DEPARTMENT, DEMO_HANDOVERS, DEMO_PINS, DEMO_URGENT } from '../../demo/seed-teamwork.js';
import { createStorage, type Storage } from '../../server/storage/index.js';

describe('demo seed', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await createStorage('file::memory:');
  });
  afterEach(() => storage.close());

  const groupsOf = async (staffId: string) =>
    (await storage.listConversations(DEMO_HOTEL, staffId))
      .filter((c) => c.is_group && c.kind !== 'department')
      .map((c) => c.title)
      .sort();

  test('seeds Front Office, Housekeeping and Maintenance groups once, however often it runs', async () => {
    await seedDemoHotel(storage);
    await seedDemoHotel(storage);
    assert.deepEqual(await groupsOf('grace'), ['Front Office', 'Housekeeping', 'Maintenance', 'Morning briefing']);
    assert.deepEqual(await groupsOf('dev'), ['Housekeeping']);
    const housekeeping = (await storage.listConversations(DEMO_HOTEL, 'dev')).find((c) => c.title === 'Housekeeping' && c.kind === 'group');
    assert.deepEqual(housekeeping?.participants.map((p) => p.id).sort(), ['carla', 'dev', 'grace']);
    assert.equal(housekeeping?.last_message?.sender_id, 'dev');
  });

  test('gives the receptionists a long history to scroll', async () => {
    await seedDemoHotel(storage);
    const handover = (await storage.listConversations(DEMO_HOTEL, 'anna')).find(
      (c) => !c.is_group && c.participants.some((p) => p.id === 'ben'),
    );
    assert.ok(handover, 'a 1:1 between Anna and Ben');
    let stored = 0;
    let beforeId: number | undefined;
    for (let more = true; more;) {
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
    const seeded = (await storage.listConversations(DEMO_HOTEL, 'anna')).filter((c) => c.kind !== 'department');
    assert.equal(seeded.length, 2, 'the old conversation and Front Office');
  });
});

describe('demo seed: each teamwork feature in use', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await createStorage('file::memory:');
  });
  afterEach(() => storage.close());

  const channelOf = async (staffId: string) =>
    (await storage.listConversations(DEMO_HOTEL, staffId)).find(
      (c) => c.kind === 'department' && c.department === DEMO_HANDOVER_DEPARTMENT,
    );

  test("Housekeeping's channel has a current handover note with some items ticked, a past one, and a mention", async () => {
    await seedDemoHotel(storage);
    const channel = await channelOf('dev');
    assert.ok(channel, 'Dev is in the Housekeeping channel');
    assert.deepEqual(
      channel.participants.map((p) => p.id).sort(),
      DEMO_STAFF.filter((s) => s.department === DEMO_HANDOVER_DEPARTMENT)
        .map((s) => s.id)
        .sort(),
    );
    const currentId = await storage.currentHandoverId(DEMO_HOTEL, channel.id);
    assert.ok(currentId !== undefined);
    const current = await storage.getMessage(DEMO_HOTEL, currentId);
    assert.equal(current?.message, DEMO_HANDOVERS.current.message);
    const ticked = current?.handover?.items.filter((item) => item.checked) ?? [];
    assert.ok(ticked.length > 0 && ticked.length < (current?.handover?.items.length ?? 0), 'some items ticked, not all');
    assert.ok(ticked.every((item) => item.checked_by?.id === DEMO_HANDOVERS.current.tickedBy && item.checked_at));
    const history = await storage.handoverIds(DEMO_HOTEL, channel.id, { limit: 10 });
    assert.equal(history.ids.length, 2, "the current note and last night's");
    assert.equal(channel.mention_count, 1, 'Dev has an unread mention');
    assert.equal((await channelOf('carla'))?.mention_count, 0, 'Carla sent it');
  });

  test('Anna, whom the demo signs in first, has an urgent message awaiting her acknowledgement and a mention; pins are set', async () => {
    await seedDemoHotel(storage);
    const [pendingId] = await storage.pendingAcknowledgementIds(DEMO_HOTEL, 'anna', 10);
    assert.ok(pendingId !== undefined, 'one pending for Anna');
    const urgent = await storage.getMessage(DEMO_HOTEL, pendingId);
    assert.equal(urgent?.message, DEMO_URGENT.message);
    assert.deepEqual(
      urgent?.acknowledgements?.acknowledged.map((entry) => entry.id),
      [...DEMO_URGENT.acknowledgedBy],
    );
    assert.ok(urgent?.acknowledgements?.pending.includes('anna'));
    assert.deepEqual(await storage.pendingAcknowledgementIds(DEMO_HOTEL, 'carla', 10), [], 'Carla has acknowledged');
    const briefing = (await storage.listConversations(DEMO_HOTEL, 'anna')).find((c) => c.title === DEMO_URGENT.title);
    assert.equal(briefing?.mention_count, 1);

    const pinned = [];
    for (const conversation of await storage.listConversations(DEMO_HOTEL, 'anna'))
      pinned.push(...(await storage.listPins(DEMO_HOTEL, conversation.id)));
    assert.equal(pinned.length, DEMO_PINS.length, 'every demo pin found its message');
  });

  test('runs once: a restart undoes nothing people did', async () => {
    await seedDemoHotel(storage);
    const channel = (await channelOf('carla'))!;
    const current = (await storage.getMessage(DEMO_HOTEL, (await storage.currentHandoverId(DEMO_HOTEL, channel.id))!))!;
    const untouched = current.handover!.items.find((item) => !item.checked)!;
    await storage.setHandoverItem(DEMO_HOTEL, { messageId: current.id, itemId: untouched.id, staffId: 'carla', checked: true });
    const [pendingId] = await storage.pendingAcknowledgementIds(DEMO_HOTEL, 'anna', 10);
    await storage.acknowledgeMessage(DEMO_HOTEL, pendingId!, 'anna');
    await seedDemoHotel(storage);
    assert.equal((await storage.handoverIds(DEMO_HOTEL, channel.id, { limit: 10 })).ids.length, 2);
    assert.equal(
      (await storage.getMessage(DEMO_HOTEL, current.id))?.handover?.items.find((item) => item.id === untouched.id)?.checked,
      true,
    );
    assert.deepEqual(await storage.pendingAcknowledgementIds(DEMO_HOTEL, 'anna', 10), []);
  });
});
