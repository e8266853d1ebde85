import {
  previewText,
  type AcknowledgementSummary,
  type ConversationUpdatedEnvelope,
  type MessageCreatedEnvelope,
} from '../../contract/index.js';

/** Pusher rejects event data over 10 KB (10,240 bytes); stay a little under it for the hub's framing. */
export const MAX_EVENT_BYTES = 10_000;

/** The size Pusher measures: the UTF-8 bytes of the JSON-encoded data. */
export function eventBytes(data: unknown): number {
  return Buffer.byteLength(JSON.stringify(data), 'utf8');
}

/**
 * Returns the envelope unchanged when it fits, else a copy whose message text (and reply preview) is cut
 * at a character boundary, marked `meta.truncated` so the widget fetches the whole message over REST.
 */
export function fitMessageCreated(event: MessageCreatedEnvelope, maxBytes = MAX_EVENT_BYTES): MessageCreatedEnvelope {
  if (eventBytes(event) <= maxBytes) return event;
  const reply = event.payload.reply_to_message;
  const base: MessageCreatedEnvelope = {
    ...event,
    payload: { ...event.payload, reply_to_message: reply && { ...reply, message: previewText(reply.message) } },
    meta: { ...event.meta, truncated: true },
  };
  // An urgent message to a large department: its lists go before its text does.
  const { acknowledgements } = base.payload;
  if (acknowledgements) {
    const withSummary = (summary: typeof acknowledgements) => ({
      ...base,
      payload: { ...base.payload, message: '', acknowledgements: summary },
    });
    base.payload.acknowledgements = trimAcknowledgements(acknowledgements, (summary) => eventBytes(withSummary(summary)) <= maxBytes);
  }
  const characters = Array.from(event.payload.message);
  const withLength = (length: number): MessageCreatedEnvelope => ({
    ...base,
    payload: { ...base.payload, message: characters.slice(0, length).join('') },
  });
  return withLength(largestFitting(characters.length, (length) => eventBytes(withLength(length)) <= maxBytes));
}

/**
 * Returns the envelope unchanged when it fits, else a copy with as many participants as fit, marked
 * `meta.truncated` so the widget refetches the conversation for the full list.
 */
export function fitConversationUpdated(event: ConversationUpdatedEnvelope, maxBytes = MAX_EVENT_BYTES): ConversationUpdatedEnvelope {
  if (eventBytes(event) <= maxBytes) return event;
  const { participants } = event.payload;
  const withCount = (count: number): ConversationUpdatedEnvelope => ({
    ...event,
    payload: { ...event.payload, participants: participants.slice(0, count) },
    meta: { ...event.meta, truncated: true },
  });
  return withCount(largestFitting(participants.length, (count) => eventBytes(withCount(count)) <= maxBytes));
}

/**
 * The summary with its lists cut (the longer first, halving) until `fits` holds; `total` stays exact.
 * Only a department of a few hundred people gets near Pusher's 10 KB.
 */
export function trimAcknowledgements(
  summary: AcknowledgementSummary,
  fits: (summary: AcknowledgementSummary) => boolean,
): AcknowledgementSummary {
  const cut = { ...summary, acknowledged: [...summary.acknowledged], pending: [...summary.pending] };
  while (!fits(cut) && (cut.acknowledged.length > 0 || cut.pending.length > 0)) {
    const longer = cut.acknowledged.length >= cut.pending.length ? cut.acknowledged : cut.pending;
    longer.length = Math.floor(longer.length / 2);
  }
  return cut;
}

/** The largest n in [0, upper] for which `fits(n)` holds, given that it holds for every smaller n. */
function largestFitting(upper: number, fits: (n: number) => boolean): number {
  let low = 0;
  let high = upper;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(middle)) low = middle;
    else high = middle - 1;
  }
  return low;
}
