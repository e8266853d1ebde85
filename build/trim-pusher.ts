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
  'class UserFacade extends Dispatcher { constructor(pusher) { super(); this.pusher = pusher; this.user_data = null; this.signinDonePromise = null; } ' +
  "signin() { throw new UnsupportedFeature('user sign-in is not built into staff-chat'); } }\n";

/**
 * What takes the place of pusher-js's own authorization requests (its `fetch` of an auth endpoint):
 * the widget always authorizes channels through `channelAuthorization.customHandler` (the API
 * client, with its Bearer token), and user authentication only serves the sign-in cut above.
 */
const NO_AUTH_REQUESTS =
  "const noAuthRequests = () => { throw new UnsupportedFeature('staff-chat authorizes channels through channelAuthorization.customHandler only'); };\n" +
  'const user_authenticator = () => noAuthRequests;\nconst channel_authorizer = noAuthRequests;\nconst ChannelAuthorizerProxy = noAuthRequests;\n';

/**
 * What takes the place of the HTTP transports (XHR streaming and polling, through `fetch`): the server
 * only ever enables `ws` and `wss` (contract/wire.ts `PusherClientOptions.enabledTransports`,
 * server/config.ts), so pusher-js never builds a strategy that would reach them.
 */
const NO_HTTP_TRANSPORTS =
  "const noHttpTransports = () => { throw new UnsupportedFeature('staff-chat connects through the ws and wss transports only'); };\n" +
  'const http_http = { createStreamingSocket: noHttpTransports, createPollingSocket: noHttpTransports, createSocket: noHttpTransports, createXHR: noHttpTransports, createRequest: noHttpTransports };\n';

/** What takes the place of sending the timeline to Pusher's stats service: the server always sends `disableStats: true`. */
const NO_STATS = 'class TimelineSender { send() {} }\n';

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
  {
    what: 'the HTTP transports',
    from: ';// ./src/core/http/http_request.ts',
    to: ';// ./src/runtimes/isomorphic/runtime.ts',
    by: NO_HTTP_TRANSPORTS,
  },
  {
    what: 'the stats timeline sender',
    from: ';// ./src/core/timeline/timeline_sender.ts',
    to: ';// ./src/core/errors.ts',
    by: NO_STATS,
  },
  {
    what: 'the stats request (fetch_timeline)',
    from: ';// ./src/runtimes/worker/timeline/fetch_timeline.ts',
    to: ';// ./src/runtimes/worker/runtime.ts',
    by: 'const fetch_timeline = {};\n',
  },
];

/**
 * Takes what the widget can never run out of pusher-js's worker build: about 4.8 KB gzip of every
 * portal page (the entry went from 39.8 to 35.0 KB). The parts, each unreachable with the options the
 * widget passes (widget/realtime/pusher-client.ts, the server's `PusherClientOptions`):
 * - the end-to-end encrypted channel (`private-encrypted-…`), its class and the two @stablelib
 *   modules only it uses (1.8 KB): it needs a `nacl` implementation, which only the "with-encryption"
 *   builds pass; without one pusher-js refuses such a channel before reaching the class, as now;
 * - user sign-in, `pusher.signin()` and the watchlist (0.6 KB): the widget never signs in (presence
 *   channels get the member from the server's `channel_data`), and until then the real facade only
 *   listens for answers to a sign-in;
 * - pusher-js's own requests to an auth endpoint (0.5 KB): the widget authorizes every channel
 *   through `channelAuthorization.customHandler` (the API client, with its Bearer token);
 * - the HTTP transports, XHR streaming and polling (1.6 KB): the server enables only `ws` and `wss`;
 * - sending the timeline to Pusher's stats service (0.2 KB): the server sends `disableStats: true`.
 *
 * Each cut is matched exactly; if a pusher-js upgrade moves the text, the build fails here rather
 * than shipping a half-cut file. The cut file keeps its line count, so the source map stays right.
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
    if (start === -1 || end === -1 || result.includes(cut.from, start + 1)) {
      fail(`pusher-js changed: cannot find ${cut.what} in ${PUSHER_BUILD} (build/trim-pusher.ts)`);
    }
    // As many lines as were cut, so the source map (`map: null`: lines unchanged) still points right.
    const lines = result.slice(start, end).split('\n').length - cut.by.split('\n').length;
    result = result.slice(0, start) + cut.by + '\n'.repeat(Math.max(0, lines)) + result.slice(end);
  }
  if (/__webpack_require__\((594|978)\)/.test(result)) fail(`pusher-js changed: something else requires @stablelib in ${PUSHER_BUILD}`);
  return result;
}
