/**
 * Attack 7, oversized JSON bodies: far over the 64 KB limit, declared (Content-Length) and chunked,
 * sent over and over by one person. Each is refused with 413 without reading it, and the refusal ends
 * the connection (`Connection: close`): the rest of the body is never read, so a kept-alive client's
 * next request must go on a new connection, and then it works.
 */
import { Agent, request } from 'node:http';
import { histogram, type AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS, type HostileServer } from '../hostile-server.js';

const { concurrency: CONCURRENCY, bodyMb: BODY_MB, seconds: SECONDS } = size.oversizedBody;
/** A kept-alive client's request after the 413 must be answered within this. */
const NEXT_REQUEST_WITHIN_MS = 2000;

export function oversizedBodies(): AttackSpec {
  const title = `oversized JSON bodies: ${CONCURRENCY} parallel ${BODY_MB} MB bodies for ${SECONDS} s, each 413 closes its connection`;
  return {
    title,
    name: 'oversized bodies',
    async run({ server, signal }) {
      const tokens = await server.enrol(['bulky', 'bulky-friend']);
      const token = tokens.get('bulky')!;
      const conversation = await server.conversation(token, ['bulky-friend']);
      const path = `${server.api}/${server.hotel}/conversations/${conversation.id}/send-message/`;
      const outcomes: Oversized[] = [];
      const stopAt = performance.now() + SECONDS * 1000;
      let round = 0;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, lane) => {
          const agent = new Agent({ keepAlive: true, maxSockets: 1 });
          try {
            while (performance.now() < stopAt && !signal.aborted) {
              const chunked = (round++ + lane) % 2 === 1;
              outcomes.push(await oversizedThenNext(server, agent, path, token, chunked));
            }
          } finally {
            agent.destroy();
          }
        }),
      );

      const problems: string[] = [];
      const refusals = outcomes.map((o) => `${o.chunked ? 'chunked' : 'declared'} ${o.status}`);
      const not413 = outcomes.filter((o) => o.status !== 413);
      if (not413.length > 0)
        problems.push(
          `${not413.length} oversized bodies were not refused with 413: ${histogram(not413.map((o) => `${o.chunked ? 'chunked' : 'declared'} ${o.status}`))}`,
        );
      const kept = outcomes.filter((o) => o.status === 413 && !o.connectionClose);
      if (kept.length > 0)
        problems.push(
          `${kept.length} 413 answers did not say Connection: close (${histogram(kept.map((o) => (o.chunked ? 'chunked' : 'declared')))})`,
        );
      const badShape = outcomes.filter((o) => o.status === 413 && !o.errorShape);
      if (badShape.length > 0) problems.push(`${badShape.length} 413 answers lack the {"error":{"code","message"}} body`);
      const nextFailed = outcomes.filter((o) => o.next !== 200 || o.nextMs > NEXT_REQUEST_WITHIN_MS);
      if (nextFailed.length > 0) {
        problems.push(
          `after ${nextFailed.length} of the 413s the same kept-alive client's next request failed or took over ${NEXT_REQUEST_WITHIN_MS} ms: ` +
            histogram(nextFailed.map((o) => `${o.next}${o.nextMs > NEXT_REQUEST_WITHIN_MS ? ' slow' : ''}`)),
        );
      }
      const slowest = Math.max(0, ...outcomes.map((o) => o.nextMs));
      return {
        serverDid: `answered ${histogram(refusals)}; Connection: close on ${outcomes.filter((o) => o.connectionClose).length}; next request ${histogram(outcomes.map((o) => o.next))}, slowest ${slowest.toFixed(0)} ms`,
        problems,
      };
    },
  };
}

interface Oversized {
  chunked: boolean;
  status: number | string;
  connectionClose: boolean;
  errorShape: boolean;
  /** Status of the next request through the same kept-alive agent. */
  next: number | string;
  nextMs: number;
}

/**
 * Sends one oversized body whole, as most HTTP clients do even when answered early (unless the server
 * ends the connection), then an ordinary request through the same kept-alive agent.
 */
async function oversizedThenNext(server: HostileServer, agent: Agent, url: string, token: string, chunked: boolean): Promise<Oversized> {
  const first = await new Promise<Omit<Oversized, 'next' | 'nextMs'>>((resolve) => {
    const bytes = BODY_MB * 1_000_000;
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (!chunked) headers['content-length'] = String(bytes);
    const req = request(url, { method: 'POST', agent, localAddress: ATTACKER_ADDRESS, headers });
    let answered = false;
    req.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        let errorShape: boolean;
        try {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { code?: unknown; message?: unknown } };
          errorShape = typeof body.error?.code === 'string' && typeof body.error.message === 'string';
        } catch {
          errorShape = false;
        }
        resolve({ chunked, status: res.statusCode ?? 0, connectionClose: res.headers.connection === 'close', errorShape });
      });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (!answered) resolve({ chunked, status: error.code ?? error.message, connectionClose: false, errorShape: false });
    });
    // A JSON string as long as the body: `{"message":"xxxx…"}`.
    const opening = Buffer.from('{"message":"');
    const closing = Buffer.from('"}');
    const chunk = Buffer.alloc(64 * 1024, 'x');
    void (async () => {
      req.write(opening);
      let left = bytes - opening.length - closing.length;
      while (left > 0 && !req.destroyed) {
        const piece = chunk.subarray(0, Math.min(chunk.length, left));
        left -= piece.length;
        if (!req.write(piece)) {
          await new Promise((resolve) => {
            req.once('drain', resolve);
            req.once('close', resolve);
          });
        }
      }
      if (!req.destroyed) req.end(closing);
    })();
  });

  const started = performance.now();
  const next = await server
    .call(token, 'GET', '/conversations/', undefined, { agent, localAddress: ATTACKER_ADDRESS, timeoutMs: 10_000 })
    .then(
      (response) => response.status,
      (error: NodeJS.ErrnoException) => error.code ?? error.name,
    );
  return { ...first, next, nextMs: performance.now() - started };
}
