/**
 * How a baseline server starts and stops, the way server/main.ts does, so test/support/server-process.ts
 * launches both alike: listen on HOST:PORT (the launcher's 127.0.0.1 and 0), print the line it waits
 * for, and close on SIGTERM.
 */
import type { Server } from 'node:http';

export function serve(server: Server, close: () => Promise<void>): void {
  server.listen(Number(process.env.PORT ?? 0), process.env.HOST ?? '127.0.0.1', () => {
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('a baseline listens on TCP');
    console.info(`baseline listening on http://${address.address}:${address.port}`);
  });
  process.once('SIGTERM', () => {
    void close().then(() => process.exit(0));
  });
}
