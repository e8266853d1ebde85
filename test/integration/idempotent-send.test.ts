/**
 * Idempotent send under concurrency, through HTTP on SQLite and PostgreSQL: identical requests that
 * arrive at the same instant (each on its own connection) store one row; every answer carries it.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, test } from 'node:test';
import type { Conversation, Message } from '../../contract/index.js';
import { postgresUnreachable } from '../soak/database.js';
import { startHardenedStack, type HardenedStack } from './hardened-stack.js';

for (const kind of ['sqlite', 'postgres'] as const) {
  const unreachable = kind === 'postgres' ? await postgresUnreachable() : undefined;
  if (unreachable && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${unreachable}`);

  describe(
    `idempotent send under concurrency (${kind})`,
    { ...(unreachable && { skip: `PostgreSQL unreachable: ${unreachable}` }) },
    () => {
      let stack: HardenedStack;
      let conversations: number[];
      before(async () => {
        stack = await startHardenedStack(kind);
        const anna = stack.token('grand', 'anna');
        for (const sub of ['ben', 'cora']) await stack.request('GET', '/staff_chat/grand/me', { token: stack.token('grand', sub) });
        conversations = [];
        for (const other of ['ben', 'cora']) {
          conversations.push(
            (
              (await stack.request('POST', '/staff_chat/grand/conversations/', { token: anna, body: { participant_ids: [other] } }))
                .json as Conversation
            ).id,
          );
        }
      });
      after(() => stack?.close());

      /** Sends on a fresh connection each, all written before any is answered. */
      const burst = (bodies: { conversationId: number; body: unknown }[]) => {
        const token = stack.token('grand', 'anna');
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const answers = bodies.map(({ conversationId, body }) => {
          const payload = JSON.stringify(body);
          return new Promise<{ status: number; message: Message }>((resolve, reject) => {
            const req = httpRequest(
              {
                host: '127.0.0.1',
                port: stack.server.port,
                method: 'POST',
                path: `/api/staff_chat/grand/conversations/${conversationId}/send-message/`,
                agent: false,
                headers: {
                  authorization: `Bearer ${token}`,
                  'content-type': 'application/json',
                  'content-length': Buffer.byteLength(payload),
                },
              },
              (res) => {
                let text = '';
                res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
                res.on('end', () => resolve({ status: res.statusCode ?? 0, message: JSON.parse(text) as Message }));
              },
            );
            req.on('error', reject);
            // Headers and all but the last byte now; the last byte of every request together.
            req.write(payload.slice(0, -1));
            void gate.then(() => req.end(payload.slice(-1)));
          });
        });
        setTimeout(release, 50);
        return Promise.all(answers);
      };

      test('twelve identical sends store one row and all answer with it', async () => {
        const answers = await burst(
          Array.from({ length: 12 }, () => ({ conversationId: conversations[0]!, body: { message: 'once', client_id: 'same-instant' } })),
        );
        assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
        assert.equal(new Set(answers.map((a) => a.message.id)).size, 1);
        const rows = (await stack.database.messages()).filter((row) => row.client_id === 'same-instant');
        assert.equal(rows.length, 1);
        assert.equal(rows[0]!.id, answers[0]!.message.id);
      });

      test('one client_id sent to two conversations at once: one row, the other answer is 409', async () => {
        const answers = await burst(
          conversations.map((conversationId) => ({ conversationId, body: { message: 'which one?', client_id: 'two-places' } })),
        );
        assert.deepEqual(answers.map((a) => a.status).sort(), [201, 409]);
        assert.equal((await stack.database.messages()).filter((row) => row.client_id === 'two-places').length, 1);
      });
    },
  );
}
