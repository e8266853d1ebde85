/**
 * The session's side of the realtime connection: opening (or sharing) it, the personal and presence
 * channels every page holds, and turning each event envelope into a change of state by its type.
 * Opening and closing belong to the lifecycle (session-lifecycle.ts); conversation channels to the list
 * (conversation-list.ts).
 */
import type { ChatConfig, Conversation, Me, Message, MessagesRead, ReactionChange } from '../../../server/contract.js';
import type { RealtimeEvent } from '../../realtime/event-bus.js';
import type { Authorize, RealtimeConnection } from '../../realtime/pusher-client.js';
import type { ConversationList } from '../conversations/conversation-list.js';
import type { createNotifications } from '../conversations/notifications.js';
import type { Presence } from './presence.js';
import type { SessionCore } from '../session/session-core.js';
import type { ConnectionState } from '../messages/types.js';

export type Connect = (config: ChatConfig, authorize: Authorize, scope: string, log: (...args: unknown[]) => void) => RealtimeConnection;

/** What one opened connection reports back to the session. */
export interface LinkHandlers {
  onState(state: ConnectionState): void;
  onEvent(event: RealtimeEvent): void;
  /** The personal channel was (re)subscribed: there may have been a gap. */
  onPersonalSubscribed(): void;
}

export function createRealtimeLink(connect: Connect, authorize: Authorize, presence: Presence, log: (...args: unknown[]) => void) {
  let realtime: RealtimeConnection | null = null;

  function onSubscriptionError(channel: string, error: unknown): void {
    log('subscription failed', channel, error);
  }

  /** Opens the connection for `me` (then `current()`); what to undo at stop() goes into `cleanups`. */
  function open(config: ChatConfig, me: Me, scope: string, cleanups: Array<() => void>, handlers: LinkHandlers): void {
    let connection: RealtimeConnection;
    try {
      connection = connect(config, authorize, scope, log);
    } catch (error) {
      log('realtime unavailable', error);
      handlers.onState('failed');
      return;
    }
    // Set before the first state is reported: a send it triggers carries this socket's id.
    realtime = connection;
    handlers.onState(connection.state());
    cleanups.push(connection.onStateChange(handlers.onState));
    const onEvent = (event: Event): void => handlers.onEvent((event as CustomEvent<RealtimeEvent>).detail);
    connection.bus.addEventListener('event', onEvent);
    cleanups.push(() => connection.bus.removeEventListener('event', onEvent));
    // Every (re)subscription of the personal channel may follow a gap: refetch the list.
    cleanups.push(connection.acquire(me.personal_channel, handlers.onPersonalSubscribed, onSubscriptionError));
    cleanups.push(presence.watch(connection, me.presence_channel));
  }

  return {
    current: () => realtime,
    open,
    onSubscriptionError,
    release(): void {
      realtime?.release();
      realtime = null;
    },
  };
}

/** Applies one realtime event envelope to the session's state, by its type. */
export function createEventDispatch(
  core: SessionCore,
  list: ConversationList,
  alerting: Pick<ReturnType<typeof createNotifications>, 'conversationChanged'>,
): (event: RealtimeEvent) => void {
  const { features, conversations } = core;
  return (event) => {
    // Edits, deletions and reactions only change messages already in a view, and only the
    // conversation features put messages in views: without them there is nothing to change.
    const changes = () => features.current()?.changes;
    if (event.type === 'message_created' && isMessage(event.payload)) list.receive(event.payload.conversation_id, [event.payload]);
    else if ((event.type === 'message_edited' || event.type === 'message_deleted') && isMessage(event.payload)) changes()?.applyMessage(event.payload);
    else if (event.type === 'reaction_changed') {
      const change = event.payload as ReactionChange;
      if (Array.isArray(change?.reactions)) changes()?.applyReactions(change.conversation_id, change.message_id, change.reactions);
    } else if (event.type === 'messages_read') {
      const read = event.payload as MessagesRead;
      if (typeof read?.last_read_message_id === 'number') {
        core.readMarks.advance(read.conversation_id, [{ staff_id: read.read_by_staff_id, last_read_message_id: read.last_read_message_id }]);
      }
    } else if (event.type === 'conversation_updated' && isConversation(event.payload)) {
      alerting.conversationChanged(conversations.find(event.payload.id), event.payload, core.$me.get()?.id);
      conversations.upsert(event.payload);
      if (event.payload.unread_count > 0 && list.isOpen(event.payload.id) && core.isPageActive()) list.scheduleMarkRead(event.payload.id);
    }
  };
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    typeof m.id === 'number' &&
    typeof m.conversation_id === 'number' &&
    typeof m.sender_id === 'string' &&
    typeof m.message === 'string' &&
    typeof m.sender_info === 'object' &&
    m.sender_info !== null
  );
}

function isConversation(value: unknown): value is Conversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return typeof c.id === 'number' && typeof c.channel === 'string' && typeof c.unread_count === 'number';
}
