/**
 * The channel registry: which sockets are in which channel and, for presence channels, which users.
 * A user is one member however many sockets it joins with. When its last socket leaves, the member
 * stays listed, with no sockets, until the hub removes it (after a short window in which it may come
 * back unannounced). Channels exist only while occupied: the last socket takes every member with it.
 */
import type { Connection } from './connection.js';

/** A presence member as Pusher lists it. */
export interface PresenceMember {
  userId: string;
  userInfo: unknown;
}

interface MemberState {
  userInfo: unknown;
  /** Empty while the member is leaving (its last socket left and removeAbsentMember has not run). */
  socketIds: Set<string>;
}

interface ChannelState {
  sockets: Map<string, Connection>;
  /** Present on presence channels only. */
  members: Map<string, MemberState> | undefined;
}

/** What a join changed, for the frames and webhooks that follow it. */
export interface JoinOutcome {
  occupied: boolean;
  memberAdded: boolean;
  /** A leaving member (no sockets) is back; the others were never told it left. */
  memberReturned: boolean;
}

/** What a leave changed. */
export interface LeaveOutcome {
  vacated: boolean;
  /** The user id of a presence member whose last socket just left; it stays listed until removed. */
  memberLeft: string | undefined;
}

export class ChannelRegistry {
  private readonly channels = new Map<string, ChannelState>();

  /**
   * Adds a socket to a channel; `member` is given for presence channels. Re-subscribing an already
   * subscribed socket changes nothing.
   */
  join(connection: Connection, channel: string, member?: PresenceMember): JoinOutcome {
    let state = this.channels.get(channel);
    const occupied = state === undefined;
    if (!state) {
      state = { sockets: new Map(), members: member ? new Map() : undefined };
      this.channels.set(channel, state);
    }
    state.sockets.set(connection.socketId, connection);
    connection.subscriptions.set(channel, member?.userId);

    if (!member || !state.members) return { occupied, memberAdded: false, memberReturned: false };
    const existing = state.members.get(member.userId);
    if (existing) {
      const memberReturned = existing.socketIds.size === 0;
      // A returning member is listed with what it signed this time.
      if (memberReturned) existing.userInfo = member.userInfo;
      existing.socketIds.add(connection.socketId);
      return { occupied, memberAdded: false, memberReturned };
    }
    state.members.set(member.userId, { userInfo: member.userInfo, socketIds: new Set([connection.socketId]) });
    return { occupied, memberAdded: true, memberReturned: false };
  }

  /** Removes a socket from a channel; undefined when it was not subscribed. */
  leave(connection: Connection, channel: string): LeaveOutcome | undefined {
    const state = this.channels.get(channel);
    if (!connection.subscriptions.has(channel) || !state) return undefined;
    const userId = connection.subscriptions.get(channel);
    connection.subscriptions.delete(channel);
    state.sockets.delete(connection.socketId);

    let memberLeft: string | undefined;
    if (userId !== undefined && state.members) {
      const member = state.members.get(userId);
      member?.socketIds.delete(connection.socketId);
      if (member?.socketIds.size === 0) memberLeft = userId;
    }
    const vacated = state.sockets.size === 0;
    if (vacated) this.channels.delete(channel);
    return { vacated, memberLeft };
  }

  /** Removes a leaving member (one with no sockets left); false when it came back or the channel went. */
  removeAbsentMember(channel: string, userId: string): boolean {
    const members = this.channels.get(channel)?.members;
    if (members?.get(userId)?.socketIds.size !== 0) return false;
    members.delete(userId);
    return true;
  }

  isSubscribed(connection: Connection, channel: string): boolean {
    return this.channels.get(channel)?.sockets.has(connection.socketId) ?? false;
  }

  /** The sockets in a channel (empty when unoccupied). */
  sockets(channel: string): Iterable<Connection> {
    return this.channels.get(channel)?.sockets.values() ?? [];
  }

  /** Presence members in join order. */
  members(channel: string): PresenceMember[] {
    const members = this.channels.get(channel)?.members;
    if (!members) return [];
    return [...members].map(([userId, state]) => ({ userId, userInfo: state.userInfo }));
  }

  hasMember(channel: string, userId: string): boolean {
    return this.channels.get(channel)?.members?.has(userId) ?? false;
  }

  subscriptionCount(channel: string): number {
    return this.channels.get(channel)?.sockets.size ?? 0;
  }

  userCount(channel: string): number {
    return this.channels.get(channel)?.members?.size ?? 0;
  }

  /** Names of every occupied channel. */
  occupiedChannels(): IterableIterator<string> {
    return this.channels.keys();
  }

  get channelCount(): number {
    return this.channels.size;
  }

  /** Distinct members summed over presence channels. */
  get presenceMemberCount(): number {
    let total = 0;
    for (const state of this.channels.values()) total += state.members?.size ?? 0;
    return total;
  }
}
