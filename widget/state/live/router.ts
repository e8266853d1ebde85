/**
 * The one place that reads event names. Server events arrive as envelopes whose `type` is a string
 * and whose payload nobody has checked; here each known type gets its payload checked against the
 * contract (server/contract.ts `AnyEnvelope`) and goes to the handlers registered for that type, typed.
 * The session's own happenings that several domains react to (stored messages, the connection, a
 * wake) travel the same way, so a domain registers for what it owns and nobody calls it by name.
 *
 * While the lazily loaded chunk is on its way (session/lazy-features.ts holds the router), server
 * events wait here, and run in the order they came once it has installed its handlers and the checks
 * of the events only it handles (feature-checks.ts).
 */
import type { AnyEnvelope, Conversation, Message, MessagesRead, ReactionChange } from '../../../contract/index.js';
import type { EventBus, RealtimeEvent } from '../../realtime/event-bus.js';
import type { ConnectionState } from './connection.js';

/** Every server event type with its payload, as the contract's envelope union lists them. */
export type ServerEvents = { [E in AnyEnvelope as E['type']]: E['payload'] };

/** What happens inside the session that more than one domain reacts to. */
export interface LocalEvents {
  /** Stored messages arrived other than by `message_created`: a catch-up page, the answer to a send or an upload. */
  stored: { conversationId: number; messages: readonly Message[] };
  /** The realtime connection's state changed. */
  connection: ConnectionState;
  /** A conversation's channel was (re)confirmed: events may have been missed before. */
  subscribed: number;
  /** Something may have been missed (polling while offline, a wake): fetch what came since. */
  catch_up: undefined;
  /** The page woke (shown again, back online, after sleep): what waits for a backoff goes now. */
  wake: undefined;
}

/** Everything the router carries, by name. */
export interface RouterEvents extends ServerEvents, LocalEvents {}
type Handler<K extends keyof RouterEvents> = (payload: RouterEvents[K]) => void;

/** The client event typing sends and hears on a conversation's private channel (DESIGN.md "Realtime"). */
export const CLIENT_TYPING = 'client-typing';
/** Presence changes and client events the widget listens to. */
export type SignalName = 'pusher:member_added' | 'pusher:member_removed' | typeof CLIENT_TYPING;

type PayloadCheck<K extends keyof ServerEvents> = (payload: unknown) => payload is RouterEvents[K];

/** The server events the entry's own code may handle: checked here, in the entry. */
export type CoreEventType =
  'message_created' | 'message_edited' | 'message_deleted' | 'conversation_updated' | 'reaction_changed' | 'messages_read';

/**
 * The checks of every other server event, which only lazily loaded features handle: they come with
 * the lazy chunk (feature-checks.ts) and are installed before the router lets held events go, so
 * none is dropped that a handler waits for. Before, such an event has no handler anyway.
 */
export type FeatureChecks = { [K in Exclude<keyof ServerEvents, CoreEventType>]: PayloadCheck<K> };

/**
 * How each server event's payload is recognised. Adding an event type to the contract's union makes
 * this object (for a core event) or `FeatureChecks` (for any other) incomplete until its check is there.
 */
const PAYLOAD_CHECKS: { [K in CoreEventType]: PayloadCheck<K> } & Partial<FeatureChecks> = {
  message_created: isMessage,
  message_edited: isMessage,
  message_deleted: isMessage,
  conversation_updated: isConversation,
  reaction_changed: isReactionChange,
  messages_read: isMessagesRead,
};

/** Makes the router (every session's, and `onServerEvent`) recognise the lazily loaded features' events. */
export function installFeatureChecks(checks: FeatureChecks): void {
  Object.assign(PAYLOAD_CHECKS, checks);
}

/** Handlers by event type, each called in the order it registered. */
class Handlers {
  private readonly byType: { [K in keyof RouterEvents]?: Handler<K>[] } = {};

  on<K extends keyof RouterEvents>(type: K, handler: Handler<K>): () => void {
    const list = this.list(type);
    list.push(handler);
    return () => {
      const index = list.indexOf(handler);
      if (index !== -1) list.splice(index, 1);
    };
  }

  emit<K extends keyof RouterEvents>(type: K, payload: RouterEvents[K]): void {
    for (const handler of [...(this.byType[type] ?? [])]) handler(payload);
  }

  private list<K extends keyof RouterEvents>(type: K): Handler<K>[] {
    const table: { [P in K]?: Handler<P>[] } = this.byType;
    return (table[type] ??= []);
  }

  /** A server event, if its type is known and its payload is what the contract says. */
  route(event: RealtimeEvent): void {
    if (isServerEventType(event.type)) this.routeServer(event.type, event.payload);
  }

