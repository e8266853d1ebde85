import { MAX_PINS, type Conversation } from '../contract/index.js';
import type { Storage } from '../server/storage/index.js';
import { DEMO_HOTEL, DEMO_STAFF } from './seed-data.js';

/** The department whose channel shows a shift handover in the demo. */
export const DEMO_HANDOVER_DEPARTMENT = 'Housekeeping';

/** Last night's note (every item ticked by the morning) and this morning's (half done). */
export const DEMO_HANDOVERS = {
  past: {
    sender: 'dev',
    message: 'Night shift handover: quiet night, two requests left for the morning.',
    items: ['Room 118: extra towels delivered', 'Linen trolley 2 wheel reported to Maintenance'],
    tickedBy: 'carla',
    ticked: [0, 1],
  },
  current: {
    sender: 'carla',
    message: 'Morning → afternoon handover. Wedding block is the priority until 3 pm.',
    items: [
      'Room 214 ready for the Schmidt family by 10:30 (extra cot)',
      'Fourth floor wedding block: rooms 401-412',
      'Lost and found: blue scarf from 305 is in the office',
      'Restock minibars on the third floor',
    ],
    tickedBy: 'dev',
    ticked: [0, 2],
  },
} as const;

/** Carla asks Dev by name in the department channel. */
export const DEMO_MENTION = {
  sender: 'carla',
  mentions: ['dev'],
  message: '@Dev Patel lift 2 is out of service at 7 tomorrow, please take the linen up in lift 1.',
} as const;

/**
 * Grace's urgent message in the morning briefing: Carla has acknowledged, Anna and Erik have not yet.
 * Anna by first name only: a list row shows the newest message, and the demo's end-to-end tests find
 * Carla's 1:1 with Anna by the name "Anna Kovács".
 */
export const DEMO_URGENT = {
  title: 'Morning briefing',
  sender: 'grace',
  mentions: ['anna'],
  message: '@Anna VIP arriving early: Mr Tanaka lands at 9, room 214 must be ready and the welcome card signed. Please acknowledge.',
  acknowledgedBy: ['carla'],
} as const;

/** Messages pinned in the demo: [whose conversation (by its people), the pinned text, who pinned it]. */
export const DEMO_PINS: readonly { title: string | null; participants: readonly string[]; text: string; pinnedBy: string }[] = [
  {
    title: 'Front Office',
    participants: ['anna', 'ben', 'grace'],
    text: 'Reminder: the Schmidt family gets the welcome basket, it is their tenth stay.',
    pinnedBy: 'grace',
  },
  {
    title: 'Front Office',
    participants: ['anna', 'ben', 'grace'],
    text: 'Noted. I will also print their late checkout confirmation.',
    pinnedBy: 'anna',
  },
  { title: null, participants: ['anna', 'carla'], text: 'Cot is on the trolley. 214 should be done by 10:30.', pinnedBy: 'anna' },
];

/**
 * Shows the teamwork features in the seeded hotel: department channels (everyone with a department
 * joins as their sign-in would make them), a past and a current handover note in Housekeeping with
 * items ticked, a mention, an urgent message awaiting Anna's acknowledgement, and a few pins.
 * Runs once: a Housekeeping channel that already has a handover note means it is done, so restarts
 * (and people ticking, unpinning, acknowledging) are never undone. A database seeded before these
 * features existed gains them at its next start.
 */
export async function seedTeamwork(storage: Storage): Promise<void> {
  for (const member of DEMO_STAFF) await storage.syncDepartment(DEMO_HOTEL, member.id, member.department);
  const head = DEMO_STAFF.find((member) => member.department === DEMO_HANDOVER_DEPARTMENT);
  if (!head) return;
  const channel = (await storage.listConversations(DEMO_HOTEL, head.id)).find(
    (conversation) => conversation.kind === 'department' && conversation.department === DEMO_HANDOVER_DEPARTMENT,
  );
  if (!channel || (await storage.currentHandoverId(DEMO_HOTEL, channel.id)) !== undefined) return;

  for (const [key, note] of Object.entries(DEMO_HANDOVERS)) {
    const { message } = await storage.insertMessage(DEMO_HOTEL, {
      conversationId: channel.id,
      senderId: note.sender,
      clientId: `demo-handover-${key}`,
      message: note.message,
      replyTo: null,
      handoverItems: note.items,
    });
    for (const index of note.ticked) {
      const item = message.handover?.items[index];
      if (item)
        await storage.setHandoverItem(DEMO_HOTEL, { messageId: message.id, itemId: item.id, staffId: note.tickedBy, checked: true });
    }
  }
  await storage.insertMessage(DEMO_HOTEL, {
    conversationId: channel.id,
    senderId: DEMO_MENTION.sender,
    clientId: 'demo-mention',
    message: DEMO_MENTION.message,
    replyTo: null,
    mentions: DEMO_MENTION.mentions.map((staffId) => ({ staffId, department: null })),
  });

  const briefing = (await storage.listConversations(DEMO_HOTEL, DEMO_URGENT.sender)).find(
    (conversation) => conversation.title === DEMO_URGENT.title,
  );
  if (briefing) {
    const { message } = await storage.insertMessage(DEMO_HOTEL, {
      conversationId: briefing.id,
      senderId: DEMO_URGENT.sender,
      clientId: 'demo-urgent',
      message: DEMO_URGENT.message,
      replyTo: null,
      requiresAcknowledgement: true,
      mentions: DEMO_URGENT.mentions.map((staffId) => ({ staffId, department: null })),
    });
    for (const staffId of DEMO_URGENT.acknowledgedBy) await storage.acknowledgeMessage(DEMO_HOTEL, message.id, staffId);
  }

  for (const pin of DEMO_PINS) {
    const conversation = await findConversation(storage, pin.participants, pin.title);
    if (!conversation) continue;
    const { messages } = await storage.listMessages(DEMO_HOTEL, conversation.id, { limit: 50 });
    const message = messages.find((candidate) => candidate.message === pin.text);
    if (message)
      await storage.pinMessage(DEMO_HOTEL, {
        conversationId: conversation.id,
        messageId: message.id,
        staffId: pin.pinnedBy,
        maxPins: MAX_PINS,
      });
  }
}

/** The seeded conversation of exactly these people (and this title). */
async function findConversation(
  storage: Storage,
  participants: readonly string[],
  title: string | null,
): Promise<Omit<Conversation, 'channel'> | undefined> {
  const [first] = participants;
  if (!first) return undefined;
  const wanted = [...participants].sort().join();
  return (await storage.listConversations(DEMO_HOTEL, first)).find(
    (conversation) =>
      conversation.kind !== 'department' &&
      conversation.title === title &&
      conversation.participants
        .map((p) => p.id)
        .sort()
        .join() === wanted,
  );
}
