/**
 * Accepts a WebSocket at `/app/{key}`: checks the key and protocol version, sends
 * `pusher:connection_established`, then routes each frame. A malformed frame (not JSON, unknown event,
 * wrong types, over 64 KB) is answered with `pusher:error` on that socket only, which stays open;
 * nothing a client sends can throw out of here.
 */
import { randomInt } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RawData, WebSocket } from 'ws';
import { handleClientEvent } from './client-events.js';
import { Connection, type LivenessOptions, type SocketLimits } from './connection.js';
import type { HubCore } from './core.js';
import { checkProtocolVersion, encodeFrame, ErrorCode, errorFrame, Limits, parseClientFrame } from './protocol.js';
import { handleSignin } from './signin.js';
import { handleSubscribe, handleUnsubscribe, type SubscriptionError } from './subscriptions.js';

const APP_PATH = /^\/app\/([^/?#]+)\/?$/;

/** The app key from a `/app/{key}` URL path, or undefined when the path is not one. */
export function appKeyFromPath(pathname: string): string | undefined {
  const match = APP_PATH.exec(pathname);
  if (!match?.[1]) return undefined;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return undefined;
  }
}

/** `\d+.\d+`, as the SDKs require, and unique among open sockets. */
function newSocketId(core: HubCore): string {
  for (;;) {
    const id = `${randomInt(1, 2 ** 47)}.${randomInt(1, 2 ** 47)}`;
    if (!core.connections.has(id)) return id;
  }
}

function bytesOf(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data));
}

export interface SocketHandlerOptions extends LivenessOptions {
  activityTimeoutSeconds: number;
  limits: SocketLimits;
}

/** Runs the protocol on one upgraded socket. */
export function acceptSocket(core: HubCore, socket: WebSocket, request: IncomingMessage, options: SocketHandlerOptions): void {
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  const connection = new Connection(newSocketId(core), socket, options, options.limits, core.options.log);

  // Errors on a socket (resets, oversize frames) end that socket only.
  socket.on('error', (error) => core.options.log('hub socket error', { socketId: connection.socketId, error: String(error) }));

  if (appKeyFromPath(url.pathname) !== core.app.key) {
    connection.closeWith(ErrorCode.AppDoesNotExist, 'Application does not exist.');
    return;
  }
  const protocolProblem = checkProtocolVersion(url.searchParams.get('protocol'));
  if (protocolProblem) {
    connection.closeWith(protocolProblem.code, protocolProblem.message);
    return;
  }

  core.connect(connection);
  socket.on('close', () => core.disconnect(connection));
  socket.on('message', (data, isBinary) => {
    // ws keeps delivering what arrives until the closing handshake ends; none of it matters any more,
    // and a flood that got the socket closed must not cost a parse per frame after that.
    if (connection.closed) return;
    connection.markActive();
    if (isBinary) {
      connection.send(errorFrame(null, 'Binary frames are not supported.'));
      return;
    }
    const bytes = bytesOf(data);
    if (bytes.length > Limits.maxFrameBytes) {
      connection.send(errorFrame(null, `Frames are at most ${Limits.maxFrameBytes / 1024} KB.`));
      return;
    }
    try {
      route(core, connection, bytes.toString('utf8'));
    } catch (error) {
      // A bug in a handler must not take down the process or the other sockets.
      core.options.log('hub frame handler failed', { socketId: connection.socketId, error: String(error) });
      connection.send(errorFrame(null, 'The frame could not be processed.'));
    }
  });

  connection.send({
    event: 'pusher:connection_established',
    data: JSON.stringify({ socket_id: connection.socketId, activity_timeout: options.activityTimeoutSeconds }),
  });
  connection.startLiveness();
  connection.startAuthorizationDeadline();
}

/**
 * Closes an upgraded socket the hub has no room for with `pusher:error` 4100 and close 4100: pusher-js
 * reports the reason, backs off for a second and tries again, so it is back within a second of a slot
 * coming free. A refused upgrade (HTTP 503) tells it nothing: the Node build, measured, just waits out
 * its 15 s connect timeout, and a browser sees a bare 1006.
 */
export function refuseSocket(socket: WebSocket, message: string): void {
  socket.on('error', () => {});
  socket.send(encodeFrame(errorFrame(ErrorCode.OverCapacity, message)));
  socket.close(ErrorCode.OverCapacity, message);
  // Refused sockets must not pile up waiting for a close reply (ws would wait 30 s).
  setTimeout(() => socket.terminate(), REFUSED_CLOSE_TIMEOUT_MS).unref();
}

const REFUSED_CLOSE_TIMEOUT_MS = 1000;

/**
 * A refused subscribe is answered on its channel with `pusher:subscription_error` LimitReached 4301 (as
 * the presence limits are), so pusher-js stops waiting for it; the widget subscribes again after its
 * next reconnect.
 */
function refuseSubscribe(connection: Connection, channel: string): void {
  const error: SubscriptionError = {
    type: 'LimitReached',
    error: `More than ${connection.subscribeFramesPerSecond} subscribe and unsubscribe frames a second.`,
    status: ErrorCode.RateLimited,
  };
  connection.send({ event: 'pusher:subscription_error', channel, data: error });
}

function route(core: HubCore, connection: Connection, text: string): void {
  const parsed = parseClientFrame(text);
  if (!parsed.ok) {
    const { code, message, channel } = parsed.failure;
    // A malformed sign-in is a failed sign-in: 4009 and a close, like a bad signature (soketi does the same).
    if (code === ErrorCode.Unauthorized) connection.closeWith(code, message);
    else connection.send(errorFrame(code, message, channel));
    return;
  }
  const { frame } = parsed;
  switch (frame.type) {
    case 'ping':
      connection.send({ event: 'pusher:pong', data: {} });
      return;
    case 'pong':
      return;
    case 'subscribe': {
      // Checked before the signature, so a flood costs no HMAC and no presence frames.
      const verdict = connection.takeSubscribeToken();
      if (verdict === 'allowed') handleSubscribe(core, connection, frame);
      else if (verdict === 'refused') refuseSubscribe(connection, frame.channel);
      return;
    }
    case 'unsubscribe':
      // Always carried out (pusher-js has already forgotten the channel, and leaving only frees
      // things); it counts towards the budget so a loop of them is still closed.
      if (connection.takeSubscribeToken() !== 'closed') handleUnsubscribe(core, connection, frame.channel);
      return;
    case 'signin':
      handleSignin(core, connection, frame.auth, frame.userData);
      return;
    case 'client-event':
      handleClientEvent(core, connection, frame);
      return;
  }
}
