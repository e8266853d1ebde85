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
  /**
   * After `auth` on routes that store a message (a send, a handover note, an upload, an edit, a forward):
   * the per-staff message budget, STAFF_CHAT_RATE_LIMIT_MESSAGES (429 beyond it).
   */
  limitMessages: MiddlewareHandler<AuthEnv>;
  /**
   * After `auth` on routes that change a conversation without storing a message, most of them an event
   * to all its members (pins, acknowledgements, handover ticks, reactions, deletions, attachment
   * deletions, mute, archive, leave, removals): a budget of their own, STAFF_CHAT_RATE_LIMIT_CHANGES, so
   * a loop of them neither floods a department channel nor eats its sender's message budget.
   */
  limitChanges: MiddlewareHandler<AuthEnv>;
  /** The embedded hub's subscription grants (absent with an external engine); see {@link SubscriptionGrants}. */
  subscriptions?: SubscriptionGrants;
}

/**
 * Lets the embedded hub drop a conversation channel's subscriptions of someone who left: the channel
 * authorization route records who each socket was authorized as, and leaving or removal revokes it.
 * Pusher and other engines have no such call; there an old subscription lasts until its socket closes.
 */
export interface SubscriptionGrants {
  grant(socketId: string, channel: string, holder: string): void;
  revoke(channel: string, holder: string): number;
}

/** The holder key of one person in {@link SubscriptionGrants}. */
export const holderKey = (hotel: string, staffId: string): string => `${hotel}\n${staffId}`;
