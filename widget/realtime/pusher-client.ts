// The browser build, imported as a namespace: bundlers expose its CommonJS export as `default`,
// while a plain ES-module loader (the test runner) runs the UMD file, which sets `globalThis.Pusher`.
// pusher-js's worker build: the same client, minus the web build's SockJS and JSONP fallbacks for
// browsers without WebSocket, which saves 1.8 KB gzip on every portal page; it runs on the main thread
// as well. The server enables only the ws and wss transports, so `vite build` also cuts out what the
// widget never runs (its XHR transports, encrypted channels, sign-in: build/trim-pusher.ts).
import * as pusherModule from 'pusher-js/dist/worker/pusher.worker.js';
import type Pusher from 'pusher-js';
import type { ChannelAuthorizationHandler } from 'pusher-js';
import type { PusherClientOptions } from '../../server/contract.js';
import { ChannelRegistry, type SubscribedHandler, type SubscriptionErrorHandler } from './channel-registry.js';
import { EventBus } from './event-bus.js';

/** pusher-js's connection states, with `initialized` folded into `connecting`. */
export type ConnectionState = 'connecting' | 'connected' | 'unavailable' | 'failed' | 'disconnected';

/** Signs a private channel for a socket: the ApiClient's `authorizeChannel`, Bearer token included. */
export type Authorize = (socketId: string, channelName: string) => Promise<{ auth: string; channel_data?: string }>;

/** What a session holds of the shared realtime connection. */
export interface RealtimeConnection {
  /** Every event of every channel acquired through this connection, normalised and deduplicated. */
  readonly bus: EventBus;
  /** See {@link ChannelRegistry.acquire}. */
  acquire(channelName: string, onSubscribed: SubscribedHandler, onError?: SubscriptionErrorHandler): () => void;
  /** See {@link ChannelRegistry.trigger}. */
  trigger(channelName: string, eventName: string, data: unknown): boolean;
  /**
   * The socket id to send as `X-Socket-Id`, or undefined while another widget on the page shares
   * this socket: the server would then skip the socket, and the other widget would miss the message.
   */
  socketId(): string | undefined;
  state(): ConnectionState;
  /** Calls `listener` on every state change; returns the unsubscribe function. */
  onStateChange(listener: (state: ConnectionState) => void): () => void;
  /**
   * Takes the server's current options (`GET …/config`): with a new key or engine the socket moves
   * there, keeping every channel; with the same, a socket that is not connected tries again at once.
   */
  reconfigure(key: string, options: PusherClientOptions): void;
  /** Lets go of the connection; the last holder's release disconnects it. */
  release(): void;
}

type PusherConstructor = typeof Pusher;
type PusherInstance = InstanceType<PusherConstructor>;

interface Holder {
  authorize: Authorize;
}

interface SharedClient {
  pusher: PusherInstance;
  options: PusherClientOptions;
  registry: ChannelRegistry;
  bus: EventBus;
  holders: Set<Holder>;
}

const SHARED: unique symbol = Symbol.for('staff-chat.pusher');

/**
 * The page's Pusher connection for one app and server, shared by every `<staff-chat>` on the page,
 * even one loaded by a second copy of the script (it lives on `globalThis`), so a widget embedded
 * twice does not open two sockets. `scope` separates widgets that must not share a socket (two
 * different staff members side by side); the session passes the hotel and staff id.
 *
 * @example
 * const rt = getPusherClient(config.pusher.key, config.pusher.options, (s, c) => api.authorizeChannel(s, c), 'grand/42');
 * const release = rt.acquire(me.personal_channel, refetchList);
 */
