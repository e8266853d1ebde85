/**
 * Graceful shutdown: requests in flight finish, hub sockets close with 4200, the database is closed,
 * and a restart on the same database loses nothing that was acknowledged. In-process through
 * `close()`, and as production runs it: `server/main.ts` stopped with SIGTERM and SIGINT.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { after, describe, test } from 'node:test';
import Pusher from 'pusher-js';
import { signStaffToken } from '../../server/auth/token.js';
import { loadConfig } from '../../server/config.js';
import type { ChatConfig, Conversation, Message } from '../../contract/index.js';
import { silentLogger } from '../../server/logger.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { sqliteDatabase } from '../soak/database.js';
import { startServerProcess } from '../support/server-process.js';

const SECRET = 'graceful-shutdown-secret-0123456789abcdef';
const token = (sub: string) => signStaffToken({ sub, hotel: 'grand', name: sub }, SECRET);

async function call(port: number, sub: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token(sub)}`, ...(body !== undefined && { 'content-type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return { status: response.status, json: await response.json() };
}

async function setUp(port: number): Promise<number> {
  await call(port, 'ben', 'GET', '/staff_chat/grand/me');
  return ((await call(port, 'anna', 'POST', '/staff_chat/grand/conversations/', { participant_ids: ['ben'] })).json as Conversation).id;
}

/** A pusher-js client on the embedded hub that records the Pusher error codes it is sent. */
async function connectListener(port: number): Promise<{ client: Pusher; codes: number[] }> {
  const config = (await (await fetch(`http://127.0.0.1:${port}/api/staff_chat/config`)).json()) as ChatConfig;
  const client = new Pusher(config.pusher.key, { ...config.pusher.options, wsHost: '127.0.0.1' });
  const codes: number[] = [];
  client.connection.bind('error', (error: { data?: { code?: number } }) => {
    if (error.data?.code) codes.push(error.data.code);
  });
  await new Promise<void>((resolve) => client.connection.bind('connected', () => resolve()));
  return { client, codes };
}

/**
 * A send on a raw keep-alive connection, in two steps: `started` resolves once the server has read the
 * headers (it answered `100 Continue`), so the request is surely in flight; `finish()` then sends the
 * body. The connection is left open afterwards, as browsers leave theirs.
 */
function sendInTwoSteps(port: number, path: string, bearer: string, body: string) {
  const socket = connect(port, '127.0.0.1', () =>
    socket.write(
      `POST /api${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${bearer}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nExpect: 100-continue\r\n\r\n`,
    ),
  );
  let text = '';
  let onText = () => {};
  socket.setEncoding('utf8').on('data', (chunk: string) => {
    text += chunk;
    onText();
  });
  const until = (test: () => boolean) => new Promise<void>((resolve) => (onText = () => test() && resolve()));
  const started = until(() => text.includes('100 Continue'));
  return {
    started,
    /** Sends the body; resolves with the final response's head. */
    async finish(): Promise<string> {
      const head = until(() => /HTTP\/1\.1 [2-5]\d\d [^]*\r\n\r\n/.test(text.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '')));
      socket.write(body);
      await head;
      return text.replace(/^HTTP\/1\.1 100 Continue\r\n\r\n/, '').split('\r\n\r\n')[0]!;
    },
    closed: new Promise<void>((resolve) => socket.on('close', () => resolve())),
  };
}

