/** Small real files for tests of uploads (route, integration and browser tests). */
import type { FileStore } from '../files/file-store.js';

/** A real 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==',
  'base64',
);

/** A tiny PDF: enough for its signature and a viewer's patience. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** HTML with a script: what a disguised upload carries. */
export const HTML = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');

/** What `fs` throws when the disk is full. */
export function diskFullError(): Error {
  return Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC', errno: -28, syscall: 'write' });
}

/**
 * `store` on a disk that fills up after `room` bytes of a staged file: the bytes before that are really
 * written (so the cleanup of a partial file is exercised), then writing fails with ENOSPC.
 */
export function diskFullAfter<T extends FileStore>(store: T, room: number): T {
  const filling = Object.create(store) as FileStore;
  return Object.assign(filling, {
    stage: (content: AsyncIterable<Uint8Array>) =>
      store.stage(
        (async function* () {
          let written = 0;
          for await (const chunk of content) {
            if (written + chunk.length > room) throw diskFullError();
            written += chunk.length;
            yield chunk;
          }
        })(),
      ),
  }) as T;
}
