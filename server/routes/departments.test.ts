import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../auth/token.js';
import type { Conversation, ConversationList, ErrorBody } from '../../contract/index.js';
import { body, createTestApp, TEST_SECRET, type TestApp } from '../testing/app-harness.js';

describe('department channels', () => {
  let t: TestApp;
  const token = (sub: string, department?: string, hotel = 'grand') =>
    signStaffToken({ sub, hotel, name: sub.toUpperCase(), ...(department && { department }) }, TEST_SECRET);
  const list = async (authorization: string, hotel = 'grand') =>
    body<ConversationList>((await t.call('GET', `/staff_chat/${hotel}/conversations/`, { token: authorization })).json).results;

  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  test('everyone whose token names a department is in its channel, made on first need; a move follows the token', async () => {
    const [anna] = await list(token('anna', 'Housekeeping'));
    assert.ok(anna);
    assert.deepEqual([anna.kind, anna.department, anna.title, anna.is_group], ['department', 'Housekeeping', 'Housekeeping', true]);
    assert.match(anna.channel, /^private-hotel-grand\.staff-chat\.\d+$/);
    assert.deepEqual(t.notifier.departmentChanges.at(-1), { hotel: 'grand', conversationId: anna.id });

    const [ben] = await list(token('ben', 'Housekeeping'));
    assert.equal(ben?.id, anna.id, 'one channel per hotel and department');
    assert.deepEqual(
      ben?.participants.map((p) => p.id),
      ['anna', 'ben'],
    );
    assert.notEqual((await list(token('anna', 'Housekeeping', 'other'), 'other'))[0]?.id, anna.id, 'another hotel has its own');

    // Ben moves to the kitchen: out of housekeeping, into the kitchen's channel.
    const moved = await list(token('ben', 'Kitchen'));
    assert.deepEqual(
      moved.map((c) => c.department),
      ['Kitchen'],
    );
    assert.deepEqual(await t.storage.getParticipantIds('grand', anna.id), ['anna']);
    assert.deepEqual(await list(token('ben')), [], 'no department, no department channel');

    const direct = body<Conversation>(
      (
        await t.call('POST', '/staff_chat/grand/conversations/', {
          token: token('anna', 'Housekeeping'),
          body: { participant_ids: ['ben'] },
        })
      ).json,
    );
    assert.deepEqual([direct.kind, direct.department], ['direct', null]);
  });

  test('people cannot be added to a department channel by hand', async () => {
    const [channel] = await list(token('cara', 'Maintenance'));
    assert.ok(channel);
    const response = await t.call('POST', `/staff_chat/grand/conversations/${channel.id}/participants/`, {
      token: token('cara', 'Maintenance'),
      body: { participant_ids: ['anna'] },
    });
    assert.equal(response.status, 409);
    assert.equal(body<ErrorBody>(response.json).error.code, 'department_channel');
    assert.deepEqual(await t.storage.getParticipantIds('grand', channel.id), ['cara']);
  });

  test('nobody leaves a department channel or is removed from it by hand, not even by an admin role', async () => {
    const channel = (await list(token('lena', 'Laundry')))[0]!;
    assert.ok(channel);
    await list(token('lars', 'Laundry'));
    const admin = signStaffToken({ sub: 'lena', hotel: 'grand', name: 'LENA', department: 'Laundry', role: 'manager' }, TEST_SECRET);
    const refusals = [
      await t.call('POST', `/staff_chat/grand/conversations/${channel.id}/leave/`, { token: token('lars', 'Laundry') }),
      await t.call('DELETE', `/staff_chat/grand/conversations/${channel.id}/participants/lars/`, { token: token('lena', 'Laundry') }),
      await t.call('DELETE', `/staff_chat/grand/conversations/${channel.id}/participants/lars/`, { token: admin }),
      await t.call('DELETE', `/staff_chat/grand/conversations/${channel.id}/participants/lena/`, { token: token('lena', 'Laundry') }),
    ];
    assert.deepEqual(
      refusals.map((response) => [response.status, body<ErrorBody>(response.json).error.code]),
      Array(4).fill([409, 'department_channel']),
    );
    assert.deepEqual((await t.storage.getParticipantIds('grand', channel.id))?.sort(), ['lars', 'lena']);
    assert.deepEqual(t.notifier.departures, []);
  });
});
