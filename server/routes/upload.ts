import { zValidator } from '@hono/zod-validator';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { requireParticipant } from '../auth/membership.js';
import { ApiError } from '../errors.js';
import type { FileStore, StagedFile } from '../files/file-store.js';
import { checkFile, cleanFileName } from '../files/file-types.js';
import type { NewAttachment } from '../storage/storage.js';
import type { RouteDeps } from './deps.js';
import { idParam, MAX_ROW_ID, rejectInvalid } from './validation.js';

const CLIENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Room for the multipart boundaries, part headers and the text fields around the files. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/** True for the upload path, the one route whose body may exceed the global JSON body limit. */
export const isUploadPath = (path: string) => /\/conversations\/[^/]+\/upload\/?$/.test(path);

interface CheckedFile {
  bytes: Uint8Array;
  attachment: Omit<NewAttachment, 'storageKey'>;
}

/**
 * `POST /staff_chat/{hotel}/conversations/{id}/upload/`: multipart `files` (one or more), optional
 * `message`, `reply_to` and `client_id`. Stores one message with its attachments and answers it like
 * send-message (201, or 200 with the same message for a replayed `client_id`); the other participants
 * get it as `message_created`, attachments included.
 *
 * Each file is checked by its content, not its name. Nothing is left behind by a refused or failed
 * upload: files are staged, the rows go in one transaction, and only then are the files committed.
 */
export function uploadRoutes({ config, storage, notifier, auth, limitMessages, files }: RouteDeps & { files: FileStore }) {
  const { maxBytes, maxFiles } = config.uploads;
  const maxBody = maxFiles * maxBytes + MULTIPART_OVERHEAD_BYTES;

  return new Hono().post(
    '/:id/upload',
    auth,
    limitMessages,
    zValidator('param', idParam, rejectInvalid),
    bodyLimit({
      maxSize: maxBody,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `An upload may carry at most ${maxFiles} files of ${maxBytes} bytes each.`);
      },
    }),
    async (c) => {
      const { hotel, sub } = c.var.staff;
      const { id } = c.req.valid('param');
      // Before reading the body: a stranger's upload is refused without storing a byte of it.
      await requireParticipant(storage, hotel, id, sub);

      if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
        throw new ApiError(415, 'multipart_required', 'An upload must be sent as multipart/form-data.');
      }
      const form = await c.req.formData().catch((error: unknown) => {
        if (error instanceof ApiError) throw error;
        throw new ApiError(400, 'bad_request', 'The multipart body could not be read.');
      });
      const fields = readFields(form, config.limits.messageMaxLength);
      const uploads = [...form.getAll('files'), ...form.getAll('file')].filter((value): value is File => typeof value !== 'string');
      if (uploads.length === 0) throw new ApiError(400, 'no_files', 'Choose at least one file to upload (field "files").');
      if (uploads.length > maxFiles) {
        throw new ApiError(400, 'too_many_files', `At most ${maxFiles} files can be sent at once; this upload has ${uploads.length}.`);
      }
      const checked = await checkUploads(uploads, maxBytes);

      if (fields.reply_to !== undefined) {
        const original = await storage.getMessage(hotel, fields.reply_to);
        if (!original || original.conversation_id !== id) {
          throw new ApiError(400, 'invalid_reply_to', 'reply_to must be a message of this conversation.', [
            { field: 'reply_to', problem: 'is not a message of this conversation' },
          ]);
        }
      }

      const staged: StagedFile[] = [];
      const discardAll = () => Promise.allSettled(staged.map((file) => file.discard()));
      let result;
      try {
        for (const file of checked) staged.push(await files.stage(file.bytes));
        result = await storage.insertMessage(hotel, {
          conversationId: id,
          senderId: sub,
          clientId: fields.client_id ?? null,
          message: fields.message,
          replyTo: fields.reply_to ?? null,
          attachments: checked.map((file, index) => ({ ...file.attachment, storageKey: staged[index]!.key })),
        });
      } catch (error) {
        await discardAll();
        throw error;
      }
      const { message, created } = result;
      if (!created) {
        // A replay: the first attempt's files are the ones the message points at.
        await discardAll();
        if (message.conversation_id !== id) {
          throw new ApiError(409, 'client_id_conflict', 'This client_id was already used for a message in another conversation.');
        }
      } else {
        await Promise.all(staged.map((file) => file.commit()));
      }
      const socketId = c.req.header('x-socket-id');
      void notifier.messageCreated(hotel, message, socketId ? { excludeSocketId: socketId } : {});
      return c.json(message, created ? 201 : 200);
    },
  );
}

/** The text fields of the form, validated like send-message's JSON body (the text may be empty here). */
function readFields(form: FormData, messageMaxLength: number) {
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
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

/** Size and content checks of every file; the first refusal names each file that failed. */
async function checkUploads(uploads: File[], maxBytes: number): Promise<CheckedFile[]> {
  const tooBig = uploads.filter((file) => file.size > maxBytes);
  if (tooBig.length > 0) {
    throw new ApiError(
      413,
      'file_too_large',
      `${tooBig.map((file) => file.name).join(', ')} ${tooBig.length === 1 ? 'is' : 'are'} larger than the limit of ${maxBytes} bytes per file.`,
      tooBig.map((file) => ({ field: file.name, problem: `is ${file.size} bytes; at most ${maxBytes} are allowed` })),
    );
  }
  const checked: CheckedFile[] = [];
  const refused: Array<{ field: string; problem: string; code: string }> = [];
  for (const file of uploads) {
    const fileName = cleanFileName(file.name);
    if (file.size === 0) {
      refused.push({ field: fileName, problem: 'is empty', code: 'empty_file' });
      continue;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    const check = checkFile(bytes, fileName, file.type);
    if (!check.ok) {
      refused.push({ field: fileName, problem: check.problem, code: check.code });
      continue;
    }
    checked.push({ bytes, attachment: { fileName, fileType: check.fileType, mimeType: check.mime, fileSize: bytes.length } });
  }
  const first = refused[0];
  if (first) {
    const status = first.code === 'empty_file' ? 400 : 415;
    const details = refused.map(({ field, problem }) => ({ field, problem }));
    throw new ApiError(status, first.code, `${first.field} cannot be sent: it ${first.problem}.`, details);
  }
  return checked;
}
