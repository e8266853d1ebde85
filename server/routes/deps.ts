import type { MiddlewareHandler } from 'hono';
import type Pusher from 'pusher';
import type { AuthEnv } from '../auth/middleware.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { Notifier } from '../notify/notifier.js';
import type { Storage } from '../storage/storage.js';

/** What every route module is built from; `auth` is the shared {@link requireStaff} middleware. */
export interface RouteDeps {
  config: Config;
  storage: Storage;
  /** The SDK instance; routes use it only to sign channel authorizations. */
  pusher: Pusher;
  notifier: Notifier;
  log: Logger;
  auth: MiddlewareHandler<AuthEnv>;
  /** After `auth` on routes that store a message: the per-staff message budget (429 beyond it). */
  limitMessages: MiddlewareHandler<AuthEnv>;
  /**
   * After `auth` on routes that change a conversation without a message (pins, mute, archive, leave,
   * removals, attachment deletions): a budget of its own, as large as the message budget (429 beyond it).
   */
  limitChanges: MiddlewareHandler<AuthEnv>;
}
