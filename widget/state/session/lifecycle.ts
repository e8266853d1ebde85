/**
 * A session's life from start() to stop(): the first load, trying again after a failed start, the
 * realtime connection and what rides on it, polling while realtime is down, catching up on wake.
 *
 * Every start() and every stop() begins an epoch with an AbortController of its own. Whatever a start
 * sets up (channels, listeners, timers, the outbox) is undone by aborting its signal, and async work
 * that finds its epoch's signal aborted drops its answer. Parts that join in later, like the lazily
 * loaded features, register with `whileStarted` and `whileConnected` and are started with the next
 * start, or at once if the session is already there.
 */
import type { WritableAtom } from 'nanostores';
import type { ChatConfig, Me } from '../../../server/contract.js';
import type { ApiClient } from '../../api/client.js';
import { errorMsg } from '../../messages/errors.js';
import type { RealtimeConnection } from '../../realtime/pusher-client.js';
import type { ConversationsStore } from '../conversations/conversations.js';
import { isOffline, type ConnectionState } from '../live/connection.js';
import type { RealtimeLink } from '../live/link.js';
import type { EventRouter } from '../live/router.js';
import { watchWake } from '../live/wake.js';
import { onAbort } from '../shared/abort.js';
import type { RetryDelay } from '../shared/backoff.js';
import { explainNetworkFailure, isTransient, type ErrorInfo } from '../shared/errors.js';

/** One successful start, until stop(). */
export interface StartScope {
  /** Aborts at stop(): undo what was set up for this start. */
  readonly signal: AbortSignal;
  readonly me: Me;
  readonly config: ChatConfig;
}

/** A start whose realtime connection opened. */
export interface ConnectedScope extends StartScope {
  readonly connection: RealtimeConnection;
}

export interface LifecycleDeps {
  api: ApiClient;
  log: (...args: unknown[]) => void;
  hotel: string;
  $status: WritableAtom<'idle' | 'loading' | 'ready' | 'error'>;
  $errorInfo: WritableAtom<ErrorInfo | null>;
  $config: WritableAtom<ChatConfig | null>;
  $me: WritableAtom<Me | null>;
  $connection: WritableAtom<ConnectionState>;
  $openConversationIds: { get(): number[] };
  conversations: Pick<ConversationsStore, 'replaceAll'>;
  list: {
    refresh(): Promise<void>;
    holdChannel(id: number): void;
    watchVisibility(signal: AbortSignal): void;
    release(): void;
  };
  link: RealtimeLink;
  router: Pick<EventRouter, 'emit'>;
  fail(error: unknown, fallback: string): void;
  /** Wait before restarting after the n-th failed start in a row. */
  retryDelay: RetryDelay;
  /** How often to refetch while realtime is down. */
  pollIntervalMs: number;
}

