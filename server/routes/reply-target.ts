import { ApiError } from '../errors.js';
import type { Storage } from '../storage/storage.js';

/**
 * Checks that `replyTo` names a message of this conversation, for send-message and upload alike.
 *
 * @throws ApiError 400 `invalid_reply_to` when it names no message, or one of another conversation
 * (which looks the same, so a reply cannot probe for other conversations' messages).
 */
export async function requireReplyTarget(storage: Storage, hotel: string, conversationId: number, replyTo: number): Promise<void> {
  const original = await storage.getMessage(hotel, replyTo);
  if (original?.conversation_id !== conversationId) {
    throw new ApiError(400, 'invalid_reply_to', 'reply_to must be a message of this conversation.', [
      { field: 'reply_to', problem: 'is not a message of this conversation' },
    ]);
  }
}
