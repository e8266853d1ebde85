import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { ConfigError, DEMO_SECRET_FILE, loadConfig, pusherClientOptions, type LoadOptions } from './config.js';

const SECRET = 'x'.repeat(32);

function problemsOf(env: Record<string, string>, options?: LoadOptions): string[] {
  try {
    loadConfig(env, options);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
  assert.fail('expected a ConfigError');
}

describe('loadConfig', () => {
  test('applies defaults and the embedded hub when only the secret is set', () => {
    const config = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET });
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, 'file:./data/staff-chat.sqlite');
    assert.equal(config.apiBase, '/api');
    assert.equal(config.demo, false);
    assert.deepEqual(config.allowedOrigins, []);
    assert.equal(config.limits.messageMaxLength, 4000);
    assert.equal(config.realtime.mode, 'embedded');
    assert.match(config.realtime.key, /^[0-9a-f]{20}$/);
  });

  test('reads webhook URLs for the embedded hub, and refuses them with an external engine', () => {
    const config = loadConfig({
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_HUB_WEBHOOK_URLS: 'https://portal.example.com/hooks, http://10.0.0.5:8080/pusher',
    });
    assert.equal(config.realtime.mode, 'embedded');
    assert.deepEqual(config.realtime.mode === 'embedded' && config.realtime.webhooks, [
      { url: 'https://portal.example.com/hooks' },
      { url: 'http://10.0.0.5:8080/pusher' },
    ]);
    assert.match(
      problemsOf({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_HUB_WEBHOOK_URLS: 'ftp://x, not a url' }).join('\n'),
      /"ftp:\/\/x".*\n.*"not a url"/,
    );
    const external = { STAFF_CHAT_JWT_SECRET: SECRET, PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's', PUSHER_CLUSTER: 'eu' };
    assert.match(problemsOf({ ...external, STAFF_CHAT_HUB_WEBHOOK_URLS: 'https://portal.example.com/hooks' }).join('\n'), /embedded hub/);
  });

  test('shares rate limits through Redis only when REDIS_URL is set', () => {
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET }).limits.rate.redis, undefined);
    assert.deepEqual(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, REDIS_URL: 'redis://cache.internal:6379/2' }).limits.rate.redis, {
      url: 'redis://cache.internal:6379/2',
      prefix: 'staff-chat:rate:',
    });
    assert.equal(
      loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, REDIS_URL: 'rediss://cache', STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX: 'grand:' }).limits.rate
        .redis?.prefix,
      'grand:',
    );
    const problems = problemsOf({
      STAFF_CHAT_JWT_SECRET: SECRET,
      REDIS_URL: 'http://cache:6379',
      STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX: 'a b',
    });
    assert.deepEqual(
      problems.map((problem) => problem.split(' ')[0]),
      ['REDIS_URL', 'STAFF_CHAT_RATE_LIMIT_REDIS_PREFIX'],
    );
  });

  test('generates a secret only for the demo start, which no setting can turn on', () => {
    assert.ok(loadConfig({ DATABASE_URL: 'file::memory:' }, { demo: true }).jwtSecret.length >= 32);
    assert.match(problemsOf({}).join('\n'), /STAFF_CHAT_JWT_SECRET is required/);
    assert.match(problemsOf({ STAFF_CHAT_DEMO: '1' }).join('\n'), /STAFF_CHAT_JWT_SECRET is required/);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_DEMO: '1' }).demo, false);
  });

  test('derives the embedded hub credentials from the JWT secret: the same on every start, new with a new secret', () => {
    const first = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET }).realtime;
    const again = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET }).realtime;
    const other = loadConfig({ STAFF_CHAT_JWT_SECRET: 'y'.repeat(32) }).realtime;
    assert.deepEqual(again, first);
    assert.ok(first.mode === 'embedded' && other.mode === 'embedded');
    assert.match(first.appId, /^[1-9]\d{5}$/);
    assert.match(first.secret, /^[0-9a-f]{64}$/);
    assert.notEqual(other.key, first.key);
    assert.notEqual(other.secret, first.secret);
    assert.notEqual(other.appId, first.appId);
    // Separate labels: the public key is no part of the hub secret.
    assert.ok(!first.secret.includes(first.key));
  });

  describe('demo mode without STAFF_CHAT_JWT_SECRET', () => {
    const root = mkdtempSync(join(tmpdir(), 'staff-chat-config-'));
    after(() => rmSync(root, { recursive: true, force: true }));

    test('keeps the generated secret in the data folder, readable by its owner only, and reads it back', () => {
      const dataDir = join(root, 'given', 'data');
      const first = loadConfig({}, { demo: true, dataDir });
      const file = join(dataDir, DEMO_SECRET_FILE);
      assert.equal(readFileSync(file, 'utf8').trim(), first.jwtSecret);
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const restarted = loadConfig({}, { demo: true, dataDir });
      assert.equal(restarted.jwtSecret, first.jwtSecret);
      assert.deepEqual(restarted.realtime, first.realtime, 'the same hub key, so open tabs reconnect');
      assert.notEqual(loadConfig({}, { demo: true, dataDir: join(root, 'elsewhere') }).jwtSecret, first.jwtSecret);
    });

    test('by default keeps it beside the SQLite database', () => {
      const database = join(root, 'beside', 'chat.sqlite');
      const config = loadConfig({ DATABASE_URL: `file:${database}` }, { demo: true });
      assert.equal(readFileSync(join(root, 'beside', DEMO_SECRET_FILE), 'utf8').trim(), config.jwtSecret);
    });

    test('refuses a damaged secret file, and a data folder it cannot write to', () => {
      const damaged = join(root, 'damaged');
      loadConfig({}, { demo: true, dataDir: damaged });
      writeFileSync(join(damaged, DEMO_SECRET_FILE), 'short\n');
      assert.match(
        problemsOf({}, { demo: true, dataDir: damaged }).join('\n'),
        /does not hold a secret of at least 32 characters; delete it/,
      );
      const notAFolder = join(root, 'a-file');
      writeFileSync(notAFolder, '');
      assert.match(problemsOf({}, { demo: true, dataDir: notAFolder }).join('\n'), /could not keep its generated secret in .*a-file/);
    });
  });

  test('lists every bad variable in one error', () => {
    const problems = problemsOf({
      PORT: 'eighty',
      DATABASE_URL: 'mysql://x',
      STAFF_CHAT_JWT_SECRET: 'short',
      PUSHER_USE_TLS: 'maybe',
      API_BASE: 'api',
    });
    assert.equal(problems.length, 5, problems.join('\n'));
    for (const name of ['PORT', 'DATABASE_URL', 'STAFF_CHAT_JWT_SECRET', 'PUSHER_USE_TLS', 'API_BASE']) {
      assert.ok(
        problems.some((problem) => problem.startsWith(name)),
        `${name} missing from ${problems.join(' | ')}`,
      );
    }
  });

  test('wants all three Pusher credentials or none, and a cluster or a host, not both', () => {
    assert.match(problemsOf({ STAFF_CHAT_JWT_SECRET: SECRET, PUSHER_KEY: 'k' }).join(), /all three or none/);
    const credentials = { STAFF_CHAT_JWT_SECRET: SECRET, PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's' };
    assert.match(problemsOf({ ...credentials, PUSHER_CLUSTER: 'eu', PUSHER_HOST: 'h' }).join(), /not both/);
    assert.match(problemsOf({ STAFF_CHAT_JWT_SECRET: SECRET, PUSHER_CLUSTER: 'eu' }).join(), /needs PUSHER_APP_ID/);
    const embedded = loadConfig(credentials).realtime;
    assert.deepEqual(embedded, { mode: 'embedded', appId: '1', key: 'k', secret: 's', webhooks: [] });
  });

  test('reads an external engine', () => {
    const credentials = { STAFF_CHAT_JWT_SECRET: SECRET, PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's' };
    assert.deepEqual(loadConfig({ ...credentials, PUSHER_CLUSTER: 'eu' }).realtime, {
      mode: 'external',
      appId: '1',
      key: 'k',
      secret: 's',
      cluster: 'eu',
      useTLS: true,
    });
    assert.deepEqual(loadConfig({ ...credentials, PUSHER_HOST: 'soketi.local', PUSHER_PORT: '6001', PUSHER_USE_TLS: '0' }).realtime, {
      mode: 'external',
      appId: '1',
      key: 'k',
      secret: 's',
      host: 'soketi.local',
      port: 6001,
      useTLS: false,
    });
  });

  test('normalises origins and the API base', () => {
    const config = loadConfig({
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_ALLOWED_ORIGINS: 'https://portal.example.com, http://localhost:5173',
      API_BASE: '/chat/api/',
    });
    assert.deepEqual(config.allowedOrigins, ['https://portal.example.com', 'http://localhost:5173']);
    assert.equal(config.apiBase, '/chat/api');
    assert.match(problemsOf({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_ALLOWED_ORIGINS: 'portal.example.com/x' }).join(), /not an origin/);
  });

  test('reads the hub limits and the proxy trust, with their defaults, and refuses bad ones', () => {
    const defaults = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET });
    assert.deepEqual(defaults.hubLimits, {
      maxConnections: 10_000,
      maxConnectionsPerAddress: 500,
      subscribeFramesPerSecond: 10,
      memberLeaveDelayMs: 3000,
      authorizeWithinMs: 30_000,
      maxBufferedBytes: 1024 * 1024,
    });
    assert.equal(defaults.trustedProxies, 0);
    const set = loadConfig({
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_HUB_MAX_CONNECTIONS: '2000',
      STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP: '50',
      STAFF_CHAT_HUB_SUBSCRIBE_RATE: '5',
      STAFF_CHAT_HUB_PRESENCE_LEAVE_DELAY_MS: '0',
      STAFF_CHAT_HUB_AUTHORIZE_WITHIN_SECONDS: '0',
      STAFF_CHAT_HUB_MAX_BUFFERED_BYTES: '262144',
      STAFF_CHAT_TRUST_PROXY: '1',
    });
    assert.deepEqual(set.hubLimits, {
      maxConnections: 2000,
      maxConnectionsPerAddress: 50,
      subscribeFramesPerSecond: 5,
      memberLeaveDelayMs: 0,
      authorizeWithinMs: 0,
      maxBufferedBytes: 262_144,
    });
    assert.equal(set.trustedProxies, 1);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_TRUST_PROXY: 'true' }).trustedProxies, 1);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_TRUST_PROXY: '2' }).trustedProxies, 2);

    const problems = problemsOf({
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_HUB_MAX_CONNECTIONS: 'lots',
      STAFF_CHAT_HUB_SUBSCRIBE_RATE: '0',
      STAFF_CHAT_HUB_MAX_BUFFERED_BYTES: '100',
      STAFF_CHAT_TRUST_PROXY: 'maybe',
    });
    assert.equal(problems.length, 4, problems.join('\n'));
    for (const name of [
      'STAFF_CHAT_HUB_MAX_CONNECTIONS',
      'STAFF_CHAT_HUB_SUBSCRIBE_RATE',
      'STAFF_CHAT_HUB_MAX_BUFFERED_BYTES',
      'STAFF_CHAT_TRUST_PROXY',
    ]) {
      assert.ok(
        problems.some((problem) => problem.startsWith(name)),
        `${name} missing from ${problems.join(' | ')}`,
      );
    }
    assert.equal(
      loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_HUB_MAX_CONNECTIONS: '100' }).hubLimits.maxConnectionsPerAddress,
      100,
    );
    const crossed = problemsOf({
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_HUB_MAX_CONNECTIONS: '100',
      STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP: '500',
    });
    assert.deepEqual(crossed, ['STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP must not be above STAFF_CHAT_HUB_MAX_CONNECTIONS.']);
  });
});

