/**
 * Where attachment bytes live. The local-disk store is the default; an object store (S3 and the like)
 * fits the same four methods. Keys are made by the store and are opaque to everyone else.
 *
 * Writing is two-step so that a refused or failed upload leaves nothing behind: `stage` writes the bytes
 * somewhere no reader looks, the caller stores its database rows, and only then `commit`s (or `discard`s).
 */
export interface FileStore {
  /**
   * Write `content` under a fresh key, invisible to `open` until committed. The bytes are written as they
   * arrive, never gathered in memory. When `content` throws, or writing fails, nothing stays behind and
   * the promise rejects with that error; a full store rejects with an error whose `code` is `ENOSPC`
   * or `EDQUOT` (see {@link isStoreFull}).
   */
  stage(content: AsyncIterable<Uint8Array>): Promise<StagedFile>;
  /** The stored file, or undefined when there is none under `key`. */
  open(key: string): Promise<StoredFile | undefined>;
  /** Remove a committed file; removing a missing one is not an error. */
  remove(key: string): Promise<void>;
}

export interface StagedFile {
  readonly key: string;
  /** Make the file readable under `key`. */
  commit(): Promise<void>;
  /** Throw the staged bytes away; safe to call more than once, and after a failed commit. */
  discard(): Promise<void>;
}

export interface StoredFile {
  size: number;
  /** The bytes, as a web stream (a Response body). */
  stream: ReadableStream<Uint8Array>;
}

/** The codes a file system gives when it has no room left (`EDQUOT`: the user's quota is used up). */
const FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

/**
 * True when `error` says the store has no room left: what `fs` throws on a full disk or quota, and what
 * another store throws for its own "full" (it sets the same `code`).
 */
export function isStoreFull(error: unknown): boolean {
  return typeof error === 'object' && error !== null && FULL_CODES.has(String((error as { code?: unknown }).code));
}
