import { atom } from 'nanostores';
import type { ConnectionState } from '../../realtime/pusher-client.js';

export type { ConnectionState } from '../../realtime/pusher-client.js';

/** pusher-js's connection state as the widget shows it; `disconnected` until a session starts. */
export function createConnectionStore() {
  return atom<ConnectionState>('disconnected');
}

/** States in which realtime events are not arriving, so the session polls instead. */
export function isOffline(state: ConnectionState): boolean {
  return state === 'unavailable' || state === 'failed';
}
