/**
 * Checklist item 12 (pusher-protocol.md §1.12): `private-encrypted-` channels. The SDK encrypts with the
 * master key, the hub relays the ciphertext untouched (it never has the key), and pusher-js decrypts it
 * with the `shared_secret` from its authorization.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import PusherServer from 'pusher';
import { APP, decoded, nextEvent, startHub, subscribed, type TestHub } from '../testing/hub-harness.js';

describe('hub encrypted channels', { timeout: 10_000 }, () => {
  let t: TestHub;
  let encryptingSdk: PusherServer;
  before(async () => {
    t = await startHub();
    encryptingSdk = new PusherServer({
      ...APP,
      host: '127.0.0.1',
      port: String(t.port),
      useTLS: false,
      encryptionMasterKeyBase64: randomBytes(32).toString('base64'),
    });
  });
  after(() => t.close());

  /** A pusher-js client whose authorizer hands out the channel's shared_secret, as a real auth endpoint would. */
  const encryptedClient = () =>
    t.client({
      options: {
        channelAuthorization: {
          endpoint: '/unused',
          transport: 'ajax',
          customHandler: ({ socketId, channelName }, callback) => callback(null, encryptingSdk.authorizeChannel(socketId, channelName)),
        },
      },
    });

  it('relays the SDK-encrypted payload unchanged and pusher-js decrypts it', async () => {
    const client = await encryptedClient();
    const channel = await subscribed(client, 'private-encrypted-vault');

    // A raw subscriber sees exactly what crosses the hub.
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    const { auth } = encryptingSdk.authorizeChannel(socket_id, 'private-encrypted-vault');
    socket.send({ event: 'pusher:subscribe', data: { auth, channel: 'private-encrypted-vault' } });
    await socket.nextOf('pusher_internal:subscription_succeeded');

    const received = nextEvent(channel, 'secret');
    await encryptingSdk.trigger('private-encrypted-vault', 'secret', { text: 'room 214 code 0451' });
    assert.deepEqual((await received).data, { text: 'room 214 code 0451' });

    const frame = await socket.nextOf('secret');
    assert.equal(typeof frame.data, 'string', "still the SDK's JSON string");
    const payload = decoded(frame) as Record<string, unknown>;
    assert.deepEqual(Object.keys(payload).sort(), ['ciphertext', 'nonce']);
    assert.doesNotMatch(String(frame.data), /0451/, 'the hub never sees plain text');
  });

  it('refuses client events on encrypted channels, in pusher-js and in the hub', async () => {
    const client = await encryptedClient();
    const channel = await subscribed(client, 'private-encrypted-typing');
    // pusher-js will not even send it (it cannot encrypt client events).
    assert.throws(() => channel.trigger('client-typing', { typing: true }), /not currently supported for encrypted channels/);

    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    const { auth } = encryptingSdk.authorizeChannel(socket_id, 'private-encrypted-typing');
    socket.send({ event: 'pusher:subscribe', data: { auth, channel: 'private-encrypted-typing' } });
    await socket.nextOf('pusher_internal:subscription_succeeded');
    socket.send({ event: 'client-typing', channel: 'private-encrypted-typing', data: { typing: true } });
    const refused = await socket.next();
    assert.equal(refused.event, 'pusher:error');
    assert.equal((refused.data as { code: number }).code, 4301);
    assert.equal(refused.channel, 'private-encrypted-typing');
  });
});
