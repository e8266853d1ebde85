/**
 * A TCP proxy on 127.0.0.1 that fails the way networks, load balancers and databases do, for the tests
 * that must see a server survive it:
 *
 * - cut one connection (both ends destroyed at once, so whatever was in flight is lost), as a flaky
 *   network does to the hub's sockets (the soak);
 * - freeze (packets dropped: connections stay open, nothing gets through either way, until the network
 *   heals and the held bytes arrive late, as TCP retransmission delivers them);
 * - refuse (the target is down: open connections cut, new ones refused, until it listens again on the
 *   same port);
 * - retarget (new connections go to another port, as after a redeploy; open ones stay).
 */
import { connect, createServer, type Socket } from 'node:net';

export interface TcpProxy {
  readonly port: number;
  /** Connections open through the proxy right now. */
  readonly open: number;
  /** New connections go to `port` from now on; open ones stay where they are. */
  retarget(port: number): void;
  /**
   * Cuts one open connection chosen by `random` (0 ≤ random() < 1) among the established ones (see
   * {@link TcpProxyOptions.established}); false when there is none.
   */
  dropOne(random: () => number): boolean;
  /** From now on nothing is forwarded either way; new connections are accepted and hang. */
  freeze(): void;
  /** Forwards again, first everything held while frozen, in order. */
  thaw(): void;
  /** Cuts every connection and stops listening: connecting is refused. */
  refuse(): Promise<void>;
  /** Listens on the same port again. */
  accept(): Promise<void>;
  close(): Promise<void>;
}

export interface TcpProxyOptions {
  /**
   * Whether the target's bytes show that a connection is past its handshake, so that `dropOne` may cut
   * it; by default every connection is. (The soak cuts hub sockets only after
   * `pusher:connection_established`: cut during the handshake, pusher-js waits out its 15 s
   * connection timeout before trying again, which is slow and no different for message delivery.)
   */
  established?: (fromTarget: Buffer) => boolean;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  established: boolean;
}

export async function startTcpProxy(target: { host: string; port: number }, { established }: TcpProxyOptions = {}): Promise<TcpProxy> {
  const pairs = new Set<Pair>();
  let held: { to: Socket; chunk: Buffer | 'end' }[] = [];
  let frozen = false;
  let targetPort = target.port;

  // Half-open, so that a FIN is forwarded like data: while frozen, a goodbye gets no answer either.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ port: targetPort, host: target.host, allowHalfOpen: true });
    const pair: Pair = { client, upstream, established: !established };
    pairs.add(pair);
    const forward = (to: Socket) => (chunk: Buffer) => {
      if (frozen) held.push({ to, chunk });
      else to.write(chunk);
    };
    const forwardEnd = (to: Socket) => () => {
      if (frozen) held.push({ to, chunk: 'end' });
      else to.end();
    };
    client.on('data', forward(upstream)).on('end', forwardEnd(upstream));
    upstream.on('data', forward(client)).on('end', forwardEnd(client));
    if (established) {
      upstream.on('data', (chunk: Buffer) => {
        if (!pair.established && established(chunk)) pair.established = true;
      });
    }
    // Both ways ended, or either broken: the pair is done.
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const address = server.address();
        if (address === null || typeof address === 'string') reject(new Error('the proxy listens on TCP'));
        else resolve(address.port);
      });
    });
  const port = await listen(0);
  const cut = ({ client, upstream }: Pair) => {
    client.destroy();
    upstream.destroy();
  };
  const cutAll = () => {
    for (const pair of pairs) cut(pair);
    held = [];
  };

  return {
    port,
    get open() {
      return pairs.size;
    },
    retarget(port) {
      targetPort = port;
    },
    dropOne(random) {
      const candidates = [...pairs].filter((pair) => pair.established);
      const pair = candidates[Math.floor(random() * candidates.length)];
      if (!pair) return false;
      cut(pair);
      return true;
    },
    freeze() {
      frozen = true;
    },
    thaw() {
      frozen = false;
      for (const { to, chunk } of held) {
        if (to.destroyed) continue;
        if (chunk === 'end') to.end();
        else to.write(chunk);
      }
      held = [];
    },
    async refuse() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      cutAll();
      await closed;
    },
    accept: async () => {
      await listen(port);
    },
    async close() {
      cutAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
