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
import { Connection, type LivenessOptions } from './connection.js';
import type { HubCore } from './core.js';
import { checkProtocolVersion, ErrorCode, errorFrame, Limits, parseClientFrame } from './protocol.js';
import { handleSignin } from './signin.js';
import { handleSubscribe, handleUnsubscribe } from './subscriptions.js';

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
}

/** Runs the protocol on one upgraded socket. */
export function acceptSocket(core: HubCore, socket: WebSocket, request: IncomingMessage, options: SocketHandlerOptions): void {
  const url = new URL(request.url ?? '/', 'http://hub.invalid');
  const connection = new Connection(newSocketId(core), socket, options);

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
    case 'subscribe':
      handleSubscribe(core, connection, frame);
      return;
    case 'unsubscribe':
      handleUnsubscribe(core, connection, frame.channel);
      return;
    case 'signin':
      handleSignin(core, connection, frame.auth, frame.userData);
      return;
    case 'client-event':
      handleClientEvent(core, connection, frame);
      return;
  }
}
