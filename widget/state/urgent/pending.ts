/**
 * The viewer's urgent messages still waiting for their acknowledgement, in the entry: the launcher
 * shows that one waits before anyone opens the chat. Everything else about them (acknowledging, the
 * panel's banner, repeated notifications, "acknowledged by") lives in the lazily loaded chunk
 * (acknowledgements.ts, reminders.ts), which the session loads as soon as one waits.
 */
import { atom, type ReadableAtom } from 'nanostores';
import type { Message } from '../../../contract/index.js';
import type { ApiClient } from '../../api/client.js';
import type { EventRouter } from '../live/router.js';

export interface PendingAcknowledgementsStore {
  /** Oldest first, as `acknowledgements/pending/` answers. */
  readonly $pending: ReadableAtom<Message[]>;
  /** Asks the server again; an answer overtaken by a newer one, or by a change made here, is dropped. */
  check(): Promise<void>;
  /** Replaces the list after a change made here (an acknowledgement, a deletion). */
  set(messages: Message[]): void;
}

/**
 * Fetched again on catch-up, and (`check`, called by the session) at every start and whenever someone
 * else's message raises an unread count (conversations/notifications.ts): an urgent message in a
 * conversation whose channel is not held arrives only as that `conversation_updated`, whose preview
 * does not say it is urgent.
 */
export function createPendingAcknowledgements(
  api: Pick<ApiClient, 'pendingAcknowledgements'>,
  router: Pick<EventRouter, 'on'>,
  log: (...args: unknown[]) => void,
): PendingAcknowledgementsStore {
  const $pending = atom<Message[]>([]);
  let asked = 0;

  async function check(): Promise<void> {
    const ask = ++asked;
    try {
      const { results } = await api.pendingAcknowledgements();
      if (ask === asked) $pending.set(results);
    } catch (error) {
      log('pending acknowledgements failed', error);
    }
  }

  router.on('catch_up', () => void check());

  return {
    $pending,
    check,
    set(messages) {
      asked += 1;
      $pending.set(messages);
    },
  };
}
