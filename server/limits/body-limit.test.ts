import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { bodyLimit } from './body-limit.js';
import { requireUtf8Body } from './utf8-body.js';
import { ApiError, handleError } from '../errors.js';

describe('bodyLimit and requireUtf8Body over a real Node server', () => {
  const server = createServer();
  let base = '';

  before(async () => {
    const app = new Hono();
    app.use(
      '*',
      bodyLimit({
        maxSize: 100,
        onError: () => {
          throw new ApiError(413, 'payload_too_large', 'too large');
        },
      }),
    );
    app.use('*', requireUtf8Body());
    app.post('/echo', async (c) => c.json(await c.req.json()));
    app.get('/ping', (c) => c.text('pong'));
    app.onError(handleError({ info: () => {}, warn: () => {}, error: () => {} }));
    const listener = getRequestListener(app.fetch);
    server.on('request', (request, response) => void listener(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => {
    server.closeAllConnections();
    server.close();
  });

  test('a body within the limit reaches the route, parsed once', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Zimmer 204 — Handtücher' }),
    });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { text: 'Zimmer 204 — Handtücher' });
  });

  test('a declared length over the limit is refused with 413', async () => {
    const response = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(200) }),
    });
    assert.equal(response.status, 413);
  });

  test('a chunked body (no Content-Length) over the limit is refused with 413 too', async () => {
    const chunks = [
      JSON.stringify({ text: 'x'.repeat(60) }).slice(0, 40),
      JSON.stringify({ text: 'x'.repeat(60) }).slice(40),
      ' '.repeat(50),
    ];
    const body = new ReadableStream({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(new TextEncoder().encode(chunk));
        controller.close();
      },
    });
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body, duplex: 'half' });
    assert.equal(response.status, 413);
  });

  test('bytes that are not UTF-8 are refused with 400, and GETs pass untouched', async () => {
    const bad = new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]); // {"a":"\xc3("}
    const response = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: bad });
    assert.equal(response.status, 400);
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'bad_request');
    assert.equal(await (await fetch(`${base}/ping`)).text(), 'pong');
  });
});
