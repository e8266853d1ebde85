/**
 * The session's side of the realtime connection: opening (or sharing) it for one start, with the
 * personal and presence channels every page holds, and feeding its events to the router. Everything
 * it sets up ends when that start's signal aborts. Conversation channels belong to the list
 * (conversations/conversation-list.ts); what each event does, to the domain that registered for it.
 */
import type { ChatConfig, Me } from '../../../contract/index.js';
import type { Authorize, RealtimeConnection } from '../../realtime/pusher-client.js';
import { onAbort } from '../shared/abort.js';
import type { ConnectionState } from './connection.js';
import type { Presence } from './presence.js';
import type { EventRouter } from './router.js';

export type Connect = (config: ChatConfig, authorize: Authorize, scope: string, log: (...args: unknown[]) => void) => RealtimeConnection;

export function createRealtimeLink(
  connect: Connect,
  authorize: Authorize,
  presence: Presence,
  router: Pick<EventRouter, 'attach'>,
  log: (...args: unknown[]) => void,
) {
  let realtime: RealtimeConnection | null = null;

  function onSubscriptionError(channel: string, error: unknown): void {
    log('subscription failed', channel, error);
  }

  /**
   * Opens the connection for `me` until `signal` aborts; returns it (also `current()`), or null when
   * realtime is unavailable.
   *
   * @param onState every state of the connection, the current one first
   * @param onPersonalSubscribed the personal channel was (re)subscribed: there may have been a gap
   */
  function open(
    config: ChatConfig,
    me: Me,
    scope: string,
    signal: AbortSignal,
    onState: (state: ConnectionState) => void,
    onPersonalSubscribed: () => void,
  ): RealtimeConnection | null {
    let connection: RealtimeConnection;
    try {
      connection = connect(config, authorize, scope, log);
    } catch (error) {
      log('realtime unavailable', error);
      onState('failed');
      return null;
    }
    // Set before the first state is reported: a send it triggers carries this socket's id.
    realtime = connection;
    onState(connection.state());
    onAbort(signal, connection.onStateChange(onState));
    router.attach(connection.bus, signal);
    onAbort(signal, connection.acquire(me.personal_channel, onPersonalSubscribed, onSubscriptionError));
    onAbort(signal, presence.watch(connection, me.presence_channel));
    return connection;
  }

  return {
    current: () => realtime,
    open,
    onSubscriptionError,
    release(): void {
      realtime?.release();
      realtime = null;
    },
  };
}

export type RealtimeLink = ReturnType<typeof createRealtimeLink>;
