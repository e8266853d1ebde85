/**
 * A TCP proxy between the server and PostgreSQL that can fail the way networks and databases do:
 * freeze (packets dropped: connections stay open, nothing gets through either way, until the network
 * heals and the held bytes arrive late, as TCP retransmission delivers them), and refuse (the database
 * is down: open connections cut, new ones refused, until it listens again on the same port).
 */
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface DatabaseProxy {
  readonly port: number;
  /** Connections open through the proxy right now. */
  readonly open: number;
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

export async function startDatabaseProxy(target: { host: string; port: number }): Promise<DatabaseProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket }>();
  let held: Array<{ to: Socket; chunk: Buffer | 'end' }> = [];
  let frozen = false;

  // Half-open, so that a FIN is forwarded like data: while frozen, a goodbye gets no answer either.
  const server = createServer({ allowHalfOpen: true }, (client) => {
    const upstream = connect({ port: target.port, host: target.host, allowHalfOpen: true });
    const pair = { client, upstream };
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
    // Both ways ended, or either broken: the pair is done.
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  await listen(0);
  const port = (server.address() as AddressInfo).port;
  const cutAll = () => {
    for (const { client, upstream } of pairs) {
      client.destroy();
      upstream.destroy();
    }
    held = [];
  };

  return {
    port,
    get open() {
      return pairs.size;
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
    accept: () => listen(port),
    async close() {
      cutAll();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
