import type { Message } from '../../contract/index.js';
import type { Storage } from '../storage/storage.js';
import type { UrlSigner } from './signed-url.js';

/** The path of an attachment's file under the API base, without its signature. */
export function attachmentFilePath(apiBase: string, hotel: string, attachmentId: number): string {
  return `${apiBase}/staff_chat/${encodeURIComponent(hotel)}/attachments/${attachmentId}/file`;
}

/**
 * The storage as the routes see it: every message it hands out carries freshly signed `file_url`s (and
 * `thumbnail_url`s for images). Signing here, once, covers every route and every realtime event that
 * carries a message, since they all take their messages from storage.
 */
export function withSignedAttachmentUrls(storage: Storage, signer: UrlSigner, apiBase: string): Storage {
  const sign = (hotel: string, message: Message): Message => {
    if (message.attachments.length === 0) return message;
    const attachments = message.attachments.map((attachment) => {
      const { exp, sig } = signer.sign(hotel, attachment.id);
      const url = `${attachmentFilePath(apiBase, hotel, attachment.id)}?exp=${exp}&sig=${sig}`;
      return { ...attachment, file_url: url, thumbnail_url: attachment.file_type === 'image' ? url : null };
    });
    return { ...message, attachments };
  };
  const signed = <T extends { message: Message }>(hotel: string, result: T | undefined): T | undefined =>
    result && { ...result, message: sign(hotel, result.message) };

  // A prototype link rather than a spread, so a class-based storage keeps its other methods.
  const decorated = Object.create(storage) as Storage;
  return Object.assign(decorated, {
    listMessages: async (...args: Parameters<Storage['listMessages']>) => {
      const page = await storage.listMessages(...args);
      return { ...page, messages: page.messages.map((message) => sign(args[0], message)) };
    },
    getMessage: async (hotel: string, messageId: number) => {
      const message = await storage.getMessage(hotel, messageId);
      return message && sign(hotel, message);
    },
    insertMessage: async (...args: Parameters<Storage['insertMessage']>) => signed(args[0], await storage.insertMessage(...args))!,
    insertMessages: async (...args: Parameters<Storage['insertMessages']>) =>
      (await storage.insertMessages(...args)).map((message) => sign(args[0], message)),
    editMessage: async (hotel: string, messageId: number, text: string) => signed(hotel, await storage.editMessage(hotel, messageId, text)),
    deleteMessage: async (hotel: string, messageId: number) => signed(hotel, await storage.deleteMessage(hotel, messageId)),
  } satisfies Partial<Storage>);
}
