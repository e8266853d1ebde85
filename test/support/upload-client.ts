/**
 * Uploads over real HTTP without holding them in memory: a multipart body generated as it is sent (a
 * large file is its real first bytes, then the same zero-filled chunk again and again), and a sender
 * that reports how much of the body had gone out when the answer came, or holds the body back midway.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/** One part of the form: a text field, or a file of `size` bytes that starts with `head`. */
export type UploadPart =
  { name: string; value: string } | { name: string; fileName: string; type?: string; head: Uint8Array; size?: number };

/** A multipart/form-data body known by its length and made on demand. */
export interface MultipartBody {
  contentType: string;
  length: number;
  chunks(): Generator<Uint8Array>;
}

const FILL = Buffer.alloc(64 * 1024);

export function multipartBody(parts: readonly UploadPart[]): MultipartBody {
  const boundary = `----staff-chat-test-${randomBytes(8).toString('hex')}`;
  const headerOf = (part: UploadPart) =>
    Buffer.from(
      'value' in part
        ? `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n`
        : `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.fileName}"\r\n` +
            `Content-Type: ${part.type ?? 'application/octet-stream'}\r\n\r\n`,
    );
  const sizeOf = (part: UploadPart) =>
    'value' in part ? Buffer.byteLength(part.value) : Math.max(part.size ?? part.head.length, part.head.length);
  const closing = Buffer.from(`--${boundary}--\r\n`);
  const length = parts.reduce((sum, part) => sum + headerOf(part).length + sizeOf(part) + 2, closing.length);
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    length,
    *chunks() {
      for (const part of parts) {
        yield headerOf(part);
        if ('value' in part) yield Buffer.from(part.value);
        else {
          yield part.head;
          for (let left = sizeOf(part) - part.head.length; left > 0; left -= FILL.length)
            yield left >= FILL.length ? FILL : FILL.subarray(0, left);
        }
        yield Buffer.from('\r\n');
      }
      yield closing;
    },
  };
}

export interface UploadAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: unknown;
  /** Bytes of the body written to the socket when the answer's headers arrived. */
  sentWhenAnswered: number;
  /** The whole body's length. */
  length: number;
}

export interface UploadOptions {
  token: string;
  /** Send the body chunked, with no Content-Length (so the server cannot refuse it by its declared size). */
  chunked?: boolean;
  /**
   * Stop writing after this many bytes until `resume` resolves (an upload held open midway); `'abort'`
   * then cuts the connection, as a cancelled upload or a lost network does, and answers status 0.
   */
  pauseAt?: number;
  resume?: Promise<'continue' | 'abort'>;
  /** Resolves once the first `pauseAt` bytes were written. */
  onPaused?: () => void;
}

/**
 * POSTs `body` to `url` and resolves with the answer, whenever it comes: before the body was all sent
 * (the server refused early), or after. Writing honours backpressure and stops at the answer.
 */
export function sendUpload(url: string, body: MultipartBody, options: UploadOptions): Promise<UploadAnswer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': body.contentType,
        ...(options.chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': body.length }),
      },
    });
    req.on('response', (res) => {
      answered = true;
      const sentWhenAnswered = sent;
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          json: text ? JSON.parse(text) : undefined,
          sentWhenAnswered,
          length: body.length,
        });
        // What the server chose not to read is not sent either.
        if (sent < body.length) req.destroy();
      });
    });
    req.on('error', (error) => {
      // Writing into a connection the server closed after answering is expected; no answer is not.
      if (!answered) reject(error);
    });

    const waitForDrainOrAnswer = () =>
      new Promise<void>((done) => {
        const finish = () => {
          req.off('drain', finish);
          req.off('response', finish);
          req.off('close', finish);
          done();
        };
        req.once('drain', finish);
        req.once('response', finish);
        req.once('close', finish);
      });

    void (async () => {
      let paused = false;
      for (const chunk of body.chunks()) {
        if (answered || req.destroyed) return;
        if (!paused && options.pauseAt !== undefined && sent + chunk.length > options.pauseAt) {
          paused = true;
          options.onPaused?.();
          const next = await options.resume;
          if (answered || req.destroyed) return;
          if (next === 'abort') {
            answered = true;
            req.destroy();
            resolve({ status: 0, headers: {}, json: undefined, sentWhenAnswered: sent, length: body.length });
            return;
          }
        }
        sent += chunk.length;
        if (!req.write(chunk)) await waitForDrainOrAnswer();
      }
      if (!answered && !req.destroyed) req.end();
    })();
  });
}
