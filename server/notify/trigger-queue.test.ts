import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Pusher from 'pusher';
import { sdkPublisher } from './sdk-publisher.js';
import { TriggerQueue } from './trigger-queue.js';

interface Batch {
  batch: { channel: string; name: string; data: string; socket_id?: string }[];
}

/** Pusher's HTTP API stand-in: records each batch; answers when `release()` is called, with `status`. */
/** The `index` that `event()` put in an event's data, read back from what the engine received. */
const sentIndex = (sent: { data: string }) => (JSON.parse(sent.data) as { index: number }).index;

async function startEngine(): Promise<{
  server: Server;
  port: number;
  batches: Batch[];
  hold(): void;
  release(): void;
  setStatus(status: number): void;
}> {
  const batches: Batch[] = [];
  let status = 200;
  let holding = false;
  const held: (() => void)[] = [];
  const server = createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk: Buffer) => (raw += chunk.toString()));
    request.on('end', () => {
      batches.push(JSON.parse(raw) as Batch);
      const answer = () => response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
      if (holding) held.push(answer);
      else answer();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    server,
    port: (server.address() as AddressInfo).port,
    batches,
    hold: () => (holding = true),
    release() {
      holding = false;
      for (const answer of held.splice(0)) answer();
    },
    setStatus: (next) => (status = next),
  };
}

const event = (index: number) => ({
  channel: `private-c${index}`,
  name: 'realtime_staff_chat_message_created',
  data: JSON.stringify({ index }),
});

describe('TriggerQueue', () => {
  let engine: Awaited<ReturnType<typeof startEngine>>;
  let queue: TriggerQueue;

  before(async () => {
    engine = await startEngine();
    const pusher = new Pusher({ appId: '7', key: 'k', secret: 's', host: '127.0.0.1', port: String(engine.port), useTLS: false });
    queue = new TriggerQueue(sdkPublisher(pusher), [5, 5]);
  });
  after(() => {
    engine.server.closeAllConnections();
    engine.server.close();
  });

  test('sends the events of one tick together, and nothing more than 10 to a request', async () => {
    engine.batches.length = 0;
    await Promise.all([queue.send([event(1), event(2)]), queue.send([event(3)])]);
    assert.deepEqual(
      engine.batches.map((request) => request.batch.map((sent) => sentIndex(sent))),
      [[1, 2, 3]],
    );
    engine.batches.length = 0;
    await queue.send(Array.from({ length: 23 }, (_, index) => event(index)));
    assert.deepEqual(
      engine.batches.map((request) => request.batch.length),
      [10, 10, 3],
    );
  });

  test('while requests are out, later events wait and leave in full batches, in order', async () => {
    engine.batches.length = 0;
    engine.hold();
    // One send per tick: four single-event requests go out, which is all the queue lets out at once.
    const first: Promise<void>[] = [];
    for (let index = 0; index < 4; index += 1) {
      first.push(queue.send([event(index)]));
      await new Promise((resolve) => setImmediate(resolve));
    }
    const more = Array.from({ length: 25 }, (_, index) => queue.send([event(index + 4)]));
    await waitFor(() => engine.batches.length === 4);
    for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    assert.equal(engine.batches.length, 4, 'no fifth request while four are out');
    engine.release();
    await Promise.all([...first, ...more]);
    const sizes = engine.batches.map((request) => request.batch.length);
    assert.deepEqual(sizes.slice(4), [10, 10, 5]);
    assert.deepEqual(
      engine.batches.flatMap((request) => request.batch.map((sent) => sentIndex(sent))).slice(4),
      Array.from({ length: 25 }, (_, index) => index + 4),
    );
  });

  test('a refused request rejects the sends it carried at once, and the queue goes on', async () => {
    engine.batches.length = 0;
    engine.setStatus(400);
    await assert.rejects(queue.send([event(1)]), /Unexpected status code 400/);
    assert.equal(engine.batches.length, 1, 'a 400 is not tried again');
    engine.setStatus(200);
    await queue.send([event(2)]);
  });

  test('a failing engine gets the batch again after a wait, and it is rejected only when every try failed', async () => {
    engine.batches.length = 0;
    engine.setStatus(503);
    await assert.rejects(queue.send([event(1)]), /Unexpected status code 503/);
    assert.equal(engine.batches.length, 3, 'the first try and two more');
    engine.batches.length = 0;
    engine.hold();
    const sent = queue.send([event(2)]);
    await waitFor(() => engine.batches.length === 1);
    engine.release();
    // The held answer was a 503; the second try, a moment later, gets a 200.
    engine.setStatus(200);
    await sent;
    assert.equal(engine.batches.length, 2);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
