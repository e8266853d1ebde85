/**
 * The widget's own pusher client (widget/realtime/pusher-client.ts, over the unmodified pusher-js
 * worker build) against the real embedded hub: a socket refused for a key the hub does not know is
 * reported as an outage, and `reconfigure` with the key from `GET /staff_chat/config` moves it there,
 * with its channels subscribed again and their events arriving.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { WebSocket } from 'ws';
import type { ChatConfig, Conversation, Me } from '../../contract/index.js';
import type { RealtimeEvent } from '../../widget/realtime/event-bus.js';
import type { ConnectionState, RealtimeConnection } from '../../widget/realtime/pusher-client.js';
import { startStack, type Stack } from '../support/stack.js';

// The worker build expects a browser's globals: Node 20 has neither `self` nor a WebSocket, so the
// `ws` package's stands in. Each test file runs in a process of its own.
Object.assign(globalThis, { self: globalThis, WebSocket });
const { getPusherClient } = await import('../../widget/realtime/pusher-client.js');

/**
 * Conditions over what a connection reports (its states, its channel confirmations), checked again
 * whenever it reports something: `changed()` is called from every callback.
 */
function watcher() {
  const waiting = new Set<() => void>();
  return {
    changed: () => queueMicrotask(() => waiting.forEach((check) => check())),
    until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!condition()) return;
          clearTimeout(timer);
          waiting.delete(check);
          resolve();
        };
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`timed out waiting for ${what}`));
        }, timeoutMs);
        waiting.add(check);
        check();
      });
    },
  };
}

describe('the widget’s pusher client, refused by the hub', () => {
  let stack: Stack;
  let config: ChatConfig;
  const anna = { id: 'anna', full_name: 'Anna' };
  const ben = { id: 'ben', full_name: 'Ben' };

  before(async () => {
    stack = await startStack();
    config = (await (await fetch(`${stack.api}/staff_chat/config`)).json()) as ChatConfig;
  });

  after(() => stack?.close());

  test('reports the refusal as unavailable, and reconfigure moves it to the right key with its channels', async () => {
    const annaToken = stack.token('grand', anna);
    const me = (await stack.call<Me>(annaToken, 'GET', '/staff_chat/grand/me')).body;
    const authorize = async (socketId: string, channelName: string) =>
      (await stack.call<{ auth: string }>(annaToken, 'POST', '/staff_chat/pusher/auth', { socket_id: socketId, channel_name: channelName }))
        .body;

    // The key of a deploy before this one: the hub closes the socket with 4001.
    const connection = getPusherClient('key-of-the-last-deploy', config.pusher.options, authorize, 'grand/anna');
    const states: ConnectionState[] = [];
    const watch = watcher();
    connection.onStateChange((state) => {
      states.push(state);
      watch.changed();
    });
    let subscriptions = 0;
    const release = connection.acquire(me.personal_channel, () => {
      subscriptions += 1;
      watch.changed();
    });
    try {
      await watch.until(() => states.includes('unavailable'), 'the refusal');
      assert.equal(connection.state(), 'unavailable', 'a refusal counts as an outage, so the session polls and probes');
      assert.equal(subscriptions, 0);

      connection.reconfigure(config.pusher.key, config.pusher.options);
      await watch.until(() => connection.state() === 'connected' && subscriptions === 1, 'the new key, and the channel subscribed');

      // The channel is live: Ben opens a conversation with Anna and writes; her personal channel hears of it.
      const heard = nextEvent(connection, (event) => event.type === 'conversation_updated');
      const statesBefore = states.length;
      connection.reconfigure(config.pusher.key, config.pusher.options);
      const benToken = stack.token('grand', ben);
      await stack.call(benToken, 'GET', '/staff_chat/grand/me');
      const created = (await stack.call<Conversation>(benToken, 'POST', '/staff_chat/grand/conversations/', { participant_ids: ['anna'] }))
        .body;
      const sent = await stack.call(benToken, 'POST', `/staff_chat/grand/conversations/${created.id}/send-message/`, {
        message: 'Live again',
      });
      assert.equal(sent.status, 201);
      assert.equal(((await heard).payload as Conversation).id, created.id);
      assert.deepEqual(states.slice(statesBefore), [], 'the same options on a connected socket change nothing');
    } finally {
      release();
      connection.release();
    }
  });
});

/** The first event on the connection's bus that `matches`; fails after `timeoutMs`. */
function nextEvent(connection: RealtimeConnection, matches: (event: RealtimeEvent) => boolean, timeoutMs = 5_000): Promise<RealtimeEvent> {
  return new Promise((resolve, reject) => {
    const listener = (event: Event) => {
      const detail = (event as CustomEvent<RealtimeEvent>).detail;
      if (!matches(detail)) return;
      clearTimeout(timer);
      connection.bus.removeEventListener('event', listener);
      resolve(detail);
    };
    const timer = setTimeout(() => {
      connection.bus.removeEventListener('event', listener);
      reject(new Error(`no matching event within ${timeoutMs} ms`));
    }, timeoutMs);
    connection.bus.addEventListener('event', listener);
  });
}