describe('graceful shutdown', { timeout: 90_000 }, () => {
  const database = sqliteDatabase();
  after(() => database.drop());

  test('close() lets requests in flight finish, even on busy keep-alive connections, and a restart keeps every acknowledged message', async () => {
    const config = loadConfig({
      PORT: '0',
      DATABASE_URL: database.url,
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
    });
    let server: RunningServer = await startServer(config, { hostname: '127.0.0.1', log: silentLogger });
    const port = server.port;
    const conversationId = await setUp(port);
    const listener = await connectListener(port);

    const acknowledged = new Map<string, number>();
    const unanswered: string[] = [];
    const send = async (clientId: string) => {
      try {
        const { status, json } = await call(port, 'anna', 'POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, {
          message: clientId,
          client_id: clientId,
        });
        assert.ok(status === 201 || status === 200, `${clientId}: ${status} ${JSON.stringify(json)}`);
        acknowledged.set(clientId, (json as Message).id);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        unanswered.push(clientId);
      }
    };
    const burst = Array.from({ length: 40 }, (_, n) => send(`burst-${n}`));
    await Promise.race(burst);
    // Surely in flight when close() begins, on a connection kept alive after its answer: Node's
    // close() alone would wait for that connection to time out (5 s); the answer must end it.
    const slow = sendInTwoSteps(
      port,
      `/staff_chat/grand/conversations/${conversationId}/send-message/`,
      token('anna'),
      JSON.stringify({ message: 'slow', client_id: 'slow' }),
    );
    await slow.started;

    const started = Date.now();
    const closing = server.close();
    const slowHead = await slow.finish();
    await closing;
    const closeMs = Date.now() - started;
    await Promise.all([...burst, slow.closed]);

    assert.match(slowHead, /^HTTP\/1\.1 201 /, 'the request in flight was answered');
    assert.match(slowHead, /\r\nconnection: close/i);
    assert.ok(closeMs < 3000, `close() took ${closeMs} ms: a kept-alive connection was not ended`);
    acknowledged.set('slow', -1);
    assert.deepEqual(listener.codes.filter((code) => code === 4200).length >= 1, true, `pusher-js got ${listener.codes.join(',')}`);
    listener.client.disconnect();
    await assert.rejects(server.storage.getStaff('grand', 'anna'), 'the database is closed');

    // Restart on the same database: everything acknowledged is there, once; what was never
    // answered is sent again with the same client_id and stored once.
    server = await startServer({ ...config, port }, { hostname: '127.0.0.1', log: silentLogger });
    try {
      for (const clientId of unanswered) {
        const { status, json } = await call(port, 'anna', 'POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, {
          message: clientId,
          client_id: clientId,
        });
        assert.ok(status === 201 || status === 200, `${clientId}: ${status}`);
        acknowledged.set(clientId, (json as Message).id);
      }
      const rows = await database.messages();
      assert.equal(rows.length, acknowledged.size, 'one row per message');
      for (const row of rows) {
        if (row.client_id === 'slow') continue; // its id was not parsed from the raw answer
        assert.equal(acknowledged.get(row.client_id ?? ''), row.id, `${row.client_id} stored as acknowledged`);
      }
      assert.ok(
        rows.some((row) => row.client_id === 'slow'),
        'the send in flight at close() is stored',
      );
    } finally {
      await server.close();
    }
  });
});

describe('main.ts on a signal', { timeout: 90_000 }, () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    test(`${signal}: finishes requests in flight, closes sockets with 4200 and the database, exits 0`, async () => {
      const database = sqliteDatabase();
      try {
        const path = database.url.slice('file:'.length);
        const server = await startServerProcess({ DATABASE_URL: database.url, STAFF_CHAT_JWT_SECRET: SECRET });
        const conversationId = await setUp(server.port);
        const listener = await connectListener(server.port);
        const disconnected = new Promise<void>((resolve) => listener.client.connection.bind('connecting', () => resolve()));

        const sends = Array.from({ length: 20 }, (_, n) =>
          call(server.port, 'anna', 'POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, {
            message: `m${n}`,
            client_id: `m${n}`,
          }).then(
            ({ status, json }) => ({ status, id: (json as Message).id, clientId: `m${n}` }),
            () => undefined,
          ),
        );
        await Promise.race(sends);
        const exitCode = await server.stop(signal);
        const answers = (await Promise.all(sends)).filter((answer) => answer !== undefined);
        await disconnected;
        listener.client.disconnect();

        assert.equal(exitCode, 0, server.output());
        assert.match(server.output(), new RegExp(`${signal}: finishing requests in flight`));
        assert.ok(listener.codes.includes(4200), `pusher-js got ${listener.codes.join(',')}`);
        assert.ok(
          answers.every((answer) => answer.status === 201),
          JSON.stringify(answers),
        );
        // Closed cleanly: SQLite folds the write-ahead log back in and removes it on the last close.
        assert.equal(existsSync(`${path}-wal`), false, 'the database was not closed');
        const rows = await database.messages();
        for (const answer of answers)
          assert.ok(
            rows.some((row) => row.id === answer.id && row.client_id === answer.clientId),
            `${answer.clientId} lost`,
          );
      } finally {
        await database.drop();
      }
    });
  }
});
