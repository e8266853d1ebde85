/**
 * The events of changes to existing messages and conversations (edits, deletions, reactions, reads),
 * triggered through the `pusher` SDK like every other event. `PusherNotifier` calls these; they throw on
 * failure and the notifier logs and swallows it.
 */
import type Pusher from 'pusher';
import {
  EVENTS,
  type Envelope,
  type Message,
  type MessagesRead,
  type ReactionChange,
  type ReactionChangedEnvelope,
} from '../contract.js';
import type { Storage } from '../storage/storage.js';
import { conversationChannel, personalChannel } from './channels.js';
import { envelope } from './envelope.js';
import { eventBytes, fitConversationUpdated, fitMessageCreated, MAX_EVENT_BYTES } from './fit.js';

export interface ChangeDeps {
  pusher: Pusher;
  storage: Storage;
}

export type MessageChange = 'message_edited' | 'message_deleted';

const EVENT_OF: Record<MessageChange, string> = {
  message_edited: EVENTS.messageEdited,
  message_deleted: EVENTS.messageDeleted,
};

/** pusher-js socket ids; the SDK throws on anything else, so a bad header is ignored instead. */
const SOCKET_ID = /^\d+\.\d+$/;

function excluding(socketId: string | undefined): { socket_id: string } | undefined {
  return socketId && SOCKET_ID.test(socketId) ? { socket_id: socketId } : undefined;
}

/** `message_edited` or `message_deleted` on the conversation channel, the whole message as payload. */
export async function triggerMessageChange(
  { pusher }: ChangeDeps,
  hotel: string,
  type: MessageChange,
  message: Message,
  excludeSocketId: string | undefined,
): Promise<void> {
  await pusher.trigger(
    conversationChannel(hotel, message.conversation_id),
    EVENT_OF[type],
    fitMessageChange(envelope(hotel, type, message)),
    excluding(excludeSocketId),
  );
}

/**
 * Whether the change shows in participants' conversation lists: a deletion always can (a deleted
 * message stops counting as unread), an edit only when it is the conversation's newest message.
 */
export async function changesConversationList(
  { storage }: ChangeDeps,
  hotel: string,
  type: MessageChange,
  message: Message,
): Promise<boolean> {
  if (type === 'message_deleted') return true;
  const view = await storage.getConversation(hotel, message.conversation_id, message.sender_id);
  return view?.last_message?.id === message.id;
}

/** `reaction_changed` on the conversation channel. */
export async function triggerReactionChanged(
  { pusher }: ChangeDeps,
  hotel: string,
  change: ReactionChange,
  excludeSocketId: string | undefined,
): Promise<void> {
  await pusher.trigger(
    conversationChannel(hotel, change.conversation_id),
    EVENTS.reactionChanged,
    fitReactionChanged(envelope(hotel, 'reaction_changed', change)),
    excluding(excludeSocketId),
  );
}

/** `messages_read` on the conversation channel. */
export async function triggerMessagesRead(
  { pusher }: ChangeDeps,
  hotel: string,
  read: MessagesRead,
  excludeSocketId: string | undefined,
): Promise<void> {
  await pusher.trigger(
    conversationChannel(hotel, read.conversation_id),
    EVENTS.messagesRead,
    envelope(hotel, 'messages_read', read),
    excluding(excludeSocketId),
  );
}

/**
 * `conversation_updated` on one participant's personal channel, as they see the conversation: after
 * they read it, their other tabs and devices clear its unread count without a fetch.
 */
export async function triggerConversationUpdatedFor(
  { pusher, storage }: ChangeDeps,
  hotel: string,
  conversationId: number,
  staffId: string,
): Promise<void> {
  const conversation = await storage.getConversation(hotel, conversationId, staffId);
  if (!conversation) return;
  const payload = { ...conversation, channel: conversationChannel(hotel, conversation.id) };
  await pusher.trigger(
    personalChannel(hotel, staffId),
    EVENTS.conversationUpdated,
    fitConversationUpdated(envelope(hotel, 'conversation_updated', payload)),
  );
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
