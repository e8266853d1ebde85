/**
 * Mentions as text: whether a name still stands in a message, and what an edit keeps. The composer
 * (components/composer/mention-query.ts) and edits (message-changes.ts) share it.
 */
import type { EditMessageBody, Message } from '../../../contract/index.js';

const WORD = /[\p{L}\p{N}_]/u;

/** Whether `@label` stands in the text as a whole name (not inside a word, not the start of a longer one). */
export function namesInText(text: string, label: string): boolean {
  const wanted = `@${label}`.toLocaleLowerCase();
  for (let at = text.indexOf('@'); at >= 0; at = text.indexOf('@', at + 1)) {
    // Slice by slice: lower-casing may change a string's length (İ), so a lower-cased copy's indexes would drift.
    if (text.slice(at, at + wanted.length).toLocaleLowerCase() !== wanted) continue;
    if (!WORD.test(text[at + wanted.length] ?? '') && !WORD.test(at > 0 ? (text[at - 1] ?? '') : '')) return true;
  }
  return false;
}

/**
 * The mentions a message keeps when its text becomes `text`: the people and departments whose `@Name`
 * is still in it (the server adds a kept department's people again). Null when it mentioned nobody, so
 * the edit leaves mentions alone.
 */
export function mentionsAfterEdit(
  message: Pick<Message, 'mentioned_staff' | 'mentioned_departments'>,
  text: string,
): {
  body: Required<Pick<EditMessageBody, 'mentions' | 'mention_departments'>>;
  shown: Pick<Message, 'mentions' | 'mentioned_staff' | 'mentioned_departments'>;
} | null {
  const staff = message.mentioned_staff ?? [];
  const departments = message.mentioned_departments ?? [];
  if (staff.length === 0 && departments.length === 0) return null;
  const keptStaff = staff.filter((s) => namesInText(text, s.full_name));
  const keptDepartments = departments.filter((d) => namesInText(text, d));
  const ids = keptStaff.map((s) => s.id);
  return {
    body: { mentions: ids, mention_departments: keptDepartments },
    shown: { mentions: ids, mentioned_staff: keptStaff, mentioned_departments: keptDepartments },
  };
}
