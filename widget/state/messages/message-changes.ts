import type { ApiClient } from '../../api/client.js';
import { REACTION_EMOJIS, type Message, type ReactionEmoji, type ReactionSummary } from '../../../contract/index.js';
import type { EventRouter } from '../live/router.js';
import type { MessageViews } from './views.js';
import type { ChatMessage } from './types.js';
import { mentionsAfterEdit } from './mentions.js';

/**
 * Edits, deletions and reactions: the viewer's own (shown at once, then replaced by the server's
 * answer, or rolled back when it fails) and everyone else's from realtime events. A change only ever
 * replaces a message already in a view; one not loaded arrives whole with its page later. Owns the
 * `message_edited`, `message_deleted` and `reaction_changed` events.
 */
export function createMessageChanges(deps: {
  api: Pick<ApiClient, 'editMessage' | 'deleteMessage' | 'react'>;
  views: MessageViews;
  router: Pick<EventRouter, 'on'>;
  meId: () => string | undefined;
  /** Shows a failure where the person sees it. */
  fail: (error: unknown) => void;
  /** The list's preview follows an edit or deletion of a conversation's newest message. */
  updatePreview?: (message: Message) => void;
}) {
  const { api, views } = deps;

  function find(conversationId: number, messageId: number): ChatMessage | undefined {
    return views.has(conversationId) ? views.get(conversationId).messages.find((m) => m.id === messageId) : undefined;
  }

  function change(conversationId: number, messageId: number, update: (m: ChatMessage) => ChatMessage): void {
    if (!find(conversationId, messageId)) return;
    views.update(conversationId, (v) => ({ messages: v.messages.map((m) => (m.id === messageId ? update(m) : m)) }));
  }

  /** The stored message after an edit or a deletion (an event or the server's answer). */
  function applyMessage(message: Message): void {
    change(message.conversation_id, message.id, (m) => ({ ...m, ...message, status: 'sent' }));
    deps.updatePreview?.(message);
  }

  function applyReactions(conversationId: number, messageId: number, reactions: ReactionSummary[]): void {
    change(conversationId, messageId, (m) => ({ ...m, reactions }));
  }

  /** Runs `request` after showing `optimistic`; puts the old copy back if the request fails. */
  async function attempt<T>(
    conversationId: number,
    messageId: number,
    optimistic: (m: ChatMessage) => ChatMessage,
    request: () => Promise<T>,
  ): Promise<T | undefined> {
    const before = find(conversationId, messageId);
    if (!before) return undefined;
    change(conversationId, messageId, optimistic);
    try {
      return await request();
    } catch (error) {
      change(conversationId, messageId, () => before);
      deps.fail(error);
      return undefined;
    }
  }

  /** The viewer's own message gets `text`; a mentioned name taken out of it no longer mentions them. */
  async function edit(conversationId: number, messageId: number, text: string): Promise<void> {
    const before = find(conversationId, messageId);
    if (text.trim() === '' || !before || before.message === text) return;
    const kept = mentionsAfterEdit(before, text);
    const stored = await attempt(
      conversationId,
      messageId,
      (m) => ({ ...m, message: text, is_edited: true, ...kept?.shown }),
      () => api.editMessage(messageId, { message: text, ...kept?.body }),
    );
    if (stored) applyMessage(stored);
  }

  async function remove(conversationId: number, messageId: number): Promise<void> {
    const placeholder = (m: ChatMessage): ChatMessage => ({ ...m, message: '', is_deleted: true, attachments: [], reactions: [] });
    const stored = await attempt(conversationId, messageId, placeholder, () => api.deleteMessage(messageId));
    if (stored) applyMessage(stored);
  }

  /** Adds the viewer's reaction, or removes it when the message already shows it. */
  async function toggleReaction(conversationId: number, messageId: number, emoji: ReactionEmoji): Promise<void> {
    const me = deps.meId();
    const message = find(conversationId, messageId);
    if (!me || !message) return;
    const on = !message.reactions?.some((r) => r.emoji === emoji && r.staff_ids.includes(me));
    const answer = await attempt(
      conversationId,
      messageId,
      (m) => ({ ...m, reactions: toggled(m.reactions ?? [], emoji, me, on) }),
      () => api.react(messageId, emoji, on),
    );
    if (answer) applyReactions(conversationId, messageId, answer.reactions);
  }

  deps.router.on('message_edited', applyMessage);
  deps.router.on('message_deleted', applyMessage);
  deps.router.on('reaction_changed', (change) => applyReactions(change.conversation_id, change.message_id, change.reactions));

  return { applyMessage, applyReactions, edit, remove, toggleReaction };
}

/** The summary with `staffId`'s reaction added or removed, in the fixed emoji order. */
export function toggled(reactions: readonly ReactionSummary[], emoji: ReactionEmoji, staffId: string, on: boolean): ReactionSummary[] {
  const others = reactions.find((r) => r.emoji === emoji)?.staff_ids.filter((id) => id !== staffId) ?? [];
  const staffIds = on ? [...others, staffId] : others;
  const rest = reactions.filter((r) => r.emoji !== emoji);
  const next = staffIds.length > 0 ? [...rest, { emoji, count: staffIds.length, staff_ids: staffIds }] : rest;
  return next.sort((a, b) => REACTION_EMOJIS.indexOf(a.emoji) - REACTION_EMOJIS.indexOf(b.emoji));
}