describe('loadConfig: search', () => {
  test('reads the per-staff search rate limit, 60 by default, 0 for none, and refuses a bad one', () => {
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET }).search.perMinute, 60);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_RATE_LIMIT_SEARCHES: '0' }).search.perMinute, 0);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_RATE_LIMIT_SEARCHES: '12' }).search.perMinute, 12);
    const problems = problemsOf({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_RATE_LIMIT_SEARCHES: 'lots' });
    assert.deepEqual(
      problems.map((problem) => problem.split(' ')[0]),
      ['STAFF_CHAT_RATE_LIMIT_SEARCHES'],
    );
  });
});

describe('loadConfig: forwards', () => {
  test('reads the per-staff forward rate limit, 20 by default, 0 for none, and refuses a bad one', () => {
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET }).forward.perMinute, 20);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_RATE_LIMIT_FORWARDS: '0' }).forward.perMinute, 0);
    assert.equal(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_RATE_LIMIT_FORWARDS: '8' }).forward.perMinute, 8);
    const problems = problemsOf({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_RATE_LIMIT_FORWARDS: '-1' });
    assert.deepEqual(
      problems.map((problem) => problem.split(' ')[0]),
      ['STAFF_CHAT_RATE_LIMIT_FORWARDS'],
    );
  });
});

