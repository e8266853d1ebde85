/**
 * What both start scripts do once they know whether they are the demo: read the settings, start the
 * server, and shut down gracefully on SIGTERM/SIGINT so a redeploy loses nothing that was acknowledged.
 */
import { ConfigError, loadConfig, type Config } from './config.js';
import { StartRefusedError, type ServerExtension } from './extension.js';
import { startServer } from './server.js';

export interface RunOptions {
  demo: boolean;
  extension?: ServerExtension;
}

/** Starts the server from `process.env`; exits with 1 and one clear sentence per problem when it can't. */
export async function runServerProcess({ demo, extension }: RunOptions): Promise<void> {
  const config = configOrExit(demo);
  let server;
  try {
    server = await startServer(config, { ...(config.host && { hostname: config.host }), ...(extension && { extension }) });
  } catch (error) {
    if (!(error instanceof StartRefusedError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
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
  console.info(`Staff chat listening on ${server.url} (${engine}${demo ? ', demo mode' : ''})`);
  if (demo) console.info(`Open ${server.url}/ for the demo portal, ${server.url}/demo/side-by-side.html to watch messages travel.`);
}

function configOrExit(demo: boolean): Config {
  try {
    return loadConfig(process.env, { demo });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
