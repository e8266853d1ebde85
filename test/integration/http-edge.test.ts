/**
 * The HTTP edge as an attacker and a careless client meet it: early answers close the connection
 * cleanly, slow headers are cut, security headers are on every answer, a client that goes away is one
 * info line, and `/config` is never cached.
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { after, before, describe, test } from 'node:test';
import { loadConfig } from '../../server/config.js';
import type { Logger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { signStaffToken } from '../../server/auth/token.js';
import { demoExtension } from '../../demo/demo-mode.js';
import { sqliteDatabase, type TestDatabase } from '../soak/database.js';

const SECRET = 'http-edge-test-secret-0123456789abcdef';
const HEADERS_TIMEOUT_MS = 1000;

interface Logged {
  level: 'info' | 'warn' | 'error';
  message: string;
}

function recordingLogger(lines: Logged[]): Logger {
  return {
    info: (message) => lines.push({ level: 'info', message }),
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

/** One request on `agent`, resolving with the status and headers, or the socket error it met. */
function send(port: number, agent: http.Agent, options: { method: string; path: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string } | { error: string }>((resolve) => {
    const request = http.request(
      { host: '127.0.0.1', port, agent, method: options.method, path: options.path, headers: options.headers },
      (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text }));
      },
    );
    request.on('error', (error) => resolve({ error: error.message }));
    request.end(options.body);
  });
}

describe('the HTTP edge', { timeout: 60_000 }, () => {
  let database: TestDatabase;
  let server: RunningServer;
  let token: string;
  const lines: Logged[] = [];

  before(async () => {
    database = sqliteDatabase();
    const config = loadConfig(
      {
        PORT: '0',
        DATABASE_URL: database.url,
        STAFF_CHAT_JWT_SECRET: SECRET,
        STAFF_CHAT_HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS),
        STAFF_CHAT_UPLOAD_DIR: `${database.url.slice('file:'.length)}-uploads`,
      },
      { demo: true },
    );
    server = await startServer(config, { hostname: '127.0.0.1', log: recordingLogger(lines), extension: demoExtension });
    token = signStaffToken({ sub: 'anna', hotel: 'seaview', name: 'Anna', exp: Math.floor(Date.now() / 1000) + 600 }, config.jwtSecret);
  });
  after(async () => {
    await server.close();
    await database.drop();
  });

  test("a 413 closes its connection cleanly, so a kept-alive client's next request works", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      const huge = JSON.stringify({ message: 'x'.repeat(20_000_000) });
      const refused = await send(server.port, agent, {
        method: 'POST',
        path: '/api/staff_chat/seaview/conversations/1/send-message/',
        headers,
        body: huge,
      });
      assert.ok('status' in refused, JSON.stringify(refused));
      assert.equal(refused.status, 413);
      assert.equal(refused.headers.connection, 'close');
      const next = await send(server.port, agent, { method: 'GET', path: '/api/staff_chat/seaview/me', headers });
      assert.ok('status' in next, `the next request met ${JSON.stringify(next)}`);
      assert.equal(next.status, 200);
    } finally {
      agent.destroy();
    }
  });

  test('an unauthenticated upload is answered at once and its connection closed, before its body arrives', async () => {
    const socket = net.connect(server.port, '127.0.0.1');
    let answer = '';
    socket.setEncoding('utf8').on('data', (chunk: string) => (answer += chunk));
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    socket.write(
      'POST /api/staff_chat/seaview/conversations/1/upload/ HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 50000000\r\n\r\n--b\r\n',
    );
    await closed;
    assert.match(answer, /^HTTP\/1\.1 401 /);
    assert.match(answer, /\r\nconnection: close\r\n/i);
  });

  test('headers that trickle in are cut after the headers timeout, while a colleague is served', async () => {
    const started = Date.now();
    const socket = net.connect(server.port, '127.0.0.1');
    const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - started)));
    socket.on('error', () => {});
    socket.write('GET /api/staff_chat/config HTTP/1.1\r\nHost: x\r\n');
    const trickle = setInterval(() => socket.write('X-Slow: a\r\n'), 200);
    try {
      const colleague = await fetch(`http://127.0.0.1:${server.port}/api/staff_chat/seaview/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      assert.equal(colleague.status, 200);
      const heldFor = await closed;
      assert.ok(heldFor < HEADERS_TIMEOUT_MS + 1500, `the slow request was held for ${heldFor} ms`);
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
  });

  test('a client that goes away mid-body is one info line, not an error', async () => {
    lines.length = 0;
    const socket = net.connect(server.port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(
      `POST /api/staff_chat/seaview/conversations/1/send-message/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"message":"half',
    );
    // The handler waits for the rest of the body; then the client leaves.
    setTimeout(() => socket.destroy(), 100);
    const deadline = Date.now() + 5000;
    while (!lines.some((line) => line.message.includes('went away')) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    assert.deepEqual(
      lines.filter((line) => line.level !== 'info'),
      [],
    );
    assert.equal(lines.filter((line) => line.message.includes('went away')).length, 1);
  });

  test('security headers: the API allows nothing and no framing; the demo pages run under a strict CSP', async () => {
    const base = `http://127.0.0.1:${server.port}`;
    const api = await fetch(`${base}/api/staff_chat/seaview/me`, { headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.headers.get('content-security-policy'), "default-src 'none'; frame-ancestors 'none'");
    assert.equal(api.headers.get('x-content-type-options'), 'nosniff');
    assert.equal(api.headers.get('referrer-policy'), 'no-referrer');
    const notFound = await fetch(`${base}/api/nothing-here`);
    assert.equal(notFound.headers.get('x-content-type-options'), 'nosniff');

    for (const page of ['/', '/demo/side-by-side.html']) {
      const response = await fetch(`${base}${page}`);
      assert.equal(response.status, 200, page);
      const csp = response.headers.get('content-security-policy') ?? '';
      assert.match(csp, /script-src 'self'(;|$)/, page);
      assert.match(csp, /frame-ancestors 'self'/, page);
      assert.doesNotMatch(csp, /unsafe-inline/, page);
      assert.equal(response.headers.get('x-frame-options'), 'SAMEORIGIN');
      assert.doesNotMatch(await response.text(), /<script(?![^>]*\bsrc=)[^>]*>/, `${page} has an inline script`);
    }
    const config = await fetch(`${base}/api/staff_chat/config`, { headers: { host: 'evil.example.net' } });
    assert.equal(config.headers.get('cache-control'), 'no-store');
  });
});
