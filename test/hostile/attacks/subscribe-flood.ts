/**
 * Attack 1, the subscribe/unsubscribe flood: one staff member, with one valid presence authorization,
 * subscribes and unsubscribes the hotel's presence channel in a loop. Unlimited, each cycle sends
 * member_added and member_removed to every socket in the channel (the issue measured 5,000 cycles in
 * 0.7 s reaching 200 sockets as ~2 million frames, and colleagues waiting 2.6–11.5 s).
 */
import type WebSocket from 'ws';
import type { Me } from '../../../contract/index.js';
import { histogram, type AttackSpec } from '../attack-run.js';
import { size, SUBSCRIBE_FLOOD_FANOUT_MAX_SHARE } from '../bounds.js';
import { ATTACKER_ADDRESS, type HostileServer } from '../hostile-server.js';
import { inBatches, openHubSocket, subscribeFrame, subscriptionSucceeded, unsubscribeFrame } from '../hub-socket.js';

const { listeners: LISTENERS, cycles: CYCLES, seconds: SECONDS } = size.subscribeFlood;
/** Presence channels hold at most 100 members, so the listening sockets are four per staff member. */
const SOCKETS_PER_LISTENER = 4;
/** The attacker opens a new socket when the hub closes one, this many times at most. */
const MAX_RECONNECTS = 5;
/** Cycles sent between two turns of the event loop, so the attacker also reads what comes back. */
const CYCLES_PER_TURN = 50;
/** The listeners have their backlog once no member frame arrived for this long. */
const QUIET_MS = 3000;
/** An unlimited hub takes a while to send millions of frames; the colleagues keep working meanwhile. */
const BACKLOG_DEADLINE_MS = 20_000;

export function subscribeFlood(): AttackSpec {
  const title = `subscribe flood: ${CYCLES} presence subscribe/unsubscribe cycles with ${LISTENERS} sockets listening`;
  const listeningSockets: WebSocket[] = [];
  let memberFrames = 0;
  let presenceChannel = '';

  return {
    title,
    name: 'subscribe flood',
    async prepare(server) {
      const staff = Array.from({ length: Math.ceil(LISTENERS / SOCKETS_PER_LISTENER) }, (_, index) => `listener-${index}`);
      const tokens = await server.enrol(staff);
      presenceChannel = (await server.call<Me>(tokens.get(staff[0]!)!, 'GET', '/me')).body.presence_channel;
      await inBatches(
        Array.from({ length: LISTENERS }, (_, index) => index),
        20,
        async (index) => {
          // Spread over four addresses, so a per-address cap does not refuse the listeners themselves.
          const outcome = await openHubSocket(server.socketUrl, { localAddress: `127.0.0.${10 + (index % 4)}` });
          if (outcome.kind !== 'established') throw new Error(`listener ${index} could not connect: ${JSON.stringify(outcome)}`);
          const token = tokens.get(staff[Math.floor(index / SOCKETS_PER_LISTENER)]!)!;
          const auth = await server.authorize(token, outcome.socketId, presenceChannel);
          const subscribed = subscriptionSucceeded(outcome.socket, presenceChannel);
          outcome.socket.send(subscribeFrame(presenceChannel, auth));
          await subscribed;
          outcome.socket.on('message', (data) => {
            if (String(data).includes('pusher_internal:member_')) memberFrames += 1;
          });
          listeningSockets.push(outcome.socket);
        },
      );
    },
    async run({ server, signal }) {
      memberFrames = 0;
      const flood = await floodSubscriptions(server, presenceChannel, signal);
      const unlimited = flood.cyclesSent * 2 * LISTENERS;
      await quiet(() => memberFrames, unlimited, BACKLOG_DEADLINE_MS);
      const share = unlimited === 0 ? 0 : memberFrames / unlimited;
      const problems: string[] = [];
      if (share > SUBSCRIBE_FLOOD_FANOUT_MAX_SHARE) {
        problems.push(
          `the flood reached the presence channel as ${memberFrames} member frames, ${(share * 100).toFixed(0)} % of an unlimited hub's ${unlimited}, ` +
            `not at most ${SUBSCRIBE_FLOOD_FANOUT_MAX_SHARE * 100} %`,
        );
      }
      return {
        serverDid:
          `attacker sent ${flood.cyclesSent} cycles in ${flood.ms.toFixed(0)} ms; listeners got ${memberFrames} member frames ` +
          `(${(share * 100).toFixed(1)} % of ${unlimited}); attacker sockets closed: ${histogram(flood.closeCodes)}; ` +
          `subscription errors ${flood.subscriptionErrors}, pusher:error ${flood.errors}`,
        problems,
      };
    },
    cleanup() {
      for (const socket of listeningSockets) socket.terminate();
    },
  };
}

