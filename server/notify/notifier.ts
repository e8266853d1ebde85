import {
  EVENTS,
  type AcknowledgementChange,
  type AttachmentDeletedEvent,
  type HandoverItemChange,
  type Message,
  type MessagesRead,
  type ParticipantLeft,
  type Pin,
  type ReactionChange,
  type Unpin,
} from '../../contract/index.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import {
  changesConversationList,
  conversationUpdatedEventFor,
  messageChangeEvent,
  messagesReadEvent,
  reactionChangedEvent,
  type MessageChange,
} from './change-events.js';
import { conversationChannel, personalChannel } from './channels.js';
import {
  attachmentDeletedEvent,
  messagePinnedEvent,
  messageUnpinnedEvent,
  participantLeftEvents,
  staffMentionedEvents,
  type MentionTarget,
} from './feature-events.js';
import { envelope } from './envelope.js';
import { fitConversationUpdated, fitMessageCreated, MAX_EVENT_BYTES } from './fit.js';
import { excludingSocket, type PublishEvent, type Publisher } from './publisher.js';
import { handoverItemChangedEvent, messageAcknowledgedEvents } from './teamwork-events.js';
import { TriggerQueue } from './trigger-queue.js';

/**
 * Tells listeners what changed. Implementations never reject: a message is stored before anyone is
 * notified, and a failed broadcast must not turn a stored send into an error (the widget catches up
 * with `messages/?after_id=`).
 */
export interface Notifier {
  messageCreated(hotel: string, message: Message, options?: { excludeSocketId?: string }): Promise<void>;
  /** A conversation was created: its other participants' lists should show it without a fetch. */
  conversationCreated(hotel: string, conversationId: number, createdBy: string): Promise<void>;
  /**
   * A message was edited or deleted: `message_edited`/`message_deleted` on its conversation channel, and
   * `conversation_updated` to every participant when their list shows the change.
   */
  messageChanged(hotel: string, type: MessageChange, message: Message, options?: { excludeSocketId?: string }): Promise<void>;
  /** `reaction_changed` on the conversation channel. */
  reactionChanged(hotel: string, change: ReactionChange, options?: { excludeSocketId?: string }): Promise<void>;
  /** `messages_read` on the conversation channel, and `conversation_updated` to the reader's other tabs. */
  messagesRead(hotel: string, read: MessagesRead, options?: { excludeSocketId?: string }): Promise<void>;
  /** People joined a group: `conversation_updated` to every participant, so the new ones see it appear. */
  participantsAdded(hotel: string, conversationId: number, addedBy: string, addedIds: string[]): Promise<void>;
  /** `message_acknowledged` on the conversation channel and on the acknowledger's personal channel. */
  messageAcknowledged(hotel: string, change: AcknowledgementChange, options?: { excludeSocketId?: string }): Promise<void>;
  /** `handover_item_changed` on the conversation channel. */
  handoverItemChanged(hotel: string, change: HandoverItemChange, options?: { excludeSocketId?: string }): Promise<void>;
  /**
   * Someone joined or left a department channel at sign-in: `conversation_updated` to every participant
   * (a newcomer sees it appear). Someone who left is no participant any more: their list drops the
   * channel with its next fetch.
   */
  departmentMembershipChanged(hotel: string, conversationId: number): Promise<void>;
  /** `staff_mentioned` on each target's personal channel (the sender excepted). */
  staffMentioned(hotel: string, message: Message, targets: readonly MentionTarget[]): Promise<void>;
  /** `message_pinned` on the conversation channel. */
  messagePinned(hotel: string, pin: Pin, options?: { excludeSocketId?: string }): Promise<void>;
  /** `message_unpinned` on the conversation channel. */
  messageUnpinned(hotel: string, unpin: Unpin, options?: { excludeSocketId?: string }): Promise<void>;
  /**
   * Someone left or was removed: `participant_left` on the conversation channel and their personal
   * channel, `conversation_updated` (the new participant list) to everyone still in it.
   */
  participantLeft(hotel: string, left: ParticipantLeft): Promise<void>;
  /** `attachment_deleted` on the conversation channel, and list updates when it was the newest message's. */
  attachmentDeleted(hotel: string, deleted: AttachmentDeletedEvent, options?: { excludeSocketId?: string }): Promise<void>;
  /** The person's own view of a conversation changed (mute, archive): `conversation_updated` to their other tabs. */
  ownViewChanged(hotel: string, conversationId: number, staffId: string): Promise<void>;
}

