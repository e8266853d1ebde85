import type { EventBus } from './event-bus.js';

/** The part of a pusher-js `Channel` the registry uses (so tests can hand in a small fake). */
export interface ChannelLike {
  readonly name: string;
  /** pusher-js keeps this true while the server has confirmed the subscription. */
  readonly subscribed?: boolean;
  /** A presence channel's members (pusher-js `Members`: `members` maps each user id to its info). */
  readonly members?: unknown;
  bind_global(callback: (eventName: string, data: unknown) => void): unknown;
  unbind_global(callback?: (eventName: string, data: unknown) => void): unknown;
  /** Sends a `client-*` event to the channel's other subscribers. */
  trigger(eventName: string, data: unknown): boolean;
}

/** The part of a pusher-js `Pusher` the registry uses. */
export interface PusherLike {
  subscribe(channelName: string): ChannelLike;
  unsubscribe(channelName: string): void;
}

/** Why a subscription failed, as pusher-js reports it (`{type, error, status}`). */
export type SubscriptionErrorHandler = (channelName: string, error: unknown) => void;

/** Called on each confirmation; a presence channel passes its members (pusher-js `Members`). */
export type SubscribedHandler = (members?: unknown) => void;

interface Holder {
  onSubscribed: SubscribedHandler;
  onError: SubscriptionErrorHandler | undefined;
}

interface Entry {
  channel: ChannelLike;
  holders: Set<Holder>;
  listener: (eventName: string, data: unknown) => void;
}

/**
 * Reference-counted channel subscriptions over one Pusher connection.
 *
 * The first `acquire` of a name subscribes and binds one global listener that forwards every
 * server event to the {@link EventBus}, and presence changes and `client-*` events to its signals;
 * the last release unsubscribes. Each holder's
 * `onSubscribed` runs on every `pusher:subscription_succeeded`, which pusher-js fires again after
 * each reconnect: that is the cue to fetch what was missed while the socket was down.
 *
 * @example
 * const release = registry.acquire(conversation.channel, () => catchUp(conversation.id));
 * // later
 * release();
 */
export class ChannelRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly pusher: PusherLike;
  private readonly bus: EventBus;
  private readonly log: (...args: unknown[]) => void;

  constructor(pusher: PusherLike, bus: EventBus, log: (...args: unknown[]) => void = () => {}) {
    this.pusher = pusher;
    this.bus = bus;
    this.log = log;
  }

  /** Holds `channelName` until the returned function is called (calling it twice is harmless). */
  acquire(channelName: string, onSubscribed: SubscribedHandler, onError?: SubscriptionErrorHandler): () => void {
    const holder: Holder = { onSubscribed, onError };
    let entry = this.entries.get(channelName);
    if (entry) {
      entry.holders.add(holder);
      // The server will not confirm an existing subscription again, so a late holder hears it now.
      if (entry.channel.subscribed) queueMicrotask(() => this.notifySubscribed(channelName, holder, entry?.channel.members));
    } else {
      entry = this.subscribe(channelName, holder);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(channelName, holder);
    };
  }

  /**
   * Sends a client event on a held, confirmed channel; false (and nothing sent) otherwise, since the
   * server would refuse it before the subscription is confirmed.
   */
  trigger(channelName: string, eventName: string, data: unknown): boolean {
    const channel = this.entries.get(channelName)?.channel;
    if (!channel?.subscribed) return false;
    return channel.trigger(eventName, data);
  }

  /** How many holders a channel has (0 when it is not subscribed). */
  holders(channelName: string): number {
    return this.entries.get(channelName)?.holders.size ?? 0;
  }

  private subscribe(channelName: string, holder: Holder): Entry {
    const holders = new Set<Holder>([holder]);
    const listener = (eventName: string, data: unknown): void => {
      if (eventName === 'pusher:subscription_succeeded') {
        this.log('subscribed', channelName);
        for (const h of [...holders]) this.notifySubscribed(channelName, h, data);
      } else if (eventName === 'pusher:subscription_error') {
        this.log('subscription failed', channelName, data);
        for (const h of [...holders]) h.onError?.(channelName, data);
      } else if (eventName.startsWith('client-') || eventName === 'pusher:member_added' || eventName === 'pusher:member_removed') {
        // Client events come from other browsers, unchecked by the server: never treated as server
        // events, or a participant could inject a "message" that was never stored.
        this.log('signal', channelName, eventName, data);
        this.bus.signal(channelName, eventName, data);
      } else if (!eventName.startsWith('pusher:') && !eventName.startsWith('pusher_internal:')) {
        this.log('event', channelName, eventName, data);
        this.bus.publish(channelName, eventName, data);
      }
    };
    const channel = this.pusher.subscribe(channelName);
    channel.bind_global(listener);
    const entry: Entry = { channel, holders, listener };
    this.entries.set(channelName, entry);
    return entry;
  }

  private release(channelName: string, holder: Holder): void {
    const entry = this.entries.get(channelName);
    if (!entry?.holders.delete(holder)) return;
    if (entry.holders.size > 0) return;
    this.entries.delete(channelName);
    // pusher-js keeps a channel whose subscription is still pending and reinstates it on the next
    // subscribe, listeners included; unbinding first keeps a later acquire from binding twice.
    entry.channel.unbind_global(entry.listener);
    this.pusher.unsubscribe(channelName);
  }

  private notifySubscribed(channelName: string, holder: Holder, members: unknown): void {
    if (!this.entries.get(channelName)?.holders.has(holder)) return;
    try {
      holder.onSubscribed(members);
    } catch (error) {
      this.log('onSubscribed failed', channelName, error);
    }
  }
}
