/**
 * Delivery latency through the whole stack: N staff connected with pusher-js, in groups of
 * `groupSize` conversations; one member sends through `send-message/` and every other member's
 * `realtime_staff_chat_message_created` is timed from just before the POST. Sends go one at a time, so
 * this is latency, not queueing. Beside it, the same pattern over a bare `ws` server (a frame to the
 * room, relayed to the other members), and the same stack broadcasting through a real soketi instead
 * of the embedded hub, in the same run.
 */
import type { Channel } from 'pusher-js';
import type WebSocket from 'ws';
import { EVENTS, type Me, type MessageCreatedEnvelope } from '../../contract/index.js';
import type { Flags } from '../support/flags.js';
import { closeSockets, openSocket } from '../support/raw-socket.js';
import type { Row } from '../support/report.js';
import { startServerProcess } from '../../test/support/server-process.js';
import { startSoketi } from '../../test/support/soketi.js';
import { BENCH_APP, BENCH_HOTEL, inBatches, seedGroups, seedStaff, startBenchStack } from '../support/stack.js';
import { summarize, type Summary } from '../support/stats.js';
import { deferred, withTimeout } from '../support/wait.js';

const WARMUP_SENDS = 20;
const DELIVERY_TIMEOUT_MS = 5000;

export async function runLatency(flags: Flags, dataDir: string): Promise<Row[]> {
  const stack = await measureStack(flags, `file:${dataDir}/latency.sqlite`);
  const soketiNode = await startSoketi(BENCH_APP);
  const soketi = await measureStack(flags, `file:${dataDir}/latency-soketi.sqlite`, soketiNode).finally(() => soketiNode.close());
  const bare = await measureBareWs(flags);
  const row = (metric: keyof Summary & ('p50' | 'p95' | 'p99'), limit?: number): Row => ({
    bench: 'latency',
    metric: `send->receive ${metric} (${flags.staff} staff, ${stack.summary.count} deliveries)`,
    value: stack.summary[metric],
    unit: 'ms',
    ...(limit === undefined ? {} : { budget: { kind: 'max' as const, limit } }),
    baseline: { label: 'bare ws relay', value: bare[metric] },
  });
  return [
    row('p50', 5),
    row('p95'),
    row('p99', 25),
    {
      bench: 'latency',
      metric: 'send-message HTTP response p50',
      value: stack.response.p50,
      unit: 'ms',
      note: `p99 ${stack.response.p99.toFixed(2)} ms`,
    },
    ...(stack.lost > 0
      ? [{ bench: 'latency', metric: 'deliveries lost', value: stack.lost, unit: '', budget: { kind: 'max' as const, limit: 0 } }]
      : []),
    // The same stack on soketi: the hub is the value, soketi the baseline; a ratio above 1 means slower.
    ...(['p50', 'p99'] as const).map((metric): Row => ({
      bench: 'latency',
      metric: `hub vs soketi send->receive ${metric}`,
      value: stack.summary[metric],
      unit: 'ms',
      baseline: { label: 'soketi', value: soketi.summary[metric] },
      ...(metric === 'p99' && { ratioBudget: { kind: 'max' as const, limit: 1 } }),
    })),
    ...(soketi.lost > 0
      ? [
          {
            bench: 'latency',
            metric: 'deliveries lost on soketi',
            value: soketi.lost,
            unit: '',
            budget: { kind: 'max' as const, limit: 0 },
          },
        ]
      : []),
  ];
}

