/**
 * PostgreSQL going away under the real server: every connection terminated during a send load (in
 * process and as production runs it, `server/main.ts` in a child process), a frozen database (packets
 * dropped), and a refused connection. The server must keep running, answer 503
 * `database_unavailable` with `Retry-After` instead of crashing, hanging or answering 500, lose no
 * acknowledged (201) message, and recover by itself.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { signStaffToken } from '../../server/auth/token.js';
import { loadConfig } from '../../server/config.js';
import type { Logger } from '../../server/logger.js';
import { assertDatabaseUnavailable, prepareFeatureWrites, type ApiCall } from '../../server/testing/feature-writes.js';
import { startServer, type RunningServer } from '../../server/server.js';
import { POSTGRES_URL, postgresDatabase, postgresUnreachable, type TestDatabase } from '../soak/database.js';
import { startServerProcess } from '../support/server-process.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { isErrorShape } from './hardened-stack.js';
import { LOAD_SECRET, seedConversations, send, startSendLoad, type SendResult } from './send-load.js';

const unreachable = await postgresUnreachable();
if (unreachable && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${unreachable}`);

const OTHERS = ['ben', 'cora', 'dan', 'eve'];
const RECOVERY_DEADLINE_MS = 5_000;

/** Short timeouts, so that a frozen database answers 503 within a test's few seconds. */
const FAST_TIMEOUTS = {
  STAFF_CHAT_DB_CONNECT_TIMEOUT_MS: '500',
  STAFF_CHAT_DB_STATEMENT_TIMEOUT_MS: '800',
  STAFF_CHAT_DB_QUERY_TIMEOUT_MS: '1000',
};

/** `database.url`, with a name of its own in `pg_stat_activity` and, if given, through `proxyPort`. */
function serverUrl(database: TestDatabase, applicationName: string, proxyPort?: number): string {
  const url = new URL(database.url);
  url.searchParams.set('application_name', applicationName);
  if (proxyPort !== undefined) {
    url.hostname = '127.0.0.1';
    url.port = String(proxyPort);
  }
  return url.toString();
}

/** Terminates every PostgreSQL backend whose application_name is `applicationName`; how many. */
async function terminateBackends(admin: pg.Client, applicationName: string): Promise<number> {
  // FILTER runs after WHERE; in a plain `WHERE a AND pg_terminate_backend(pid)` the planner may call the
  // function first, on every backend, this one included.
  const { rows } = await admin.query<{ terminated: number }>(
    `select (count(*) filter (where pg_terminate_backend(pid)))::int as terminated
       from pg_stat_activity where application_name = $1 and pid <> pg_backend_pid()`,
    [applicationName],
  );
  return rows[0]?.terminated ?? 0;
}

/** Uncaught exceptions and unhandled rejections in this process while the recorder runs. */
function recordProcessFaults() {
  const faults: unknown[] = [];
  const record = (fault: unknown) => faults.push(fault);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  return {
    faults,
    stop() {
      process.off('uncaughtException', record);
      process.off('unhandledRejection', record);
    },
  };
}

/** A logger that keeps what the server says, so a failing test can show it. */
function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (level: string) => (message: string, fields?: Record<string, unknown>) => {
    lines.push(
      `${level} ${message} ${fields ? JSON.stringify(fields, (_key, value: unknown) => (value instanceof Error ? value.message : value)) : ''}`,
    );
  };
  return { lines, info: keep('info'), warn: keep('warn'), error: keep('error') };
}

function assertUnavailable(result: SendResult): void {
  assert.equal(result.status, 503, `expected 503, got ${result.status}: ${JSON.stringify(result.json)}`);
  assert.ok(isErrorShape(result.json), `the error shape: ${JSON.stringify(result.json)}`);
  assert.equal(result.json.error.code, 'database_unavailable');
  assert.match(result.retryAfter ?? '', /^[1-9]\d*$/, 'Retry-After in whole seconds');
}

