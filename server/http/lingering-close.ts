import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** How long a refused body may keep arriving after the answer, so its client can read that answer. */
const LINGER_MS = 1000;

type LingeringSocket = Omit<Socket, 'destroySoon'> & { destroySoon?: () => void; lingerFor?: IncomingMessage };

/**
 * Closes a connection whose request was answered before its body arrived (a 413, a 401 to an upload)
 * the way nginx's lingering close does: our side ends, and what the client still sends is read and
 * dropped for a moment before the socket goes. Node would destroy the socket at once, with unread
 * bytes in it; the kernel then answers with a reset, and a client still writing its body gets EPIPE
 * and never sees the 413 that was already on its way. Call it for every request; a kept-alive socket
 * is adapted once and always looks at its latest request.
 */
export function lingerOnEarlyClose(req: IncomingMessage): void {
  const socket = req.socket as LingeringSocket;
  const adapted = socket.lingerFor !== undefined;
  socket.lingerFor = req;
  if (adapted || !socket.destroySoon) return;
  const destroySoon = socket.destroySoon.bind(socket);
  // Node calls destroySoon() once the answer of a `Connection: close` response is written.
  socket.destroySoon = () => {
    const current = socket.lingerFor;
    if (!current || current.complete || socket.destroyed) {
      destroySoon();
      return;
    }
    socket.end();
    // The bytes reach the socket through the request's parser: both must flow for them to be dropped.
    current.resume();
    socket.resume();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    // A client that has sent everything, or stopped, ends its side: nothing left to wait for.
    socket.once('end', () => socket.destroy());
    socket.once('close', () => clearTimeout(timer));
  };
}