export function getPusherClient(
  key: string,
  options: PusherClientOptions,
  authorize: Authorize,
  scope = '',
  log: (...args: unknown[]) => void = () => {},
): RealtimeConnection {
  const clients = sharedClients();
  const id = [key, options.wsHost ?? '', options.wsPort ?? '', options.wsPath ?? '', scope].join('|');
  let shared = clients.get(id);
  if (!shared) {
    shared = createShared(key, options, log);
    clients.set(id, shared);
  }
  const client = shared;
  const holder: Holder = { authorize };
  client.holders.add(holder);
  const stateListeners = new Set<(change: { current: string }) => void>();
  let released = false;

  return {
    bus: client.bus,
    acquire: (channelName, onSubscribed, onError) => client.registry.acquire(channelName, onSubscribed, onError),
    trigger: (channelName, eventName, data) => client.registry.trigger(channelName, eventName, data),
    socketId: () => (client.holders.size === 1 ? client.pusher.connection.socket_id || undefined : undefined),
    state: () => (released ? 'disconnected' : toConnectionState(client.pusher.connection.state)),
    onStateChange(listener) {
      const bound = (change: { current: string }): void => listener(toConnectionState(change.current));
      stateListeners.add(bound);
      client.pusher.connection.bind('state_change', bound);
      return () => {
        stateListeners.delete(bound);
        client.pusher.connection.unbind('state_change', bound);
      };
    },
    reconfigure(newKey, newOptions) {
      const { pusher } = client;
      const changed = newKey !== pusher.key || JSON.stringify(newOptions) !== JSON.stringify(client.options);
      if (!changed && pusher.connection.state === 'connected') return;
      log('pusher reconnecting', newKey, newOptions.wsHost ?? newOptions.cluster);
      client.options = newOptions;
      // switchCluster is pusher-js's way to change the key without losing channels or bindings: it
      // rebuilds the connection from `options`, and once connected subscribes every channel again,
      // which is each holder's cue to catch up. The client stays filed under its first key.
      pusher.options = { ...newOptions, channelAuthorization: pusher.options.channelAuthorization };
      pusher.switchCluster({ appKey: newKey, cluster: newOptions.cluster });
    },
    release() {
      if (released) return;
      released = true;
      for (const bound of stateListeners) client.pusher.connection.unbind('state_change', bound);
      stateListeners.clear();
      client.holders.delete(holder);
      if (client.holders.size > 0) return;
      clients.delete(id);
      client.pusher.disconnect();
    },
  };
}

function createShared(key: string, options: PusherClientOptions, log: (...args: unknown[]) => void): SharedClient {
  const holders = new Set<Holder>();
  const customHandler: ChannelAuthorizationHandler = ({ socketId, channelName }, callback) => {
    // Holders of one shared client are the same staff member, so any of them may sign.
    const holder = [...holders].pop();
    if (!holder) {
      callback(new Error('No widget holds this connection any more'), null);
      return;
    }
    holder.authorize(socketId, channelName).then(
      (data) => callback(null, data),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
  const PusherClass = loadPusher();
  const pusher = new PusherClass(key, { ...options, channelAuthorization: { customHandler } });
  const bus = new EventBus();
  log('pusher connecting', key, options.wsHost ?? options.cluster);
  return { pusher, options, registry: new ChannelRegistry(pusher, bus, log), bus, holders };
}

function loadPusher(): PusherConstructor {
  const fromGlobal = (globalThis as { Pusher?: PusherConstructor }).Pusher;
  // Undefined where the UMD file ran as a plain module (see the import above), whatever its declaration says.
  const PusherClass = (pusherModule.default as PusherConstructor | undefined) ?? fromGlobal;
  if (typeof PusherClass !== 'function') throw new Error('pusher-js did not load');
  return PusherClass;
}

function sharedClients(): Map<string, SharedClient> {
  const holder = globalThis as { [SHARED]?: Map<string, SharedClient> };
  holder[SHARED] ??= new Map();
  return holder[SHARED];
}

function toConnectionState(state: string): ConnectionState {
  switch (state) {
    case 'connected':
    case 'unavailable':
    case 'failed':
      return state;
    case 'disconnected':
      // pusher-js disconnects by itself only when the server refuses the socket (close 4001-4099,
      // e.g. a key it no longer knows), and never tries again; we disconnect only after the last
      // holder let go. To a holder it is an outage, which the session answers (see reconfigure).
      return 'unavailable';
    default:
      return 'connecting';
  }
}
