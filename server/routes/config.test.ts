/**
 * `GET /staff_chat/config` for the three realtime set-ups: the options it hands the widget, and proof
 * that the unmodified pusher-js reads them as meant. The embedded and self-hosted set-ups connect for
 * real (a standalone hub stands in for soketi); hosted Pusher is checked through the URL pusher-js
 * derives, without leaving loopback.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Pusher from 'pusher-js';
import type { ChatConfig } from '../../contract/index.js';
import { APP, startHub, waitForState, type TestHub } from '../testing/hub-harness.js';
import { createTestApp } from '../testing/app-harness.js';

const CREDENTIALS = { PUSHER_APP_ID: APP.appId, PUSHER_KEY: APP.key, PUSHER_SECRET: APP.secret };

/** The config route's answer, for a request that reached the server at `url`. */
async function chatConfig(env: Record<string, string>, url: string, headers: Record<string, string> = {}): Promise<ChatConfig> {
  const { app, config, close } = await createTestApp({ ...CREDENTIALS, ...env });
  try {
    const response = await app.request(new URL(`${config.apiBase}/staff_chat/config`, url).href, { headers });
    assert.equal(response.status, 200);
    return (await response.json()) as ChatConfig;
  } finally {
    await close();
  }
}

/** Connects the Node build of pusher-js with exactly the options the widget would get. */
async function connectWith(config: ChatConfig): Promise<Pusher> {
  const client = new Pusher(config.pusher.key, config.pusher.options);
  await waitForState(client, 'connected');
  return client;
}

describe('GET /staff_chat/config: pusher-js options per engine', { timeout: 10_000 }, () => {
  let engine: TestHub;
  const clients: Pusher[] = [];
  before(async () => {
    engine = await startHub();
  });
  after(async () => {
    for (const client of clients) client.disconnect();
    await engine.close();
  });

  test('embedded hub: the host and port the browser used, plain ws unless the request was https', async () => {
    const config = await chatConfig({}, `http://127.0.0.1:${engine.port}/`);
    assert.deepEqual(config.pusher, {
      key: APP.key,
      options: {
        cluster: 'mt1',
        wsHost: '127.0.0.1',
        wsPort: engine.port,
        wssPort: engine.port,
        forceTLS: false,
        enabledTransports: ['ws', 'wss'],
        disableStats: true,
      },
      auth_endpoint: '/api/staff_chat/pusher/auth',
    });
    const client = await connectWith(config);
    clients.push(client);
    assert.match(client.connection.socket_id, /^\d+\.\d+$/);

    const hubAt = (config: ChatConfig) => [config.pusher.options.wsHost, config.pusher.options.wssPort, config.pusher.options.forceTLS];
    const forwarded = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example.net' };
    // Anyone can write X-Forwarded-*: without a trusted proxy they change nothing.
    assert.deepEqual(hubAt(await chatConfig({}, 'http://chat.example.com/', forwarded)), ['chat.example.com', 80, false]);
    const behindTlsProxy = await chatConfig({ STAFF_CHAT_TRUST_PROXY: '1' }, 'http://10.0.0.7:3000/', {
      'x-forwarded-proto': 'https, http',
      'x-forwarded-host': 'chat.example.com',
    });
    assert.deepEqual(hubAt(behindTlsProxy), ['chat.example.com', 443, true]);
    const pinned = await chatConfig({ STAFF_CHAT_PUBLIC_URL: 'https://chat.example-hotel.com' }, 'http://attacker.test:3000/', forwarded);
    assert.deepEqual(hubAt(pinned), ['chat.example-hotel.com', 443, true]);
  });

  test('says whether the asking origin may use the API, readably from any origin', async () => {
    const allowed = { STAFF_CHAT_ALLOWED_ORIGINS: 'https://portal.example.com' };
    const asked = async (env: Record<string, string>, origin?: string) => {
      const { app, config, close } = await createTestApp({ ...CREDENTIALS, ...env });
      try {
        const response = await app.request(`http://chat.example.com${config.apiBase}/staff_chat/config`, {
          headers: origin ? { origin } : {},
        });
        assert.equal(response.headers.get('access-control-allow-origin'), '*');
        return ((await response.json()) as ChatConfig).origin_allowed;
      } finally {
        await close();
      }
    };
    assert.equal(await asked(allowed, 'https://portal.example.com'), true);
    assert.equal(await asked(allowed, 'https://other.example.com'), false);
    assert.equal(await asked({}, 'https://portal.example.com'), false, 'no allowed origins: same origin only');
    assert.equal(await asked({}, 'http://chat.example.com'), true, 'the same origin');
    assert.equal(await asked({}), true, 'no Origin header: a same-origin GET');
    assert.equal(await asked({ STAFF_CHAT_ALLOWED_ORIGINS: '*' }, 'https://anyone.example'), true);
  });

  test('is never cached: the answer depends on the host it was asked at', async () => {
    const { app, config, close } = await createTestApp(CREDENTIALS);
    try {
      const response = await app.request(`http://127.0.0.1/${config.apiBase}/staff_chat/config`.replace('//api', '/api'));
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('cache-control'), 'no-store');
    } finally {
      await close();
    }
  });

  test('self-hosted engine (PUSHER_HOST/PORT/USE_TLS): its host and port, whatever host served the page', async () => {
    const env = { PUSHER_HOST: '127.0.0.1', PUSHER_PORT: String(engine.port), PUSHER_USE_TLS: '0' };
    const config = await chatConfig(env, 'https://portal.example.com/');
    assert.deepEqual(config.pusher.options, {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: engine.port,
      wssPort: engine.port,
      forceTLS: false,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    });
    clients.push(await connectWith(config));

    const tls = await chatConfig({ PUSHER_HOST: 'soketi.internal' }, 'http://127.0.0.1/');
    assert.deepEqual(tls.pusher.options, {
      cluster: 'mt1',
      wsHost: 'soketi.internal',
      wsPort: 443,
      wssPort: 443,
      forceTLS: true,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    });
  });

  test('hosted Pusher (PUSHER_CLUSTER): the cluster and TLS, no host of ours', async () => {
    const config = await chatConfig({ PUSHER_CLUSTER: 'eu' }, 'http://127.0.0.1:3000/');
    assert.deepEqual(config.pusher.options, { cluster: 'eu', forceTLS: true, enabledTransports: ['ws', 'wss'], disableStats: true });

    // Read back what pusher-js makes of them without connecting to Pusher: while `isReady` is false
    // its constructor does not connect. The Node build's default export subclasses the class that
    // holds the flag.
    const PusherCore = Object.getPrototypeOf(Pusher) as typeof Pusher;
    PusherCore.isReady = false;
    try {
      const client = new Pusher(config.pusher.key, config.pusher.options);
      PusherCore.instances = PusherCore.instances.filter((instance) => instance !== client);
      assert.equal(client.connection.state, 'initialized');
      assert.equal(client.config.wsHost, 'ws-eu.pusher.com');
      assert.equal(client.config.useTLS, true);
      assert.deepEqual(client.config.enabledTransports, ['ws', 'wss']);
      client.disconnect();
    } finally {
      PusherCore.isReady = true;
    }
  });
});
