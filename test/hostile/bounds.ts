/**
 * What "survives" means, as numbers, and how big each attack is. `HOSTILE_SIZE=full` (what
 * `npm run test:hostile` sets) runs the attacks at the size the issue measured; the default, `short`, is
 * the version inside `npm test`, which must stay well under a minute on two cores.
 */

/** Colleagues' latency while an attack runs: every REST call and every send-to-receive, pooled. */
export const COLLEAGUE_P95_MS = 500;
export const COLLEAGUE_MAX_MS = 2000;
/** A colleague's operation that takes this long is counted as failed (and as this long). */
export const COLLEAGUE_GIVE_UP_MS = 10_000;

/** The server's resident memory during an attack: at most this much above its level before it. */
export const RSS_GROWTH_MAX_MB = 150;
/** …and never above this, whatever the start. */
export const RSS_MAX_MB = 400;
/**
 * Past this, the attack is stopped at once (the machine is shared): the server has already failed the
 * memory bound by far, and the line says so.
 */
export const RSS_ABORT_MB = 2500;

/**
 * How soon the server must cut a connection that trickles its headers, or its body, one byte a second.
 * Node's defaults are 60 s (headers) and 300 s (whole request), checked every 30 s.
 */
export const SLOW_HEADERS_CUT_WITHIN_MS = 15_000;
export const SLOW_BODY_CUT_WITHIN_MS = 20_000;

/**
 * The subscribe flood may reach the presence channel's members with at most this share of the
 * member_added/removed frames an unlimited hub sends (cycles × 2 × listening sockets).
 */
export const SUBSCRIBE_FLOOD_FANOUT_MAX_SHARE = 0.1;

/** Slow readers: after they resume, at least this share of them must find their socket closed by the server. */
export const SLOW_READERS_CLOSED_MIN_SHARE = 0.9;

export type HostileSize = 'short' | 'full';

/** `HOSTILE_SIZE=full` or `short` (default). */
export function hostileSize(env: NodeJS.ProcessEnv = process.env): HostileSize {
  const value = env.HOSTILE_SIZE ?? 'short';
  if (value !== 'short' && value !== 'full') throw new Error(`HOSTILE_SIZE must be short or full, not ${JSON.stringify(value)}.`);
  return value;
}

/** The size of each attack, short and full. Every attack also stops at its time bound. */
export const SIZES = {
  short: {
    subscribeFlood: { listeners: 100, cycles: 2000, seconds: 4 },
    /** The hub's caps are set for the attack's server (STAFF_CHAT_HUB_MAX_CONNECTIONS_PER_IP, …_MAX_CONNECTIONS). */
    connectionFlood: { sockets: 600, addresses: 6, perAddressCap: 100, totalCap: 400, seconds: 2 },
    slowReaders: { readers: 40, senders: 12, seconds: 6 },
    // Smaller files than the full size: what the short run shows is the 429 bound, not bandwidth (memory under
    // 30 × 5 × 10 MB is proven by the full size and test/integration/upload-memory.test.ts).
    uploadFlood: { uploads: 10, files: 5, fileMb: 2, seconds: 20 },
    slowloris: { headerConnections: 150, bodyConnections: 150 },
    sendFlood: { concurrency: 16, seconds: 3 },
    searchFlood: { concurrency: 16, seconds: 3 },
    forwardFlood: { concurrency: 8, seconds: 3 },
    /** `listeners`: sockets in the department channel the flood's events go to. */
    changesFlood: { concurrency: 16, seconds: 3, listeners: 20 },
    oversizedBody: { concurrency: 8, bodyMb: 5, seconds: 2 },
  },
  full: {
    subscribeFlood: { listeners: 200, cycles: 5000, seconds: 8 },
    connectionFlood: { sockets: 3000, addresses: 30, perAddressCap: 200, totalCap: 1000, seconds: 10 },
    slowReaders: { readers: 100, senders: 15, seconds: 8 },
    uploadFlood: { uploads: 30, files: 5, fileMb: 10, seconds: 40 },
    slowloris: { headerConnections: 1000, bodyConnections: 1000 },
    sendFlood: { concurrency: 32, seconds: 10 },
    searchFlood: { concurrency: 32, seconds: 10 },
    forwardFlood: { concurrency: 32, seconds: 10 },
    changesFlood: { concurrency: 32, seconds: 10, listeners: 100 },
    oversizedBody: { concurrency: 32, bodyMb: 10, seconds: 5 },
  },
} as const;

/** The sizes of this run. */
export const size = SIZES[hostileSize()];
