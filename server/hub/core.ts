/**
 * The hub's shared state and the operations both sides use: the WebSocket side (join, leave, disconnect)
 * and the HTTP API (publish, terminate a user's connections). Presence frames and webhooks follow from
 * what the channel registry reports, so they are emitted in exactly one place.
 */
import { ChannelRegistry, type PresenceMember } from './channels.js';
import type { Connection } from './connection.js';
import { channelKind, encodeFrame, ErrorCode, type ServerFrame } from './protocol.js';
import type { AppCredentials } from './signatures.js';
import { UserRegistry } from './users.js';
import type { WebhookSink } from './webhooks.js';

export interface HubCoreOptions {
  app: AppCredentials;
  webhooks: WebhookSink;
  log: (message: string, details?: unknown) => void;
  /**
   * How long a presence member whose last socket left may come back before the others get
   * `member_removed`; a comeback in time sends neither that nor `member_added`. 0: at once.
   */
  memberLeaveDelayMs: number;
}

export class HubCore {
  readonly channels = new ChannelRegistry();
  readonly users = new UserRegistry();
  readonly connections = new Map<string, Connection>();
  /** Channel → user id → the timer that announces its departure. */
  private readonly departures = new Map<string, Map<string, NodeJS.Timeout>>();

  constructor(readonly options: HubCoreOptions) {}

  get app(): AppCredentials {
    return this.options.app;
  }

  /**
   * Sends an event to every socket in the channel except `exceptSocketId`. `data` is passed through as
   * received (for HTTP triggers: the JSON string, which is Pusher's double encoding). Returns deliveries.
   */
  publish(channel: string, event: string, data: unknown, exceptSocketId?: string): number {
    return this.broadcast(channel, { event, channel, data }, exceptSocketId);
  }

  /** Encodes once, sends to each subscriber but one. */
  broadcast(channel: string, frame: ServerFrame, exceptSocketId?: string): number {
    const text = encodeFrame(frame);
    let delivered = 0;
    for (const connection of this.channels.sockets(channel)) {
      if (connection.socketId === exceptSocketId) continue;
      connection.sendRaw(text);
      delivered += 1;
    }
    return delivered;
  }

  /**
   * Subscribes an authorized socket: `subscription_succeeded` to it (with the member list on presence
   * channels), `member_added` to the others when this user is new to the channel.
   */
  join(connection: Connection, channel: string, member?: PresenceMember): void {
    if (this.channels.isSubscribed(connection, channel)) {
      // A repeated subscribe is answered again but changes nothing (pusher-js "sub-sub = sub").
      connection.send(this.subscriptionSucceeded(channel));
      return;
    }
    const outcome = this.channels.join(connection, channel, member);
    connection.send(this.subscriptionSucceeded(channel));
    if (outcome.occupied) this.options.webhooks.channelOccupied(channel);
    if (member && outcome.memberReturned) {
      this.cancelDeparture(channel, member.userId);
      // The webhook sender has its own debounce; this cancels its pending member_removed.
      this.options.webhooks.memberAdded(channel, member.userId);
    }
    if (member && outcome.memberAdded) {
      this.broadcast(
        channel,
        {
          event: 'pusher_internal:member_added',
          channel,
          data: JSON.stringify({ user_id: member.userId, user_info: member.userInfo }),
        },
        connection.socketId,
      );
      this.options.webhooks.memberAdded(channel, member.userId);
    }
  }

  /**
   * Unsubscribes a socket; `member_removed` goes out when its user's last socket left and it did not
   * come back within `memberLeaveDelayMs`. No reply to the socket.
   */
  leave(connection: Connection, channel: string): void {
    const outcome = this.channels.leave(connection, channel);
    if (!outcome) return;
    if (outcome.memberLeft !== undefined) {
      this.options.webhooks.memberRemoved(channel, outcome.memberLeft);
      // A vacated channel has nobody left to tell, and its members went with it.
      if (!outcome.vacated) this.scheduleDeparture(channel, outcome.memberLeft);
    }
    if (outcome.vacated) {
      for (const timer of this.departures.get(channel)?.values() ?? []) clearTimeout(timer);
      this.departures.delete(channel);
      this.options.webhooks.channelVacated(channel);
    }
  }

  /** Stops pending departure announcements (hub shutdown). */
  stop(): void {
    for (const timers of this.departures.values()) for (const timer of timers.values()) clearTimeout(timer);
    this.departures.clear();
  }

  /** Registers a socket after its handshake. */
  connect(connection: Connection): void {
    this.connections.set(connection.socketId, connection);
  }

  /** Forgets a socket however it went away: leaves every channel, drops its user. Safe to call twice. */
  disconnect(connection: Connection): void {
    if (!this.connections.delete(connection.socketId)) return;
    connection.stopTimers();
    for (const channel of [...connection.subscriptions.keys()]) this.leave(connection, channel);
    if (connection.user) this.users.remove(connection.user.id, connection);
  }

  /** Closes every socket of a signed-in user with 4009 (pusher-js will not reconnect). Returns how many. */
  terminateUser(userId: string): number {
    const connections = this.users.connectionsOf(userId);
    for (const connection of connections) {
      connection.closeWith(ErrorCode.Unauthorized, 'You got disconnected by the app.');
    }
    return connections.length;
  }

  private scheduleDeparture(channel: string, userId: string): void {
    if (this.options.memberLeaveDelayMs <= 0) {
      this.announceDeparture(channel, userId);
      return;
    }
    const timer = setTimeout(() => {
      this.cancelDeparture(channel, userId);
      this.announceDeparture(channel, userId);
    }, this.options.memberLeaveDelayMs);
    timer.unref();
    let timers = this.departures.get(channel);
    if (!timers) this.departures.set(channel, (timers = new Map<string, NodeJS.Timeout>()));
    timers.set(userId, timer);
  }

  private cancelDeparture(channel: string, userId: string): void {
    const timers = this.departures.get(channel);
    const timer = timers?.get(userId);
    if (!timers || !timer) return;
    clearTimeout(timer);
    timers.delete(userId);
    if (timers.size === 0) this.departures.delete(channel);
  }

  private announceDeparture(channel: string, userId: string): void {
    if (!this.channels.removeAbsentMember(channel, userId)) return;
    this.broadcast(channel, { event: 'pusher_internal:member_removed', channel, data: JSON.stringify({ user_id: userId }) });
  }

  private subscriptionSucceeded(channel: string): ServerFrame {
    if (channelKind(channel) !== 'presence') {
      return { event: 'pusher_internal:subscription_succeeded', channel, data: '{}' };
    }
    const members = this.channels.members(channel);
    // No prototype: a user id such as "__proto__" must become a key, not a setter call.
    const hash: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
    for (const member of members) hash[member.userId] = member.userInfo;
    const presence = { ids: members.map((member) => member.userId), hash, count: members.length };
    return { event: 'pusher_internal:subscription_succeeded', channel, data: JSON.stringify({ presence }) };
  }
}
