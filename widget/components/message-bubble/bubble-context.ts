import { createContext } from '@lit/context';
import type { ReactionEmoji, ReplyPreview } from '../../../contract/index.js';

/** What a message bubble needs beyond its message, provided by the chat window around it. */
export interface BubbleContext {
  meId: string | undefined;
  /** The viewer's department: an `@Department` of theirs mentions them. */
  meDepartment: string | null | undefined;
  /** A participant's name, for "who reacted". */
  nameOf(staffId: string): string;
  /** The quoted message is the viewer's own (so the quote says "You", not the viewer's name). */
  quotesMe(quoted: ReplyPreview): boolean;
  edit(messageId: number, text: string): void;
  remove(messageId: number): void;
  react(messageId: number, emoji: ReactionEmoji): void;
  /** The viewer confirms an urgent message sent to them. */
  acknowledge(messageId: number): void;
  /** The message is pinned in its conversation (the menu offers "Unpin" instead of "Pin"). */
  isPinned(messageId: number): boolean;
  /** Pins or unpins it; any participant may. */
  setPinned(messageId: number, pinned: boolean): void;
  /** Opens "Forward to" for the message. */
  forward(messageId: number): void;
  /** Deletes a file of the viewer's own message, for everyone (the bubble asked first). */
  deleteAttachment(messageId: number, attachmentId: number): void;
}

/**
 * The chat window provides one {@link BubbleContext} for all its bubbles, through the message list's
 * shadow root, so the list need not relay it. A bubble standing alone gets none and offers no actions.
 */
export const bubbleContext = createContext<BubbleContext>(Symbol('staff-chat-bubble'));
