/**
 * Attack 2, connection exhaustion with no login: the public key from `GET /api/staff_chat/config` is
 * all it takes to open hub sockets, and these never subscribe. From one address the hub must stop at
 * STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP while colleagues from another address still connect; from
 * many addresses it must stop at STAFF_CHAT_HUB_MAX_CONNECTIONS, and sockets already open keep working.
 */
import type WebSocket from 'ws';
import { delay, histogram, type AttackResult, type AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS, type HostileServer } from '../hostile-server.js';
import { inBatches, openHubSocket } from '../hub-socket.js';
import { openFilesLimit } from '../server-memory.js';

const {
  sockets: SOCKETS,
  addresses: ADDRESSES,
  seconds: SECONDS,
  perAddressCap: HUB_MAX_CONNECTIONS_PER_IP,
  totalCap: HUB_MAX_CONNECTIONS,
} = size.connectionFlood;
const OPENING_CONCURRENCY = 100;
/** Room for the server's and the test's own descriptors besides the attack's sockets. */
const SPARE_DESCRIPTORS = 500;

const env = {
  STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP: String(HUB_MAX_CONNECTIONS_PER_IP),
  STAFF_CHAT_HUB_MAX_CONNECTIONS: String(HUB_MAX_CONNECTIONS),
};

/** From one address: the hub must stop at the per-address cap while colleagues (from 127.0.0.1) still connect. */
export function connectionsFromOneAddress(): AttackSpec {
  const flood = socketFlood(() => ATTACKER_ADDRESS);
  return {
    title: `connection flood from one address: ${SOCKETS} anonymous sockets stop at the per-address cap of ${HUB_MAX_CONNECTIONS_PER_IP}`,
    name: 'connections, 1 address',
    env,
    async run({ server, signal }) {
      const outcome = await flood.run(server, signal);
      const problems =
        outcome.held > HUB_MAX_CONNECTIONS_PER_IP
          ? [
              `${outcome.held} sockets from ${ATTACKER_ADDRESS} were still open after ${SECONDS} s, more than the per-address cap of ${HUB_MAX_CONNECTIONS_PER_IP}`,
            ]
          : [];
      return { serverDid: outcome.serverDid, problems };
    },
    cleanup: () => flood.close(),
  };
}

/** From many addresses: the hub must stop at its total cap; sockets already open and the API keep working. */
export function connectionsFromManyAddresses(): AttackSpec {
  const flood = socketFlood((index) => `127.0.0.${20 + (index % ADDRESSES)}`);
  return {
    title: `connection flood from ${ADDRESSES} addresses: ${SOCKETS} anonymous sockets stop at the total cap of ${HUB_MAX_CONNECTIONS}`,
    name: `connections, ${ADDRESSES} addresses`,
    env,
    // A full hub refuses everyone's new sockets alike; what must hold is the colleagues' open sockets and the API.
    colleaguesOpenSockets: false,
    async run({ server, signal }) {
      const outcome = await flood.run(server, signal);
      const problems =
        outcome.held > HUB_MAX_CONNECTIONS
          ? [`${outcome.held} sockets were still open after ${SECONDS} s, more than the total cap of ${HUB_MAX_CONNECTIONS}`]
          : [];
      return { serverDid: outcome.serverDid, problems };
    },
    cleanup: () => flood.close(),
  };
}

/** Opens {@link SOCKETS} sockets that never subscribe, holds them for {@link SECONDS}, and counts what the hub did with them. */
function socketFlood(addressOf: (index: number) => string) {
  const open: WebSocket[] = [];
  return {
    async run(server: HostileServer, signal: AbortSignal): Promise<AttackResult & { held: number }> {
      const refusedStatuses: number[] = [];
      const closedBeforeEstablished: number[] = [];
      const failed: string[] = [];
      const closedLater: number[] = [];
      let held = 0;
      if (openFilesLimit() < SOCKETS + SPARE_DESCRIPTORS) {
        throw new Error(`ulimit -n is ${openFilesLimit()}; this attack needs ${SOCKETS + SPARE_DESCRIPTORS} (raise it with ulimit -n)`);
      }
      const started = performance.now();
      await inBatches(
        Array.from({ length: SOCKETS }, (_, index) => index),
        OPENING_CONCURRENCY,
        async (index) => {
          if (signal.aborted) return;
          const outcome = await openHubSocket(server.socketUrl, { localAddress: addressOf(index) });
          if (outcome.kind === 'refused') refusedStatuses.push(outcome.status);
          else if (outcome.kind === 'closed') closedBeforeEstablished.push(outcome.code);
          else if (outcome.kind === 'failed') failed.push(outcome.reason);
          else {
            held += 1;
            open.push(outcome.socket);
            outcome.socket.once('close', (code) => {
              held -= 1;
              closedLater.push(code);
            });
          }
        },
      );
      const openedInMs = performance.now() - started;
      await delay(SECONDS * 1000, signal);
      return {
        held,
        problems: [],
        serverDid:
          `of ${SOCKETS} opened in ${openedInMs.toFixed(0)} ms, ${held} held open after ${SECONDS} s; ` +
          `refused at the upgrade ${refusedStatuses.length} (${histogram(refusedStatuses)}), ` +
          `closed before established ${closedBeforeEstablished.length} (${histogram(closedBeforeEstablished)}), ` +
          `closed later ${closedLater.length} (${histogram(closedLater)}), failed ${failed.length} (${histogram(failed)})`,
      };
    },
    close() {
      for (const socket of open) socket.terminate();
    },
  };
}
