/**
 * One client socket: its id, what it is subscribed to, its signed-in user, liveness (server-side ping
 * after silence, 4201 when no reply), the client-event rate limit, the subscribe-frame budget, the
 * deadline to authorize and the cap on what it may leave unread. Protocol decisions live elsewhere.
 */
import type { WebSocket } from 'ws';
import { FrameBudget } from './frame-budget.js';
import { channelKind, encodeFrame, ErrorCode, errorFrame, type ServerFrame } from './protocol.js';

/** The signed-in user of a connection (`pusher:signin`). */
export interface SignedInUser {
  id: string;
  /** The exact `user_data` string that was signed. */
  userData: string;
}

const CLOSE_HANDSHAKE_TIMEOUT_MS = 1000;

export interface LivenessOptions {
  activityTimeoutMs: number;
  pongTimeoutMs: number;
}

/** The per-socket limits (HubLimits in index.ts documents each). */
export interface SocketLimits {
  subscribeFramesPerSecond: number;
  subscribeFramesBurst: number;
  /** 0: no deadline. */
  authorizeWithinMs: number;
  maxBufferedBytes: number;
}

export class Connection {
  /** Channel name → the presence user id this socket joined as (undefined for non-presence channels). */
  readonly subscriptions = new Map<string, string | undefined>();
  /**
   * Channel → who the server authorized this socket for it as (see `Hub.grant`): what lets the hub
   * drop the subscription when that person leaves the conversation. Gone with the socket.
   */
  readonly grants = new Map<string, Set<string>>();
  user: SignedInUser | undefined;
  closed = false;

  private lastActivity = Date.now();
  private awaitingPongSince: number | undefined;
  private livenessTimer: NodeJS.Timeout | undefined;
  private rateWindowStart = 0;
  private rateWindowCount = 0;
  private readonly subscribeBudget: FrameBudget;
  private authorizationTimer: NodeJS.Timeout | undefined;
  /** True when the last authorization check (or the connect) found nothing that needed a signature. */
  private unauthorizedAtLastCheck = true;

  constructor(
    readonly socketId: string,
    private readonly socket: WebSocket,
    private readonly liveness: LivenessOptions,
    private readonly limits: SocketLimits,
    private readonly log: (message: string, details?: unknown) => void = () => {},
  ) {
    this.subscribeBudget = new FrameBudget(limits.subscribeFramesPerSecond, limits.subscribeFramesBurst);
  }

  /** Sends a frame; silently skipped once the socket is closing. */
  send(frame: ServerFrame): void {
    this.sendRaw(encodeFrame(frame));
  }

  /** Sends an already-encoded frame; fan-out encodes once and calls this per socket. */
  sendRaw(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
    // A socket that does not read would otherwise hold every frame sent to it in this process.
    if (this.socket.bufferedAmount > this.limits.maxBufferedBytes) this.closeSlowConsumer();
  }

  /** Reports the error with `pusher:error`, then closes with the same code (pusher-js acts on the close code). */
  closeWith(code: ErrorCode, message: string): void {
    if (this.closed) return;
    this.send(errorFrame(code, message));
    // Sending may itself have closed a slow consumer.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- TypeScript keeps the narrowing across the send() that may close
    if (!this.closed) this.closeQuietly(code, message);
  }

  /** Drops the socket without a closing handshake (used when it does not close in time). */
  terminate(): void {
    this.closed = true;
    this.stopTimers();
    this.socket.terminate();
  }

  /** Any frame from the client proves it is alive. */
  markActive(): void {
    this.lastActivity = Date.now();
    this.awaitingPongSince = undefined;
  }

  /**
   * Starts the liveness check. One timer per socket, re-armed only when it fires, so busy sockets cost
   * nothing per message: the timer compares against the last activity time.
   */
  startLiveness(): void {
    this.schedule(this.liveness.activityTimeoutMs);
  }

  /** Stops liveness checks and the authorization deadline. */
  stopTimers(): void {
    if (this.livenessTimer) clearTimeout(this.livenessTimer);
    this.livenessTimer = undefined;
    if (this.authorizationTimer) clearTimeout(this.authorizationTimer);
    this.authorizationTimer = undefined;
  }

  get subscribeFramesPerSecond(): number {
    return this.limits.subscribeFramesPerSecond;
  }

