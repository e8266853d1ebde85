import { atom } from 'nanostores';
import type { ReadMark } from '../../../server/contract.js';

/** Per conversation, each participant's read mark: staff id → the newest message id they have seen. */
export type ReadMarks = Readonly<Record<number, Readonly<Record<string, number>>>>;

/**
 * Who has read how far, for "seen by". Marks only move forward: a history page, a `messages_read`
 * event and a participant's own new message may arrive in any order.
 */
export function createReadMarks() {
  const $readMarks = atom<ReadMarks>({});

  function advance(conversationId: number, marks: readonly ReadMark[]): void {
    const current = $readMarks.get()[conversationId] ?? {};
    const forward = marks.filter((m) => m.last_read_message_id > (current[m.staff_id] ?? 0));
    if (forward.length === 0) return;
    const next = { ...current };
    for (const m of forward) next[m.staff_id] = m.last_read_message_id;
    $readMarks.set({ ...$readMarks.get(), [conversationId]: next });
  }

  return { $readMarks, advance };
}

export type ReadMarksStore = ReturnType<typeof createReadMarks>;

/**
 * Who (other than its sender and the viewer) has seen a message: the staff ids whose mark is at least
 * its id, in the order of `participantIds`.
 */
export function seenBy(
  marks: ReadMarks,
  conversationId: number,
  message: { id: number; sender_id: string },
  participantIds: readonly string[],
  meId: string | undefined,
): string[] {
  const conversation = marks[conversationId] ?? {};
  return participantIds.filter((id) => id !== message.sender_id && id !== meId && (conversation[id] ?? 0) >= message.id);
}
