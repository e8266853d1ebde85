import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import vm from 'node:vm';
import { cutPusher } from './trim-pusher.js';

const file = createRequire(import.meta.url).resolve('pusher-js/dist/worker/pusher.worker.js');
const original = readFileSync(file, 'utf8');
const fail = (message: string): never => {
  throw new Error(message);
};

interface PusherLike {
  subscribe(name: string): { name: string };
  user: { user_data: unknown; signinDonePromise: unknown };
  connect(): void;
  disconnect(): void;
}

/** A WebSocket that never opens, recording where it was asked to connect. */
class QuietSocket {
  static readonly urls: string[] = [];
  constructor(url: string) {
    QuietSocket.urls.push(url);
  }
  close() {}
  send() {}
}

/** Runs a pusher-js UMD build the way a browser script would and returns its `Pusher` class. */
function load(
  code: string,
  fetch: (url: string) => Promise<never> = () => new Promise(() => {}),
): new (key: string, options: object) => PusherLike {
  const context: Record<string, unknown> = {
    console,
    crypto,
    WebSocket: QuietSocket,
    fetch,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
  };
  context.self = context;
  vm.runInNewContext(code, context);
  return context.Pusher as never;
}

test('cuts the encrypted channel, @stablelib, user sign-in, auth requests, HTTP transports and stats out of pusher-js, keeping the line count', () => {
  const cut = cutPusher(original, fail);
  assert.ok(cut.length < original.length - 10_000, `only ${original.length - cut.length} characters cut`);
  assert.doesNotMatch(
    cut,
    /stablelib|decodedLength|nacl\.secretbox|WatchlistFacade|pusher:signin_success|server-to-user|x-www-form-urlencoded|composeChannelQuery|getReceiveURL|from stats\.pusher\.com/,
  );
  assert.equal(cut.split('\n').length, original.split('\n').length);
});

test('the cut pusher-js still makes private and presence channels with no signed-in user, and refuses encrypted ones as before', () => {
  for (const code of [original, cutPusher(original, fail)]) {
    const Pusher = load(code);
    // As widget/realtime/pusher-client.ts makes it: channels are authorized by the API client.
    const customHandler = (_params: unknown, callback: (error: null, auth: { auth: string }) => void) =>
      callback(null, { auth: 'key:signature' });
    const pusher = new Pusher('key', { cluster: 'eu', autoConnect: false, channelAuthorization: { customHandler } });
    assert.equal(pusher.subscribe('private-hotel-1').name, 'private-hotel-1');
    assert.equal(pusher.subscribe('presence-hotel-1').name, 'presence-hotel-1');
    assert.throws(() => pusher.subscribe('private-encrypted-hotel-1'), /private-encrypted-/);
    // What a presence channel reads of the user when its auth carries no channel_data.
    assert.equal(pusher.user.user_data, null);
    assert.equal(pusher.user.signinDonePromise, null);
    pusher.disconnect();
  }
});

test(
  'the cut pusher-js connects over WebSocket with the options the server sends, and asks nothing of HTTP',
  { timeout: 30_000 },
  async () => {
    for (const code of [original, cutPusher(original, fail)]) {
      const fetched: string[] = [];
      const Pusher = load(code, (url) => {
        fetched.push(url);
        return new Promise(() => {});
      });
      const customHandler = () => {};
      // server/config.ts's options for a self-hosted engine.
      const options = {
        cluster: 'local',
        wsHost: '127.0.0.1',
        wsPort: 6001,
        wssPort: 6001,
        forceTLS: false,
        enabledTransports: ['ws', 'wss'],
        disableStats: true,
      };
      const pusher = new Pusher('key', { ...options, channelAuthorization: { customHandler } });
      const before = QuietSocket.urls.length;
      pusher.connect();
      while (QuietSocket.urls.length === before) await new Promise((resolve) => setImmediate(resolve));
      assert.match(QuietSocket.urls.at(-1) ?? '', /^wss?:\/\/127\.0\.0\.1:6001\/app\/key\?protocol=7/);
      pusher.disconnect();
      assert.deepEqual(fetched, []);
    }
  },
);

test('the cut pusher-js refuses to make auth requests of its own, which the widget never asks for', () => {
  const Pusher = load(cutPusher(original, fail));
  assert.throws(() => new Pusher('key', { cluster: 'eu', autoConnect: false }), /customHandler/);
});

test('fails rather than ship a half-cut file when pusher-js has changed', () => {
  assert.throws(() => cutPusher(original.replace('/***/ 721\n', '/***/ 722\n'), fail), /pusher-js changed/);
  assert.throws(
    () => cutPusher(original.replace('// EXTERNAL MODULE: ./node_modules/@stablelib/utf8', '// moved'), fail),
    /pusher-js changed/,
  );
  assert.throws(() => cutPusher(original.replace(';// ./src/core/watchlist.ts', ''), fail), /pusher-js changed/);
});
