/**
 * A TCP proxy in front of the hub, a load balancer's stand-in: it can cut connections as a flaky
 * network would (both ends destroyed at once, so whatever was in flight is lost), and send new
 * connections to another port when the hub is redeployed.
 */
import { createServer, connect, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export interface DropProxy {
  readonly port: number;
  /** Open client connections right now. */
  readonly open: number;
  /** New connections go to `port` from now on; open ones stay where they are. */
  retarget(port: number): void;
  /**
   * Cuts one open connection chosen by `random` (0 ≤ random() < 1) among those past the Pusher
   * handshake; false when there is none. (Cut during the handshake, pusher-js waits out its 15 s
   * connection timeout before trying again: slow, and no different for message delivery.)
   */
  dropOne(random: () => number): boolean;
  close(): Promise<void>;
}

export async function startDropProxy(target: { host: string; port: number }): Promise<DropProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; established: boolean }>();
  let targetPort = target.port;
  const server = createServer((client) => {
    const upstream = connect(targetPort, target.host);
    const pair = { client, upstream, established: false };
    upstream.on('data', (chunk: Buffer) => {
      if (!pair.established && chunk.includes('pusher:connection_established')) pair.established = true;
    });
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    get open() {
      return pairs.size;
    },
    retarget(port) {
      targetPort = port;
    },
    dropOne(random) {
      const all = [...pairs].filter((pair) => pair.established);
      const pair = all[Math.floor(random() * all.length)];
      if (!pair) return false;
      pair.client.destroy();
      pair.upstream.destroy();
      return true;
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
