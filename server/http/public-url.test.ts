import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { loadConfig } from '../config.js';
import { publicUrlOf } from './public-url.js';

const SECRET = 'public-url-test-secret-0123456789abcdef';
const request = new URL('http://10.0.0.7:3000/api/staff_chat/config');

describe('publicUrlOf', () => {
  test('without a trusted proxy: the request URL, whatever X-Forwarded-* says', () => {
    const config = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET });
    assert.equal(publicUrlOf(config, request, { proto: 'https', host: 'evil.test' }).href, 'http://10.0.0.7:3000/');
  });

  test('behind a trusted proxy: the first X-Forwarded-Proto and -Host; a bad host is ignored', () => {
    const config = loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_TRUST_PROXY: '1' });
    assert.equal(
      publicUrlOf(config, request, { proto: 'https, http', host: 'chat.example.com, 10.0.0.7' }).href,
      'https://chat.example.com/',
    );
    assert.equal(publicUrlOf(config, request, { proto: 'https', host: 'chat.example.com:8443' }).href, 'https://chat.example.com:8443/');
    assert.equal(publicUrlOf(config, request, { proto: 'https', host: 'x/y@z' }).href, 'https://10.0.0.7:3000/');
    assert.equal(publicUrlOf(config, request, {}).href, 'http://10.0.0.7:3000/');
  });

  test('STAFF_CHAT_PUBLIC_URL wins over everything', () => {
    const config = loadConfig({
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_PUBLIC_URL: 'https://chat.example-hotel.com',
      STAFF_CHAT_TRUST_PROXY: '1',
    });
    assert.equal(publicUrlOf(config, request, { proto: 'http', host: 'evil.test' }).href, 'https://chat.example-hotel.com/');
  });

  test('refuses a public URL with a path, and a bad duration', () => {
    assert.throws(
      () => loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_PUBLIC_URL: 'https://chat.example.com/api' }),
      /STAFF_CHAT_PUBLIC_URL must be an origin/,
    );
    assert.throws(
      () => loadConfig({ STAFF_CHAT_JWT_SECRET: SECRET, STAFF_CHAT_HTTP_HEADERS_TIMEOUT_MS: '5' }),
      /STAFF_CHAT_HTTP_HEADERS_TIMEOUT_MS must be between/,
    );
  });
});
