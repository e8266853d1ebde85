import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { consoleLogger, type Logger } from '../logger.js';
import type { FileStore, StagedFile, StoredFile } from './file-store.js';

/** Keys are random hex, so a key can never climb out of the folder. */
const KEY = /^[0-9a-f]{32}$/;

/**
 * A staged file untouched for this long, and not being written by this process, is a leftover: of a
 * crash mid-upload, or of a cleanup that failed. Far longer than any upload takes (its file's mtime moves
 * with every write), so another instance sharing the folder never loses an upload in progress.
 */
export const STAGING_STALE_AFTER_MS = 60 * 60_000;

/** How often the staging folder is swept, besides once at start. */
export const STAGING_SWEEP_EVERY_MS = 10 * 60_000;

export interface LocalDiskOptions {
  /** Default {@link STAGING_STALE_AFTER_MS}. */
  staleAfterMs?: number;
  /** Default {@link STAGING_SWEEP_EVERY_MS}; 0 turns the automatic sweeps (at start and periodic) off. */
  sweepEveryMs?: number;
  /** Where a failed sweep is reported. */
  log?: Logger;
  now?: () => number;
}

/** The local-disk {@link FileStore}, with the sweeping of its staging folder. */
export interface LocalDiskStore extends FileStore {
  /** The sweep made at creation (resolves to nothing swept when automatic sweeps are off). */
  readonly firstSweep: Promise<string[]>;
  /** Removes the stale leftovers from the staging folder now; resolves to the keys removed. */
  sweepStaging(): Promise<string[]>;
  /** Stops the periodic sweep. */
  close(): void;
}

/**
 * The {@link FileStore} on the local disk: `dir/<key>` for committed files, `dir/.staging/<key>` while
 * staged. Both sit in one folder tree, so a commit is a `rename` on one file system: atomic, no copy.
 *
 * Leftovers in `.staging` (a crash mid-upload leaves its partial file) are swept at creation and then
 * every `sweepEveryMs`; files this process is still writing or holding staged are never touched, and
 * nor is anything younger than `staleAfterMs`. The timer does not keep the process alive.
 *
 * @example const files = localDiskStore('./data/uploads');
 */
export function localDiskStore(dir: string, options: LocalDiskOptions = {}): LocalDiskStore {
  const staging = join(dir, '.staging');
  const staleAfterMs = options.staleAfterMs ?? STAGING_STALE_AFTER_MS;
  const sweepEveryMs = options.sweepEveryMs ?? STAGING_SWEEP_EVERY_MS;
  const log = options.log ?? consoleLogger;
  const now = options.now ?? Date.now;
  let ready: Promise<unknown> | undefined;
  const ensureFolders = () =>
    (ready ??= mkdir(staging, { recursive: true }).catch((error: unknown) => {
      // Not remembered: a full disk or a missing mount may be fixed while the server runs.
      ready = undefined;
      throw error;
    }));
  /** Keys staged by this process and neither committed nor discarded yet: the sweep leaves them alone. */
  const staged = new Set<string>();

  async function sweepStaging(): Promise<string[]> {
    const names = await readdir(staging).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    });
    const cutoff = now() - staleAfterMs;
    const removed: string[] = [];
    for (const name of names) {
      if (staged.has(name)) continue;
      const path = join(staging, name);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile() || info.mtimeMs > cutoff) continue;
      await rm(path, { force: true });
      removed.push(name);
    }
    return removed;
  }

  const sweep = () =>
    sweepStaging().catch((error: unknown) => {
      log.warn('sweeping the upload staging folder failed', { dir: staging, error });
      return [];
    });
  const firstSweep = sweepEveryMs > 0 ? sweep() : Promise.resolve([]);
  const timer = sweepEveryMs > 0 ? setInterval(() => void sweep(), sweepEveryMs).unref() : undefined;

  return {
    firstSweep,
    sweepStaging,
    close: () => clearInterval(timer),

    async stage(content): Promise<StagedFile> {
      await ensureFolders();
      const key = randomBytes(16).toString('hex');
      const stagedPath = join(staging, key);
      // `wx`: never overwrite, however unlikely a repeated key is. Opened before writing, so that a file
      // which exists is known to be ours to remove.
      staged.add(key);
      const handle = await open(stagedPath, 'wx').catch((error: unknown) => {
        staged.delete(key);
        throw error;
      });
      try {
        await pipeline(content, handle.createWriteStream());
      } catch (error) {
        // A refused, cut-off or failed write: its partial file goes. Should even that fail, the sweep gets it.
        await handle.close().catch(() => undefined);
        await rm(stagedPath, { force: true }).catch(() => undefined);
        staged.delete(key);
        throw error;
      }
      return {
        key,
        async commit() {
          await rename(stagedPath, join(dir, key));
          staged.delete(key);
        },
        async discard() {
          await rm(stagedPath, { force: true });
          staged.delete(key);
        },
      };
    },

    async open(key): Promise<StoredFile | undefined> {
      if (!KEY.test(key)) return undefined;
      const path = join(dir, key);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      const stream = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
      return { size: info.size, stream };
    },

    async remove(key) {
      if (KEY.test(key)) await rm(join(dir, key), { force: true });
    },
  };
}
