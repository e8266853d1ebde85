/**
 * Attack 5, slowloris: many connections that trickle their request a byte a second, needing no token
 * (they are held before any auth check): some never finish their headers, others declare a body and
 * never finish it. The server must cut them after its header and body time limits and keep serving
 * colleagues meanwhile.
 */
import { connect, type Socket } from 'node:net';
import { histogram, type AttackSpec } from '../attack-run.js';
import { size, SLOW_BODY_CUT_WITHIN_MS, SLOW_HEADERS_CUT_WITHIN_MS } from '../bounds.js';

const { headerConnections: HEADER_CONNECTIONS, bodyConnections: BODY_CONNECTIONS } = size.slowloris;
const TRICKLE_EVERY_MS = 1000;
const ADDRESSES = 10;

interface Trickler {
  kind: 'headers' | 'body';
  socket: Socket;
  openedAt: number;
  /** When the server ended the connection. */
  cutAfterMs?: number;
  /** The status line the server answered with, if any (408 for a header timeout, 401 for a missing token…). */
  answered?: string;
}

export function slowloris(): AttackSpec {
  const title = `slowloris: ${HEADER_CONNECTIONS} connections trickling headers and ${BODY_CONNECTIONS} trickling bodies are cut`;
  const tricklers: Trickler[] = [];
  let trickle: NodeJS.Timeout | undefined;

  return {
    title,
    name: 'slowloris',
    async run({ server, signal }) {
      const { port } = server.process;
      const open = (kind: Trickler['kind'], index: number, start: string) =>
        new Promise<void>((resolve) => {
          const socket = connect({ host: '127.0.0.1', port, localAddress: `127.0.0.${50 + (index % ADDRESSES)}` }, () => {
            socket.write(start);
            resolve();
          });
          const trickler: Trickler = { kind, socket, openedAt: performance.now() };
          socket.on('data', (data: Buffer) => (trickler.answered ??= /^HTTP\/1\.1 (\d{3})/.exec(data.toString('latin1'))?.[1] ?? 'other'));
          socket.on('close', () => (trickler.cutAfterMs ??= performance.now() - trickler.openedAt));
          socket.on('error', () => resolve());
          tricklers.push(trickler);
        });
      for (let index = 0; index < HEADER_CONNECTIONS; index++) {
        await open('headers', index, `GET /api/staff_chat/config HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Trickle: `);
      }
      for (let index = 0; index < BODY_CONNECTIONS; index++) {
        await open(
          'body',
          index,
          `POST /api/staff_chat/${server.hotel}/conversations/1/send-message/ HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
            `Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"message":"`,
        );
      }
      trickle = setInterval(() => {
        for (const { socket } of tricklers) if (!socket.destroyed) socket.write('a');
      }, TRICKLE_EVERY_MS);

      // Until every connection was cut, or the later of the two limits has passed.
      const deadline = performance.now() + Math.max(SLOW_HEADERS_CUT_WITHIN_MS, SLOW_BODY_CUT_WITHIN_MS);
      while (performance.now() < deadline && !signal.aborted && tricklers.some((t) => t.cutAfterMs === undefined)) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      clearInterval(trickle);

      const problems: string[] = [];
      const report: string[] = [];
      for (const [kind, limit] of [
        ['headers', SLOW_HEADERS_CUT_WITHIN_MS],
        ['body', SLOW_BODY_CUT_WITHIN_MS],
      ] as const) {
        const group = tricklers.filter((t) => t.kind === kind);
        const cut = group.filter((t) => t.cutAfterMs !== undefined && t.cutAfterMs <= limit);
        const slowest = Math.max(0, ...group.map((t) => t.cutAfterMs ?? 0));
        report.push(
          `${kind}: cut ${cut.length}/${group.length} within ${limit / 1000} s (latest after ${(slowest / 1000).toFixed(1)} s), ` +
            `answered ${histogram(group.map((t) => t.answered ?? 'nothing'))}`,
        );
        if (cut.length < group.length)
          problems.push(
            `${group.length - cut.length} of ${group.length} connections trickling their ${kind} were not cut within ${limit / 1000} s`,
          );
      }
      return { serverDid: report.join('; '), problems };
    },
    cleanup() {
      clearInterval(trickle);
      for (const { socket } of tricklers) socket.destroy();
    },
  };
}
