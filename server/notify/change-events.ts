/**
 * The events of changes to existing messages and conversations (edits, deletions, reactions, reads), built
 * for the notifier, which publishes them through its `Publisher` like every other event.
 */
import {
  EVENTS,
  type Envelope,
  type Message,
  type MessagesRead,
  type ReactionChange,
  type ReactionChangedEnvelope,
} from '../../contract/index.js';
import type { Storage } from '../storage/storage.js';
import { conversationChannel, personalChannel } from './channels.js';
import { envelope } from './envelope.js';
import { eventBytes, fitConversationUpdated, fitMessageCreated, MAX_EVENT_BYTES } from './fit.js';
import { excludingSocket, type PublishEvent } from './publisher.js';

export type MessageChange = 'message_edited' | 'message_deleted';

const EVENT_OF: Record<MessageChange, string> = {
  message_edited: EVENTS.messageEdited,
  message_deleted: EVENTS.messageDeleted,
};

/** `message_edited` or `message_deleted` on the conversation channel, the whole message as payload. */
export function messageChangeEvent(
  hotel: string,
  type: MessageChange,
  message: Message,
  excludeSocketId: string | undefined,
): PublishEvent {
  return {
    channel: conversationChannel(hotel, message.conversation_id),
    name: EVENT_OF[type],
    data: JSON.stringify(fitMessageChange(envelope(hotel, type, message))),
    ...excludingSocket(excludeSocketId),
  };
}

/**
 * Whether the change shows in participants' conversation lists: a deletion always can (a deleted
 * message stops counting as unread), an edit only when it is the conversation's newest message.
 */
export async function changesConversationList(storage: Storage, hotel: string, type: MessageChange, message: Message): Promise<boolean> {
  if (type === 'message_deleted') return true;
  const view = await storage.getConversation(hotel, message.conversation_id, message.sender_id);
  return view?.last_message?.id === message.id;
}

/** `reaction_changed` on the conversation channel. */
export function reactionChangedEvent(hotel: string, change: ReactionChange, excludeSocketId: string | undefined): PublishEvent {
  return {
    channel: conversationChannel(hotel, change.conversation_id),
    name: EVENTS.reactionChanged,
    data: JSON.stringify(fitReactionChanged(envelope(hotel, 'reaction_changed', change))),
    ...excludingSocket(excludeSocketId),
  };
}

/** `messages_read` on the conversation channel. */
export function messagesReadEvent(hotel: string, read: MessagesRead, excludeSocketId: string | undefined): PublishEvent {
  return {
    channel: conversationChannel(hotel, read.conversation_id),
    name: EVENTS.messagesRead,
    data: JSON.stringify(envelope(hotel, 'messages_read', read)),
    ...excludingSocket(excludeSocketId),
  };
}

/**
 * `conversation_updated` on one participant's personal channel, as they see the conversation: after
 * they read it, their other tabs and devices clear its unread count without a fetch. None when the
 * conversation is gone.
 */
export async function conversationUpdatedEventFor(
  storage: Storage,
  hotel: string,
  conversationId: number,
  staffId: string,
): Promise<PublishEvent[]> {
  const conversation = await storage.getConversation(hotel, conversationId, staffId);
  if (!conversation) return [];
  const payload = { ...conversation, channel: conversationChannel(hotel, conversation.id) };
  return [
    {
      channel: personalChannel(hotel, staffId),
      name: EVENTS.conversationUpdated,
      data: JSON.stringify(fitConversationUpdated(envelope(hotel, 'conversation_updated', payload))),
    },
  ];
}

/** A changed message is cut to fit Pusher's event limit exactly as a new one is. */
export function fitMessageChange(event: Envelope<Message, MessageChange>, maxBytes = MAX_EVENT_BYTES): Envelope<Message, MessageChange> {
  if (eventBytes(event) <= maxBytes) return event;
  return { ...fitMessageCreated({ ...event, type: 'message_created' }, maxBytes), type: event.type };
}

/**
 * Returns the envelope unchanged when it fits, else a copy whose `staff_ids` lists are cut (the
 * longest first) until it does, marked `meta.truncated`; counts stay exact. Only a very large group
 * reacting with every emoji gets near Pusher's 10 KB.
 */
export function fitReactionChanged(event: ReactionChangedEnvelope, maxBytes = MAX_EVENT_BYTES): ReactionChangedEnvelope {
  if (eventBytes(event) <= maxBytes) return event;
  const reactions = event.payload.reactions.map((reaction) => ({ ...reaction, staff_ids: [...reaction.staff_ids] }));
  const cut: ReactionChangedEnvelope = { ...event, payload: { ...event.payload, reactions }, meta: { ...event.meta, truncated: true } };
  while (eventBytes(cut) > maxBytes) {
    const longest = reactions.reduce((a, b) => (b.staff_ids.length > a.staff_ids.length ? b : a));
    if (longest.staff_ids.length === 0) break;
    longest.staff_ids.length = Math.floor(longest.staff_ids.length / 2);
  }
  return cut;
}