  private routeServer<K extends keyof ServerEvents>(type: K, payload: unknown): void {
    const checks: { [P in keyof ServerEvents]?: PayloadCheck<P> } = PAYLOAD_CHECKS;
    const check: PayloadCheck<K> | undefined = checks[type];
    if (check?.(payload)) this.emit(type, payload);
  }
}

/**
 * The session's router. One per session; each start attaches its connection's bus until the start's
 * signal aborts.
 *
 * @example
 * const router = createEventRouter();
 * router.on('conversation_updated', (conversation) => conversations.upsert(conversation));
 * router.attach(connection.bus, start.signal);
 */
export function createEventRouter() {
  const handlers = new Handlers();
  let holds = 0;
  const waiting: (() => void)[] = [];

  /** Runs `run` now, or, while the router is held, after everything that waits already. */
  function later(run: () => void): void {
    if (holds > 0) waiting.push(run);
    else run();
  }

  return {
    on: <K extends keyof RouterEvents>(type: K, handler: Handler<K>) => handlers.on(type, handler),
    /** Stored messages of a conversation from any source: a `message_created` event or a `stored` one. */
    onStored(handler: (conversationId: number, messages: readonly Message[]) => void): () => void {
      const offEvent = handlers.on('message_created', (message) => handler(message.conversation_id, [message]));
      const offStored = handlers.on('stored', ({ conversationId, messages }) => handler(conversationId, messages));
      return () => {
        offEvent();
        offStored();
      };
    },
    /** A local event: to its handlers at once (only server events wait while the router is held). */
    emit: <K extends keyof LocalEvents>(type: K, payload: RouterEvents[K]) => handlers.emit(type, payload),
    /** Routes `bus`'s server events until `signal` aborts; one that waited past the abort is dropped. */
    attach(bus: Pick<EventBus, 'onEvent'>, signal: AbortSignal): void {
      const off = bus.onEvent((event) =>
        later(() => {
          if (!signal.aborted) handlers.route(event);
        }),
      );
      signal.addEventListener('abort', off, { once: true });
    },
    later,
    /** Holds server events (and what `later` is given) until the returned function is called. */
    hold(): () => void {
      holds += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        holds -= 1;
        // In order, and nothing can come in between: whatever arrives meanwhile queues behind.
        while (holds === 0 && waiting.length > 0) waiting.shift()?.();
      };
    },
  };
}

export type EventRouter = ReturnType<typeof createEventRouter>;

/** Listens to one presence change or client event on `bus`; returns how to stop. */
export function onSignal(bus: Pick<EventBus, 'onSignal'>, name: SignalName, handler: (channel: string, data: unknown) => void): () => void {
  return bus.onSignal((signal) => {
    if (signal.eventName === name) handler(signal.channel, signal.data);
  });
}

/** Listens to one server event type on `bus` directly, without a session's router; returns how to stop. */
export function onServerEvent<K extends keyof ServerEvents>(
  bus: Pick<EventBus, 'onEvent'>,
  type: K,
  handler: (payload: RouterEvents[K]) => void,
): () => void {
  const handlers = new Handlers();
  handlers.on(type, handler);
  return bus.onEvent((event) => handlers.route(event));
}

function isServerEventType(type: string): type is keyof ServerEvents {
  return Object.hasOwn(PAYLOAD_CHECKS, type);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isMessage(value: unknown): value is Message {
  return (
    isRecord(value) &&
    typeof value.id === 'number' &&
    typeof value.conversation_id === 'number' &&
    typeof value.sender_id === 'string' &&
    typeof value.message === 'string' &&
    isRecord(value.sender_info)
  );
}

function isConversation(value: unknown): value is Conversation {
  return isRecord(value) && typeof value.id === 'number' && typeof value.channel === 'string' && typeof value.unread_count === 'number';
}

function isReactionChange(value: unknown): value is ReactionChange {
  return (
    isRecord(value) && typeof value.conversation_id === 'number' && typeof value.message_id === 'number' && Array.isArray(value.reactions)
  );
}

/** The fields every event about one message carries. */
export function isMessageEvent(value: unknown): value is Record<string, unknown> & { conversation_id: number; message_id: number } {
  return isRecord(value) && typeof value.conversation_id === 'number' && typeof value.message_id === 'number';
}

function isMessagesRead(value: unknown): value is MessagesRead {
  return (
    isRecord(value) &&
    typeof value.conversation_id === 'number' &&
    typeof value.read_by_staff_id === 'string' &&
    typeof value.last_read_message_id === 'number'
  );
}
