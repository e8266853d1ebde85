/**
 * The changes flood: a hostile member of a department channel pins and unpins a handover note, ticks
 * and unticks its items and acknowledges an urgent message, as fast as many parallel requests allow.
 * Each accepted change is one event to every socket in the channel, so without a budget of their own
 * these would reach the whole department at the request budget's 10 a second. STAFF_CHAT_RATE_LIMIT_CHANGES
 * answers 429 beyond its burst; no listener in the channel gets more events than the accepted changes;
 * the flooder's message budget is untouched; the other colleagues keep working as usual.
 */
import type WebSocket from 'ws';
import { EVENTS, type Conversation, type ConversationList, type Message } from '../../../contract/index.js';
import { delay, type AttackSpec } from '../attack-run.js';
import { size } from '../bounds.js';
import { ATTACKER_ADDRESS, type HostileServer } from '../hostile-server.js';
import { inBatches, openHubSocket, subscribeFrame, subscriptionSucceeded } from '../hub-socket.js';
import { budgetFlood } from './budget-flood.js';

const { concurrency: CONCURRENCY, seconds: SECONDS, listeners: LISTENERS } = size.changesFlood;
/** The default STAFF_CHAT_RATE_LIMIT_CHANGES. */
const CHANGES_PER_MINUTE = 120;
const DEPARTMENT = 'Housekeeping';
const SOCKETS_PER_LISTENER = 10;
/** The events of the flood's changes; the flooder's closing message (`message_created`) says they all arrived. */
const CHANGE_EVENTS: ReadonlySet<string> = new Set([
  EVENTS.messagePinned,
  EVENTS.messageUnpinned,
  EVENTS.handoverItemChanged,
  EVENTS.messageAcknowledged,
]);
/** How long the listeners may take to get the closing message once it is stored. */
const HEARD_WITHIN_MS = 5000;
const CLOSING_TEXT = 'Flood over, handing back';
const ITEMS = ['Room 12 towels', 'Lift 2 noise', 'Lost scarf', 'Minibar 31', 'Late checkout 40', 'Pool towels'];

