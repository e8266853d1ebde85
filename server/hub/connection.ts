/**
 * One client socket: its id, what it is subscribed to, its signed-in user, liveness (server-side ping
 * after silence, 4201 when no reply) and the client-event rate limit. Protocol decisions live elsewhere.
 */
import type { WebSocket } from 'ws';
import { encodeFrame, ErrorCode, errorFrame, type ServerFrame } from './protocol.js';

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

export class Connection {
  /** Channel name → the presence user id this socket joined as (undefined for non-presence channels). */
  readonly subscriptions = new Map<string, string | undefined>();
  user: SignedInUser | undefined;
  closed = false;

  private lastActivity = Date.now();
  private awaitingPongSince: number | undefined;
  private livenessTimer: NodeJS.Timeout | undefined;
  private rateWindowStart = 0;
  private rateWindowCount = 0;

  constructor(
    readonly socketId: string,
    private readonly socket: WebSocket,
    private readonly liveness: LivenessOptions,
  ) {}

  /** Sends a frame; silently skipped once the socket is closing. */
  send(frame: ServerFrame): void {
    this.sendRaw(encodeFrame(frame));
  }

  /** Sends an already-encoded frame; fan-out encodes once and calls this per socket. */
  sendRaw(text: string): void {
    if (this.closed || this.socket.readyState !== this.socket.OPEN) return;
    this.socket.send(text);
  }

  /** Reports the error with `pusher:error`, then closes with the same code (pusher-js acts on the close code). */
  closeWith(code: ErrorCode, message: string): void {
    if (this.closed) return;
    this.send(errorFrame(code, message));
    this.closed = true;
    this.stopLiveness();
    // Close reasons are limited to 123 bytes by RFC 6455.
    this.socket.close(code, message.slice(0, 120));
    // A client that never answers the close frame would hold the socket for ws's 30 s close timeout.
    setTimeout(() => this.socket.terminate(), CLOSE_HANDSHAKE_TIMEOUT_MS).unref();
  }

  /** Drops the socket without a closing handshake (used when it does not close in time). */
  terminate(): void {
    this.closed = true;
    this.stopLiveness();
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

  stopLiveness(): void {
    if (this.livenessTimer) clearTimeout(this.livenessTimer);
    this.livenessTimer = undefined;
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
