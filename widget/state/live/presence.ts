import { atom, type ReadableAtom } from 'nanostores';
import type { RealtimeConnection } from '../../realtime/pusher-client.js';
import { onSignal } from './router.js';

const NOBODY: ReadonlySet<string> = new Set();

export interface Presence {
  /** Staff ids of everyone of the hotel online now, the viewer included; empty while the socket is down. */
  readonly $onlineIds: ReadableAtom<ReadonlySet<string>>;
  /** Joins the hotel's presence channel (its name from `me`) on `connection`; returns how to leave it. */
  watch(connection: Pick<RealtimeConnection, 'acquire' | 'bus' | 'onStateChange'>, channelName: string): () => void;
}

/**
 * Who is online, from the hotel's presence channel: the member list on each subscription, then
 * `member_added` and `member_removed`. The server puts each member's staff id in `user_id` from their
 * token, so an id here is who that socket really is.
 *
 * @example
 * const presence = createPresence();
 * const leave = presence.watch(realtime, me.presence_channel);
 * presence.$onlineIds.subscribe((ids) => render(ids.has('anna')));
 */
export function createPresence(log: (...args: unknown[]) => void = () => {}): Presence {
  const $onlineIds = atom<ReadonlySet<string>>(NOBODY);

  function update(change: (ids: Set<string>) => unknown): void {
    const next = new Set($onlineIds.get());
    change(next);
    $onlineIds.set(next);
  }

  function watch(connection: Pick<RealtimeConnection, 'acquire' | 'bus' | 'onStateChange'>, channelName: string): () => void {
    const ofThisChannel = (change: (ids: Set<string>, id: string) => unknown) => (channel: string, data: unknown) => {
      const id = channel === channelName ? memberId(data) : undefined;
      if (id !== undefined) update((ids) => change(ids, id));
    };
    const offAdded = onSignal(
      connection.bus,
      'pusher:member_added',
      ofThisChannel((ids, id) => ids.add(id)),
    );
    const offRemoved = onSignal(
      connection.bus,
      'pusher:member_removed',
      ofThisChannel((ids, id) => ids.delete(id)),
    );
    // Each confirmation (the first, and after every reconnect) brings the whole member list.
    const release = connection.acquire(
      channelName,
      (members) => $onlineIds.set(memberIds(members)),
      (channel, error) => log('presence unavailable', channel, error),
    );
    // pusher-js forgets the members when the socket drops, without saying who left: show nobody
    // rather than a stale list until the next confirmation.
    const unwatchState = connection.onStateChange((state) => {
      if (state !== 'connected') $onlineIds.set(NOBODY);
    });
    return () => {
      release();
      unwatchState();
      offAdded();
      offRemoved();
      $onlineIds.set(NOBODY);
    };
  }

  return { $onlineIds, watch };
}

/** The ids of pusher-js `Members` (`members` maps each user id to its info). */
function memberIds(members: unknown): ReadonlySet<string> {
  const map = typeof members === 'object' && members !== null ? (members as { members?: unknown }).members : undefined;
  return typeof map === 'object' && map !== null ? new Set(Object.keys(map)) : NOBODY;
}

/** The id of a pusher-js member (`{id, info}`). */
function memberId(member: unknown): string | undefined {
  const id = typeof member === 'object' && member !== null ? (member as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? id : typeof id === 'number' ? String(id) : undefined;
}
