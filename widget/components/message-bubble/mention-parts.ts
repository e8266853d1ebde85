/**
 * Finds the mentions in a message's text: `@Full Name` of each person in `mentioned_staff` and
 * `@Department` of each of `mentioned_departments`, as whole names (not the start of a longer word),
 * the longest first so "@Anna Kovács" wins over a colleague called "Anna". Plain TypeScript, no Lit:
 * the bubble renders the parts with its own templates, so nothing is parsed as HTML. Text that only
 * looks like a mention (a name typed without choosing it) stays plain.
 */
import type { Message } from '../../../contract/index.js';

/** A run of the text: plain, or a mention (`me` when it names the viewer, or their department). */
export type MentionPart = { text: string; mention?: undefined } | { text: string; mention: 'me' | 'other' };

/** Who is reading: a department mention of theirs is theirs too. */
export interface Reader {
  id: string | undefined;
  department: string | null | undefined;
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * The text cut into plain runs and mentions, in order; joined, their `text`s give back the input exactly.
 *
 * @example
 * mentionParts({ message: 'Ask @Anna Kovács.', mentions: ['anna'], mentioned_staff: [anna] }, { id: 'anna' })
 * // [{ text: 'Ask ' }, { text: '@Anna Kovács', mention: 'me' }, { text: '.' }]
 */
export function mentionParts(
  message: Pick<Message, 'message' | 'mentions' | 'mentioned_staff' | 'mentioned_departments'>,
  reader: Reader,
): MentionPart[] {
  const text = message.message;
  const myDepartment = reader.department?.toLocaleLowerCase();
  const mentionsMe = reader.id !== undefined && (message.mentions ?? []).includes(reader.id);
  const names = [
    ...(message.mentioned_staff ?? []).map((staff) => ({ name: staff.full_name, me: staff.id === reader.id })),
    ...(message.mentioned_departments ?? []).map((department) => ({
      name: department,
      me: mentionsMe && department.toLocaleLowerCase() === myDepartment,
    })),
  ]
    .filter((entry) => entry.name.trim() !== '')
    .sort((a, b) => b.name.length - a.name.length);
  if (names.length === 0 || !text.includes('@')) return text ? [{ text }] : [];

  const parts: MentionPart[] = [];
  let plainFrom = 0;
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    if (at < plainFrom || (at > 0 && WORD.test(text[at - 1] ?? ''))) continue;
    // Compared slice by slice: lower-casing can change a string's length (İ), so indexes of a lower-cased copy would drift.
    const found = names.find(
      ({ name }) =>
        text.slice(at + 1, at + 1 + name.length).toLocaleLowerCase() === name.toLocaleLowerCase() &&
        !WORD.test(text[at + 1 + name.length] ?? ''),
    );
    if (!found) continue;
    if (at > plainFrom) parts.push({ text: text.slice(plainFrom, at) });
    const end = at + 1 + found.name.length;
    parts.push({ text: text.slice(at, end), mention: found.me ? 'me' : 'other' });
    plainFrom = end;
  }
  if (plainFrom < text.length) parts.push({ text: text.slice(plainFrom) });
  return parts;
}
