import { html, type TemplateResult } from 'lit';
import type { Conversation, StaffMember } from '../../server/contract.js';
import { msg } from '../messages/ui.js';

/** Everyone in the conversation except the viewer. */
export function otherParticipants(conversation: Conversation, meId: string | undefined): StaffMember[] {
  return conversation.participants.filter((p) => p.id !== meId);
}

/** A group's title, or the other person's name for a 1:1 (the viewer's own for a note-to-self). */
export function conversationTitle(conversation: Conversation, meId: string | undefined): string {
  if (conversation.is_group && conversation.title) return conversation.title;
  const others = otherParticipants(conversation, meId);
  const names = (others.length > 0 ? others : conversation.participants).map((p) => p.full_name);
  return names.join(', ') || conversation.title || msg.untitled;
}

/** The other person's department (or role) for a 1:1, the head count for a group. */
export function conversationSubtitle(conversation: Conversation, meId: string | undefined): string {
  if (conversation.kind === 'department') return msg.departmentSubtitle(conversation.participants.length);
  if (conversation.is_group) return msg.members(conversation.participants.length);
  const other = otherParticipants(conversation, meId)[0];
  return other?.department ?? other?.role ?? '';
}

/** Up to two initials, for the avatar placeholder. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters
    .map((w) => Array.from(w ?? '')[0] ?? '')
    .join('')
    .toUpperCase();
}

/**
 * A round avatar: the picture when there is one (only http(s) or same-origin URLs), the initials
 * otherwise. Decorative: the name always appears as text next to it.
 */
export function avatar(name: string, url: string | null | undefined): TemplateResult {
  const safe = url && /^(https?:\/\/|\/)/i.test(url) ? url : null;
  return html`<span class="avatar" part="avatar" aria-hidden="true"
    >${safe ? html`<img src=${safe} alt="" loading="lazy" />` : initials(name)}</span
  >`;
}
