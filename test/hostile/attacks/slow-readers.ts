/**
 * Attack 3, slow readers: sockets that subscribe to a conversation and then never read, while others
 * in it send `client-typing` within their limit (10 a second, 10 KB each). Whatever the readers do not
 * take, the hub must not keep without bound: it closes a socket whose outgoing buffer passes its limit.
 */
import type WebSocket from 'ws';
import { histogram, type AttackSpec } from '../attack-run.js';
import { size, SLOW_READERS_CLOSED_MIN_SHARE } from '../bounds.js';
import { inBatches, openHubSocket, subscribeFrame, subscriptionSucceeded } from '../hub-socket.js';

const { readers: READERS, senders: SENDERS, seconds: SECONDS } = size.slowReaders;
const SOCKETS_PER_READER = 20;
/** Inside the hub's client-event limit of 10 a second per socket, with room for timer jitter. */
const TYPING_PER_SECOND = 8;
/** Just inside the 10 KB limit on event data. */
const TYPING_BYTES = 10_000;
/** After resuming, a reader reads what reached it; a closed socket shows its close within this. */
const DRAIN_MS = 8000;
/** …and one still open has gone this long without a frame once it has read its backlog. */
const QUIET_MS = 1500;

export function slowReaders(): AttackSpec {
  const title = `slow readers: ${READERS} sockets stop reading while ${SENDERS} colleagues send client-typing for ${SECONDS} s`;
  const readers: WebSocket[] = [];
  const typists: WebSocket[] = [];
  let channel = '';

  return {
    title,
    name: 'slow readers',
    async prepare(server) {
      const readerStaff = Array.from({ length: Math.ceil(READERS / SOCKETS_PER_READER) }, (_, index) => `reader-${index}`);
      const typistStaff = Array.from({ length: SENDERS }, (_, index) => `typist-${index}`);
      const tokens = await server.enrol([...readerStaff, ...typistStaff]);
      const conversation = await server.conversation(
        tokens.get(typistStaff[0]!)!,
        [...readerStaff, ...typistStaff.slice(1)],
        'Night shift',
      );
      channel = conversation.channel;
      const join = async (staffId: string, address: string) => {
        const outcome = await openHubSocket(server.socketUrl, { localAddress: address });
        if (outcome.kind !== 'established') throw new Error(`${staffId} could not connect: ${JSON.stringify(outcome)}`);
        const auth = await server.authorize(tokens.get(staffId)!, outcome.socketId, channel);
        const subscribed = subscriptionSucceeded(outcome.socket, channel);
        outcome.socket.send(subscribeFrame(channel, auth));
        await subscribed;
        return outcome.socket;
      };
      await inBatches(
        Array.from({ length: READERS }, (_, index) => index),
        20,
        async (index) => {
          const socket = await join(readerStaff[Math.floor(index / SOCKETS_PER_READER)]!, `127.0.0.${30 + (index % 8)}`);
          // From here on nothing is read: the kernel's buffers fill, then the hub's.
          socket.pause();
          readers.push(socket);
        },
      );
      for (const [index, staffId] of typistStaff.entries()) typists.push(await join(staffId, `127.0.0.${40 + (index % 4)}`));
    },
    async run({ signal }) {
      const sent = await typeFor(typists, channel, signal);
      const closes = await resumeAndDrain(readers);
      const closedShare = closes.length / READERS;
      const problems: string[] = [];
      if (closedShare < SLOW_READERS_CLOSED_MIN_SHARE) {
        problems.push(
          `the hub closed ${closes.length} of ${READERS} sockets that stopped reading, not at least ${SLOW_READERS_CLOSED_MIN_SHARE * 100} %`,
        );
      }
      const offered = (sent.events * (TYPING_BYTES / 1e6) * READERS).toFixed(0);
      return {
        serverDid:
          `${sent.events} typing events sent (${offered} MB offered to the readers), ${sent.refused} refused; ` +
          `readers closed by the server ${closes.length}/${READERS} (${histogram(closes)})`,
        problems,
      };
    },
    cleanup() {
      for (const socket of [...readers, ...typists]) socket.terminate();
    },
  };
}

/** Every typist sends {@link TYPING_PER_SECOND} typing events a second for {@link SECONDS}; counts what the hub refused. */
async function typeFor(sockets: WebSocket[], channel: string, signal: AbortSignal) {
  let events = 0;
  let refused = 0;
  for (const socket of sockets) {
    socket.on('message', (data) => {
      if (String(data).includes('"pusher:error"')) refused += 1;
    });
  }
  const padding = 'x'.repeat(TYPING_BYTES - 100);
  const stopAt = performance.now() + SECONDS * 1000;
  while (performance.now() < stopAt && !signal.aborted) {
    const tick = performance.now();
    for (const [index, socket] of sockets.entries()) {
      const data = { staff_id: `typist-${index}`, name: padding, typing: true };
      socket.send(JSON.stringify({ event: 'client-typing', channel, data }));
      events += 1;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, 1000 / TYPING_PER_SECOND - (performance.now() - tick))));
  }
  return { events, refused };
}

/**
 * Lets every reader read again and returns the close codes of those the server closed. A socket the
 * server cut shows its close right after the last bytes the kernel held for it; one it kept open goes
 * quiet once it has read its backlog.
 */
async function resumeAndDrain(sockets: WebSocket[]): Promise<number[]> {
  const codes: number[] = [];
  await Promise.all(
    sockets.map(
      (socket) =>
        new Promise<void>((resolve) => {
          if (socket.readyState === socket.CLOSED) {
            resolve();
            return;
          }
          let quietTimer = setTimeout(done, QUIET_MS);
          const deadline = setTimeout(done, DRAIN_MS);
          function done() {
            clearTimeout(quietTimer);
            clearTimeout(deadline);
            socket.off('message', onMessage);
            resolve();
          }
          function onMessage() {
            clearTimeout(quietTimer);
            quietTimer = setTimeout(done, QUIET_MS);
          }
          socket.on('message', onMessage);
          socket.once('close', (code) => {
            codes.push(code);
            done();
          });
          socket.resume();
        }),
    ),
  );
  return codes;
}
