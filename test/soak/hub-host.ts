/**
 * The embedded hub on a port of its own, standing in for a self-hosted engine (soketi, sockudo) that
 * the server reaches through PUSHER_HOST/PUSHER_PORT. Clients and the server reach it through proxies
 * (a load balancer's stand-in), so it can be restarted the way such an engine is redeployed: a fresh
 * instance starts, the proxies send new connections to it, and the old one closes every socket with
 * 4200; pusher-js reconnects at once and resubscribes. All hub state (connections, subscriptions) is
 * lost. (Restarting on the same port instead leaves a gap in which a reconnect attempt fails, and
 * pusher-js waits out its 15 s connection timeout after a failed attempt.)
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { createHub, type Hub } from '../../server/hub/index.js';

export interface HubHost {
  /** The current instance's port. */
  readonly port: number;
  /** Starts a new instance, calls `switchTo` with its port, then closes the old one (sockets get 4200). */
  restart(switchTo: (port: number) => void): Promise<void>;
  close(): Promise<void>;
}

export async function startHubHost(app: { appId: string; key: string; secret: string }): Promise<HubHost> {
  let current = await listenHub(app);
  const portOf = ({ server }: { server: Server }) => (server.address() as AddressInfo).port;
  return {
    get port() {
      return portOf(current);
    },
    async restart(switchTo) {
      const old = current;
      current = await listenHub(app);
      switchTo(portOf(current));
      await stopHub(old);
    },
    close: () => stopHub(current),
  };
}

async function listenHub(app: { appId: string; key: string; secret: string }): Promise<{ server: Server; hub: Hub }> {
  const hub = createHub(app);
  // Hono's listener answers every request itself, errors included: nothing is left to await.
  const listener = getRequestListener(hub.http.fetch);
  const server = createServer((request, response) => void listener(request, response));
  server.on('upgrade', (req, socket, head) => {
    if (!hub.handleUpgrade(req, socket, head)) socket.destroy();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return { server, hub };
}

async function stopHub({ server, hub }: { server: Server; hub: Hub }): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  await hub.close();
  server.closeAllConnections();
  await stopped;
}
