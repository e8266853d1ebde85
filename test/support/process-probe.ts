/**
 * Loaded into a server child by `startServerProcess(…, { probe: true })` (node `--import`), beside the
 * entry, which stays exactly what production runs. Over the IPC channel it answers `{type: 'rss'}` with
 * the resident memory after a garbage collection (the child runs with --expose-gc), so memory figures
 * do not count garbage; and it stops the server (SIGTERM, its graceful path) when the parent goes away,
 * so an interrupted run leaves no server behind.
 */
const send = process.send?.bind(process);
if (send) {
  process.on('message', (message: { type?: string }) => {
    if (message.type !== 'rss') return;
    globalThis.gc?.();
    send({ type: 'rss', rss: process.memoryUsage().rss });
  });
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  // The channel must not keep the process alive: the entry decides when it ends.
  process.channel?.unref();
}
