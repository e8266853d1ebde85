import { Transform, type Readable } from 'node:stream';
import busboy from 'busboy';
import { ApiError } from '../errors.js';
import type { NewAttachment } from '../storage/storage.js';
import { isStoreFull, type FileStore, type StagedFile } from './file-store.js';
import { cleanFileName } from './file-types.js';
import { FileInspection } from './file-inspection.js';

/** The form fields that carry files; files under any other name are read past. */
const FILE_FIELDS = new Set(['files', 'file']);

/** What one upload may carry; each is enforced while the body streams in. */
export interface UploadLimits {
  /** Largest file, in bytes. */
  maxFileBytes: number;
  maxFiles: number;
  /** Largest body in all: files, text fields and the multipart framing. */
  maxBodyBytes: number;
  /** Longest text field, in bytes. */
  maxFieldBytes: number;
  /** Most text fields. */
  maxFields: number;
}

export interface ReceivedFile {
  staged: StagedFile;
  attachment: Omit<NewAttachment, 'storageKey'>;
}

export interface ReceivedUpload {
  /** The text fields: the first value under each name. */
  fields: ReadonlyMap<string, string>;
  /** At least one, each checked and staged, in the order they were sent. */
  files: ReceivedFile[];
  /** Throws every staged file away (the message was not stored, or was a replay). */
  discard(): Promise<void>;
}

/**
 * Reads a `multipart/form-data` upload from `body` as it arrives and stages each file in `store` on the
 * way: no file is ever whole in memory. Every limit is checked while streaming; at the first refusal
 * (an {@link ApiError}: 413 too large, 400 too many files or a malformed body, 415 a refused type, 507
 * a full store) reading stops at once, whatever was staged is removed, and only then the promise
 * rejects, so the answer can go out before the rest of the body was sent and leaves nothing behind.
 *
 * `body` is unpiped and paused on a refusal, not destroyed: for a Node request, the socket still has to
 * carry the answer.
 *
 * @example const upload = await receiveUpload(c.env.incoming, contentType, limits, files);
 */
export async function receiveUpload(body: Readable, contentType: string, limits: UploadLimits, store: FileStore): Promise<ReceivedUpload> {
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { 'content-type': contentType },
      // Browsers send file names as raw UTF-8 in `filename="…"`; busboy's default would read Latin-1.
      defParamCharset: 'utf8',
      limits: { files: limits.maxFiles, fields: limits.maxFields, fieldSize: limits.maxFieldBytes },
    });
  } catch {
    throw new ApiError(400, 'bad_request', 'The multipart body could not be read: its Content-Type names no boundary.');
  }

  const fields = new Map<string, string>();
  const tasks: Promise<ReceivedFile>[] = [];
  let failure: unknown;
  let rejectParsing: (error: unknown) => void = () => {};
  const parsed = new Promise<void>((resolve, reject) => {
    rejectParsing = reject;
    // 'finish' comes once the closing boundary was read and every file stream was read to its end.
    parser.once('finish', resolve);
  });

  let received = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > limits.maxBodyBytes) {
        fail(
          new ApiError(
            413,
            'payload_too_large',
            `An upload may carry at most ${limits.maxFiles} files of ${limits.maxFileBytes} bytes each.`,
          ),
        );
        done();
        return;
      }
      done(null, chunk);
    },
  });

  function fail(error: unknown) {
    if (failure !== undefined) return;
    failure = error;
    // Nothing more of this body is wanted.
    body.unpipe(meter);
    body.pause();
    meter.destroy();
    // Ends the file stream being read in an error, so its staging stops and removes its partial file.
    parser.destroy();
    rejectParsing(error);
  }

  const cutOff = () => fail(new ApiError(400, 'upload_interrupted', 'The upload was cut off before its last byte arrived.'));
  body.on('error', cutOff);
  body.once('close', () => {
    if (!body.readableEnded) cutOff();
  });

  parser.on('file', (name, stream, info) => {
    // A body cut off before its staging began reading destroys this stream with an error nobody listens
    // for yet; the parser reports the same failure, and staging sees it when it reads.
    stream.on('error', () => {});
    if (failure !== undefined || !FILE_FIELDS.has(name)) {
      stream.resume();
      return;
    }
    const task = stageFile(stream, cleanFileName(formDataName(info.filename ?? '')), info.mimeType, limits.maxFileBytes, store);
    task.catch(fail);
    tasks.push(task);
  });
  parser.on('field', (name, value, info) => {
    if (info.valueTruncated) {
      fail(new ApiError(413, 'payload_too_large', `The field "${name}" is longer than ${limits.maxFieldBytes} bytes.`));
    } else if (!fields.has(name)) {
      fields.set(name, value);
    }
  });
  parser.on('filesLimit', () => fail(new ApiError(400, 'too_many_files', `At most ${limits.maxFiles} files can be sent at once.`)));
  parser.on('fieldsLimit', () =>
    fail(new ApiError(413, 'payload_too_large', `An upload may carry at most ${limits.maxFields} text fields.`)),
  );
  parser.on('error', () => fail(new ApiError(400, 'bad_request', 'The multipart body could not be read.')));

  body.pipe(meter).pipe(parser);

  try {
    await parsed;
    const files = await Promise.all(tasks);
    if (files.length === 0) throw new ApiError(400, 'no_files', 'Choose at least one file to upload (field "files").');
    return { fields, files, discard: () => discardAll(files) };
  } catch (error) {
    fail(error);
    // Every staging must have ended (a refused one removes its own partial file) before the answer goes.
    const settled = await Promise.allSettled(tasks);
    await discardAll(settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : [])));
    throw failure;
  }
}

async function stageFile(
  stream: Readable,
  fileName: string,
  claimedMime: string,
  maxBytes: number,
  store: FileStore,
): Promise<ReceivedFile> {
  const file = new FileInspection(fileName, claimedMime, maxBytes);
  let staged: StagedFile;
  try {
    staged = await store.stage(file.pass(stream));
  } catch (error) {
    if (isStoreFull(error)) {
      throw new ApiError(
        507,
        'insufficient_storage',
        `${fileName} could not be stored because the server's storage is full; nothing of this upload was kept. Try again later, and tell your administrator.`,
      );
    }
    throw error;
  }
  const { mime, fileType } = file.kind;
  return { staged, attachment: { fileName, fileType, mimeType: mime, fileSize: file.size } };
}

/**
 * A file name as the HTML standard has browsers write it into `filename="…"`: with `"`, CR and LF as
 * `%22`, `%0D` and `%0A` (nothing else is escaped, so nothing else is unescaped).
 */
function formDataName(raw: string): string {
  return raw.replace(/%0A/gi, '\n').replace(/%0D/gi, '\r').replace(/%22/g, '"');
}

async function discardAll(files: ReceivedFile[]): Promise<void> {
  await Promise.allSettled(files.map((file) => file.staged.discard()));
}