/**
 * The notifier for hosted Pusher, a self-hosted engine and the embedded hub alike: every event it
 * builds goes through one {@link TriggerQueue} to one {@link Publisher} (server.ts picks the `pusher`
 * SDK's or the embedded hub's), so all of them share its batching and retries.
 */
export class PusherNotifier implements Notifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly log: Logger;
  private readonly storage: Storage;
  /** The events of concurrent notifications share batches. */
  private readonly triggers: TriggerQueue;

  constructor(deps: { publisher: Publisher; storage: Storage; log?: Logger; retryDelaysMs?: readonly number[] }) {
    this.log = deps.log ?? consoleLogger;
    this.storage = deps.storage;
    this.triggers = new TriggerQueue(deps.publisher, deps.retryDelaysMs);
  }

  /**
   * Triggers `message_created` on the conversation channel (not echoed to the sender's own socket),
   * and `conversation_updated` on each other participant's personal channel.
   */
  messageCreated(hotel: string, message: Message, options: { excludeSocketId?: string } = {}): Promise<void> {
    // Independent, so a failure of one still lets the other through.
    const work = Promise.all([
      this.guard('message_created', hotel, this.triggerOnConversation(hotel, message, options.excludeSocketId)),
      this.guard('conversation_updated', hotel, this.triggerOnPersonalChannels(hotel, message.conversation_id, message.sender_id)),
    ]).then(() => undefined);
    return this.track(work);
  }

  /** Triggers `conversation_updated` on each participant's personal channel but the creator's. */
  conversationCreated(hotel: string, conversationId: number, createdBy: string): Promise<void> {
    return this.track(this.guard('conversation_updated', hotel, this.triggerOnPersonalChannels(hotel, conversationId, createdBy)));
  }

  messageChanged(hotel: string, type: MessageChange, message: Message, options: { excludeSocketId?: string } = {}): Promise<void> {
    const lists = async () => {
      if (await changesConversationList(this.storage, hotel, type, message)) {
        await this.triggerOnPersonalChannels(hotel, message.conversation_id);
      }
    };
    const work = Promise.all([
      this.guard(type, hotel, this.triggers.send([messageChangeEvent(hotel, type, message, options.excludeSocketId)])),
      this.guard('conversation_updated', hotel, lists()),
    ]).then(() => undefined);
    return this.track(work);
  }

  reactionChanged(hotel: string, change: ReactionChange, options: { excludeSocketId?: string } = {}): Promise<void> {
    return this.track(
      this.guard('reaction_changed', hotel, this.triggers.send([reactionChangedEvent(hotel, change, options.excludeSocketId)])),
    );
  }

  messagesRead(hotel: string, read: MessagesRead, options: { excludeSocketId?: string } = {}): Promise<void> {
    const work = Promise.all([
      this.guard('messages_read', hotel, this.triggers.send([messagesReadEvent(hotel, read, options.excludeSocketId)])),
      this.guard(
        'conversation_updated',
        hotel,
        conversationUpdatedEventFor(this.storage, hotel, read.conversation_id, read.read_by_staff_id).then((events) =>
          this.triggers.send(events),
        ),
      ),
    ]).then(() => undefined);
    return this.track(work);
  }

  // The adder's other tabs need the new participant list too, so nobody is left out.
  participantsAdded(hotel: string, conversationId: number): Promise<void> {
    return this.track(this.guard('conversation_updated', hotel, this.triggerOnPersonalChannels(hotel, conversationId)));
  }

  messageAcknowledged(hotel: string, change: AcknowledgementChange, options: { excludeSocketId?: string } = {}): Promise<void> {
    return this.track(
      this.guard('message_acknowledged', hotel, this.triggers.send(messageAcknowledgedEvents(hotel, change, options.excludeSocketId))),
    );
  }

  handoverItemChanged(hotel: string, change: HandoverItemChange, options: { excludeSocketId?: string } = {}): Promise<void> {
    return this.track(
      this.guard('handover_item_changed', hotel, this.triggers.send([handoverItemChangedEvent(hotel, change, options.excludeSocketId)])),
    );
  }

  departmentMembershipChanged(hotel: string, conversationId: number): Promise<void> {
    return this.track(this.guard('conversation_updated', hotel, this.triggerOnPersonalChannels(hotel, conversationId)));
  }

  staffMentioned(hotel: string, message: Message, targets: readonly MentionTarget[]): Promise<void> {
    return this.track(this.guard('staff_mentioned', hotel, this.triggers.send(staffMentionedEvents(hotel, message, targets))));
  }

  messagePinned(hotel: string, pin: Pin, options: { excludeSocketId?: string } = {}): Promise<void> {
    return this.track(this.guard('message_pinned', hotel, this.triggers.send([messagePinnedEvent(hotel, pin, options.excludeSocketId)])));
  }

  messageUnpinned(hotel: string, unpin: Unpin, options: { excludeSocketId?: string } = {}): Promise<void> {
    return this.track(
      this.guard('message_unpinned', hotel, this.triggers.send([messageUnpinnedEvent(hotel, unpin, options.excludeSocketId)])),
    );
  }

  participantLeft(hotel: string, left: ParticipantLeft): Promise<void> {
    const work = Promise.all([
      this.guard('participant_left', hotel, this.triggers.send(participantLeftEvents(hotel, left))),
      this.guard('conversation_updated', hotel, this.triggerOnPersonalChannels(hotel, left.conversation_id)),
    ]).then(() => undefined);
    return this.track(work);
  }

  attachmentDeleted(hotel: string, deleted: AttachmentDeletedEvent, options: { excludeSocketId?: string } = {}): Promise<void> {
    const lists = async () => {
      // The list names the newest message's first file; only then do the lists change.
      const views = await this.storage.getConversation(hotel, deleted.conversation_id, deleted.deleted_by_staff_id);
      if (views?.last_message?.id === deleted.message_id) await this.triggerOnPersonalChannels(hotel, deleted.conversation_id);
    };
    const work = Promise.all([
      this.guard('attachment_deleted', hotel, this.triggers.send([attachmentDeletedEvent(hotel, deleted, options.excludeSocketId)])),
      this.guard('conversation_updated', hotel, lists()),
    ]).then(() => undefined);
    return this.track(work);
  }

  ownViewChanged(hotel: string, conversationId: number, staffId: string): Promise<void> {
    const events = conversationUpdatedEventFor(this.storage, hotel, conversationId, staffId);
    return this.track(
      this.guard(
        'conversation_updated',
        hotel,
        events.then((list) => this.triggers.send(list)),
      ),
    );
  }

  /** Resolves once every notification started so far has settled; for a graceful shutdown. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all(this.pending);
  }

  private track(work: Promise<void>): Promise<void> {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
    return work;
  }

  private async guard(event: string, hotel: string, work: Promise<void>): Promise<void> {
    try {
      await work;
    } catch (error) {
      this.log.error('realtime notification failed', { event, hotel, error });
    }
  }

  private async triggerOnConversation(hotel: string, message: Message, excludeSocketId: string | undefined): Promise<void> {
    await this.triggers.send([
      {
        channel: conversationChannel(hotel, message.conversation_id),
        name: EVENTS.messageCreated,
        data: fittedJson(envelope(hotel, 'message_created', message), fitMessageCreated),
        ...excludingSocket(excludeSocketId),
      },
    ]);
  }

  private async triggerOnPersonalChannels(hotel: string, conversationId: number, exceptId?: string): Promise<void> {
    // Each participant's view differs only in their own unread count; one storage call gives them all.
    const views = await this.storage.getConversationViews(hotel, conversationId);
    const events: PublishEvent[] = [];
    for (const [participantId, conversation] of views ?? []) {
      if (participantId === exceptId) continue;
      const payload = { ...conversation, channel: conversationChannel(hotel, conversation.id) };
      events.push({
        channel: personalChannel(hotel, participantId),
        name: EVENTS.conversationUpdated,
        data: fittedJson(envelope(hotel, 'conversation_updated', payload), fitConversationUpdated),
      });
    }
    await this.triggers.send(events);
  }
}

/** The event as JSON, fitted under Pusher's size limit; serialised once when it fits, as nearly all do. */
function fittedJson<T>(event: T, fit: (event: T) => T): string {
  const json = JSON.stringify(event);
  return Buffer.byteLength(json, 'utf8') <= MAX_EVENT_BYTES ? json : JSON.stringify(fit(event));
}
