import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { FileStore, StagedFile, StoredFile } from './file-store.js';

/** Keys are random hex, so a key can never climb out of the folder. */
const KEY = /^[0-9a-f]{32}$/;

/**
 * The {@link FileStore} on the local disk: `dir/<key>` for committed files, `dir/.staging/<key>` while
 * staged. Both sit in one folder tree, so a commit is a `rename` on one file system: atomic, no copy.
 *
 * @example const files = localDiskStore('./data/uploads');
 */
export function localDiskStore(dir: string): FileStore {
  const staging = join(dir, '.staging');
  let ready: Promise<unknown> | undefined;
  const ensureFolders = () => (ready ??= mkdir(staging, { recursive: true }));

  return {
    async stage(bytes): Promise<StagedFile> {
      await ensureFolders();
      const key = randomBytes(16).toString('hex');
      const stagedPath = join(staging, key);
      // `wx`: never overwrite, however unlikely a repeated key is.
      await writeFile(stagedPath, bytes, { flag: 'wx' });
      return {
        key,
        commit: () => rename(stagedPath, join(dir, key)),
        discard: () => rm(stagedPath, { force: true }),
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