/** Sends until one is stored; the time from `since` to that answer. */
async function recoveryMs(api: string, conversationId: number, since: number): Promise<number> {
  const deadline = since + RECOVERY_DEADLINE_MS;
  for (;;) {
    const result = await send(api, conversationId);
    if (result.status === 201) return result.endedAt - since;
    assertUnavailable(result);
    if (performance.now() > deadline) assert.fail(`sends did not succeed again within ${RECOVERY_DEADLINE_MS} ms`);
    // No event says "the database is back"; the next attempt waits a little, as the widget's outbox would.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Every 201 is in the database exactly as acknowledged; every other answer is a 503 in the one error
 * shape; and sending each failed message again with its client_id (as the widget's outbox does) stores
 * it once: 201, or 200 when the failed attempt had committed after all.
 */
async function assertNothingLost(
  api: string,
  database: TestDatabase,
  results: readonly SendResult[],
): Promise<{ created: number; unavailable: number }> {
  const created = results.filter((result) => result.status === 201);
  const failed = results.filter((result) => result.status !== 201);
  for (const result of failed) assertUnavailable(result);

  const stored = new Map((await database.messages()).map((row) => [row.client_id, row]));
  for (const result of created) {
    const row = stored.get(result.clientId);
    assert.ok(row, `the acknowledged message ${result.clientId} is stored`);
    assert.equal(row.id, (result.json as { id: number }).id);
    assert.equal(row.message, result.text);
  }

  for (const result of failed) {
    const retry = await send(api, result.conversationId, result.clientId, result.text);
    assert.ok(retry.status === 201 || retry.status === 200, `retry of ${result.clientId}: ${retry.status} ${JSON.stringify(retry.json)}`);
  }
  const rows = await database.messages();
  const clientIds = rows.map((row) => row.client_id);
  assert.equal(new Set(clientIds).size, clientIds.length, 'no message stored twice');
  for (const result of results) assert.ok(clientIds.includes(result.clientId), `${result.clientId} is stored after its retry`);
  return { created: created.length, unavailable: failed.length };
}

describe('PostgreSQL faults under the real server', { ...(unreachable && { skip: `PostgreSQL unreachable: ${unreachable}` }) }, () => {
  const uploads = mkdtempSync(join(tmpdir(), 'staff-chat-db-faults-'));
  let admin: pg.Client;
  before(async () => {
    admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
  });
  after(async () => {
    await admin?.end();
    rmSync(uploads, { recursive: true, force: true });
  });

  const env = (databaseUrl: string, extra: Record<string, string> = {}) => ({
    DATABASE_URL: databaseUrl,
    STAFF_CHAT_JWT_SECRET: LOAD_SECRET,
    STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
    STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
    STAFF_CHAT_RATE_LIMIT_CHANGES: '0',
    STAFF_CHAT_UPLOAD_DIR: uploads,
    ...extra,
  });

  async function startInProcess(
    databaseUrl: string,
    extra: Record<string, string> = {},
  ): Promise<{ server: RunningServer; api: string; log: ReturnType<typeof recordingLogger> }> {
    const log = recordingLogger();
    const server = await startServer(loadConfig({ PORT: '0', ...env(databaseUrl, extra) }), { hostname: '127.0.0.1', log });
    return { server, api: `http://127.0.0.1:${server.port}/api`, log };
  }

  /** Three times during the load: terminate the server's connections, then wait for a send to succeed. */
  async function terminateThreeTimes(api: string, conversations: number[], applicationName: string, workers: number) {
    const load = startSendLoad(api, conversations, workers);
    const rounds: { terminated: number; recoveredMs: number }[] = [];
    try {
      for (let round = 0; round < 3; round++) {
        const before = load.results.filter((result) => result.status === 201).length;
        await load.until(
          (results) => results.filter((result) => result.status === 201).length >= before + 20,
          10_000,
          'sends stored before the cut',
        );
        const cutAt = performance.now();
        const terminated = await terminateBackends(admin, applicationName);
        assert.ok(terminated > 0, 'the server had connections to terminate');
        // Recovered: a send that started after the cut was stored.
        await load.until(
          (results) => results.some((result) => result.status === 201 && result.startedAt > cutAt),
          RECOVERY_DEADLINE_MS,
          'a send stored after the cut',
        );
        const first = load.results.find((result) => result.status === 201 && result.startedAt > cutAt)!;
        rounds.push({ terminated, recoveredMs: Math.round(first.endedAt - cutAt) });
      }
    } finally {
      await load.stop();
    }
    return { results: load.results, rounds };
  }

  test(
    'every connection terminated three times during a send load: no crash, every 201 stored, the rest 503, recovery within seconds',
    { timeout: 60_000 },
    async () => {
      const database = await postgresDatabase();
      const applicationName = `staff-chat-test-${randomBytes(4).toString('hex')}`;
      const faults = recordProcessFaults();
      const { server, api, log } = await startInProcess(serverUrl(database, applicationName));
      try {
        const conversations = await seedConversations(api, OTHERS);
        const { results, rounds } = await terminateThreeTimes(api, conversations, applicationName, 16);
        const counts = await assertNothingLost(api, database, results);
        console.info(
          `in process: ${results.length} sends, ${counts.created} stored at once, ${counts.unavailable} answered 503; rounds ${JSON.stringify(rounds)}`,
        );
        assert.ok(counts.unavailable > 0, 'some sends met a terminated connection (else the test proved nothing)');
        // The one handler's 500 path logs "request failed"; a lost notification ("realtime notification
        // failed") is the notifier's to report, and the widget's catch-up covers it.
        assert.ok(
          !log.lines.some((line) => line.startsWith('error request failed')),
          `no request failed with a 500:\n${log.lines.join('\n')}`,
        );
        assert.deepEqual(faults.faults, [], 'no uncaught exception or unhandled rejection');
      } finally {
        faults.stop();
        await server.close();
        await database.drop();
      }
    },
  );

  test(
    'the same as production runs it (server/main.ts in a child process): it keeps running and stops cleanly on SIGTERM',
    { timeout: 90_000 },
    async () => {
      const database = await postgresDatabase();
      const applicationName = `staff-chat-test-${randomBytes(4).toString('hex')}`;
      const child = await startServerProcess(env(serverUrl(database, applicationName)));
      try {
        const api = `http://127.0.0.1:${child.port}/api`;
        const conversations = await seedConversations(api, OTHERS);
        const { results, rounds } = await terminateThreeTimes(api, conversations, applicationName, 12);
        const counts = await assertNothingLost(api, database, results);
        console.info(
          `child process: ${results.length} sends, ${counts.created} stored at once, ${counts.unavailable} answered 503; rounds ${JSON.stringify(rounds)}`,
        );
        assert.doesNotMatch(child.output(), /Uncaught|Unhandled|ERR_UNHANDLED/i);
        assert.equal(await child.stop('SIGTERM'), 0, `exit code on SIGTERM; output:\n${child.output()}`);
      } finally {
        await child.stop('SIGTERM');
        await database.drop();
      }
    },
  );

  describe('through a proxy', () => {
    let database: TestDatabase;
    let proxy: TcpProxy;
    let server: RunningServer;
    let api: string;
    let conversationId: number;
    before(async () => {
      database = await postgresDatabase();
      const target = new URL(POSTGRES_URL);
      proxy = await startTcpProxy({ host: target.hostname, port: Number(target.port || 5432) });
      ({ server, api } = await startInProcess(
        serverUrl(database, `staff-chat-test-${randomBytes(4).toString('hex')}`, proxy.port),
        FAST_TIMEOUTS,
      ));
      [conversationId] = (await seedConversations(api, ['ben'])) as [number];
    });
    after(async () => {
      proxy?.thaw();
      await server?.close();
      await proxy?.close();
      await database?.drop();
    });

    test(
      'a frozen database (packets dropped): sends answer 503 within the timeouts instead of hanging, and recover when it answers again',
      { timeout: 30_000 },
      async () => {
        assert.equal((await send(api, conversationId)).status, 201);
        proxy.freeze();
        const frozenAt = performance.now();
        // More sends than the pool's 10 connections: some wait for a connection, some for an answer.
        const answers = await Promise.all(Array.from({ length: 14 }, () => send(api, conversationId)));
        const bound = Number(FAST_TIMEOUTS.STAFF_CHAT_DB_CONNECT_TIMEOUT_MS) + Number(FAST_TIMEOUTS.STAFF_CHAT_DB_QUERY_TIMEOUT_MS) + 1_000;
        for (const answer of answers) {
          assertUnavailable(answer);
          assert.ok(
            answer.endedAt - answer.startedAt < bound,
            `answered in ${Math.round(answer.endedAt - answer.startedAt)} ms, within ${bound} ms`,
          );
        }
        const slowest = Math.max(...answers.map((answer) => answer.endedAt - answer.startedAt));
        proxy.thaw();
        const thawedAt = performance.now();
        const recovered = await recoveryMs(api, conversationId, thawedAt);
        console.info(
          `frozen: ${answers.length} sends answered 503, the slowest in ${Math.round(slowest)} ms (bound ${bound} ms), after ${Math.round(thawedAt - frozenAt)} ms frozen; a send was stored ${Math.round(recovered)} ms after the thaw`,
        );
        await assertNothingLost(api, database, answers);
      },
    );

    test(
      'a refused connection (the database down): sends answer 503 with Retry-After at once, and recover when it listens again',
      { timeout: 30_000 },
      async () => {
        assert.equal((await send(api, conversationId)).status, 201);
        await proxy.refuse();
        const answers: SendResult[] = [];
        // Some meet the cut connections, the rest are refused outright.
        for (let attempt = 0; attempt < 6; attempt++) answers.push(await send(api, conversationId));
        for (const answer of answers) assertUnavailable(answer);
        const refused = answers.slice(-3);
        for (const answer of refused)
          assert.ok(answer.endedAt - answer.startedAt < 500, `refused in ${Math.round(answer.endedAt - answer.startedAt)} ms`);
        await proxy.accept();
        const acceptedAt = performance.now();
        const recovered = await recoveryMs(api, conversationId, acceptedAt);
        console.info(
          `refused: ${answers.length} sends answered 503 (Retry-After ${answers[0]?.retryAfter} s), the last in ${Math.round(refused.at(-1)!.endedAt - refused.at(-1)!.startedAt)} ms; a send was stored ${Math.round(recovered)} ms after the database listened again`,
        );
        await assertNothingLost(api, database, answers);
      },
    );

    test(
      'every write of urgent messages, handover notes, pins and housekeeping while the database is down: 503 in the one error shape, nothing half-stored, and each succeeds on retry once it listens again',
      { timeout: 30_000 },
      async () => {
        // Three of Housekeeping, whose tokens put them in its department channel.
        const call: ApiCall = async (sub, method, path, body) => {
          const json = body !== undefined && !(body instanceof FormData);
          const token = signStaffToken({ sub, hotel: 'grand', name: `Name of ${sub}`, department: 'Housekeeping' }, LOAD_SECRET);
          const response = await fetch(`${api}/staff_chat/grand${path}`, {
            method,
            headers: { authorization: `Bearer ${token}`, ...(json && { 'content-type': 'application/json' }) },
            ...(body !== undefined && { body: json ? JSON.stringify(body) : body }),
          });
          return { status: response.status, retryAfter: response.headers.get('retry-after'), json: await response.json() };
        };
        const { writes, state, stored } = await prepareFeatureWrites(call, { actor: 'hugo', owner: 'hana', other: 'ines' });
        const before = await state();

        await proxy.refuse();
        try {
          for (const write of writes) assertDatabaseUnavailable(await call('hugo', write.method, write.path, write.body), write.name);
        } finally {
          await proxy.accept();
        }
        // Retried as the widget would, until the pool has reconnected; the first reads may still meet it.
        const deadline = performance.now() + RECOVERY_DEADLINE_MS;
        const settled = async () => {
          for (;;) {
            try {
              return await state();
            } catch (error) {
              if (performance.now() > deadline) throw error;
              await new Promise((resolve) => setTimeout(resolve, 50));
            }
          }
        };
        assert.deepEqual(await settled(), before, 'nothing stored half-way');
        // The first success is the one that stores it (201 for the acknowledgement, the pin and the note,
        // not 200 "already"): the 503s stored nothing.
        for (const write of writes) {
          for (;;) {
            const answer = await call('hugo', write.method, write.path, write.body);
            if (answer.status === write.ok) break;
            assertDatabaseUnavailable(answer, `${write.name} on retry`);
            if (performance.now() > deadline)
              assert.fail(`${write.name} did not succeed within ${RECOVERY_DEADLINE_MS} ms of the database listening again`);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        assert.deepEqual(await state(), stored(before));
      },
    );

    test('a shutdown while the database is frozen still finishes', { timeout: 15_000 }, async () => {
      assert.equal((await send(api, conversationId)).status, 201);
      proxy.freeze();
      const started = performance.now();
      await server.close();
      const took = performance.now() - started;
      console.info(`shutdown while frozen: closed in ${Math.round(took)} ms`);
      // pg-pool's end() does not wait for the goodbyes a frozen database never answers.
      assert.ok(took < Number(FAST_TIMEOUTS.STAFF_CHAT_DB_CONNECT_TIMEOUT_MS) + 3_000, `closed in ${Math.round(took)} ms`);
    });
  });
});
