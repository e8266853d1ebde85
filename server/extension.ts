import type { Hono } from 'hono';
import type { Config } from './config.js';
import type { RouteDeps } from './routes/deps.js';
import type { Storage } from './storage/storage.js';

/**
 * What a start script adds to the server. The production start (`server/main.ts`) adds nothing; the
 * demo start (`demo/main.ts`) adds its seed, its pages and the dev token endpoint. Keeping them out of
 * `server/` means a production process never loads demo code, whatever its environment says.
 */
export interface ServerExtension {
  /** Runs once the database is open and migrated, before the server listens; throwing stops the start. */
  prepare?(storage: Storage): Promise<void>;
  /** Routes under `{apiBase}/staff_chat`, keyed by path, behind the API's CORS and body checks. */
  apiRoutes?(deps: RouteDeps): Record<string, Hono>;
  /** Pages served at the server's root; their policy must let the widget reach the configured engine. */
  pages?(config: Config): Hono;
}

/** Thrown by {@link ServerExtension.prepare} to refuse a start; its message is one sentence for the operator. */
export class StartRefusedError extends Error {
  override name = 'StartRefusedError';
}
