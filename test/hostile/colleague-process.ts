/**
 * The colleagues, in a process of their own so that an attack keeping the test process busy cannot
 * slow them down and be blamed on the server: staff who list their conversations, send messages that
 * another colleague receives over an unmodified pusher-js socket, and now and then open a new socket
 * (a colleague opening the portal). It also samples the server's resident memory. Driven by
 * {@link ColleagueProbe} over IPC, one run per attack; see colleague-probe.ts for the messages.
 */
import type Pusher from 'pusher-js';
import type { Channel } from 'pusher-js';
import { EVENTS, type MessageCreatedEnvelope } from '../../contract/index.js';
import { connectedPusher } from '../support/pusher-client.js';
import type { ProbeCommand, ProbeEvent, ProbeSample, ProbeSetup } from './colleague-probe.js';
import { httpRequest } from './http-client.js';
import { residentMb } from './server-memory.js';

const RSS_SAMPLE_MS = 50;
/** At most this many colleague actions at once; a stalled server makes them pile up to here, no further. */
const MAX_IN_FLIGHT = 20;

function send(event: ProbeEvent): void {
  process.send?.(event);
}

async function main(setup: ProbeSetup): Promise<void> {
  let phase = 'baseline';
  let stopping = false;
  const samples: ProbeSample[] = [];
  const rss: Record<string, { peak: number; first: number; last: number }> = {};
  let aborted = false;

  const sampleRss = () => {
    const mb = residentMb(setup.serverPid);
    if (mb === undefined) return;
    const entry = (rss[phase] ??= { peak: mb, first: mb, last: mb });
    entry.peak = Math.max(entry.peak, mb);
    entry.last = mb;
    if (mb > setup.rssAbortMb && !aborted) {
      aborted = true;
      send({ type: 'rss-abort', mb });
    }
  };
  const rssTimer = setInterval(sampleRss, RSS_SAMPLE_MS);
  sampleRss();

  const authorize = (token: string) => (socketId: string, channelName: string) =>
    httpRequest({ method: 'POST', url: `${setup.api}/pusher/auth`, token, body: { socket_id: socketId, channel_name: channelName } });

  // The receiving colleague: every message the senders send must reach this socket.
  const receiver: Pusher = await connectedPusher(setup.config, authorize(setup.receiverToken));
  const waiting = new Map<string, () => void>();
  const channel = await subscribed(receiver, setup.channel);
  channel.bind(EVENTS.messageCreated, (envelope: MessageCreatedEnvelope) => {
    const clientId = envelope.payload.client_id;
    if (clientId) waiting.get(clientId)?.();
  });

  let inFlight = 0;
  let cycle = 0;
  const record = (kind: ProbeSample['kind'], ms: number, ok: boolean, detail?: string) =>
    samples.push({ phase, kind, ms: Math.min(ms, setup.giveUpMs), ok, ...(detail && { detail }) });

  const timedStep = async (kind: ProbeSample['kind'], work: () => Promise<string | undefined>) => {
    const started = performance.now();
    const problem = await Promise.race([
      work().catch((error: unknown) => String(error)),
      new Promise<string>((resolve) => setTimeout(() => resolve(`gave up after ${setup.giveUpMs} ms`), setup.giveUpMs).unref()),
    ]);
    record(kind, performance.now() - started, problem === undefined, problem);
    return problem === undefined;
  };

  const oneCycle = async (index: number) => {
    const token = setup.senderTokens[index % setup.senderTokens.length]!;
    await timedStep('list', async () => {
      const response = await httpRequest({ method: 'GET', url: `${setup.api}/${setup.hotel}/conversations/`, token });
      return response.status === 200 ? undefined : `GET conversations answered ${response.status}`;
    });
    const clientId = `probe-${process.pid}-${index}`;
    const delivered = new Promise<void>((resolve) => waiting.set(clientId, resolve));
    const sentAt = performance.now();
    const sent = await timedStep('send', async () => {
      const response = await httpRequest({
        method: 'POST',
        url: `${setup.api}/${setup.hotel}/conversations/${setup.conversationId}/send-message/`,
        token,
        body: { message: `colleague message ${index}`, client_id: clientId },
      });
      return response.status === 201 ? undefined : `send-message answered ${response.status}`;
    });
    if (sent) {
      // Measured from the send's start: what the receiving colleague waits from the moment it was sent.
      const arrived = await Promise.race([
        delivered.then(() => true),
        sleep(setup.giveUpMs - (performance.now() - sentAt)).then(() => false),
      ]);
      record('deliver', performance.now() - sentAt, arrived, arrived ? undefined : 'message_created never arrived');
    }
    waiting.delete(clientId);
    if (setup.connectEvery > 0 && index % setup.connectEvery === 0) {
      const connecting = connectedPusher(setup.config, authorize(token));
      await timedStep('connect', async () => {
        await subscribed(await connecting, setup.channel);
        return undefined;
      });
      // Also when it gave up and connects later: it must not stay open.
      void connecting.then((fresh) => fresh.disconnect());
    }
  };

  const ticker = setInterval(() => {
    if (stopping || inFlight >= MAX_IN_FLIGHT) return;
    inFlight += 1;
    void oneCycle(cycle++).finally(() => (inFlight -= 1));
  }, setup.intervalMs);

  const onCommand = (command: ProbeCommand) => {
    if (command.type === 'phase') {
      phase = command.name;
      sampleRss();
      send({ type: 'phase-started', name: command.name });
    } else if (command.type === 'stop') {
      stopping = true;
      clearInterval(ticker);
      const finished = setInterval(() => {
        if (inFlight > 0) return;
        clearInterval(finished);
        clearInterval(rssTimer);
        receiver.disconnect();
        process.off('message', onCommand);
        send({ type: 'report', samples, rss });
      }, 20);
    }
  };
  process.on('message', onCommand);
  send({ type: 'ready' });
}

/** Subscribes and resolves once subscribed; rejects on a subscription error. */
function subscribed(client: Pusher, name: string): Promise<Channel> {
  return new Promise((resolve, reject) => {
    const channel = client.subscribe(name);
    channel.bind('pusher:subscription_succeeded', () => resolve(channel));
    channel.bind('pusher:subscription_error', (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
  });
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(ms, 0)).unref());
}

// One run per setup: the process serves attack after attack, and ends with the test process.
process.on('message', (command: ProbeCommand) => {
  if (command.type !== 'setup') return;
  main(command.setup).catch((error: unknown) => {
    send({ type: 'failed', error: String(error instanceof Error ? error.stack : error) });
    process.exit(1);
  });
});
process.on('disconnect', () => process.exit(0));
send({ type: 'loaded' });
