import type { Message } from '../../contract/index.js';
import type { Storage } from './storage.js';

/** The storage methods that hand out messages, which extras (reactions, attachments) are added to. */
export type MessageReaders = Pick<Storage, 'listMessages' | 'getMessage' | 'insertMessage'>;

/** How one kind of extra is loaded, by message id, and put on a message. */
export interface MessageExtra<T> {
  /** The extras of a conversation's messages with ids from `fromId` to `toId`: one indexed range query. */
  ofRange(hotel: string, conversationId: number, fromId: number, toId: number): Promise<Map<number, T>>;
  ofMessage(hotel: string, messageId: number): Promise<Map<number, T>>;
  apply(message: Message, extra: T): Message;
  /** False when a just-inserted message cannot have any yet, so the hot path makes no lookup. */
  mayFollowInsert(result: { created: boolean }, input: Parameters<Storage['insertMessage']>[1]): boolean;
}

/**
 * The message readers with one kind of extra filled in: a page costs one more (range) query, a single
 * message one more lookup, a fresh send only what `mayFollowInsert` allows.
 */
export function withExtra<T>(readers: MessageReaders, extra: MessageExtra<T>): MessageReaders {
  const fill = (messages: Message[], byId: Map<number, T>): Message[] =>
    byId.size === 0
      ? messages
      : messages.map((message) => {
          const found = byId.get(message.id);
          return found === undefined ? message : extra.apply(message, found);
        });
  const ofOne = async (hotel: string, message: Message): Promise<Message> => fill([message], await extra.ofMessage(hotel, message.id))[0]!;

  return {
    async listMessages(hotel, conversationId, options) {
      const page = await readers.listMessages(hotel, conversationId, options);
      const first = page.messages[0];
      const last = page.messages.at(-1);
      if (!first || !last) return page;
      return { ...page, messages: fill(page.messages, await extra.ofRange(hotel, conversationId, first.id, last.id)) };
    },

    async getMessage(hotel, messageId) {
      const message = await readers.getMessage(hotel, messageId);
      return message && ofOne(hotel, message);
    },

    async insertMessage(hotel, input) {
      const result = await readers.insertMessage(hotel, input);
      if (!extra.mayFollowInsert(result, input)) return result;
      return { ...result, message: await ofOne(hotel, result.message) };
    },
  };
}
