import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../auth/token.js';
import type { ErrorBody, Me } from '../../contract/index.js';
import { conversationChannel, personalChannel, presenceChannel } from '../notify/channels.js';
import { body, createTestApp, staff, TEST_SECRET, type TestApp } from '../testing/app-harness.js';

describe('pusher channel authorization', () => {
  let t: TestApp;
  let conversationId: number;
  let foreignConversationId: number;
  const socketId = '1234.5678';

  before(async () => {
    t = await createTestApp();
    for (const id of ['anna', 'ben', 'cara']) await t.storage.upsertStaff('grand', staff(id, id));
    for (const id of ['zed', 'yves']) await t.storage.upsertStaff('other', staff(id, id));
    ({ conversationId } = await t.storage.createConversation('grand', { createdBy: 'anna', participantIds: ['anna', 'ben'], title: null }));
    ({ conversationId: foreignConversationId } = await t.storage.createConversation('other', {
      createdBy: 'zed',
      participantIds: ['zed', 'yves'],
      title: null,
    }));
  });
  after(() => t.close());

  /** As pusher-js sends it: a form post. */
  const authorize = (token: string, channel: string, socket = socketId) =>
    t.call('POST', '/staff_chat/pusher/auth', {
      token,
      rawBody: new URLSearchParams({ socket_id: socket, channel_name: channel }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });

  function assertRefused(response: { status: number; json: unknown }, code = 'forbidden'): void {
    assert.equal(response.status, 403, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  test("signs a participant's conversation channel exactly as the pusher SDK does", async () => {
    const channel = conversationChannel('grand', conversationId);
    const response = await authorize(t.tokenFor('ben'), channel);
    assert.equal(response.status, 200, JSON.stringify(response.json));
    assert.deepEqual(response.json, t.pusher.authorizeChannel(socketId, channel));
    // and as the protocol defines it, independently of the SDK
    const signature = createHmac('sha256', 'test-pusher-secret').update(`${socketId}:${channel}`).digest('hex');
    assert.deepEqual(response.json, { auth: `test-key:${signature}` });
  });

  test('accepts JSON too', async () => {
    const channel = personalChannel('grand', 'anna');
    const response = await t.call('POST', '/staff_chat/pusher/auth', {
      token: t.tokenFor('anna'),
      body: { socket_id: socketId, channel_name: channel },
    });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json, t.pusher.authorizeChannel(socketId, channel));
  });

  test('refuses a non-participant, and a conversation that does not exist, alike', async () => {
    assertRefused(await authorize(t.tokenFor('cara'), conversationChannel('grand', conversationId)), 'not_participant');
    assertRefused(await authorize(t.tokenFor('cara'), conversationChannel('grand', 987_654)), 'not_participant');
  });

  test("refuses another hotel's staff on both channel kinds", async () => {
    const zed = t.tokenFor('zed', 'other');
    assertRefused(await authorize(zed, conversationChannel('grand', conversationId)), 'wrong_hotel');
    assertRefused(await authorize(zed, personalChannel('grand', 'zed')), 'wrong_hotel');
    assertRefused(await authorize(zed, personalChannel('grand', 'anna')), 'wrong_hotel');
    // a conversation id of theirs, dressed up as ours, is still not ours
    assertRefused(await authorize(t.tokenFor('anna'), conversationChannel('grand', foreignConversationId)), 'not_participant');
    assertRefused(await authorize(t.tokenFor('anna'), conversationChannel('other', foreignConversationId)), 'wrong_hotel');
  });

  test('personal channels are for their owner only', async () => {
    assert.equal((await authorize(t.tokenFor('anna'), personalChannel('grand', 'anna'))).status, 200);
    assertRefused(await authorize(t.tokenFor('anna'), personalChannel('grand', 'ben')));
  });

  describe('the hotel presence channel', () => {
    const annaToken = () =>
      signStaffToken(
        {
          sub: 'anna',
          hotel: 'grand',
          name: 'Anna Kovács',
          department: 'Front Office',
          avatar: 'https://example.com/anna.png',
          role: 'Manager',
        },
        TEST_SECRET,
      );
    const annaMember = {
      user_id: 'anna',
      user_info: { name: 'Anna Kovács', avatar: 'https://example.com/anna.png', department: 'Front Office' },
    };
    const askWithData = (token: string, channelData: string) =>
      t.call('POST', '/staff_chat/pusher/auth', {
        token,
        rawBody: new URLSearchParams({ socket_id: socketId, channel_name: presenceChannel('grand'), channel_data: channelData }).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });

    test('is named by the me response', async () => {
      const me = await t.call('GET', '/staff_chat/grand/me', { token: t.tokenFor('anna') });
      assert.equal(body<Me>(me.json).presence_channel, presenceChannel('grand'));
    });

    test("signs the hotel's own staff, with channel_data the server builds from the token", async () => {
      const response = await authorize(annaToken(), presenceChannel('grand'));
      assert.equal(response.status, 200, JSON.stringify(response.json));
      const { auth, channel_data } = body<{ auth: string; channel_data: string }>(response.json);
      assert.deepEqual(JSON.parse(channel_data), annaMember, 'the role and expiry stay private');
      // the signature covers the channel data, so the hub refuses any other member for this auth
      const signature = createHmac('sha256', 'test-pusher-secret')
        .update(`${socketId}:${presenceChannel('grand')}:${channel_data}`)
        .digest('hex');
      assert.equal(auth, `test-key:${signature}`);
    });

    test('uses nulls for what the token does not say', async () => {
      const response = await authorize(t.tokenFor('ben', 'grand', 'Ben Okafor'), presenceChannel('grand'));
      assert.equal(response.status, 200);
      assert.deepEqual(JSON.parse(body<{ channel_data: string }>(response.json).channel_data), {
        user_id: 'ben',
        user_info: { name: 'Ben Okafor', avatar: null, department: null },
      });
    });

    test("refuses another hotel's presence channel", async () => {
      assertRefused(await authorize(t.tokenFor('zed', 'other'), presenceChannel('grand')), 'wrong_hotel');
      assertRefused(await authorize(t.tokenFor('anna'), presenceChannel('other')), 'wrong_hotel');
    });

    test('refuses channel_data that claims another user or other details, and accepts its own', async () => {
      const other = JSON.stringify({ user_id: 'ben', user_info: annaMember.user_info });
      assertRefused(await askWithData(annaToken(), other));
      const forgedName = JSON.stringify({ user_id: 'anna', user_info: { ...annaMember.user_info, name: 'General Manager' } });
      assertRefused(await askWithData(annaToken(), forgedName));
      assertRefused(await askWithData(annaToken(), 'not json'));
      const own = await askWithData(annaToken(), JSON.stringify({ user_id: 'anna' }));
      assert.equal(own.status, 200);
      assert.deepEqual(JSON.parse(body<{ channel_data: string }>(own.json).channel_data), annaMember);
    });

    test("trims what would not fit Pusher's 1 KB member limit", async () => {
      const token = signStaffToken(
        {
          sub: 'long',
          hotel: 'grand',
          name: '\u0001'.repeat(200),
          department: 'Ä'.repeat(100),
          avatar: `https://example.com/${'a'.repeat(900)}`,
        },
        TEST_SECRET,
      );
      const response = await authorize(token, presenceChannel('grand'));
      assert.equal(response.status, 200);
      const channelData = body<{ channel_data: string }>(response.json).channel_data;
      assert.ok(Buffer.byteLength(channelData) <= 1000, `${Buffer.byteLength(channelData)} bytes`);
      const member = JSON.parse(channelData) as typeof annaMember;
      assert.equal(member.user_id, 'long');
      assert.equal(member.user_info.avatar, null);
      assert.equal(member.user_info.department, null);
      // each control character takes six bytes as JSON, so the name had to lose its tail too
      assert.ok(member.user_info.name.length > 100 && member.user_info.name.length < 200, `${member.user_info.name.length}`);
    });
  });

  test('refuses every other channel', async () => {
    const token = t.tokenFor('anna');
    for (const channel of ['private-anything', 'public-room', 'private-encrypted-hotel-grand.staff-anna']) {
      assertRefused(await authorize(token, channel));
    }
  });

  test('400 for a malformed socket id or a missing channel, 401 without a token', async () => {
    const response = await authorize(t.tokenFor('anna'), personalChannel('grand', 'anna'), 'abc');
    assert.equal(response.status, 400);
    assert.equal(body<ErrorBody>(response.json).error.code, 'bad_request');
    const missing = await t.call('POST', '/staff_chat/pusher/auth', {
      token: t.tokenFor('anna'),
      rawBody: 'socket_id=1.2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    assert.equal(missing.status, 400);
    const malformed = await t.call('POST', '/staff_chat/pusher/auth', {
      token: t.tokenFor('anna'),
      rawBody: '{oops',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(malformed.status, 400);
    assert.equal((await authorize('', personalChannel('grand', 'anna'))).status, 401);
  });
});
