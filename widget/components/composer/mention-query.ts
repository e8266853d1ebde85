/**
 * The composer's `@` mentions as plain text work, no Lit: who can be mentioned in a conversation, what
 * the person is typing after an `@`, who matches it, what choosing one inserts, and which of the chosen
 * are still in the text when it is sent (a name deleted again mentions nobody).
 */
import type { Conversation } from '../../../contract/index.js';
import { namesInText } from '../../state/messages/mentions.js';

/** One entry of the picker: a participant, or (in groups) everyone of a department in it. */
export type MentionCandidate =
  { kind: 'staff'; id: string; label: string; detail: string | null } | { kind: 'department'; id: string; label: string; detail: null };

/** What a send carries: the ids of the people and the departments named in the text. */
export interface ChosenMentions {
  mentions: string[];
  departments: string[];
}

/** The `@…` being typed: where its `@` is and what follows it up to the caret. */
export interface MentionQuery {
  start: number;
  query: string;
}

/** Longest run after `@` still treated as a name being typed (full names have spaces). */
const MAX_QUERY = 40;

/**
 * The people of `conversation` but the viewer, by name, then (in groups) one `@Department` for each
 * department another participant belongs to; the server resolves a department to its participants.
 */
export function mentionCandidates(conversation: Conversation | undefined, meId: string | undefined): MentionCandidate[] {
  if (!conversation) return [];
  const others = conversation.participants.filter((p) => p.id !== meId).sort((a, b) => a.full_name.localeCompare(b.full_name));
  const people: MentionCandidate[] = others.map((p) => ({ kind: 'staff', id: p.id, label: p.full_name, detail: p.department ?? p.role }));
  if (!conversation.is_group) return people;
  const departments = new Map<string, string>();
  for (const p of others)
    if (p.department && !departments.has(p.department.toLocaleLowerCase())) departments.set(p.department.toLocaleLowerCase(), p.department);
  const groups = [...departments.values()].sort((a, b) => a.localeCompare(b));
  return [...people, ...groups.map((d): MentionCandidate => ({ kind: 'department', id: d, label: d, detail: null }))];
}

/**
 * The mention being typed at `caret`: an `@` at the start or after a space, then at most a line's worth
 * of text with no other `@` (names have spaces, so the query may too), or null.
 */
export function activeQuery(text: string, caret: number): MentionQuery | null {
  const before = text.slice(0, caret);
  const at = before.lastIndexOf('@');
  if (at < 0 || (at > 0 && !/\s/.test(before[at - 1] ?? ''))) return null;
  const query = before.slice(at + 1);
  if (query.length > MAX_QUERY || /[\n@]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/** Case and accent folded, so "anna kovacs" finds "Anna Kovács". */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase();
}

/** Candidates with a word of their name starting with each word of the query ("ko" finds Anna Kovács); all for an empty query. */
export function matchCandidates(candidates: readonly MentionCandidate[], query: string): MentionCandidate[] {
  const wanted = fold(query).split(/\s+/).filter(Boolean);
  return candidates.filter((c) => {
    const words = fold(c.label).split(/\s+/);
    return wanted.every((w) => words.some((word) => word.startsWith(w)));
  });
}

/**
 * The text with the query replaced by `@Label ` and where the caret goes after it. Choosing the name
 * the caret already stands in (moved back into "@Anna Kov|ács") replaces it whole instead of doubling its end.
 */
export function insertMention(
  text: string,
  query: MentionQuery,
  caret: number,
  candidate: MentionCandidate,
): { text: string; caret: number } {
  const inserted = `@${candidate.label} `;
  const nameEnd = query.start + 1 + candidate.label.length;
  const end = nameEnd > caret && text.slice(query.start + 1, nameEnd) === candidate.label ? nameEnd : caret;
  const after = text.slice(end).replace(/^ /, '');
  return { text: text.slice(0, query.start) + inserted + after, caret: query.start + inserted.length };
}

/** Of the candidates chosen while writing, those whose `@Name` is still in the text. */
export function mentionsInText(text: string, chosen: readonly MentionCandidate[]): ChosenMentions {
  const kept = chosen.filter((c, i) => chosen.findIndex((o) => o.kind === c.kind && o.id === c.id) === i && namesInText(text, c.label));
  return {
    mentions: kept.filter((c) => c.kind === 'staff').map((c) => c.id),
    departments: kept.filter((c) => c.kind === 'department').map((c) => c.id),
  };
}
