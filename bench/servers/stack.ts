/**
 * The whole server as production runs it (REST API, storage, notifier, embedded hub), on 127.0.0.1
 * port 0. Settings come from the environment like `npm start`; the parent passes DATABASE_URL, the
 * JWT secret and fixed Pusher credentials (so it can trigger the hub and connect raw sockets).
 */
import { loadConfig } from '../../server/config.js';
import { silentLogger } from '../../server/logger.js';
import { startServer } from '../../server/server.js';
import { serveIpc } from './ipc.js';

const server = await startServer(loadConfig({ ...process.env, PORT: '0' }), { hostname: '127.0.0.1', log: silentLogger });
serveIpc({ port: server.port }, async () => {
  await server.close();
});
