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

/**
 * What takes the place of user sign-in (`pusher.signin()`, the watchlist and the server-to-user
 * channel): the fields a presence channel reads. Without a sign-in the real facade does nothing either:
 * its handlers wait for a `pusher:signin_success` that only follows a sign-in.
 */
const NO_USER_SIGNIN =
  "class UserFacade extends Dispatcher { constructor(pusher) { super(); this.pusher = pusher; this.user_data = null; this.signinDonePromise = null; } " +
  "signin() { throw new UnsupportedFeature('user sign-in is not built into staff-chat'); } }\n";

/**
 * What takes the place of pusher-js's own authorization requests (its `fetch` of an auth endpoint):
 * the widget always authorizes channels through `channelAuthorization.customHandler` (the API
 * client, with its Bearer token), and user authentication only serves the sign-in cut above.
 */
const NO_AUTH_REQUESTS =
  "const noAuthRequests = () => { throw new UnsupportedFeature('staff-chat authorizes channels through channelAuthorization.customHandler only'); };\n" +
  'const user_authenticator = () => noAuthRequests;\nconst channel_authorizer = noAuthRequests;\nconst ChannelAuthorizerProxy = noAuthRequests;\n';

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
  {
    what: 'the user sign-in (UserFacade, WatchlistFacade)',
    from: ';// ./src/core/watchlist.ts',
    to: ';// ./src/core/pusher.ts',
    by: NO_USER_SIGNIN,
  },
  {
    what: 'the auth endpoint requests (fetch_auth)',
    from: ';// ./src/runtimes/worker/auth/fetch_auth.ts',
    to: ';// ./src/runtimes/worker/timeline/fetch_timeline.ts',
    by: 'const fetch_auth = () => noAuthRequests();\n',
  },
  {
    what: 'the user authenticator and channel authorizers',
    from: ';// ./src/core/auth/options.ts',
    to: ';// ./src/core/config.ts',
    by: NO_AUTH_REQUESTS,
  },
];

/**
 * Takes what the widget can never run out of pusher-js's worker build, about 3 KB gzip of every
 * portal page. First the end-to-end encrypted channel (`private-encrypted-…`): its class and the two
 * @stablelib modules only it uses (1.8 KB). The
 * "without encryption" builds ship them although they can never run: an encrypted channel needs a
 * `nacl` implementation in the options, which only the "with-encryption" builds pass and the widget
 * never does (its channels are `private-` and `presence-`). Without `nacl` pusher-js refuses such a
 * channel before reaching the class, so nothing the widget does changes. Then user sign-in (0.6 KB):
 * `pusher.signin()`, which the widget never calls (presence channels get the member from the server's
 * `channel_data`); until it is called the real facade only listens for answers to it. Then (0.5 KB) the
 * requests pusher-js would make to an auth endpoint itself: the widget hands it a `customHandler`.
 *
 * Each cut is matched exactly; if a pusher-js upgrade moves the text, the build fails here rather
 * than shipping a half-cut file.
 */
export function trimPusher(): Plugin {
  return {
    name: 'staff-chat:trim-pusher',
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
      fail(`pusher-js changed: cannot find ${cut.what} in ${PUSHER_BUILD} (build/trim-pusher.ts)`);
    }
    // As many lines as were cut, so the source map (`map: null`: lines unchanged) still points right.
    const lines = result.slice(start, end).split('\n').length - cut.by.split('\n').length;
    result = result.slice(0, start) + cut.by + '\n'.repeat(Math.max(0, lines)) + result.slice(end);
  }
  if (/__webpack_require__\((594|978)\)/.test(result)) fail(`pusher-js changed: something else requires @stablelib in ${PUSHER_BUILD}`);
  return result;
}
