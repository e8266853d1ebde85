/**
 * The child side of support/child.ts: announce readiness, answer memory questions, stop on request
 * (and when the parent goes away, so an interrupted run leaves no server behind).
 */
export function serveIpc(ready: { port: number; [key: string]: unknown }, stop: () => Promise<void>): void {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench servers run as children of bench/run.ts (they need an IPC channel)');
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await stop();
    process.disconnect?.();
  };
  process.on('message', (message: { type?: string }) => {
    if (message.type === 'rss') {
      globalThis.gc?.();
      send({ type: 'rss', rss: process.memoryUsage().rss });
    } else if (message.type === 'stop') {
      void shutdown();
    }
  });
  process.on('disconnect', () => void shutdown());
  send({ type: 'ready', ...ready });
}
