import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeWebStream } from 'node:stream/web';
import { zValidator } from '@hono/zod-validator';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { CLIENT_ID } from '../../contract/index.js';
import { requireParticipant } from '../auth/membership.js';
import { ApiError } from '../errors.js';
import type { FileStore } from '../files/file-store.js';
import { receiveUpload, type UploadLimits } from '../files/receive-upload.js';
import { UploadGate } from '../files/upload-gate.js';
import type { RouteDeps } from './deps.js';
import { requireReplyTarget } from './reply-target.js';
import { idParam, MAX_ROW_ID, rejectInvalid } from './validation.js';

/** Room for the multipart boundaries, part headers and the text fields around the files. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** More text fields than the three an upload has leave room for a client's extras, not for a flood. */
const MAX_FIELDS = 20;

/**
 * How long a refused upload is asked to wait: long enough for one of the person's uploads (or the
 * server's) to finish, short enough that a retry soon finds the place free.
 */
const BUSY_RETRY_AFTER_SECONDS = 5;

/** True for the upload path, the one route whose body may exceed the global JSON body limit. */
export const isUploadPath = (path: string) => /\/conversations\/[^/]+\/upload\/?$/.test(path);

/**
 * `POST /staff_chat/{hotel}/conversations/{id}/upload/`: multipart `files` (one or more), optional
 * `message`, `reply_to` and `client_id`. Stores one message with its attachments and answers it like
 * send-message (201, or 200 with the same message for a replayed `client_id`); the other participants
 * get it as `message_created`, attachments included.
 *
 * The body is streamed to the store, never held in memory, and every limit is applied as it arrives:
 * the first refusal (413, 415, 400, or 507 for a full disk) stops reading and answers at once; the
 * connection then ends (`closeWhenBodyUnread`) rather than the rest being read. Each file is checked
 * by its content, not its name. A person may send `config.uploads.concurrencyPerStaff` uploads at once
 * (beyond: 429 `too_many_uploads`), the server `concurrencyTotal` (beyond: 503 `server_busy`), both
 * with Retry-After.
 *
 * Nothing is left behind by a refused or failed upload: files are staged, the rows go in one
 * transaction, and only then are the files committed.
 */
export function uploadRoutes({ config, storage, notifier, auth, limitMessages, files }: RouteDeps & { files: FileStore }) {
  const { maxBytes, maxFiles } = config.uploads;
  const messageMaxLength = config.limits.messageMaxLength;
  const limits: UploadLimits = {
    maxFileBytes: maxBytes,
    maxFiles,
    maxBodyBytes: maxFiles * maxBytes + MULTIPART_OVERHEAD_BYTES,
    // A UTF-16 code unit takes at most 3 bytes of UTF-8: a longer field is too long in any case.
    maxFieldBytes: 3 * messageMaxLength + 1,
    maxFields: MAX_FIELDS,
  };
  const gate = new UploadGate({ perPerson: config.uploads.concurrencyPerStaff, total: config.uploads.concurrencyTotal });

  return new Hono().post('/:id/upload', auth, limitMessages, zValidator('param', idParam, rejectInvalid), async (c) => {
    const { hotel, sub } = c.var.staff;
    const { id } = c.req.valid('param');
    const incoming = nodeRequest(c);

    const entry = gate.enter(`${hotel}\n${sub}`);
    if (!entry.ok) return busy(entry.refusal);
    // Served by app.request() (tests), the body is a web stream; under Node it is the request itself.
    // tsconfig.e2e.json reaches this file too, where the DOM's ReadableStream is the global one.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion -- see above
    const body = incoming ?? Readable.fromWeb((c.req.raw.body ?? new Blob([]).stream()) as NodeWebStream);
    try {
      // Before reading the body: a stranger's upload is refused without storing a byte of it.
      await requireParticipant(storage, hotel, id, sub);

      const contentType = c.req.header('content-type') ?? '';
      if (!/^multipart\/form-data\b/i.test(contentType)) {
        throw new ApiError(415, 'multipart_required', 'An upload must be sent as multipart/form-data.');
      }
      const declared = Number(c.req.header('content-length'));
      if (declared > limits.maxBodyBytes) {
        throw new ApiError(413, 'payload_too_large', `An upload may carry at most ${maxFiles} files of ${maxBytes} bytes each.`);
      }

      const upload = await receiveUpload(body, contentType, limits, files);
      let result;
      try {
        const fields = readFields(upload.fields, messageMaxLength);
        if (fields.reply_to !== undefined) await requireReplyTarget(storage, hotel, id, fields.reply_to);
        result = await storage.insertMessage(hotel, {
          conversationId: id,
          senderId: sub,
          clientId: fields.client_id ?? null,
          message: fields.message,
          replyTo: fields.reply_to ?? null,
          attachments: upload.files.map((file) => ({ ...file.attachment, storageKey: file.staged.key })),
        });
      } catch (error) {
        await upload.discard();
        throw error;
      }
      const { message, created } = result;
      if (!created) {
        // A replay: the first attempt's files are the ones the message points at.
        await upload.discard();
        if (message.conversation_id !== id) {
          throw new ApiError(409, 'client_id_conflict', 'This client_id was already used for a message in another conversation.');
        }
      } else {
        await Promise.all(upload.files.map((file) => file.staged.commit()));
      }
      const socketId = c.req.header('x-socket-id');
      void notifier.messageCreated(hotel, message, socketId ? { excludeSocketId: socketId } : {});
      return c.json(message, created ? 201 : 200);
    } finally {
      entry.leave();
      if (!incoming) body.destroy();
    }
  });
}

/** The Node request under @hono/node-server (`c.env.incoming`); undefined under app.request(). */
function nodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  return incoming instanceof IncomingMessage ? incoming : undefined;
}

function busy(refusal: 'person_busy' | 'server_busy'): Response {
  const error =
    refusal === 'person_busy'
      ? new ApiError(
          429,
          'too_many_uploads',
          `You are already sending as many files as you may at once; try again in ${BUSY_RETRY_AFTER_SECONDS} s.`,
          {
            retry_after: BUSY_RETRY_AFTER_SECONDS,
          },
        )
      : new ApiError(
          503,
          'server_busy',
          `The server is receiving as many uploads as it can at once; try again in ${BUSY_RETRY_AFTER_SECONDS} s.`,
          {
            retry_after: BUSY_RETRY_AFTER_SECONDS,
          },
        );
  const response = error.getResponse();
  response.headers.set('Retry-After', String(BUSY_RETRY_AFTER_SECONDS));
  return response;
}

/** The text fields of the form, validated like send-message's JSON body (the text may be empty here). */
function readFields(form: ReadonlyMap<string, string>, messageMaxLength: number) {
  const text = (name: string) => {
    const value = form.get(name);
    return value !== undefined && value.trim() !== '' ? value.trim() : undefined;
  };
  const schema = z.object({
    message: z.string().max(messageMaxLength).default(''),
    reply_to: z
      .string()
      .regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer')
      .transform(Number)
      .pipe(z.number().max(MAX_ROW_ID, 'is not a known id'))
      .optional(),
    client_id: z.string().regex(CLIENT_ID, 'must be 1 to 64 characters from A-Z a-z 0-9 _ -').optional(),
  });
  const parsed = schema.safeParse({ message: text('message'), reply_to: text('reply_to'), client_id: text('client_id') });
  if (!parsed.success) rejectInvalid(parsed);
  return parsed.data!;
}
