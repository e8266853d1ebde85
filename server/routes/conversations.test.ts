import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, ConversationList, ErrorBody, StaffList } from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

describe('staff directory', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    await t.storage.upsertStaff('grand', staff('ben', 'Ben Ortiz', { department: 'Front office' }));
    await t.storage.upsertStaff('grand', staff('cara', 'Cara Diaz', { department: 'Housekeeping' }));
    await t.storage.upsertStaff('other', staff('zed', 'Zed Other'));
  });
  after(() => t.close());

  test("lists the hotel's staff without the caller", async () => {
    const response = await t.call('GET', '/staff_chat/grand/staff-list/', { token: t.tokenFor('anna') });
    assert.equal(response.status, 200);
    const list = body<StaffList>(response.json);
    assert.deepEqual(list.results.map((member) => member.id).sort(), ['ben', 'cara']);
    assert.equal(list.count, 2);
  });

  test('searches', async () => {
    const response = await t.call('GET', '/staff_chat/grand/staff-list?search=housek', { token: t.tokenFor('anna') });
    assert.deepEqual(
      body<StaffList>(response.json).results.map((member) => member.id),
      ['cara'],
    );
  });

  test('another hotel sees only its own staff, and not ours', async () => {
    const response = await t.call('GET', '/staff_chat/other/staff-list', { token: t.tokenFor('yves', 'other') });
    assert.deepEqual(
      body<StaffList>(response.json).results.map((member) => member.id),
      ['zed'],
    );
    assert.equal((await t.call('GET', '/staff_chat/grand/staff-list', { token: t.tokenFor('yves', 'other') })).status, 403);
  });
});

describe('conversations', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
    for (const [id, name] of [
      ['anna', 'Anna'],
      ['ben', 'Ben'],
      ['cara', 'Cara'],
    ] as const) {
      await t.storage.upsertStaff('grand', staff(id, name));
    }
    await t.storage.upsertStaff('other', staff('zed', 'Zed'));
  });
  after(() => t.close());

  const create = (token: string, payload: unknown) => t.call('POST', '/staff_chat/grand/conversations/', { token, body: payload });

  test('creates a 1:1 (201) and returns the existing one after (200)', async () => {
    const first = await create(t.tokenFor('anna'), { participant_ids: ['ben'] });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const conversation = body<Conversation>(first.json);
    assert.equal(conversation.channel, `private-hotel-grand.staff-chat.${conversation.id}`);
    assert.deepEqual(conversation.participants.map((p) => p.id).sort(), ['anna', 'ben']);
    assert.equal(conversation.is_group, false);
    // Ben hears of an empty 1:1 with its first message, not before.
    assert.equal(
      t.notifier.conversations.some((event) => event.conversationId === conversation.id),
      false,
    );

    const notified = t.notifier.conversations.length;
    const again = await create(t.tokenFor('ben'), { participant_ids: ['anna', 'ben'] });
    assert.equal(again.status, 200);
    assert.equal(body<Conversation>(again.json).id, conversation.id);
    assert.equal(t.notifier.conversations.length, notified, 'no event for an existing conversation');
  });

  test('creates a titled group', async () => {
    const response = await create(t.tokenFor('anna'), { participant_ids: ['ben', 'cara'], title: '  Night shift ' });
    assert.equal(response.status, 201);
    const conversation = body<Conversation>(response.json);
    assert.equal(conversation.title, 'Night shift');
    assert.equal(conversation.is_group, true);
    assert.deepEqual(t.notifier.conversations.at(-1), { hotel: 'grand', conversationId: conversation.id, createdBy: 'anna' });
  });

  test("lists only the caller's conversations, with their channels", async () => {
    const response = await t.call('GET', '/staff_chat/grand/conversations', { token: t.tokenFor('cara') });
    assert.equal(response.status, 200);
    const list = body<ConversationList>(response.json);
    assert.equal(list.count, 1);
    assert.equal(list.results[0]?.title, 'Night shift');
    assert.match(list.results[0]?.channel ?? '', /^private-hotel-grand\.staff-chat\.\d+$/);
    const outsider = await t.call('GET', '/staff_chat/grand/conversations', { token: t.tokenFor('newbie') });
    assert.deepEqual(outsider.json, { results: [], count: 0 });
  });

  test('refuses participants who are not staff of this hotel', async () => {
    const before = await t.storage.listConversations('grand', 'anna');
    for (const ids of [['ghost'], ['zed'], ['ben', 'ghost']]) {
      const response = await create(t.tokenFor('anna'), { participant_ids: ids });
      assert.equal(response.status, 400);
      const error = body<ErrorBody>(response.json).error;
      assert.equal(error.code, 'unknown_participant');
      assert.deepEqual(error.details, { participant_ids: ids.filter((id) => id !== 'ben') });
    }
    assert.equal((await t.storage.listConversations('grand', 'anna')).length, before.length, 'nothing stored');
  });

  test('refuses bad bodies with the failing fields', async () => {
    for (const payload of [
      {},
      { participant_ids: [] },
      { participant_ids: ['anna'] },
      { participant_ids: ['a b'] },
      { participant_ids: 'ben' },
    ]) {
      const response = await create(t.tokenFor('anna'), payload);
      assert.equal(response.status, 400, JSON.stringify(payload));
      assert.equal(body<ErrorBody>(response.json).error.code, 'bad_request');
      assert.ok(Array.isArray(body<ErrorBody>(response.json).error.details));
    }
  });

  test('401 without a token, 403 for another hotel', async () => {
    assert.equal((await create('', { participant_ids: ['ben'] })).status, 401);
    const response = await create(t.tokenFor('zed', 'other'), { participant_ids: ['ben'] });
    assert.equal(response.status, 403);
    assert.equal(body<ErrorBody>(response.json).error.code, 'wrong_hotel');
  });
});
