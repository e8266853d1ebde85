import type { Storage } from '../server/storage/index.js';
import { DEMO_CONVERSATIONS, DEMO_HOTEL, DEMO_STAFF } from './seed-data.js';

/**
 * Seeds the demo hotel once. Safe to run at every start: staff rows are upserts, and conversations are
 * only created while the hotel has none, so restarts neither duplicate history nor undo what people typed.
 */
export async function seedDemoHotel(storage: Storage): Promise<void> {
  for (const member of DEMO_STAFF) await storage.upsertStaff(DEMO_HOTEL, member);

  const [first] = DEMO_STAFF;
  if (!first) return;
  const alreadySeeded = (await storage.listConversations(DEMO_HOTEL, first.id)).length > 0;
  if (alreadySeeded) return;

  for (const [index, seed] of DEMO_CONVERSATIONS.entries()) {
    const [createdBy = first.id] = seed.participants;
    const { conversationId } = await storage.createConversation(DEMO_HOTEL, {
      createdBy,
      participantIds: seed.participants,
      title: seed.title,
    });
    for (const [position, [senderId, message]] of seed.messages.entries()) {
      await storage.insertMessage(DEMO_HOTEL, {
        conversationId,
        senderId,
        clientId: `demo-seed-${index}-${position}`,
        message,
        replyTo: null,
      });
    }
  }
}
