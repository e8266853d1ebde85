import type { Storage } from '../server/storage/index.js';
import { DEMO_CONVERSATIONS, DEMO_DEPARTMENT_GROUPS, DEMO_HOTEL, DEMO_STAFF } from './seed-data.js';
import { seedTeamwork } from './seed-teamwork.js';

type SeedConversation = (typeof DEMO_CONVERSATIONS)[number];

/**
 * Seeds the demo hotel once. Safe to run at every start: staff rows are upserts, and conversations are
 * only created while the hotel has none, so restarts neither duplicate history nor undo what people typed.
 * Department groups are seeded by title, so a demo database from before they existed gains them too.
 */
export async function seedDemoHotel(storage: Storage): Promise<void> {
  for (const member of DEMO_STAFF) await storage.upsertStaff(DEMO_HOTEL, member);

  const [first] = DEMO_STAFF;
  if (!first) return;
  const alreadySeeded = (await storage.listConversations(DEMO_HOTEL, first.id)).length > 0;
  if (!alreadySeeded) {
    for (const [index, seed] of DEMO_CONVERSATIONS.entries()) await seedConversation(storage, seed, `demo-seed-${index}`);
  }

  for (const [index, group] of DEMO_DEPARTMENT_GROUPS.entries()) {
    const [creator = first.id] = group.participants;
    const existing = await storage.listConversations(DEMO_HOTEL, creator);
    if (existing.some((conversation) => conversation.is_group && conversation.title === group.title)) continue;
    await seedConversation(storage, group, `demo-group-${index}`);
  }

  await seedTeamwork(storage);
}

async function seedConversation(storage: Storage, seed: SeedConversation, clientIdPrefix: string): Promise<void> {
  const [createdBy] = seed.participants;
  if (!createdBy) return;
  const { conversationId } = await storage.createConversation(DEMO_HOTEL, {
    createdBy,
    participantIds: seed.participants,
    title: seed.title,
  });
  for (const [position, [senderId, message, urgent]] of seed.messages.entries()) {
    await storage.insertMessage(DEMO_HOTEL, {
      conversationId,
      senderId,
      clientId: `${clientIdPrefix}-${position}`,
      message,
      replyTo: null,
      ...(urgent && { requiresAcknowledgement: true }),
    });
  }
}
