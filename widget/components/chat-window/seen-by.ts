import type { Conversation } from '../../../server/contract.js';
import { msg } from '../../messages/ui.js';
import { seenBy, type ReadMarks } from '../../state/conversations/read-marks.js';
import type { ChatMessage } from '../../state/session.js';

/**
 * The line under the newest message: "Seen" once the other person of a 1:1 has read it, "Seen by Anna,
 * Ben" in a group (first names); empty until someone other than its sender and the viewer has.
 */
export function seenByText(
  conversation: Conversation | undefined,
  messages: readonly ChatMessage[],
  marks: ReadMarks,
  meId: string | undefined,
): string {
  const newest = [...messages].reverse().find((m) => m.id > 0);
  if (!conversation || !newest) return '';
  const ids = seenBy(
    marks,
    conversation.id,
    newest,
    conversation.participants.map((p) => p.id),
    meId,
  );
  if (ids.length === 0) return '';
  if (!conversation.is_group) return msg.seen;
  const names = ids.map((id) => conversation.participants.find((p) => p.id === id)?.full_name.split(' ')[0] ?? id);
  return msg.seenBy(names);
}
