import type { Plugin } from 'vite';

/** The pusher-js build the widget imports (widget/realtime/pusher-client.ts). */
export const PUSHER_BUILD = '/pusher-js/dist/worker/pusher.worker.js';

/** What takes the place of the encrypted channel: the error pusher-js gives when it has no nacl. */
const NO_ENCRYPTED_CHANNEL =
  "class EncryptedChannel extends PrivateChannel { constructor() { throw new UnsupportedFeature('private-encrypted- channels are not built into staff-chat'); } }";

/** A cut: the text from `from` up to (not including) `to`, both found exactly once, is replaced. */
interface Cut {
  what: string;
  from: string;
  to: string;
  by: string;
}

const CUTS: readonly Cut[] = [
  {
    what: 'the @stablelib/base64 and @stablelib/utf8 modules',
    from: '/***/ 594\n',
    to: '/***/ 721\n',
    by: '',
  },
  {
    what: 'the EncryptedChannel class',
    from: '// EXTERNAL MODULE: ./node_modules/@stablelib/utf8/lib/utf8.js',
    to: ';// ./src/core/connection/connection_manager.ts',
    by: NO_ENCRYPTED_CHANNEL,
  },
];

/**
 * Takes the end-to-end encrypted channel (`private-encrypted-…`) out of pusher-js's worker build:
 * its class and the two @stablelib modules only it uses, about 1.8 KB gzip of every portal page. The
 * "without encryption" builds ship them although they can never run: an encrypted channel needs a
 * `nacl` implementation in the options, which only the "with-encryption" builds pass and the widget
 * never does (its channels are `private-` and `presence-`). Without `nacl` pusher-js refuses such a
 * channel before reaching the class, so nothing the widget does changes.
 *
 * Each cut is matched exactly; if a pusher-js upgrade moves the text, the build fails here rather
 * than shipping a half-cut file.
 */
export function pusherWithoutEncryption(): Plugin {
  return {
    name: 'staff-chat:pusher-without-encryption',
    enforce: 'pre',
    transform(code, id) {
      if (!id.endsWith(PUSHER_BUILD)) return null;
      return { code: cutPusher(code, (message) => this.error(message)), map: null };
    },
  };
}

/** The pusher-js worker build with the cuts made; `fail` is called (and must throw) if one does not match. */
export function cutPusher(code: string, fail: (message: string) => never): string {
  let result = code;
  for (const cut of CUTS) {
    const start = result.indexOf(cut.from);
    const end = start === -1 ? -1 : result.indexOf(cut.to, start);
    if (start === -1 || end === -1 || result.indexOf(cut.from, start + 1) !== -1) {
      fail(`pusher-js changed: cannot find ${cut.what} in ${PUSHER_BUILD} (build/pusher-without-encryption.ts)`);
    }
    // As many lines as were cut, so the source map (`map: null`: lines unchanged) still points right.
    const lines = result.slice(start, end).split('\n').length - cut.by.split('\n').length;
    result = result.slice(0, start) + cut.by + '\n'.repeat(Math.max(0, lines)) + result.slice(end);
  }
  if (/__webpack_require__\((594|978)\)/.test(result)) fail(`pusher-js changed: something else requires @stablelib in ${PUSHER_BUILD}`);
  return result;
}
