import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { Message, Pin } from '../../../contract/index.js';
import type { HousekeepingApi } from '../../api/housekeeping-api.js';
import { errorMsg } from '../../messages/errors.js';
import type { EventRouter } from '../live/router.js';
import { describeError, type ErrorInfo } from '../shared/errors.js';

/** One conversation's pinned messages, as its pinned bar and list show them. */
export interface PinsState {
  /** Newest pin first, as the server lists them. */
  pins: Pin[];
  loading: boolean;
  /** The list has been fetched at least once (until then an empty `pins` means "not known yet"). */
  loaded: boolean;
  /** Why the list could not be fetched, as a sentence. */
  error: string | null;
}

const EMPTY: PinsState = { pins: [], loading: false, loaded: false, error: null };

/**
 * Pins per conversation: fetched when a window first asks for them, kept live by `message_pinned` and
 * `message_unpinned` (any participant may pin), and by edits and deletions of pinned messages (a deleted
 * message leaves the pins; the server sends no unpin for it). A conversation's channel confirmed again
 * (a reconnect) fetches its pins again, since changes may have been missed meanwhile. The viewer's own
 * pin and unpin apply the server's answer, as the server skips this tab's socket.
 */
export function createPins(deps: {
  api: Pick<HousekeepingApi, 'pins' | 'pin' | 'unpin'>;
  router: Pick<EventRouter, 'on'>;
  log: (...args: unknown[]) => void;
}) {
  const { api } = deps;
  const atoms = new Map<number, WritableAtom<PinsState>>();

  function state(conversationId: number): WritableAtom<PinsState> {
    let $pins = atoms.get(conversationId);
    if (!$pins) atoms.set(conversationId, ($pins = atom(EMPTY)));
    return $pins;
  }

  function update(conversationId: number, change: (pins: Pin[]) => Pin[]): void {
    const $pins = atoms.get(conversationId);
    if (!$pins) return;
    const current = $pins.get();
    const pins = change(current.pins);
    if (pins !== current.pins) $pins.set({ ...current, pins });
  }

  /** Fetches the list again; what arrives while it is on its way is kept (the answer may predate it). */
  async function load(conversationId: number): Promise<void> {
    const $pins = state(conversationId);
    if ($pins.get().loading) return;
    $pins.set({ ...$pins.get(), loading: true, error: null });
    try {
      const { pins } = await api.pins(conversationId);
      $pins.set({ pins, loading: false, loaded: true, error: null });
    } catch (error) {
      deps.log('pins could not be loaded', conversationId, error);
      $pins.set({ ...$pins.get(), loading: false, error: describeError(error, errorMsg.errorLoadFailed).message });
    }
  }

  function added(pin: Pin): void {
    update(pin.conversation_id, (pins) => [pin, ...pins.filter((p) => p.message_id !== pin.message_id)]);
  }

  function removed(conversationId: number, messageId: number): void {
    update(conversationId, (pins) =>
      pins.some((p) => p.message_id === messageId) ? pins.filter((p) => p.message_id !== messageId) : pins,
    );
  }

  function changed(message: Message): void {
    if (message.is_deleted) {
      removed(message.conversation_id, message.id);
      return;
    }
    update(message.conversation_id, (pins) =>
      pins.some((p) => p.message_id === message.id) ? pins.map((p) => (p.message_id === message.id ? { ...p, message } : p)) : pins,
    );
  }

  /** Pins or unpins; resolves with why it failed (`too_many_pins` past MAX_PINS), or null. */
  async function setPinned(conversationId: number, messageId: number, pinned: boolean): Promise<ErrorInfo | null> {
    try {
      if (pinned) added(await api.pin(messageId));
      else {
        await api.unpin(messageId);
        removed(conversationId, messageId);
      }
      return null;
    } catch (error) {
      return describeError(error, errorMsg.errorLoadFailed);
    }
  }

  deps.router.on('message_pinned', added);
  deps.router.on('message_unpinned', (unpin) => removed(unpin.conversation_id, unpin.message_id));
  deps.router.on('message_edited', changed);
  deps.router.on('message_deleted', changed);
  deps.router.on('subscribed', (conversationId) => {
    if (atoms.get(conversationId)?.get().loaded) void load(conversationId);
  });

  return {
    /** The conversation's pins; fetched the first time they are asked for. */
    pins(conversationId: number): ReadableAtom<PinsState> {
      const $pins = state(conversationId);
      if (!$pins.get().loaded && !$pins.get().loading && !$pins.get().error) void load(conversationId);
      return $pins;
    },
    load,
    setPinned,
  };
}

export type PinsStore = ReturnType<typeof createPins>;
