import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Pusher from 'pusher';
import { EVENTS, type ConversationUpdatedEnvelope, type Message, type MessageCreatedEnvelope } from '../../contract/index.js';
import type { Logger } from '../logger.js';
import { createStorage } from '../storage/index.js';
import type { Storage } from '../storage/storage.js';
import { PusherNotifier, type Notifier } from './notifier.js';
import { sdkPublisher } from './sdk-publisher.js';

interface Received {
  path: string;
  body: { name?: string; channels?: string[]; data?: string; socket_id?: string; batch?: BatchEvent[] };
}

interface BatchEvent {
  channel: string;
  name: string;
  data: string;
  socket_id?: string;
}

/** Every event the recorder received, from single and batch triggers alike. */
function eventsOf(received: Received[]): BatchEvent[] {
  return received.flatMap(
    (request) =>
      request.body.batch ??
      (request.body.channels ?? []).map((channel) => ({
        channel,
        name: request.body.name ?? '',
        data: request.body.data ?? '',
        ...(request.body.socket_id ? { socket_id: request.body.socket_id } : {}),
      })),
  );
}

/** Stands where Pusher's HTTP API would: records what the real SDK sends, answers with `status`. */
async function startRecorder(): Promise<{ server: Server; port: number; received: Received[]; setStatus(status: number): void }> {
  const received: Received[] = [];
  let status = 200;
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      received.push({ path: new URL(request.url ?? '/', 'http://x').pathname, body: JSON.parse(raw) as Received['body'] });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, port: (server.address() as AddressInfo).port, received, setStatus: (next) => (status = next) };
}

describe('PusherNotifier', () => {
  let storage: Storage;
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  let notifier: PusherNotifier;
  const errors: unknown[] = [];
  const log: Logger = { info: () => {}, warn: () => {}, error: (_message, fields) => errors.push(fields) };
  let message: Message;
  const staffIds = Array.from({ length: 12 }, (_, index) => `s${index}`);

  before(async () => {
    storage = await createStorage('file::memory:');
    for (const id of staffIds) await storage.upsertStaff('grand', { id, full_name: id, avatar: null, department: null, role: null });
    const { conversationId } = await storage.createConversation('grand', { createdBy: 's0', participantIds: staffIds, title: 'All' });
    ({ message } = await storage.insertMessage('grand', {
      conversationId,
      senderId: 's0',
      clientId: null,
      message: 'hello',
      replyTo: null,
    }));
    recorder = await startRecorder();
    const pusher = new Pusher({ appId: '7', key: 'k', secret: 's', host: '127.0.0.1', port: String(recorder.port), useTLS: false });
    notifier = new PusherNotifier({ publisher: sdkPublisher(pusher), storage, log });
  });
  after(async () => {
    recorder.server.close();
    await storage.close();
  });

  test("triggers message_created on the conversation channel, excluding the sender's socket", async () => {
    recorder.received.length = 0;
    await notifier.messageCreated('grand', message, { excludeSocketId: '12.34' });
    const triggers = eventsOf(recorder.received).filter((event) => event.name === EVENTS.messageCreated);
    assert.equal(triggers.length, 1);
    const trigger = triggers[0]!;
    assert.equal(trigger.channel, `private-hotel-grand.staff-chat.${message.conversation_id}`);
    assert.equal(trigger.socket_id, '12.34');
    const event = JSON.parse(trigger.data) as MessageCreatedEnvelope;
    assert.equal(event.category, 'staff_chat');
    assert.equal(event.type, 'message_created');
    assert.deepEqual(event.payload, message);
    assert.equal(event.meta.hotel_slug, 'grand');
    assert.match(event.meta.event_id, /^[0-9a-f-]{36}$/);
  });

  test('sends each other participant their view of the conversation, in batches of at most 10', async () => {
    recorder.received.length = 0;
    await notifier.messageCreated('grand', message);
    const batches = recorder.received.filter((request) => request.path === '/apps/7/batch_events');
    assert.ok(
      batches.every((request) => (request.body.batch?.length ?? 0) <= 10),
      'Pusher takes at most 10 events a batch',
    );
    assert.equal(batches.length, recorder.received.length, 'every event goes through the batch endpoint');
    const events = eventsOf(batches).filter((event) => event.name !== EVENTS.messageCreated);
    assert.deepEqual(
      events.map((event) => event.channel).sort(),
      staffIds
        .slice(1)
        .map((id) => `private-hotel-grand.staff-${id}`)
        .sort(),
    );
    for (const event of events) {
      assert.equal(event.name, EVENTS.conversationUpdated);
      const data = JSON.parse(event.data) as ConversationUpdatedEnvelope;
      assert.equal(data.payload.channel, `private-hotel-grand.staff-chat.${message.conversation_id}`);
      assert.equal(data.payload.unread_count, 1);
    }
  });

  test('ignores a malformed socket id instead of failing', async () => {
    recorder.received.length = 0;
    await notifier.messageCreated('grand', message, { excludeSocketId: 'not-a-socket' });
    const trigger = eventsOf(recorder.received).find((event) => event.name === EVENTS.messageCreated);
    assert.ok(trigger);
    assert.equal(trigger.socket_id, undefined);
  });

  test('logs a failed trigger and never rejects', async () => {
    recorder.setStatus(500);
    errors.length = 0;
    await notifier.messageCreated('grand', message);
    await notifier.idle();
    recorder.setStatus(200);
    assert.equal(errors.length, 2, 'one for the conversation channel, one for the personal channels');
  });

  test("publishes every kind of event through its one publisher, the sender's socket excluded", async () => {
    const published: { name: string; channel: string; socket_id?: string }[] = [];
    const recording: Notifier = new PusherNotifier({
      publisher: {
        publish: async (events) =>
          void published.push(...events.map(({ name, channel, socket_id }) => ({ name, channel, ...(socket_id && { socket_id }) }))),
      },
      storage,
      log,
    });
    const conversationChannel = `private-hotel-grand.staff-chat.${message.conversation_id}`;
    const excluded = { excludeSocketId: '1.2' };
    await recording.messageCreated('grand', message, excluded);
    await recording.messageChanged('grand', 'message_edited', { ...message, is_edited: true }, excluded);
    await recording.messageChanged('grand', 'message_deleted', { ...message, is_deleted: true }, excluded);
    await recording.reactionChanged(
      'grand',
      { conversation_id: message.conversation_id, message_id: message.id, reactions: [], staff_id: 's1', emoji: '👍', action: 'removed' },
      excluded,
    );
    await recording.messagesRead(
      'grand',
      { conversation_id: message.conversation_id, read_by_staff_id: 's1', last_read_message_id: message.id, read_at: message.timestamp },
      excluded,
    );
    await recording.conversationCreated('grand', message.conversation_id, 's0');
    await recording.participantsAdded('grand', message.conversation_id, 's0', ['s11']);
    const onConversation = published.filter((event) => event.channel === conversationChannel);
    assert.deepEqual(
      onConversation.map((event) => event.name),
      [EVENTS.messageCreated, EVENTS.messageEdited, EVENTS.messageDeleted, EVENTS.reactionChanged, EVENTS.messagesRead],
    );
    assert.ok(onConversation.every((event) => event.socket_id === '1.2'));
    const updates = published.filter((event) => event.name === EVENTS.conversationUpdated);
    // After the send 11 others, the edit of the newest message 12, the deletion 12, the reader's own tabs 1,
    // the creation 11, the added participants 12.
    assert.equal(updates.length, 11 + 12 + 12 + 1 + 11 + 12);
    assert.equal(published.length, onConversation.length + updates.length);
  });
});