async function measureStack(
  flags: Flags,
  databaseUrl: string,
  engine?: { port: number },
): Promise<{ summary: Summary; response: Summary; lost: number }> {
  const stack = await startBenchStack(databaseUrl, [], engine);
  try {
    const staff = await seedStaff(stack, flags.staff);
    const groups = await seedGroups(stack, staff, flags.groupSize);

    // Every member connected and subscribed to its conversation and personal channel, as the widget is.
    const pending = new Map<string, { sentAt: number; remaining: number; done: () => void }>();
    const latencies: number[] = [];
    const members = groups.flatMap(({ conversation, members }) => members.map((id) => ({ id, conversation })));
    const connected = await inBatches(members, 10, async ({ id, conversation }) => {
      const token = stack.token(id);
      const client = await stack.pusher(token);
      const me = await stack.call<Me>(token, 'GET', `/staff_chat/${BENCH_HOTEL}/me`);
      await Promise.all([subscribed(client.subscribe(conversation.channel)), subscribed(client.subscribe(me.personal_channel))]);
      client.channel(conversation.channel).bind(EVENTS.messageCreated, (envelope: MessageCreatedEnvelope) => {
        const receivedAt = performance.now();
        const send = pending.get(envelope.payload.client_id ?? '');
        if (!send) return;
        if (send.sentAt >= 0) latencies.push(receivedAt - send.sentAt);
        send.remaining -= 1;
        if (send.remaining === 0) send.done();
      });
      return { id, token, socketId: client.connection.socket_id, conversationId: conversation.id };
    });

    const responses: number[] = [];
    let lost = 0;
    const byConversation = new Map<number, typeof connected>();
    for (const member of connected)
      byConversation.set(member.conversationId, [...(byConversation.get(member.conversationId) ?? []), member]);
    const conversations = [...byConversation.values()];
    for (let index = 0; index < WARMUP_SENDS + flags.sends; index += 1) {
      const group = conversations[index % conversations.length] ?? [];
      const sender = group[Math.floor(index / conversations.length) % group.length];
      if (!sender) continue;
      const clientId = `lat-${index}`;
      const arrived = deferred();
      const measured = index >= WARMUP_SENDS;
      const send = { sentAt: -1, remaining: group.length - 1, done: () => arrived.resolve() };
      pending.set(clientId, send);
      const sentAt = performance.now();
      if (measured) send.sentAt = sentAt;
      await stack.call(
        sender.token,
        'POST',
        `/staff_chat/${BENCH_HOTEL}/conversations/${sender.conversationId}/send-message/`,
        { message: `latency probe ${index}`, client_id: clientId },
        { 'x-socket-id': sender.socketId },
      );
      if (measured) responses.push(performance.now() - sentAt);
      await withTimeout(arrived.promise, DELIVERY_TIMEOUT_MS, 'deliveries').catch(() => {
        lost += send.remaining;
      });
      pending.delete(clientId);
    }
    return { summary: summarize(latencies), response: summarize(responses), lost };
  } finally {
    await stack.close();
  }
}

function subscribed(channel: Channel): Promise<void> {
  return withTimeout(
    new Promise<void>((resolve, reject) => {
      channel.bind('pusher:subscription_succeeded', () => resolve());
      channel.bind('pusher:subscription_error', (error: unknown) => reject(new Error(`subscription refused: ${JSON.stringify(error)}`)));
    }),
    10_000,
    `subscribe ${channel.name}`,
  );
}

async function measureBareWs(flags: Flags): Promise<Summary> {
  const server = await startServerProcess({}, { entry: 'bench/servers/bare-ws.ts', probe: true });
  const sockets: WebSocket[] = [];
  try {
    const rooms: WebSocket[][] = [];
    for (let start = 0; start < flags.staff; start += flags.groupSize) {
      const size = Math.min(flags.groupSize, flags.staff - start);
      if (size < 2) break;
      const room = await Promise.all(Array.from({ length: size }, () => openSocket(`ws://127.0.0.1:${server.port}/?room=r${start}`)));
      sockets.push(...room);
      rooms.push(room);
    }
    const latencies: number[] = [];
    let current: { id: string; sentAt: number; remaining: number; done: () => void } | undefined;
    for (const socket of sockets) {
      socket.on('message', (data) => {
        const receivedAt = performance.now();
        if (String(data) !== current?.id) return;
        if (current.sentAt >= 0) latencies.push(receivedAt - current.sentAt);
        current.remaining -= 1;
        if (current.remaining === 0) current.done();
      });
    }
    for (let index = 0; index < WARMUP_SENDS + flags.sends; index += 1) {
      const room = rooms[index % rooms.length] ?? [];
      const sender = room[Math.floor(index / rooms.length) % room.length];
      if (!sender) continue;
      const arrived = deferred();
      const sentAt = performance.now();
      current = {
        id: JSON.stringify({ probe: index }),
        sentAt: index >= WARMUP_SENDS ? sentAt : -1,
        remaining: room.length - 1,
        done: () => arrived.resolve(),
      };
      sender.send(current.id);
      await withTimeout(arrived.promise, DELIVERY_TIMEOUT_MS, 'bare ws deliveries');
    }
    return summarize(latencies);
  } finally {
    await closeSockets(sockets);
    await server.stop();
  }
}
