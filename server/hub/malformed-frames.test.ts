/**
 * Malformed frames (the list: not JSON, unknown events, huge frames, wrong types): each gets
 * `pusher:error` on its own socket, which stays usable, and a bystander in a channel keeps receiving.
 * Only a frame over the transport cap (1 MB) ends its socket, with 1009, and the hub forgets it.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { decoded, startHub, until, type RawFrame, type RawSocket, type TestHub } from '../testing/hub-harness.js';

describe('hub malformed frames', { timeout: 10_000 }, () => {
  let t: TestHub;
  let bystander: RawSocket;
  let socket: RawSocket;
  before(async () => {
    t = await startHub();
    bystander = await t.raw();
    await bystander.nextOf('pusher:connection_established');
    bystander.send({ event: 'pusher:subscribe', data: { auth: '', channel: 'bystanders' } });
    await bystander.nextOf('pusher_internal:subscription_succeeded');
  });
  beforeEach(async () => {
    socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
  });
  after(() => t.close());

  /** Sends each frame and expects one pusher:error per frame, nothing else. */
  async function expectErrors(frames: string[]): Promise<RawFrame[]> {
    const replies: RawFrame[] = [];
    for (const frame of frames) {
      socket.send(frame);
      const reply = await socket.next();
      assert.equal(reply.event, 'pusher:error', `reply to ${frame.slice(0, 80)}`);
      assert.equal(typeof (reply.data as { message: unknown }).message, 'string');
      replies.push(reply);
    }
    return replies;
  }

  /** The socket still answers, and the bystander still gets channel events. */
  async function everyoneStillWorks(): Promise<void> {
    socket.send({ event: 'pusher:ping', data: {} });
    assert.equal((await socket.next()).event, 'pusher:pong');
    await t.sdk.trigger('bystanders', 'still-here', { ok: true });
    assert.deepEqual(await bystander.next(), { event: 'still-here', channel: 'bystanders', data: '{"ok":true}' });
  }

  it('answers text that is not JSON', async () => {
    await expectErrors(['not json', '{', '', '{"event":"pusher:ping"', '\u0000\u0001']);
    await everyoneStillWorks();
  });

  it('answers JSON that is not an event object', async () => {
    await expectErrors(['null', '42', '"pusher:ping"', '[]', '[{"event":"pusher:ping"}]', '{}', '{"data":{}}']);
    await everyoneStillWorks();
  });

  it('answers unknown events, including internal ones a client must not send', async () => {
    await expectErrors([
      '{"event":"nonsense"}',
      '{"event":"pusher:unknown","data":{}}',
      '{"event":"pusher_internal:subscription_succeeded","channel":"bystanders","data":"{}"}',
      '{"event":"pusher_internal:member_added","channel":"presence-x","data":"{\\"user_id\\":\\"1\\"}"}',
    ]);
    await everyoneStillWorks();
  });

  it('answers fields of the wrong type', async () => {
    const replies = await expectErrors([
      '{"event":42}',
      '{"event":null}',
      '{"event":"pusher:subscribe"}',
      '{"event":"pusher:subscribe","data":"not json"}',
      '{"event":"pusher:subscribe","data":7}',
      '{"event":"pusher:subscribe","data":{"channel":7}}',
      '{"event":"pusher:subscribe","data":{"channel":["a"]}}',
      '{"event":"pusher:subscribe","data":{"channel":"private-x","auth":123}}',
      '{"event":"pusher:subscribe","data":{"channel":"presence-x","auth":"k:s","channel_data":{"user_id":"1"}}}',
      '{"event":"pusher:unsubscribe","data":null}',
      '{"event":"client-typing","data":{}}',
      '{"event":"client-typing","channel":{"name":"private-x"},"data":{}}',
    ]);
    // Errors about a named channel say which one, so pusher-js can route them.
    assert.equal(replies[7]!.channel, 'private-x');
    await everyoneStillWorks();
  });

  it('answers a frame over 64 KB with pusher:error and keeps the socket', async () => {
    await expectErrors([JSON.stringify({ event: 'client-big', channel: 'private-x', data: 'x'.repeat(100 * 1024) })]);
    await expectErrors(['x'.repeat(500 * 1024)]);
    await everyoneStillWorks();
  });

  it('closes with 1009 only past the 1 MB transport cap, and forgets that socket', async () => {
    const before = t.hub.stats().sockets;
    socket.send('x'.repeat(2 * 1024 * 1024));
    assert.equal((await socket.closed).code, 1009);
    await until(() => t.hub.stats().sockets === before - 1, 'the hub to forget the socket');
    await t.sdk.trigger('bystanders', 'after-huge', {});
    assert.equal((await bystander.next()).event, 'after-huge');
  });

  it('closes with 4009 on a malformed sign-in, as on a bad signature', async () => {
    socket.send({ event: 'pusher:signin', data: { auth: 'k:s', user_data: { id: '1' } } });
    const reply = await socket.next();
    assert.equal(reply.event, 'pusher:error');
    assert.equal((reply.data as { code: number }).code, 4009);
    assert.equal((await socket.closed).code, 4009);
    await t.sdk.trigger('bystanders', 'after-signin', {});
    assert.equal((await bystander.next()).event, 'after-signin');
  });

  it('survives a storm of mixed junk from many sockets at once', async () => {
    const junk = ['{', '[]', '{"event":42}', '{"event":"pusher:subscribe","data":5}', 'x'.repeat(70_000), '{"event":"nope"}'];
    const sockets = await Promise.all(Array.from({ length: 20 }, () => t.raw()));
    await Promise.all(sockets.map((s) => s.nextOf('pusher:connection_established')));
    for (const s of sockets) for (const frame of junk) s.send(frame);
    for (const s of sockets) {
      for (const _frame of junk) assert.equal((await s.next()).event, 'pusher:error');
      s.send({ event: 'pusher:ping', data: {} });
      assert.equal((await s.next()).event, 'pusher:pong');
      s.ws.close();
    }
    const established = decoded(await (await t.raw()).next()) as { socket_id: string };
    assert.match(established.socket_id, /^\d+\.\d+$/, 'new sockets are still welcome');
    await everyoneStillWorks();
  });
});