export function createLifecycle(deps: LifecycleDeps) {
  const { api, log, $status, list, link, router, retryDelay } = deps;
  let epoch = new AbortController();
  let starting: Promise<void> | null = null;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let startFailures = 0;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let probeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Probes of the server since the socket was last connected: the backoff between them grows. */
  let probes = 0;
  let started: StartScope | null = null;
  let connected: ConnectedScope | null = null;
  const startedHooks: ((scope: StartScope) => void | Promise<unknown>)[] = [];
  const connectedHooks: ((scope: ConnectedScope) => void)[] = [];

  /** Ends the current epoch (aborting what it set up) and begins the next. */
  function nextEpoch(): AbortSignal {
    started = connected = null;
    epoch.abort();
    epoch = new AbortController();
    return epoch.signal;
  }

  async function start(): Promise<void> {
    if (starting) return starting;
    if ($status.get() === 'ready') return;
    const signal = nextEpoch();
    $status.set('loading');
    deps.$errorInfo.set(null);
    starting = (async () => {
      try {
        const configLoad = api.config();
        const [config, me, conversationList] = await Promise.all([configLoad, api.me(), api.conversations()]).catch(
          async (error: unknown) => {
            throw await explainNetworkFailure(error, configLoad, location.origin);
          },
        );
        if (signal.aborted) return;
        deps.$config.set(config);
        deps.$me.set(me);
        deps.conversations.replaceAll(conversationList.results);
        startFailures = 0;
        const scope: StartScope = { signal, me, config };
        started = scope;
        // A hook may need code still to load (an outbox an earlier page load left): wait for it.
        const waits = startedHooks.map((hook) => hook(scope)).filter((result) => result instanceof Promise);
        if (waits.length > 0) await Promise.all(waits);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- it may abort during the await; TypeScript keeps the narrowing from before it
        if (signal.aborted) return;
        const connection = link.open(config, me, `${deps.hotel}/${me.id}`, signal, onConnectionState, () => void list.refresh());
        if (connection) {
          connected = { ...scope, connection };
          for (const hook of [...connectedHooks]) hook(connected);
        }
        for (const id of deps.$openConversationIds.get()) list.holdChannel(id);
        list.watchVisibility(signal);
        onAbort(signal, watchWake(onWake));
        $status.set('ready');
      } catch (error) {
        if (signal.aborted) return;
        log('start failed', error);
        deps.fail(error, errorMsg.errorStartFailed);
        $status.set('error');
        // The server may be restarting or the network gone for a moment: try again on our own.
        if (isTransient(error)) scheduleRestart();
      } finally {
        if (!signal.aborted) starting = null;
      }
    })();
    return starting;
  }

  function stop(): void {
    starting = null;
    if (restartTimer !== null) clearTimeout(restartTimer);
    if (probeTimer !== null) clearTimeout(probeTimer);
    restartTimer = probeTimer = null;
    probes = 0;
    nextEpoch();
    list.release();
    stopPolling();
    link.release();
    deps.$connection.set('disconnected');
    $status.set('idle');
  }

  function scheduleRestart(): void {
    if (restartTimer !== null) clearTimeout(restartTimer);
    startFailures += 1;
    restartTimer = setTimeout(() => {
      restartTimer = null;
      void start();
    }, retryDelay(startFailures));
  }

  function onConnectionState(state: ConnectionState): void {
    const dropped = state === 'connecting' && deps.$connection.get() === 'connected';
    deps.$connection.set(state);
    if (dropped || state === 'unavailable') probeServer();
    if (isOffline(state)) startPolling();
    else if (state === 'connected') {
      probes = 0;
      stopPolling();
    }
    // Connected again: what waits for a backoff timer goes now. Catch-up follows each channel's
    // subscription_succeeded.
    router.emit('connection', state);
  }

  /**
   * The tab came back from the background or from sleep, or the browser is online again: events may
   * have been missed even if the socket looks connected, so fetch the list and every open
   * conversation now, and send what waits in the outbox.
   */
  function onWake(): void {
    log('wake: catching up');
    router.emit('catch_up', undefined);
    router.emit('wake', undefined);
  }

  // Polling while realtime is down.

  function startPolling(): void {
    if (pollTimer !== null) return;
    // pusher-js has already tried for a while before it says unavailable: fetch now, then regularly.
    const poll = () => router.emit('catch_up', undefined);
    poll();
    pollTimer = setInterval(poll, deps.pollIntervalMs);
  }

  function stopPolling(): void {
    if (pollTimer !== null) clearInterval(pollTimer);
    pollTimer = null;
  }

  /**
   * The socket dropped or was refused. pusher-js tries a dropped socket again only every 15 to 60 s,
   * and a refused one (a key the restarted server no longer knows) never: ask the server, backing off,
   * until it answers, then point the socket at what its config says (a new key or engine), or connect
   * again at once.
   */
  function probeServer(): void {
    if (probeTimer !== null) return;
    const { signal } = epoch;
    probeTimer = setTimeout(async () => {
      const config = await api.config().catch(() => null);
      if (signal.aborted) return;
      probeTimer = null;
      if (deps.$connection.get() === 'connected') return;
      if (!config) {
        probeServer();
        return;
      }
      deps.$config.set(config);
      link.current()?.reconfigure(config.pusher.key, config.pusher.options);
    }, retryDelay(++probes));
  }

  return {
    start,
    stop,
    /** The current epoch's signal: work that began under it drops its answer once it aborts. */
    signal: () => epoch.signal,
    /** Runs `hook` at every start once the profile is loaded (now, if the session is started already). */
    whileStarted(hook: (scope: StartScope) => void | Promise<unknown>): void {
      startedHooks.push(hook);
      if (started) void hook(started);
    },
    /** Runs `hook` at every start once the realtime connection opened (now, if it is open already). */
    whileConnected(hook: (scope: ConnectedScope) => void): void {
      connectedHooks.push(hook);
      if (connected) hook(connected);
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
