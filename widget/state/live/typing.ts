import { atom, type ReadableAtom, type WritableAtom } from 'nanostores';
import type { Conversation, Me, Message, TypingSignal } from '../../../server/contract.js';
import type { RealtimeConnection } from '../../realtime/pusher-client.js';
import { CLIENT_TYPING, onServerEvent, onSignal } from './router.js';

export interface TypingPerson {
  id: string;
  name: string;
}

/** Who is typing, by conversation id, in the order they started; never the viewer. */
export type TypingState = Readonly<Record<number, readonly TypingPerson[]>>;

export interface TypingOptions {
  /** While the draft keeps changing, announce at most once per this long per conversation. Default 2.5 s. */
  throttleMs?: number;
  /** Forget someone's typing after this long without a new announcement. Default 5 s (two missed ones). */
  expireMs?: number;
  now?: () => number;
  /** The atom to keep the state in; the session owns it, so elements can bind it before this module loads. */
  $typing?: WritableAtom<TypingState>;
}

/** What typing needs to know of the session. */
export interface TypingContext {
  me(): Me | null;
  conversation(id: number): Conversation | undefined;
  conversationOnChannel(channel: string): Conversation | undefined;
}

export interface Typing {
  readonly $typing: ReadableAtom<TypingState>;
  /** Sends and hears typing on `connection`'s conversation channels; returns how to stop. */
  watch(connection: Pick<RealtimeConnection, 'bus' | 'trigger'>): () => void;
  /** The viewer's draft changed: announce typing (throttled), or that they stopped when it is blank. */
  draftChanged(conversationId: number, draft: string): void;
  /** The viewer sent a message: the others clear their line on the message, and the next keystroke announces at once. */
  sent(conversationId: number): void;
}

const NOBODY: TypingState = {};

/**
 * "Anna is typing…": `client-typing` events on the conversation channels the session holds (those of
 * open chat windows). Client events are relayed by the hub without any check, so a participant could
 * claim to be another: an announcement counts only if its `staff_id` is a participant of that
 * conversation, and the name shown is the one the conversation lists for them, never the event's.
 *
 * @example
 * const typing = createTyping(context);
 * const stop = typing.watch(realtime);
 * composer.oninput = () => typing.draftChanged(id, composer.value);
 */
export function createTyping(context: TypingContext, options: TypingOptions = {}): Typing {
  const throttleMs = options.throttleMs ?? 2500;
  const expireMs = options.expireMs ?? 5000;
  const now = options.now ?? Date.now;
  const $typing = options.$typing ?? atom<TypingState>(NOBODY);
  const expiries = new Map<string, ReturnType<typeof setTimeout>>();
  /** When the viewer last announced typing, per conversation. */
  const announced = new Map<number, number>();
  let connection: Pick<RealtimeConnection, 'bus' | 'trigger'> | null = null;

  function set(conversationId: number, person: TypingPerson, typing: boolean): void {
    const key = `${conversationId}\n${person.id}`;
    clearTimeout(expiries.get(key));
    expiries.delete(key);
    if (typing)
      expiries.set(
        key,
        setTimeout(() => set(conversationId, person, false), expireMs),
      );
    const current = $typing.get()[conversationId] ?? [];
    const without = current.filter((p) => p.id !== person.id);
    const next = typing ? [...without, person] : without;
    if (next.length === current.length && typing === current.some((p) => p.id === person.id)) return;
    const { [conversationId]: _old, ...rest } = $typing.get();
    $typing.set(next.length > 0 ? { ...rest, [conversationId]: next } : rest);
  }

  function onTyping(channel: string, data: unknown): void {
    const conversation = context.conversationOnChannel(channel);
    const signal = toTypingSignal(data);
    if (!conversation || !signal || signal.staff_id === context.me()?.id) return;
    const participant = conversation.participants.find((p) => p.id === signal.staff_id);
    if (participant) set(conversation.id, { id: participant.id, name: participant.full_name }, signal.typing);
  }

  /** Someone's message ends their typing line at once. */
  function onMessage(message: Message): void {
    set(message.conversation_id, { id: message.sender_id, name: '' }, false);
  }

  function announce(conversationId: number, typing: boolean): boolean {
    const me = context.me();
    const channel = context.conversation(conversationId)?.channel;
    if (!connection || !me || !channel) return false;
    const signal: TypingSignal = { staff_id: me.id, name: me.full_name, typing };
    return connection.trigger(channel, CLIENT_TYPING, signal);
  }

  return {
    $typing,
    watch(realtime) {
      connection = realtime;
      const offTyping = onSignal(realtime.bus, CLIENT_TYPING, onTyping);
      const offMessage = onServerEvent(realtime.bus, 'message_created', onMessage);
      return () => {
        offTyping();
        offMessage();
        if (connection === realtime) connection = null;
        for (const timer of expiries.values()) clearTimeout(timer);
        expiries.clear();
        announced.clear();
        $typing.set(NOBODY);
      };
    },
    draftChanged(conversationId, draft) {
      const last = announced.get(conversationId);
      if (draft.trim() === '') {
        announced.delete(conversationId);
        // Only worth saying if the others may still show the line.
        if (last !== undefined && now() - last < expireMs) announce(conversationId, false);
        return;
      }
      if (last !== undefined && now() - last < throttleMs) return;
      if (announce(conversationId, true)) announced.set(conversationId, now());
    },
    sent(conversationId) {
      announced.delete(conversationId);
    },
  };
}

/** Reads `client-typing` data, which another browser sent and nobody checked. */
function toTypingSignal(data: unknown): TypingSignal | null {
  if (typeof data !== 'object' || data === null) return null;
  const { staff_id, name, typing } = data as Record<string, unknown>;
  if (typeof staff_id !== 'string' || typeof typing !== 'boolean') return null;
  return { staff_id, name: typeof name === 'string' ? name : '', typing };
}
