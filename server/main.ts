/**
 * Process entry: `npm start`. Reads the settings, starts the server, and shuts down gracefully on
 * SIGTERM/SIGINT so a redeploy loses nothing that was acknowledged.
 */
import { ConfigError, loadConfig } from './config.js';
import { startServer } from './server.js';

let config;
try {
  config = loadConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const server = await startServer(config);
// Before the server says it listens: whoever waits for that line may stop it at once, and a SIGTERM
// that comes before its handler ends the process without closing anything.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.info(`${signal}: finishing requests in flight and closing…`);
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('Shutdown failed', error);
        process.exit(1);
      },
    );
  });
}

const engine = config.realtime.mode === 'embedded' ? 'embedded hub' : 'external Pusher engine';
console.info(`Staff chat listening on ${server.url} (${engine}${config.demo ? ', demo mode' : ''})`);
if (config.demo) console.info(`Open ${server.url}/ for the demo portal, ${server.url}/demo/side-by-side.html to watch messages travel.`);
