/**
 * The events of urgent acknowledgements and handover checklists, built for the notifier, which publishes
 * them through its `Publisher` like every other event.
 */
import {
  EVENTS,
  type AcknowledgementChange,
  type AcknowledgementSummary,
  type Envelope,
  type HandoverItemChange,
  type MessageAcknowledgedEnvelope,
} from '../../contract/index.js';
import { conversationChannel, personalChannel } from './channels.js';
import { envelope } from './envelope.js';
import { eventBytes, MAX_EVENT_BYTES, trimAcknowledgements } from './fit.js';
import { excludingSocket, type PublishEvent } from './publisher.js';

/**
 * `message_acknowledged` on the conversation channel (skipping the acknowledger's socket, which has the
 * answer), and on the acknowledger's personal channel for their other tabs' pending banners.
 */
export function messageAcknowledgedEvents(
  hotel: string,
  change: AcknowledgementChange,
  excludeSocketId: string | undefined,
): PublishEvent[] {
  const data = JSON.stringify(fitAcknowledged(envelope(hotel, 'message_acknowledged', change)));
  return [
    {
      channel: conversationChannel(hotel, change.conversation_id),
      name: EVENTS.messageAcknowledged,
      data,
      ...excludingSocket(excludeSocketId),
    },
    {
      channel: personalChannel(hotel, change.acknowledgement.id),
      name: EVENTS.messageAcknowledged,
      data,
      ...excludingSocket(excludeSocketId),
    },
  ];
}

/** `handover_item_changed` on the conversation channel; one item is always well under Pusher's limit. */
export function handoverItemChangedEvent(hotel: string, change: HandoverItemChange, excludeSocketId: string | undefined): PublishEvent {
  return {
    channel: conversationChannel(hotel, change.conversation_id),
    name: EVENTS.handoverItemChanged,
    data: JSON.stringify(envelope(hotel, 'handover_item_changed', change)),
    ...excludingSocket(excludeSocketId),
  };
}

/** The envelope unchanged when it fits, else with its summary trimmed and marked `meta.truncated`. */
export function fitAcknowledged(event: MessageAcknowledgedEnvelope, maxBytes = MAX_EVENT_BYTES): MessageAcknowledgedEnvelope {
  if (eventBytes(event) <= maxBytes) return event;
  const withSummary = (acknowledgements: AcknowledgementSummary): Envelope<AcknowledgementChange, 'message_acknowledged'> => ({
    ...event,
    payload: { ...event.payload, acknowledgements },
    meta: { ...event.meta, truncated: true },
  });
  return withSummary(trimAcknowledgements(event.payload.acknowledgements, (summary) => eventBytes(withSummary(summary)) <= maxBytes));
}
