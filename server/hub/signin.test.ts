import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { decoded, nextEvent, signedIn, startHub, waitForState, type TestHub } from '../testing/hub-harness.js';

describe('hub user sign-in', { timeout: 10_000 }, () => {
  let t: TestHub;
  before(async () => {
    t = await startHub();
  });
  after(() => t.close());

  it('signs pusher-js in and delivers sendToUser on #server-to-user-{id}', async () => {
    const client = await t.client({ user: { id: 'staff-1', user_info: { name: 'Ann' } } });
    await signedIn(client);
    assert.equal(client.user.serverToUserChannel.name, '#server-to-user-staff-1');
    const received = nextEvent(client.user, 'note');
    await t.sdk.sendToUser('staff-1', 'note', { text: 'hi' });
    assert.deepEqual((await received).data, { text: 'hi' });
  });

  it('answers pusher:signin with signin_success carrying user_data', async () => {
    const socket = await t.raw();
    const { socket_id } = decoded(await socket.nextOf('pusher:connection_established')) as { socket_id: string };
    const signed = t.sdk.authenticateUser(socket_id, { id: 'u1' });
    socket.send({ event: 'pusher:signin', data: signed });
    assert.deepEqual(await socket.next(), { event: 'pusher:signin_success', data: { user_data: signed.user_data } });
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: '#server-to-user-u1' } });
    assert.equal((await socket.next()).event, 'pusher_internal:subscription_succeeded');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: '#server-to-user-u2' } });
    const refused = await socket.next();
    assert.equal(refused.event, 'pusher:subscription_error');
    assert.equal(refused.channel, '#server-to-user-u2');
  });

  it('refuses #server-to-user channels to sockets that are not signed in', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    socket.send({ event: 'pusher:subscribe', data: { auth: '', channel: '#server-to-user-u1' } });
    assert.equal((await socket.next()).event, 'pusher:subscription_error');
  });

  it('closes with 4009 on a bad sign-in signature', async () => {
    const socket = await t.raw();
    await socket.nextOf('pusher:connection_established');
    const forged = t.sdk.authenticateUser('1.1', { id: 'u1' });
    socket.send({ event: 'pusher:signin', data: forged });
    assert.equal(((await socket.next()).data as { code: number }).code, 4009);
    assert.equal((await socket.closed).code, 4009);
  });

  it('terminates every connection of a user on request, and pusher-js does not reconnect', async () => {
    const first = await t.client({ user: { id: 'leaver' } });
    const second = await t.client({ user: { id: 'leaver' } });
    const bystander = await t.client({ user: { id: 'stayer' } });
    await Promise.all([first, second, bystander].map(signedIn));
    const response = await t.sdk.terminateUserConnections('leaver');
    assert.deepEqual(await response.json(), {});
    await Promise.all([waitForState(first, 'disconnected'), waitForState(second, 'disconnected')]);
    assert.equal(bystander.connection.state, 'connected');
  });
});
