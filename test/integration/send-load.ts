/**
 * Sends through the real HTTP API for the database fault tests: a seeded hotel with a few
 * conversations, one send, and a steady load of concurrent sends whose every answer is kept.
 */
import { randomBytes } from 'node:crypto';
import { signStaffToken } from '../../server/auth/token.js';
import type { Conversation } from '../../contract/index.js';

export const LOAD_SECRET = 'database-faults-secret-0123456789abcdef';

export interface SendResult {
  clientId: string;
  conversationId: number;
  text: string;
  status: number;
  /** The `Retry-After` header, when there was one. */
  retryAfter: string | null;
  json: unknown;
  /** performance.now() when the request was sent, and when its answer had arrived. */
  startedAt: number;
  endedAt: number;
}

export const tokenFor = (sub: string) => signStaffToken({ sub, hotel: 'grand', name: `Name of ${sub}` }, LOAD_SECRET);

/** Anna and one conversation with each of `others`, created through the API; their ids. */
export async function seedConversations(api: string, others: string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const other of others) {
    const me = await fetch(`${api}/staff_chat/grand/me`, { headers: { authorization: `Bearer ${tokenFor(other)}` } });
    if (me.status !== 200) throw new Error(`GET me for ${other}: ${me.status} ${await me.text()}`);
    const created = await fetch(`${api}/staff_chat/grand/conversations/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokenFor('anna')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ participant_ids: [other] }),
    });
    if (created.status !== 201) throw new Error(`POST conversations: ${created.status} ${await created.text()}`);
    ids.push(((await created.json()) as Conversation).id);
  }
  return ids;
}

/** One `send-message/` from anna; never throws for an HTTP answer, whatever its status. */
export async function send(
  api: string,
  conversationId: number,
  clientId = freshClientId(),
  text = `message ${clientId}`,
): Promise<SendResult> {
  const startedAt = performance.now();
  const response = await fetch(`${api}/staff_chat/grand/conversations/${conversationId}/send-message/`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokenFor('anna')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ message: text, client_id: clientId }),
  });
  const raw = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = raw;
  }
  return {
    clientId,
    conversationId,
    text,
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    json,
    startedAt,
    endedAt: performance.now(),
  };
}

export const freshClientId = () => `c${randomBytes(8).toString('hex')}`;

export interface SendLoad {
  readonly results: readonly SendResult[];
  /** Resolves once `condition` holds after some answer; rejects after `timeoutMs`. */
  until(condition: (results: readonly SendResult[]) => boolean, timeoutMs: number, what: string): Promise<void>;
  /** Lets the sends in flight finish and sends no more; every answer. */
  stop(): Promise<SendResult[]>;
}

/**
 * `workers` loops, each sending one message after another, round robin over `conversationIds`,
 * until stopped. A request that fails without an HTTP answer rejects `stop()`.
 */
export function startSendLoad(api: string, conversationIds: number[], workers: number): SendLoad {
  const results: SendResult[] = [];
  const waiters = new Set<() => void>();
  let running = true;
  let turn = 0;
  const loops = Array.from({ length: workers }, async () => {
    while (running) {
      const conversationId = conversationIds[turn++ % conversationIds.length]!;
      results.push(await send(api, conversationId));
      for (const wake of waiters) wake();
    }
  });
  return {
    results,
    until(condition, timeoutMs, what) {
      if (condition(results)) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`${what}: not within ${timeoutMs} ms (${results.length} answers so far)`));
        }, timeoutMs);
        const check = () => {
          if (!condition(results)) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    async stop() {
      running = false;
      await Promise.all(loops);
      return results;
    },
  };
}
