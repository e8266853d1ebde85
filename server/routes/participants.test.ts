import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, ErrorBody } from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

describe('groups: adding people', () => {
  let t: TestApp;
  const path = (id: number | string) => `/staff_chat/grand/conversations/${id}/participants/`;
  const add = (who: string, id: number | string, payload: unknown, hotel = 'grand') =>
    t.call('POST', path(id), { token: t.tokenFor(who, hotel), body: payload });
  const createGroup = async (title: string, participant_ids: string[]) =>
    body<Conversation>(
      (await t.call('POST', '/staff_chat/grand/conversations/', { token: t.tokenFor('anna'), body: { participant_ids, title } })).json,
    );

  before(async () => {
    t = await createTestApp();
    for (const id of ['anna', 'ben', 'cara', 'dan', 'eve']) await t.storage.upsertStaff('grand', staff(id, id.toUpperCase()));
    await t.storage.upsertStaff('other', staff('zed', 'Zed'));
  });
  after(() => t.close());

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  test('a group made from the directory with a title takes new people later; they get it live', async () => {
    const group = await createGroup('Front Office', ['ben']);
    assert.equal(group.is_group, true, 'titled, so a group even with two people');
    await t.call('POST', `/staff_chat/grand/conversations/${group.id}/send-message/`, {
      token: t.tokenFor('ben'),
      body: { message: 'history' },
    });

    const response = await add('ben', group.id, { participant_ids: ['cara', 'dan', 'anna', 'cara'] });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const updated = body<Conversation>(response.json);
    assert.deepEqual(
      updated.participants.map((p) => p.id),
      ['anna', 'ben', 'cara', 'dan'],
    );
    assert.equal(updated.channel, group.channel);
    assert.deepEqual(t.notifier.joins.at(-1), { hotel: 'grand', conversationId: group.id, addedBy: 'ben', addedIds: ['cara', 'dan'] });

    const forCara = body<{ results: Conversation[] }>(
      (await t.call('GET', '/staff_chat/grand/conversations/', { token: t.tokenFor('cara') })).json,
    );
    assert.deepEqual(
      forCara.results.map((c) => [c.id, c.unread_count]),
      [[group.id, 0]],
    );
    const page = await t.call('GET', `/staff_chat/grand/conversations/${group.id}/messages/`, { token: t.tokenFor('cara') });
    assert.equal(page.status, 200, 'a new member reads the history');

    const joins = t.notifier.joins.length;
    const again = await add('anna', group.id, { participant_ids: ['cara'] });
    assert.equal(again.status, 200);
    assert.equal(t.notifier.joins.length, joins, 'nobody new, no event');
  });

  test('a 1:1 stays a 1:1: 409 not_a_group', async () => {
    const direct = body<Conversation>(
      (await t.call('POST', '/staff_chat/grand/conversations/', { token: t.tokenFor('anna'), body: { participant_ids: ['eve'] } })).json,
    );
    assertError(await add('anna', direct.id, { participant_ids: ['ben'] }), 409, 'not_a_group');
    assert.deepEqual(await t.storage.getParticipantIds('grand', direct.id), ['anna', 'eve']);
  });

  test('refuses bad input, unknown people and groups past the size limit', async () => {
    const group = await createGroup('Housekeeping', ['ben']);
    for (const payload of [
      {},
      { participant_ids: [] },
      { participant_ids: 'cara' },
      { participant_ids: ['has space'] },
      { participant_ids: [7] },
    ]) {
      assertError(await add('anna', group.id, payload), 400, 'bad_request');
    }
    const unknown = await add('anna', group.id, { participant_ids: ['cara', 'ghost', 'zed'] });
    assertError(unknown, 400, 'unknown_participant');
    assert.deepEqual(body<ErrorBody>(unknown.json).error.details, { participant_ids: ['ghost', 'zed'] });

    const crowd = Array.from({ length: 49 }, (_, index) => `extra-${index}`);
    for (const id of crowd) await t.storage.upsertStaff('grand', staff(id, id));
    assertError(await add('anna', group.id, { participant_ids: crowd }), 400, 'too_many_participants');
    assert.deepEqual(await t.storage.getParticipantIds('grand', group.id), ['anna', 'ben']);
  });

  test('who may not: a non-participant 403, another hotel 403 on our path and 404 on theirs, a missing group 404', async () => {
    const group = await createGroup('Maintenance', ['ben']);
    assertError(await add('eve', group.id, { participant_ids: ['eve'] }), 403, 'not_participant');
    assertError(await add('zed', group.id, { participant_ids: ['zed'] }, 'other'), 403, 'wrong_hotel');
    const foreign = await t.call('POST', `/staff_chat/other/conversations/${group.id}/participants/`, {
      token: t.tokenFor('zed', 'other'),
      body: { participant_ids: ['zed'] },
    });
    assertError(foreign, 404, 'not_found');
    assertError(await add('anna', 999_999, { participant_ids: ['ben'] }), 404, 'not_found');
    assertError(await add('anna', 'abc', { participant_ids: ['ben'] }), 400, 'bad_request');
    assert.deepEqual(await t.storage.getParticipantIds('grand', group.id), ['anna', 'ben']);
  });
});