export function changesFlood(): AttackSpec {
  const sockets: WebSocket[] = [];
  /** Per listening socket: change events received since the flood began, and whether the closing message came. */
  const listeners: { changes: number; closed: boolean }[] = [];
  let counting = false;

  return {
    title: `changes flood: one person pins, ticks and acknowledges in a department channel of ${LISTENERS} sockets with ${CONCURRENCY} parallel requests for ${SECONDS} s`,
    name: 'changes flood',
    async prepare(server) {
      const listenerStaff = Array.from({ length: Math.ceil(LISTENERS / SOCKETS_PER_LISTENER) }, (_, index) => `floor-${index}`);
      const tokens = await server.enrol(listenerStaff, DEPARTMENT);
      const channel = (await departmentChannel(server, tokens.get(listenerStaff[0]!)!)).channel;
      await inBatches(
        Array.from({ length: LISTENERS }, (_, index) => index),
        20,
        async (index) => {
          const outcome = await openHubSocket(server.socketUrl, { localAddress: `127.0.0.${50 + (index % 4)}` });
          if (outcome.kind !== 'established') throw new Error(`listener ${index} could not connect: ${JSON.stringify(outcome)}`);
          const auth = await server.authorize(
            tokens.get(listenerStaff[Math.floor(index / SOCKETS_PER_LISTENER)]!)!,
            outcome.socketId,
            channel,
          );
          const subscribed = subscriptionSucceeded(outcome.socket, channel);
          outcome.socket.send(subscribeFrame(channel, auth));
          await subscribed;
          const listener = { changes: 0, closed: false };
          listeners.push(listener);
          outcome.socket.on('message', (data) => {
            const frame = JSON.parse(String(data)) as { event: string; channel?: string; data?: unknown };
            if (!counting || frame.channel !== channel) return;
            if (CHANGE_EVENTS.has(frame.event)) listener.changes += 1;
            else if (frame.event === EVENTS.messageCreated && JSON.stringify(frame.data).includes(CLOSING_TEXT)) listener.closed = true;
          });
          sockets.push(outcome.socket);
        },
      );
    },
    async run({ server, signal }) {
      const tokens = await server.enrol(['fidget', 'shift-lead'], DEPARTMENT);
      const token = tokens.get('fidget')!;
      const lead = tokens.get('shift-lead')!;
      const channel = await departmentChannel(server, lead);
      const send = async (body: object) => {
        const response = await server.call<Message>(lead, 'POST', `/conversations/${channel.id}/send-message/`, {
          message: 'Night shift',
          ...body,
        });
        if (response.status !== 201) throw new Error(`the shift lead's message answered ${response.status}`);
        return response.body;
      };
      const urgent = await send({ requires_acknowledgement: true });
      const note = await send({ handover_items: ITEMS });
      const items = note.handover!.items;
      // Every request is a change the other members see: pin, unpin, tick or untick, acknowledge.
      const changes: ((round: number) => [method: string, path: string, body?: object])[] = [
        () => ['POST', `/messages/${note.id}/pin/`],
        () => ['DELETE', `/messages/${note.id}/pin/`],
        (round) => ['PATCH', `/messages/${note.id}/handover/items/${items[round % items.length]!.id}/`, { checked: round % 2 === 0 }],
        () => ['POST', `/messages/${urgent.id}/acknowledge/`],
      ];

      counting = true;
      const outcome = await budgetFlood({
        concurrency: CONCURRENCY,
        seconds: SECONDS,
        signal,
        perMinute: CHANGES_PER_MINUTE,
        okStatus: [200, 201],
        what: 'changes',
        request: (sequence) => {
          const [method, path, body] = changes[sequence % changes.length]!(Math.floor(sequence / changes.length));
          return server.call(token, method, path, body, { localAddress: ATTACKER_ADDRESS });
        },
      });
      const problems = [...outcome.problems];
      // Sent after every change was answered, so its event is the last of the flood on the channel.
      const closing = await closingMessage(server, token, channel.id);
      if (closing.status !== 201)
        problems.push(
          `the flooder's next message answered ${closing.status} (${JSON.stringify(closing.body)}): the changes spent the message budget`,
        );
      const deadline = performance.now() + HEARD_WITHIN_MS;
      // No one event says "every socket has it"; the flags change only on frames, so this polls them.
      while (listeners.some((listener) => !listener.closed) && performance.now() < deadline && !signal.aborted) await delay(20);
      counting = false;
      const late = listeners.filter((listener) => !listener.closed).length;
      if (closing.status === 201 && late > 0)
        problems.push(`${late} of ${LISTENERS} listeners did not get the closing message within ${HEARD_WITHIN_MS} ms`);
      const most = Math.max(...listeners.map((listener) => listener.changes));
      // At most one event per accepted change (a repeated pin or acknowledgement is none).
      if (most > outcome.accepted) problems.push(`a listener got ${most} change events from ${outcome.accepted} accepted changes`);
      return { serverDid: `${outcome.summary}; each of ${LISTENERS} listeners got at most ${most} change events`, problems };
    },
    cleanup() {
      for (const socket of sockets) socket.terminate();
    },
  };
}

/**
 * The flooder's message after the flood. A long flood also spends the request budget, which every
 * request counts against before any other; its refusal says when to come back, and then the message
 * budget, which the changes must not have touched, decides.
 */
async function closingMessage(server: HostileServer, token: string, conversationId: number) {
  for (let attempt = 0; ; attempt++) {
    const answer = await server.call<{ error?: { message?: string } }>(
      token,
      'POST',
      `/conversations/${conversationId}/send-message/`,
      { message: CLOSING_TEXT },
      { localAddress: ATTACKER_ADDRESS },
    );
    const overRequests = answer.status === 429 && (answer.body.error?.message ?? '').includes('Too many requests');
    if (!overRequests || attempt === 2) return answer;
    await delay(Number(answer.headers['retry-after']) * 1000);
  }
}

/** The department channel of `token`'s holder: each attack has a hotel, and so a channel, of its own. */
async function departmentChannel(server: HostileServer, token: string): Promise<Conversation> {
  const list = await server.call<ConversationList>(token, 'GET', '/conversations/');
  const channel = list.body.results.find((conversation) => conversation.kind === 'department');
  if (!channel) throw new Error(`no ${DEPARTMENT} channel in the list (${list.status})`);
  return channel;
}
