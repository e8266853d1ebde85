import type { Attachment } from '../../contract/index.js';

/** A kind of file an upload may be: how its content starts, and which names it may have. */
interface FileKind {
  mime: string;
  fileType: Attachment['file_type'];
  extensions: readonly string[];
  /** True when `bytes` (the first bytes; `complete` when they are the whole file) is this kind of file. */
  matches(bytes: Uint8Array, complete: boolean): boolean;
}

const startsWith = (bytes: Uint8Array, signature: readonly number[], at = 0) =>
  bytes.length >= at + signature.length && signature.every((byte, index) => bytes[at + index] === byte);
const ascii = (text: string) => Array.from(text, (char) => char.charCodeAt(0));

/** How many first bytes {@link checkFile} needs to tell the kinds apart (and to judge text by). */
export const SNIFF_BYTES = 4096;

/**
 * Plain text, judged chunk by chunk as a file streams in: valid UTF-8 (a character may be split between
 * chunks) with no NUL and no other control character than tab, line feed, carriage return and form feed.
 * Markup passes (it is text), but it is only ever served as `text/plain` with `nosniff` and a sandboxing
 * CSP, as a download.
 *
 * @example const text = new PlainTextCheck(); text.push(head, false) && text.push(rest, true)
 */
export class PlainTextCheck {
  readonly #decoder = new TextDecoder('utf-8', { fatal: true });

  /** False once the bytes seen so far cannot be plain text; `last` for the final chunk of the file. */
  push(bytes: Uint8Array, last: boolean): boolean {
    // A plain loop: this runs over every byte of every text upload.
    for (const byte of bytes) {
      if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d) return false;
    }
    try {
      // `stream`: a character cut at the end of this chunk is completed by the next one.
      this.#decoder.decode(bytes, { stream: !last });
    } catch {
      return false;
    }
    return true;
  }
}

/** Most specific first: plain text is what is left when no signature matched. */
const KINDS: readonly FileKind[] = [
  { mime: 'image/png', fileType: 'image', extensions: ['png'], matches: (b) => startsWith(b, [0x89, ...ascii('PNG\r\n\x1a\n')]) },
  { mime: 'image/jpeg', fileType: 'image', extensions: ['jpg', 'jpeg', 'jfif'], matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    mime: 'image/gif',
    fileType: 'image',
    extensions: ['gif'],
    matches: (b) => startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a')),
  },
  {
    mime: 'image/webp',
    fileType: 'image',
    extensions: ['webp'],
    matches: (b) => startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8),
  },
  { mime: 'application/pdf', fileType: 'pdf', extensions: ['pdf'], matches: (b) => startsWith(b, ascii('%PDF-')) },
  {
    mime: 'text/plain',
    fileType: 'document',
    extensions: ['txt', 'text', 'log'],
    matches: (b, complete) => b.length > 0 && new PlainTextCheck().push(b, complete),
  },
];

/** The MIME types an upload may have, for the widget's file input `accept`. */
export const ALLOWED_MIME_TYPES: readonly string[] = KINDS.map((kind) => kind.mime);

/** A claimed type that says nothing (browsers send it for unknown extensions). */
const GENERIC_MIME = new Set(['', 'application/octet-stream']);

export type FileCheck =
  | { ok: true; mime: string; fileType: Attachment['file_type'] }
  | { ok: false; code: 'unsupported_file_type' | 'file_type_mismatch'; problem: string };

/** The refusal of a file that is none of the allowed kinds (also for "text" that stops being text later on). */
export const UNSUPPORTED_FILE: Extract<FileCheck, { ok: false }> = {
  ok: false,
  code: 'unsupported_file_type',
  problem: 'is not a PNG, JPEG, GIF or WebP image, a PDF or a plain text file',
};

/**
 * Decides what an uploaded file really is from its first bytes (up to {@link SNIFF_BYTES}), and refuses
 * it unless that is an allowed kind and its name's extension (and its claimed MIME type, unless generic)
 * say the same. A `photo.png` that is really HTML is refused, as is a real PNG named `photo.pdf`.
 * `complete`: `head` is the whole file; when it is not, the rest of a text file must pass a
 * {@link PlainTextCheck} too.
 *
 * @example checkFile(bytes, 'scan.pdf', 'application/pdf') // { ok: true, mime: 'application/pdf', fileType: 'pdf' }
 */
export function checkFile(head: Uint8Array, fileName: string, claimedMime: string, complete = true): FileCheck {
  const kind = KINDS.find((candidate) => candidate.matches(head, complete));
  if (!kind) return UNSUPPORTED_FILE;
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  if (!extension || !kind.extensions.includes(extension)) {
    return {
      ok: false,
      code: 'file_type_mismatch',
      problem: `is ${kind.mime} by its content, but its name does not end in .${kind.extensions[0]}`,
    };
  }
  const claimed = claimedMime.split(';')[0]!.trim().toLowerCase();
  if (!GENERIC_MIME.has(claimed) && claimed !== kind.mime && !(kind.mime === 'image/jpeg' && claimed === 'image/pjpeg')) {
    return { ok: false, code: 'file_type_mismatch', problem: `was sent as ${claimed}, but its content is ${kind.mime}` };
  }
  return { ok: true, mime: kind.mime, fileType: kind.fileType };
}

/**
 * A file name safe to store and show: no folders, no control characters, at most 200 characters,
 * never empty.
 */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  const chars = Array.from(clean);
  if (chars.length <= 200) return clean || 'file';
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(clean)?.[0] ?? '';
  return chars.slice(0, 200 - extension.length).join('') + extension;
}