describe('STAFF_CHAT_ADMIN_ROLES', () => {
  test('reads a comma-separated list, trimmed and lower-cased; none by default; refuses empty names', () => {
    assert.deepEqual(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET }).adminRoles, []);
    assert.deepEqual(loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_ADMIN_ROLES: ' Manager, Night Manager ' }).adminRoles, [
      'manager',
      'night manager',
    ]);
    assert.throws(() => loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_ADMIN_ROLES: 'Manager,,Chef' }), /STAFF_CHAT_ADMIN_ROLES/);
  });
});

describe('pusherClientOptions', () => {
  const credentials = { STAFF_CHAT_JWT_SECRET: SECRET, PUSHER_APP_ID: '1', PUSHER_KEY: 'k', PUSHER_SECRET: 's' };

  test('embedded: the host and port the browser used, TLS from the scheme', () => {
    const config = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET });
    assert.deepEqual(pusherClientOptions(config, new URL('http://127.0.0.1:3000/api/staff_chat/config')), {
      cluster: 'mt1',
      wsHost: '127.0.0.1',
      wsPort: 3000,
      wssPort: 3000,
      forceTLS: false,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    });
    const tls = pusherClientOptions(config, new URL('https://chat.example.com/'));
    assert.deepEqual([tls.forceTLS, tls.wssPort, tls.wsHost], [true, 443, 'chat.example.com']);
    assert.equal(pusherClientOptions(config, new URL('http://chat.example.com/')).wsPort, 80);
  });

  test('hosted Pusher: the cluster, always TLS', () => {
    const config = loadConfig({ ...credentials, PUSHER_CLUSTER: 'eu' });
    assert.deepEqual(pusherClientOptions(config, new URL('http://127.0.0.1:3000/')), {
      cluster: 'eu',
      forceTLS: true,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    });
  });

  test('self-hosted engine: its host and port, with a placeholder cluster', () => {
    const config = loadConfig({ ...credentials, PUSHER_HOST: 'soketi.local', PUSHER_PORT: '6001', PUSHER_USE_TLS: 'false' });
    assert.deepEqual(pusherClientOptions(config, new URL('https://portal.example.com/')), {
      cluster: 'mt1',
      wsHost: 'soketi.local',
      wsPort: 6001,
      wssPort: 6001,
      forceTLS: false,
      enabledTransports: ['ws', 'wss'],
      disableStats: true,
    });
  });
});
