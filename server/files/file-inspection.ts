import { ApiError } from '../errors.js';
import { checkFile, PlainTextCheck, SNIFF_BYTES, UNSUPPORTED_FILE, type FileCheck } from './file-types.js';

/**
 * One uploaded file checked as its bytes stream past on their way to the store: its size against the
 * limit at every chunk, its kind by its first {@link SNIFF_BYTES} (held back until judged, so nothing is
 * written of a file refused by its first bytes), and, for text, every byte to the last. A refusal throws
 * an {@link ApiError} from {@link pass}, which stops the stream; the store then drops what it wrote.
 *
 * @example
 * const file = new FileInspection('scan.pdf', 'application/pdf', maxBytes);
 * const staged = await store.stage(file.pass(partStream)); // then file.size, file.kind
 */
export class FileInspection {
  /** Bytes seen so far; the file's size once {@link pass} has finished. */
  size = 0;
  #kind: Extract<FileCheck, { ok: true }> | undefined;
  #text: PlainTextCheck | undefined;

  constructor(
    readonly fileName: string,
    private readonly claimedMime: string,
    private readonly maxBytes: number,
  ) {}

  /** What the file is, by its content; set once its first bytes were judged. */
  get kind(): Extract<FileCheck, { ok: true }> {
    if (!this.#kind) throw new Error(`${this.fileName} has not been judged yet`);
    return this.#kind;
  }

  /** The file's bytes, checked; throws the refusal as soon as the bytes seen so far warrant one. */
  async *pass(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
    let head: Uint8Array[] = [];
    let headBytes = 0;
    for await (const chunk of source) {
      this.size += chunk.length;
      if (this.size > this.maxBytes) throw this.#tooLarge();
      if (this.#kind) {
        if (this.#text && !this.#text.push(chunk, false)) throw this.#refusal(UNSUPPORTED_FILE);
        yield chunk;
        continue;
      }
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes >= SNIFF_BYTES) {
        const bytes = Buffer.concat(head);
        head = [];
        this.#judge(bytes, false);
        yield bytes;
      }
    }
    if (!this.#kind) {
      if (this.size === 0)
        throw new ApiError(400, 'empty_file', `${this.fileName} cannot be sent: it is empty.`, [
          { field: this.fileName, problem: 'is empty' },
        ]);
      const bytes = Buffer.concat(head);
      this.#judge(bytes, true);
      yield bytes;
    } else if (this.#text && !this.#text.push(new Uint8Array(0), true)) {
      // The file ended inside a character.
      throw this.#refusal(UNSUPPORTED_FILE);
    }
  }

  #judge(head: Uint8Array, complete: boolean) {
    const check = checkFile(head, this.fileName, this.claimedMime, complete);
    if (!check.ok) throw this.#refusal(check);
    this.#kind = check;
    if (check.mime === 'text/plain' && !complete) {
      // The rest must be text too; this checker starts where the head ends, a split character included.
      this.#text = new PlainTextCheck();
      this.#text.push(head, false);
    }
  }

  #refusal(check: Extract<FileCheck, { ok: false }>) {
    return new ApiError(415, check.code, `${this.fileName} cannot be sent: it ${check.problem}.`, [
      { field: this.fileName, problem: check.problem },
    ]);
  }

  #tooLarge() {
    return new ApiError(413, 'file_too_large', `${this.fileName} is larger than the limit of ${this.maxBytes} bytes per file.`, [
      { field: this.fileName, problem: `is more than ${this.maxBytes} bytes` },
    ]);
  }
}
