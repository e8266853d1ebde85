import type { ReadableAtom } from 'nanostores';
import type { Conversation, Me } from '../../../contract/index.js';
import type { HousekeepingApi } from '../../api/housekeeping-api.js';
import { errorMsg } from '../../messages/errors.js';
import type { EventRouter } from '../live/router.js';
import type { MessageViews } from '../messages/views.js';
import { describeError, type ErrorInfo } from '../shared/errors.js';
import type { ConversationsStore } from './conversations.js';

/**
 * The viewer's own housekeeping of conversations: mute, archive, leave, remove someone, forward a
 * message, delete a file of their own message. Loaded with the chat windows (lazy). Each action
 * resolves with why it failed (an {@link ErrorInfo}: the element picks words for the codes it knows),
 * or null; the server's answer is applied at once, as the server skips this tab's own events.
 * Owns `participant_left` (the viewer's other tabs, or a removal, drop the conversation) and
 * `attachment_deleted` (the file goes from the message for everyone).
 */
export function createHousekeeping(deps: {
  api: Pick<HousekeepingApi, 'setMuted' | 'setArchived' | 'leave' | 'removeParticipant' | 'forward' | 'deleteAttachment'>;
  conversations: Pick<ConversationsStore, 'upsert' | 'replaceAll' | '$conversations'>;
  views: MessageViews;
  router: Pick<EventRouter, 'on' | 'emit'>;
  $me: ReadableAtom<Me | null>;
  /** Closes the conversation's window (and lets go of its channel). */
  close(conversationId: number): void;
}) {
  const { api, conversations, views, router } = deps;

  async function attempt(run: () => Promise<void>): Promise<ErrorInfo | null> {
    try {
      await run();
      return null;
    } catch (error) {
      return describeError(error, errorMsg.errorLoadFailed);
    }
  }

  /** The conversation is no longer the viewer's: out of the list, its window closed. */
  function drop(conversationId: number): void {
    deps.close(conversationId);
    conversations.replaceAll(conversations.$conversations.get().filter((c) => c.id !== conversationId));
  }

  function dropAttachment(conversationId: number, messageId: number, attachmentId: number): void {
    if (!views.has(conversationId)) return;
    views.update(conversationId, (view) => ({
      messages: view.messages.map((m) =>
        m.id === messageId ? { ...m, attachments: m.attachments.filter((a) => a.id !== attachmentId) } : m,
      ),
    }));
  }

  const upsert = (conversation: Conversation) => conversations.upsert(conversation);

  router.on('participant_left', (left) => {
    if (left.staff_id === deps.$me.get()?.id) drop(left.conversation_id);
  });
  router.on('attachment_deleted', (event) => dropAttachment(event.conversation_id, event.message_id, event.attachment_id));

  return {
    /** Muted: no badge or sound for it (a mention still gets through). */
    setMuted: (conversationId: number, muted: boolean) => attempt(async () => upsert(await api.setMuted(conversationId, muted))),
    /** Archived: out of the list (and its window closed) until a new message brings it back. */
    setArchived: (conversationId: number, archived: boolean) =>
      attempt(async () => {
        upsert(await api.setArchived(conversationId, archived));
        if (archived) deps.close(conversationId);
      }),
    /** Groups only; department channels follow the token and cannot be left. */
    leave: (conversationId: number) =>
      attempt(async () => {
        await api.leave(conversationId);
        drop(conversationId);
      }),
    /** The group's creator or an admin role; anyone else gets 403 `not_allowed`. */
    removeParticipant: (conversationId: number, staffId: string) =>
      attempt(async () => upsert(await api.removeParticipant(conversationId, staffId))),
    /** Copies the message into each target; each copy shows in its conversation as the viewer's message. */
    forward: (messageId: number, conversationIds: number[]) =>
      attempt(async () => {
        const { results } = await api.forward(messageId, conversationIds);
        for (const { conversation_id, message } of results) router.emit('stored', { conversationId: conversation_id, messages: [message] });
      }),
    /** The viewer's own message keeps its text; the file goes for everyone. */
    deleteAttachment: (conversationId: number, messageId: number, attachmentId: number) =>
      attempt(async () => {
        await api.deleteAttachment(attachmentId);
        dropAttachment(conversationId, messageId, attachmentId);
      }),
  };
}

export type HousekeepingStore = ReturnType<typeof createHousekeeping>;