interface FloodOutcome {
  cyclesSent: number;
  ms: number;
  closeCodes: number[];
  subscriptionErrors: number;
  errors: number;
}

/** One attacker socket (a new one when the hub closes it) subscribing and unsubscribing as fast as it can. */
async function floodSubscriptions(server: HostileServer, channel: string, signal: AbortSignal): Promise<FloodOutcome> {
  const token = (await server.enrol(['flooder'])).get('flooder')!;
  const outcome: FloodOutcome = { cyclesSent: 0, ms: 0, closeCodes: [], subscriptionErrors: 0, errors: 0 };
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  for (
    let attempt = 0;
    attempt <= MAX_RECONNECTS && outcome.cyclesSent < CYCLES && performance.now() < deadline && !signal.aborted;
    attempt++
  ) {
    const opened = await openHubSocket(server.socketUrl, { localAddress: ATTACKER_ADDRESS });
    if (opened.kind !== 'established') {
      outcome.closeCodes.push(opened.kind === 'closed' ? opened.code : -1);
      continue;
    }
    const { socket, socketId } = opened;
    let closed = false;
    let closingOurselves = false;
    socket.on('close', (code) => {
      closed = true;
      if (!closingOurselves) outcome.closeCodes.push(code);
    });
    socket.on('message', (data) => {
      const text = String(data);
      if (text.includes('pusher:subscription_error')) outcome.subscriptionErrors += 1;
      else if (text.includes('"pusher:error"')) outcome.errors += 1;
    });
    const auth = await server.authorize(token, socketId, channel, ATTACKER_ADDRESS);
    const subscribe = subscribeFrame(channel, auth);
    const unsubscribe = unsubscribeFrame(channel);
    while (!closed && outcome.cyclesSent < CYCLES && performance.now() < deadline && !signal.aborted) {
      for (let i = 0; i < CYCLES_PER_TURN && outcome.cyclesSent < CYCLES; i++) {
        socket.send(subscribe);
        socket.send(unsubscribe);
        outcome.cyclesSent += 1;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    outcome.ms = performance.now() - started;
    closingOurselves = true;
    if (!closed) await closeWhenSent(socket);
  }
  return outcome;
}

/**
 * Lets `ws` hand every queued frame to the kernel, then closes with a handshake, so a hub that reads
 * them all gets them all. A hub that stopped reading this socket gets neither, so both waits are short.
 */
async function closeWhenSent(socket: WebSocket): Promise<void> {
  const stopAt = performance.now() + 2000;
  while (socket.bufferedAmount > 0 && performance.now() < stopAt) await new Promise((resolve) => setTimeout(resolve, 10));
  const closed = new Promise((resolve) => socket.once('close', resolve));
  socket.close();
  await Promise.race([closed, new Promise((resolve) => setTimeout(resolve, 1000))]);
  socket.terminate();
}

/**
 * Resolves once `count()` reached `all` (an unlimited hub has sent its whole backlog), or stopped growing
 * for {@link QUIET_MS} (a limited one sends no more), or at the deadline.
 */
async function quiet(count: () => number, all: number, deadlineMs: number): Promise<void> {
  const stopAt = performance.now() + deadlineMs;
  let last = -1;
  let lastChange = performance.now();
  while (performance.now() < stopAt && count() < all) {
    const now = count();
    if (now !== last) {
      last = now;
      lastChange = performance.now();
    } else if (performance.now() - lastChange >= QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
