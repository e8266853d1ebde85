import type Pusher from 'pusher';
import { EVENTS, type Message } from '../contract.js';
import { consoleLogger, type Logger } from '../logger.js';
import type { Storage } from '../storage/storage.js';
import { conversationChannel, personalChannel } from './channels.js';
import { envelope } from './envelope.js';
import { fitConversationUpdated, fitMessageCreated } from './fit.js';

/**
 * Tells listeners what changed. Implementations never reject: a message is stored before anyone is
 * notified, and a failed broadcast must not turn a stored send into an error (the widget catches up
 * with `messages/?after_id=`).
 */
export interface Notifier {
  messageCreated(hotel: string, message: Message, options?: { excludeSocketId?: string }): Promise<void>;
  /** A conversation was created: its other participants' lists should show it without a fetch. */
  conversationCreated(hotel: string, conversationId: number, createdBy: string): Promise<void>;
}

/** pusher-js socket ids; the SDK throws on anything else, so a bad header is ignored instead. */
const SOCKET_ID = /^\d+\.\d+$/;

/** Pusher accepts at most 10 events per batch trigger. */
const BATCH_SIZE = 10;

/**
 * The notifier for hosted Pusher, a self-hosted engine and the embedded hub alike: all of them are
 * reached through the official `pusher` SDK.
 */
export class PusherNotifier implements Notifier {
  private readonly pending = new Set<Promise<void>>();
  private readonly log: Logger;

  constructor(private readonly deps: { pusher: Pusher; storage: Storage; log?: Logger }) {
    this.log = deps.log ?? consoleLogger;
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
    const socketId = excludeSocketId && SOCKET_ID.test(excludeSocketId) ? excludeSocketId : undefined;
    const event = fitMessageCreated(envelope(hotel, 'message_created', message));
    await this.deps.pusher.trigger(
      conversationChannel(hotel, message.conversation_id),
      EVENTS.messageCreated,
      event,
      socketId ? { socket_id: socketId } : undefined,
    );
  }

  private async triggerOnPersonalChannels(hotel: string, conversationId: number, exceptId: string): Promise<void> {
    const { pusher, storage } = this.deps;
    const participantIds = (await storage.getParticipantIds(hotel, conversationId)) ?? [];
    const batch: Pusher.BatchEvent[] = [];
    for (const participantId of participantIds) {
      if (participantId === exceptId) continue;
      // As this participant sees it: their own unread count.
      const conversation = await storage.getConversation(hotel, conversationId, participantId);
      if (!conversation) continue;
      const payload = { ...conversation, channel: conversationChannel(hotel, conversation.id) };
      batch.push({
        channel: personalChannel(hotel, participantId),
        name: EVENTS.conversationUpdated,
        data: fitConversationUpdated(envelope(hotel, 'conversation_updated', payload)),
      });
    }
    for (let start = 0; start < batch.length; start += BATCH_SIZE) {
      await pusher.triggerBatch(batch.slice(start, start + BATCH_SIZE));
    }
  }
}
