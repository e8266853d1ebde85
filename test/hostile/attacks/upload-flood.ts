/**
 * Attack 4, the upload flood: one staff member starts many uploads at once, each carrying the most files
 * of the largest size the settings allow. Buffered in memory, that is hundreds of megabytes; streamed to
 * disk under a per-person concurrency bound (429 beyond it), the server's memory stays flat.
 */
import { request } from 'node:http';
import { histogram, type AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS, type HostileServer } from '../hostile-server.js';

const { uploads: UPLOADS, files: FILES, fileMb: FILE_MB, seconds: SECONDS } = size.uploadFlood;
/** Decimal megabytes, so a file stays under the default limit of 10 MiB per file. */
const FILE_BYTES = FILE_MB * 1_000_000;
/** Valid plain text, which the content check accepts: the attack is in the size, not the type. */
const CHUNK = Buffer.from('night audit 03:14 room 214 minibar restocked, no charge\n'.repeat(18_000));

export function uploadFlood(): AttackSpec {
  const title = `upload flood: ${UPLOADS} concurrent uploads of ${FILES} × ${FILE_MB} MB by one person`;
  return {
    title,
    name: 'upload flood',
    async run({ server, signal }) {
      const tokens = await server.enrol(['uploader', 'uploader-colleague']);
      const conversation = await server.conversation(tokens.get('uploader')!, ['uploader-colleague']);
      // By hand rather than AbortSignal.any, whose combined signal Node 20 may collect before it fires.
      const stopping = new AbortController();
      const timer = setTimeout(() => stopping.abort(), SECONDS * 1000);
      signal.addEventListener('abort', () => stopping.abort(), { once: true });
      const stop = stopping.signal;
      const started = performance.now();
      const outcomes = await Promise.all(
        Array.from({ length: UPLOADS }, (_, index) => upload(server, tokens.get('uploader')!, conversation.id, index, stop)),
      );
      clearTimeout(timer);
      const ms = performance.now() - started;
      const statuses = outcomes.map((outcome) => outcome.status ?? outcome.error ?? 'none');
      const problems: string[] = [];
      const unexpected = outcomes.filter((outcome) => outcome.status !== 201 && outcome.status !== 429);
      if (unexpected.length > 0)
        problems.push(
          `${unexpected.length} uploads ended otherwise than 201 or 429: ${histogram(statuses.filter((s) => s !== 201 && s !== 429))}`,
        );
      if (!outcomes.some((outcome) => outcome.status === 429))
        problems.push(`no upload was refused with 429 by a concurrency bound (${UPLOADS} at once from one person)`);
      const badShape = outcomes.filter((outcome) => outcome.status === 429 && !outcome.errorShape);
      if (badShape.length > 0) problems.push(`${badShape.length} 429 answers lack the {"error":{"code","message"}} body`);
      const megabytes = outcomes.reduce((sum, outcome) => sum + outcome.bytesSent, 0) / 1e6;
      return {
        serverDid: `answered ${histogram(statuses)} in ${(ms / 1000).toFixed(1)} s; ${megabytes.toFixed(0)} MB of bodies sent`,
        problems,
      };
    },
  };
}

interface UploadOutcome {
  status?: number;
  error?: string;
  errorShape: boolean;
  bytesSent: number;
}

/**
 * One multipart upload, streamed from a shared chunk (the test holds no copy of its body). When the
 * server answers before the body is sent, as a refusal should, the rest is not sent.
 */
function upload(server: HostileServer, token: string, conversationId: number, index: number, signal: AbortSignal): Promise<UploadOutcome> {
  const boundary = `hostile-upload-${index}-boundary`;
  const partHeader = (file: number) =>
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="audit-${index}-${file}.log"\r\nContent-Type: text/plain\r\n\r\n`,
    );
  const closing = Buffer.from(`\r\n--${boundary}--\r\n`);
  const separator = Buffer.from('\r\n');
  const length =
    Array.from({ length: FILES }, (_, file) => partHeader(file).length + FILE_BYTES).reduce((a, b) => a + b, 0) +
    separator.length * (FILES - 1) +
    closing.length;

  return new Promise((resolve) => {
    const outcome: UploadOutcome = { errorShape: false, bytesSent: 0 };
    let answered = false;
    const req = request(`${server.api}/${server.hotel}/conversations/${conversationId}/upload/`, {
      method: 'POST',
      localAddress: ATTACKER_ADDRESS,
      signal,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(length),
      },
    });
    req.on('response', (res) => {
      answered = true;
      outcome.status = res.statusCode;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: unknown; message?: unknown } };
          outcome.errorShape = typeof body.error?.code === 'string' && typeof body.error.message === 'string';
        } catch {
          outcome.errorShape = false;
        }
        req.destroy();
        resolve(outcome);
      });
      res.on('error', () => resolve(outcome));
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer arrived is the server ending a refused upload early: the answer counts.
      if (!answered) {
        outcome.error = signal.aborted ? 'not answered in time' : (error.code ?? error.message);
        resolve(outcome);
      }
    });

    const write = (chunk: Buffer) =>
      new Promise<boolean>((done) => {
        if (answered || req.destroyed) {
          done(false);
          return;
        }
        outcome.bytesSent += chunk.length;
        if (req.write(chunk)) done(true);
        else {
          const onDrain = () => {
            req.off('close', onClose);
            done(!answered);
          };
          const onClose = () => {
            req.off('drain', onDrain);
            done(false);
          };
          req.once('drain', onDrain);
          req.once('close', onClose);
        }
      });
    void (async () => {
      for (let file = 0; file < FILES; file++) {
        if (file > 0 && !(await write(separator))) return;
        if (!(await write(partHeader(file)))) return;
        for (let sent = 0; sent < FILE_BYTES; sent += CHUNK.length) {
          if (!(await write(CHUNK.subarray(0, Math.min(CHUNK.length, FILE_BYTES - sent))))) return;
        }
      }
      if (await write(closing)) req.end();
    })();
  });
}
