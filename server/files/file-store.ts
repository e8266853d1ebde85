/**
 * Where attachment bytes live. The local-disk store is the default; an object store (S3 and the like)
 * fits the same four methods. Keys are made by the store and are opaque to everyone else.
 *
 * Writing is two-step so that a refused or failed upload leaves nothing behind: `stage` writes the bytes
 * somewhere no reader looks, the caller stores its database rows, and only then `commit`s (or `discard`s).
 */
export interface FileStore {
  /** Write `bytes` under a fresh key, invisible to `open` until committed. */
  stage(bytes: Uint8Array): Promise<StagedFile>;
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
