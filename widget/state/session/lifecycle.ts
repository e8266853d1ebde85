/**
 * A session's life from start() to stop(): the first load, trying again after a failed start, the
 * realtime connection and what rides on it, polling while realtime is down, catching up on wake.
 * Every start() begins a generation (SessionCore.generation).
 */
import type { Me } from '../../../server/contract.js';
import type { RealtimeEvent } from '../../realtime/event-bus.js';
import type { RetryDelay } from '../shared/backoff.js';
import type { ConversationList } from '../conversations/conversation-list.js';
import { isOffline } from '../live/connection.js';
import { explainNetworkFailure, isTransient } from '../shared/errors.js';
import { errorMsg } from '../../messages/errors.js';
import { outboxKey } from '../outbox/outbox-storage.js';
import type { createRealtimeLink } from '../live/link.js';
import type { SessionCore } from './session-core.js';
import type { ConnectionState } from '../messages/types.js';
import { watchWake } from '../live/wake.js';

/**
 * @param applyEvent applies one realtime event (createEventDispatch)
 * @param retryDelay wait before restarting after the n-th failed start in a row
 * @param pollIntervalMs how often to refetch while realtime is down
 */
export function createLifecycle(
  core: SessionCore,
  list: ConversationList,
  link: ReturnType<typeof createRealtimeLink>,
  applyEvent: (event: RealtimeEvent) => void,
  retryDelay: RetryDelay,
  pollIntervalMs: number,
) {
  const { api, log, $status, conversations, features } = core;
  const outboxKeyOf = (me: Me) => outboxKey(core.hotel, me.id);
  let starting: Promise<void> | null = null;
  let restartTimer: ReturnType<typeof setTimeout> | null = null;
  let startFailures = 0;
  let pollTimer: ReturnType<typeof setInterval> | null = null;
  let probeTimer: ReturnType<typeof setTimeout> | null = null;
  /** Probes of the server since the socket was last connected: the backoff between them grows. */
  let probes = 0;

  async function start(): Promise<void> {
    if (starting) return starting;
    if ($status.get() === 'ready') return;
    const gen = ++core.generation;
    $status.set('loading');
    core.$errorInfo.set(null);
    starting = (async () => {
      try {
        const configLoad = api.config();
        const [config, me, conversationList] = await Promise.all([configLoad, api.me(), api.conversations()]).catch(async (error: unknown) => {
          throw await explainNetworkFailure(error, configLoad, location.origin);
        });
        if (gen !== core.generation) return;
        core.$config.set(config);
        core.$me.set(me);
        conversations.replaceAll(conversationList.results);
        startFailures = 0;
        core.live = true;
        const loaded = features.current();
        if (loaded) loaded.sending.start(outboxKeyOf(me), me);
        else if (core.storage.getItem(outboxKeyOf(me)) !== null) {
          // Messages an earlier page load could not send go out now, without waiting for anyone to
          // open the chat; they are back in their conversations by the time the session is ready.
          await features.load();
          if (gen !== core.generation) return;
        }
        link.open(config, me, `${core.hotel}/${me.id}`, core.cleanups, {
          onState: onConnectionState,
          onEvent: (event) => {
            if (gen === core.generation) dispatch(event);
          },
          onPersonalSubscribed: () => void list.refresh(),
        });
        const connection = link.current();
        const current = features.current();
        if (connection && current) core.cleanups.push(current.typing.watch(connection));
        for (const id of core.$openConversationIds.get()) list.holdChannel(id);
        list.watchVisibility();
        core.cleanups.push(watchWake(onWake));
        $status.set('ready');
      } catch (error) {
        if (gen !== core.generation) return;
        log('start failed', error);
        core.fail(error, errorMsg.errorStartFailed);
        $status.set('error');
        // The server may be restarting or the network gone for a moment: try again on our own.
        if (isTransient(error)) scheduleRestart();
      } finally {
        if (gen === core.generation) starting = null;
      }
    })();
    return starting;
  }

  function stop(): void {
    core.generation += 1;
    starting = null;
    core.live = false;
    if (restartTimer !== null) clearTimeout(restartTimer);
    if (probeTimer !== null) clearTimeout(probeTimer);
    restartTimer = probeTimer = null;
    probes = 0;
    features.current()?.sending.stop();
    list.release();
    for (const cleanup of core.cleanups) cleanup();
    core.cleanups = [];
    stopPolling();
    link.release();
    core.$connection.set('disconnected');
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

  /** A realtime event of this generation, in order behind any waiting for the features' chunk. */
  function dispatch(event: RealtimeEvent): void {
    const gen = core.generation;
    features.inOrder(() => {
      if (gen === core.generation) applyEvent(event);
    });
  }

  function onConnectionState(state: ConnectionState): void {
    const dropped = state === 'connecting' && core.$connection.get() === 'connected';
    core.$connection.set(state);
    if (dropped || state === 'unavailable') probeServer();
    if (isOffline(state)) startPolling();
    else if (state === 'connected') {
      probes = 0;
      stopPolling();
      // The network is back: what waits for a backoff timer goes now. Catch-up follows each
      // channel's subscription_succeeded.
      features.current()?.sending.retryNow();
    }
  }

  /**
   * The tab came back from the background or from sleep, or the browser is online again: events may
   * have been missed even if the socket looks connected, so fetch the list and every open
   * conversation now, and send what waits in the outbox.
   */
  function onWake(): void {
    log('wake: catching up');
    catchUpAll();
    features.current()?.sending.retryNow();
  }

  function catchUpAll(): void {
    void list.refresh();
    for (const id of core.$openConversationIds.get()) void features.current()?.history.catchUp(id);
  }

  // Polling while realtime is down.

  function startPolling(): void {
    if (pollTimer !== null) return;
    // pusher-js has already tried for a while before it says unavailable: fetch now, then regularly.
    catchUpAll();
    pollTimer = setInterval(catchUpAll, pollIntervalMs);
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
    const gen = core.generation;
    probeTimer = setTimeout(async () => {
      const config = await api.config().catch(() => null);
      if (gen !== core.generation) return;
      probeTimer = null;
      if (core.$connection.get() === 'connected') return;
      if (!config) return probeServer();
      core.$config.set(config);
      link.current()?.reconfigure(config.pusher.key, config.pusher.options);
    }, retryDelay(++probes));
  }

  return { start, stop };
}
