import { z } from 'zod';
import { MAX_MENTION_DEPARTMENTS, MAX_MENTIONS, type StaffMember } from '../../contract/index.js';
import { ApiError } from '../errors.js';
import { STAFF_ID } from '../notify/channels.js';
import type { NewMention } from '../storage/conversation-features.js';
import type { Storage } from '../storage/storage.js';
import { plainText } from './validation.js';

/** `mentions` and `mention_departments` of send-message and edit bodies (see `MentionFields`). */
export const mentionFields = {
  mentions: z.array(z.string().regex(STAFF_ID, 'must be a staff id')).max(MAX_MENTIONS, `at most ${MAX_MENTIONS} people`).optional(),
  mention_departments: z
    .array(plainText(z.string().trim().min(1, 'must not be empty').max(100)))
    .max(MAX_MENTION_DEPARTMENTS, `at most ${MAX_MENTION_DEPARTMENTS} departments`)
    .optional(),
};

/**
 * The people a message mentions: each named id, which must be a participant, and every participant of
 * each named department (groups only). Repeats collapse; a person in a named department carries it.
 *
 * @throws ApiError 400 `invalid_mention`, naming each id or department that is not in the conversation.
 */
export async function resolveMentions(
  storage: Storage,
  hotel: string,
  conversationId: number,
  viewerId: string,
  fields: { mentions?: string[] | undefined; mention_departments?: string[] | undefined },
): Promise<NewMention[]> {
  const ids = [...new Set(fields.mentions ?? [])];
  const departments = [...new Set((fields.mention_departments ?? []).map((name) => name.toLocaleLowerCase()))];
  if (ids.length === 0 && departments.length === 0) return [];
  const conversation = await storage.getConversation(hotel, conversationId, viewerId);
  if (!conversation) throw new ApiError(404, 'not_found', 'No such conversation.');

  const participants = new Map(conversation.participants.map((staff) => [staff.id, staff]));
  const departmentOf = (staff: StaffMember) => staff.department?.toLocaleLowerCase();
  const problems: { field: string; problem: string }[] = [];
  for (const id of ids)
    if (!participants.has(id)) problems.push({ field: 'mentions', problem: `${id} is not a participant of this conversation` });
  if (departments.length > 0 && !conversation.is_group)
    problems.push({ field: 'mention_departments', problem: 'departments can be mentioned in groups only' });
  else {
    for (const department of departments) {
      if (!conversation.participants.some((staff) => departmentOf(staff) === department)) {
        problems.push({ field: 'mention_departments', problem: `nobody of ${department} takes part in this conversation` });
      }
    }
  }
  if (problems.length > 0) throw new ApiError(400, 'invalid_mention', 'Mentions must name participants of this conversation.', problems);

  const mentioned = new Map<string, NewMention>();
  for (const staff of conversation.participants) {
    const department = departmentOf(staff);
    const viaDepartment = department !== undefined && departments.includes(department);
    // The department as the directory spells it, not as typed.
    if (viaDepartment || ids.includes(staff.id))
      mentioned.set(staff.id, { staffId: staff.id, department: viaDepartment ? (staff.department ?? null) : null });
  }
  return [...mentioned.values()];
}
