/**
 * The baseline for delivery and fan-out: a bare `ws` server. A socket joins a room with `?room=NAME`;
 * a text frame from a socket goes to every other socket in its room (delivery latency), and
 * `POST /broadcast?room=NAME` sends its body to every socket of the room (fan-out, triggered over HTTP
 * like the hub's Pusher HTTP API).
 */
import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { serve } from './serve.js';

const rooms = new Map<string, Set<WebSocket>>();

function roomOf(url: string | undefined): string {
  return new URL(url ?? '/', 'http://bare.invalid').searchParams.get('room') ?? 'default';
}

const server = createServer((req, res) => {
  if (req.method !== 'POST' || !req.url?.startsWith('/broadcast')) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const text = Buffer.concat(chunks).toString('utf8');
    let delivered = 0;
    for (const socket of rooms.get(roomOf(req.url)) ?? []) {
      socket.send(text);
      delivered += 1;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ delivered }));
  });
});

const wss = new WebSocketServer({ server });
wss.on('connection', (socket, req) => {
  const name = roomOf(req.url);
  let room = rooms.get(name);
  if (!room) rooms.set(name, (room = new Set()));
  room.add(socket);
  socket.on('message', (data, isBinary) => {
    for (const other of room) if (other !== socket) other.send(data, { binary: isBinary });
  });
  socket.on('close', () => room.delete(socket));
});

serve(server, async () => {
  for (const socket of wss.clients) socket.terminate();
  await new Promise<void>((resolve) => wss.close(() => resolve()));
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
