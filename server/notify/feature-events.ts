/**
 * The events of issue 10's conversation features (mentions, pins, leaving, deleted attachments), built
 * for the notifier, which publishes them through its `Publisher` like every other event.
 */
import {
  EVENTS,
  type AttachmentDeletedEvent,
  type Message,
  type MessagePinnedEnvelope,
  type ParticipantLeft,
  type Pin,
  type StaffMentioned,
  type Unpin,
} from '../../contract/index.js';
import { previewText } from '../../contract/index.js';
import { conversationChannel, personalChannel } from './channels.js';
import { envelope } from './envelope.js';
import { eventBytes, fitMessageCreated, MAX_EVENT_BYTES } from './fit.js';
import { excludingSocket, type PublishEvent } from './publisher.js';

/** Someone a message mentions, and the department that brought them in, if any. */
export interface MentionTarget {
  staffId: string;
  department: string | null;
}

/**
 * `staff_mentioned` on each mentioned person's personal channel, never the sender's own. Names come from
 * the message's `mentioned_staff`; a target it does not list gets nothing.
 */
export function staffMentionedEvents(hotel: string, message: Message, targets: readonly MentionTarget[]): PublishEvent[] {
  const events: PublishEvent[] = [];
  for (const target of targets) {
    if (target.staffId === message.sender_id) continue;
    const staff = message.mentioned_staff?.find((person) => person.id === target.staffId);
    if (!staff) continue;
    const payload: StaffMentioned = {
      conversation_id: message.conversation_id,
      message_id: message.id,
      mentioned_staff_id: staff.id,
      mentioned_staff_name: staff.full_name,
      mentioned_staff_avatar: staff.avatar,
      department: target.department,
      sender_id: message.sender_id,
      sender_name: message.sender_info.full_name,
      sender_avatar: message.sender_info.avatar,
      message: previewText(message.message),
      timestamp: message.timestamp,
    };
    events.push({
      channel: personalChannel(hotel, staff.id),
      name: EVENTS.staffMentioned,
      data: JSON.stringify(envelope(hotel, 'staff_mentioned', payload)),
    });
  }
  return events;
}

/** `message_pinned` on the conversation channel, the pin with its message. */
export function messagePinnedEvent(hotel: string, pin: Pin, excludeSocketId: string | undefined): PublishEvent {
  return {
    channel: conversationChannel(hotel, pin.conversation_id),
    name: EVENTS.messagePinned,
    data: JSON.stringify(fitPinned(envelope(hotel, 'message_pinned', pin))),
    ...excludingSocket(excludeSocketId),
  };
}

/** A pinned message's text is cut to fit Pusher's event limit exactly as a new message's is. */
export function fitPinned(event: MessagePinnedEnvelope, maxBytes = MAX_EVENT_BYTES): MessagePinnedEnvelope {
  if (eventBytes(event) <= maxBytes) return event;
  // What the pin adds around its message, so the message is cut to the room that is left.
  const around = eventBytes({ ...event.payload, message: null });
  const cut = fitMessageCreated({ ...event, type: 'message_created', payload: event.payload.message }, maxBytes - around);
  return { ...event, payload: { ...event.payload, message: cut.payload }, meta: { ...event.meta, truncated: true } };
}

/** `message_unpinned` on the conversation channel. */
export function messageUnpinnedEvent(hotel: string, unpin: Unpin, excludeSocketId: string | undefined): PublishEvent {
  return {
    channel: conversationChannel(hotel, unpin.conversation_id),
    name: EVENTS.messageUnpinned,
    data: JSON.stringify(envelope(hotel, 'message_unpinned', unpin)),
    ...excludingSocket(excludeSocketId),
  };
}

/** `participant_left` on the conversation channel and on the leaver's personal channel. */
export function participantLeftEvents(hotel: string, left: ParticipantLeft): PublishEvent[] {
  const data = JSON.stringify(envelope(hotel, 'participant_left', left));
  return [
    { channel: conversationChannel(hotel, left.conversation_id), name: EVENTS.participantLeft, data },
    { channel: personalChannel(hotel, left.staff_id), name: EVENTS.participantLeft, data },
  ];
}

/** `attachment_deleted` on the conversation channel. */
export function attachmentDeletedEvent(hotel: string, deleted: AttachmentDeletedEvent, excludeSocketId: string | undefined): PublishEvent {
  return {
    channel: conversationChannel(hotel, deleted.conversation_id),
    name: EVENTS.attachmentDeleted,
    data: JSON.stringify(envelope(hotel, 'attachment_deleted', deleted)),
    ...excludingSocket(excludeSocketId),
  };
}
