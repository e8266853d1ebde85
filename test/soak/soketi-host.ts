/**
 * A soketi node standing where {@link startHubHost}'s hub stands in the soak, restarted the same way
 * (a fresh node, the proxies switched to it, then the old one closes its sockets with 4200). With
 * `redisPrefix`, it is one node of a cluster on soketi's Redis adapter, and its replacement joins the
 * same cluster.
 */
import { startSoketi, type SoketiApp, type SoketiNode } from '../support/soketi.js';
import type { HubHost } from './hub-host.js';

export async function startSoketiHost(app: SoketiApp, options: { redisPrefix?: string } = {}): Promise<HubHost> {
  let current: SoketiNode = await startSoketi(app, options);
  return {
    get port() {
      return current.port;
    },
    async restart(switchTo) {
      const old = current;
      current = await startSoketi(app, options);
      switchTo(current.port);
      await old.close();
    },
    close: () => current.close(),
  };
}