  /**
   * Takes a token for a subscribe or unsubscribe frame. An abusive socket (it kept going after being
   * refused) is closed here with 4100, so pusher-js backs off instead of reconnecting into a loop.
   */
  takeSubscribeToken(): 'allowed' | 'refused' | 'closed' {
    const verdict = this.subscribeBudget.take();
    if (verdict !== 'abusive') return verdict;
    this.closeWith(ErrorCode.OverCapacity, 'Too many subscribe and unsubscribe frames; reconnect later.');
    return 'closed';
  }

  /**
   * Closes the socket with 4100 unless, within `authorizeWithinMs`, it holds a subscription that needed a
   * signature (private, encrypted, presence, its user channel) or has signed in. Public channels need no
   * signature, so subscribing one proves nothing: an anonymous socket could hold a file descriptor
   * forever. The check runs when the timer fires, so frames cost nothing; a socket that gives up its
   * last authorized subscription later is closed at the second check after that (one to two periods).
   */
  startAuthorizationDeadline(): void {
    if (this.limits.authorizeWithinMs <= 0) return;
    this.authorizationTimer = setTimeout(() => this.checkAuthorization(), this.limits.authorizeWithinMs);
    this.authorizationTimer.unref();
  }

  /** True when this client event fits in the per-second budget; counts it. */
  takeClientEventToken(perSecond: number): boolean {
    const now = Date.now();
    if (now - this.rateWindowStart >= 1000) {
      this.rateWindowStart = now;
      this.rateWindowCount = 0;
    }
    this.rateWindowCount += 1;
    return this.rateWindowCount <= perSecond;
  }

  /** Marks closed and sends the close frame, without a `pusher:error` before it. */
  private closeQuietly(code: ErrorCode, message: string): void {
    this.closed = true;
    this.stopTimers();
    // Close reasons are limited to 123 bytes by RFC 6455.
    this.socket.close(code, message.slice(0, 120));
    // A client that never answers the close frame would hold the socket for ws's 30 s close timeout.
    setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_TIMEOUT_MS).unref();
  }

  /**
   * 4100 (back off, then reconnect): after reconnecting, the widget fetches what it missed, as after
   * any resubscription. No `pusher:error` first: it would queue behind the data the client is not
   * reading, and sending it would re-enter this check. A client that does read in the next second
   * still sees the close code; one that does not is terminated.
   */
  private closeSlowConsumer(): void {
    // Worth knowing in production: many of these mean slow networks or too small a limit.
    this.log('hub closed a slow consumer', { socketId: this.socketId, bufferedBytes: this.socket.bufferedAmount });
    this.closeQuietly(ErrorCode.OverCapacity, 'Slow consumer: too much unread data; reconnect later.');
  }

  private isAuthorized(): boolean {
    if (this.user) return true;
    for (const channel of this.subscriptions.keys()) {
      if (channelKind(channel) !== 'public') return true;
    }
    return false;
  }

  private checkAuthorization(): void {
    if (this.closed) return;
    const authorized = this.isAuthorized();
    if (!authorized && this.unauthorizedAtLastCheck) {
      this.closeWith(ErrorCode.OverCapacity, 'No private or presence subscription in time; reconnect later.');
      return;
    }
    this.unauthorizedAtLastCheck = !authorized;
    this.startAuthorizationDeadline();
  }

  private schedule(delayMs: number): void {
    this.livenessTimer = setTimeout(() => this.checkLiveness(), Math.max(delayMs, 1));
    this.livenessTimer.unref();
  }

  private checkLiveness(): void {
    if (this.closed) return;
    const now = Date.now();
    if (this.awaitingPongSince !== undefined) {
      const waited = now - this.awaitingPongSince;
      if (waited >= this.liveness.pongTimeoutMs) {
        this.closeWith(ErrorCode.PongNotReceived, 'Pong reply not received in time.');
        return;
      }
      this.schedule(this.liveness.pongTimeoutMs - waited);
      return;
    }
    const idle = now - this.lastActivity;
    if (idle < this.liveness.activityTimeoutMs) {
      this.schedule(this.liveness.activityTimeoutMs - idle);
      return;
    }
    this.awaitingPongSince = now;
    this.send({ event: 'pusher:ping', data: {} });
    this.schedule(this.liveness.pongTimeoutMs);
  }
}
