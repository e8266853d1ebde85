import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { nextEvent, startHub, subscribed, until, type TestHub } from '../testing/hub-harness.js';

describe('hub shutdown', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(() => t.close());

  it('closes sockets with pusher:error 4200 then close 4200', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    const old = await t.restart();
    assert.deepEqual(await socket.next(), {
      event: 'pusher:error',
      data: { code: 4200, message: 'Server is closing. Please reconnect shortly.' },
    });
    assert.equal((await socket.closed).code, 4200);
    assert.deepEqual(old.stats(), { sockets: 0, channels: 0, presenceMembers: 0, users: 0, admitted: 0, addresses: 0 });
  });

  it('makes pusher-js reconnect at once with a new socket id, re-authorize and resubscribe', async () => {
    const authorizedFor: string[] = [];
    const client = await t.client({ onAuthorize: (socketId) => authorizedFor.push(socketId) });
    const channel = await subscribed(client, 'private-restart');
    const firstSocketId = client.connection.socket_id;

    const resubscribed = nextEvent(channel, 'pusher:subscription_succeeded');
    await t.restart();
    await resubscribed;

    assert.notEqual(client.connection.socket_id, firstSocketId);
    assert.deepEqual(authorizedFor, [firstSocketId, client.connection.socket_id]);
    assert.deepEqual(t.hub.stats(), { sockets: 1, channels: 1, presenceMembers: 0, users: 0, admitted: 1, addresses: 1 });
    const received = nextEvent(channel, 'after');
    await t.sdk.trigger('private-restart', 'after', { ok: 1 });
    assert.deepEqual((await received).data, { ok: 1 });
  });

  it("does not replay an event published while the client was away (the app's catch-up must cover it)", async () => {
    // The re-authorization after the restart is held until the event has been published, so the
    // event falls exactly into the gap between the 4200 close and the resubscription.
    let releaseReauthorization: () => void = () => {};
    const gapPublished = new Promise<void>((resolve) => (releaseReauthorization = resolve));
    let authorizations = 0;
    const client = await t.client({
      options: {
        channelAuthorization: {
          endpoint: '/unused',
          transport: 'ajax',
          customHandler: ({ socketId, channelName }, callback) => {
            authorizations += 1;
            const answer = () => callback(null, t.sdk.authorizeChannel(socketId, channelName));
            if (authorizations === 1) answer();
            else void gapPublished.then(answer);
          },
        },
      },
    });
    const channel = await subscribed(client, 'private-gap');
    const missed: unknown[] = [];
    channel.bind('missed', (data: unknown) => missed.push(data));

    const resubscribed = nextEvent(channel, 'pusher:subscription_succeeded');
    await t.restart();
    await until(() => authorizations === 2, 'pusher-js to ask for a new authorization');
    await t.sdk.trigger('private-gap', 'missed', { n: 1 });
    releaseReauthorization();
    await resubscribed;

    const after = nextEvent(channel, 'after-gap');
    await t.sdk.trigger('private-gap', 'after-gap', { n: 2 });
    assert.deepEqual((await after).data, { n: 2 });
    // Frames on one socket arrive in order: a replayed 'missed' would have come before 'after-gap'.
    assert.deepEqual(missed, []);
  });
});
