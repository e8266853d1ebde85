import { PREVIEW_LENGTH, type Me, type Message, type ReplyPreview } from '../../../contract/index.js';
import { newClientId } from './ids.js';
import type { ChatMessage } from './types.js';

// Part of the session core: `sendMessage` shows the message at once even before the sending code
// (outbox/sending.ts, loaded on first use) is there to send it.

let optimisticIds = 0;

/** A negative id no stored message has; unique on the page, whichever session asks. */
export function nextOptimisticId(): number {
  return -++optimisticIds;
}

/** The message as it shows while it is on its way: pending, with a new client_id; `urgent` asks for acknowledgements. */
export function optimisticMessage(me: Me, conversationId: number, text: string, replyTo: Message | null, urgent?: boolean): ChatMessage {
  return {
    ...(urgent && { requires_acknowledgement: true }),
    id: nextOptimisticId(),
    conversation_id: conversationId,
    client_id: newClientId(),
    sender_id: me.id,
    sender_info: { id: me.id, full_name: me.full_name, avatar: me.avatar },
    message: text,
    timestamp: new Date().toISOString(),
    reply_to: replyTo?.id ?? null,
    reply_to_message: replyTo ? toReplyPreview(replyTo) : null,
    attachments: [],
    is_edited: false,
    is_deleted: false,
    status: 'pending',
  };
}

function toReplyPreview(message: Message): ReplyPreview {
  return {
    id: message.id,
    message: message.message.slice(0, PREVIEW_LENGTH),
    sender_id: message.sender_id,
    sender_name: message.sender_info.full_name,
  };
}
