import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type {
  AcknowledgementChange,
  Conversation,
  ErrorBody,
  Message,
  MessagePage,
  PendingAcknowledgements,
} from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

describe('urgent messages: acknowledge and pending', () => {
  let t: TestApp;
  let group: Conversation;
  const send = async (who: string, conversationId: number, payload: Record<string, unknown>) =>
    t.call('POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, { token: t.tokenFor(who), body: payload });
  const acknowledge = (who: string, messageId: number | string, hotel = 'grand', headers: Record<string, string> = {}) =>
    t.call('POST', `/staff_chat/${hotel}/messages/${messageId}/acknowledge/`, { token: t.tokenFor(who, hotel), headers });
  const pending = async (who: string) =>
    body<PendingAcknowledgements>((await t.call('GET', '/staff_chat/grand/acknowledgements/pending/', { token: t.tokenFor(who) })).json);

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  before(async () => {
    t = await createTestApp();
    for (const id of ['anna', 'ben', 'cara', 'dan']) await t.storage.upsertStaff('grand', staff(id, id.toUpperCase()));
    await t.storage.upsertStaff('other', staff('ben', 'Other Ben'));
    group = body<Conversation>(
      (
        await t.call('POST', '/staff_chat/grand/conversations/', {
          token: t.tokenFor('anna'),
          body: { participant_ids: ['ben', 'cara'], title: 'Night' },
        })
      ).json,
    );
  });
  after(() => t.close());

  test('the sender asks for acknowledgements; each recipient acknowledges once, live, and it leaves their pending list', async () => {
    const sent = await send('anna', group.id, { message: 'Fire alarm test at 3', requires_acknowledgement: true });
    assert.equal(sent.status, 201);
    const message = body<Message>(sent.json);
    assert.equal(message.requires_acknowledgement, true);
    assert.deepEqual(message.acknowledgements, { total: 2, acknowledged: [], pending: ['ben', 'cara'] });
    assert.deepEqual(
      (await pending('ben')).results.map((m) => m.id),
      [message.id],
    );
    assert.deepEqual((await pending('anna')).results, [], 'the sender owes nothing');

    const first = await acknowledge('ben', message.id, 'grand', { 'x-socket-id': '12.34' });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const change = body<AcknowledgementChange>(first.json);
    assert.equal(change.acknowledgement.id, 'ben');
    assert.equal(change.acknowledgement.full_name, 'Name of ben', 'the name the token gave');
    assert.deepEqual(change.acknowledgements.pending, ['cara']);
    assert.deepEqual(t.notifier.acknowledgements.at(-1), { hotel: 'grand', change, excludeSocketId: '12.34' });

    const events = t.notifier.acknowledgements.length;
    const again = await acknowledge('ben', message.id);
    assert.equal(again.status, 200, 'idempotent');
    assert.deepEqual(body<AcknowledgementChange>(again.json).acknowledgement, change.acknowledgement);
    assert.equal(t.notifier.acknowledgements.length, events, 'a repeat is no news');
    assert.deepEqual((await pending('ben')).results, []);

    const history = body<MessagePage>(
      (await t.call('GET', `/staff_chat/grand/conversations/${group.id}/messages/`, { token: t.tokenFor('anna') })).json,
    );
    assert.deepEqual(
      history.messages.at(-1)?.acknowledgements?.acknowledged.map((a) => a.id),
      ['ben'],
    );
  });

  test('refuses the sender, non-participants, plain messages, deleted ones and other hotels', async () => {
    const urgent = body<Message>((await send('anna', group.id, { message: 'Boiler', requires_acknowledgement: true })).json);
    const plain = body<Message>((await send('anna', group.id, { message: 'hello' })).json);
    assertError(await acknowledge('anna', urgent.id), 403, 'not_recipient');
    assertError(await acknowledge('dan', urgent.id), 403, 'not_participant');
    assertError(await acknowledge('ben', plain.id), 409, 'acknowledgement_not_requested');
    assertError(await acknowledge('ben', 999_999), 404, 'not_found');
    assertError(await acknowledge('ben', urgent.id, 'other'), 404, 'not_found');
    assertError(await acknowledge('ben', 'abc'), 400, 'bad_request');
    await t.call('DELETE', `/staff_chat/grand/messages/${urgent.id}/delete/`, { token: t.tokenFor('anna') });
    assertError(await acknowledge('ben', urgent.id), 409, 'message_deleted');
    assert.ok(!(await pending('cara')).results.some((m) => m.id === urgent.id), 'a deleted message is not pending');
    for (const bad of [
      { message: 'x', requires_acknowledgement: 'yes' },
      { message: 'x', requires_acknowledgement: 1 },
    ]) {
      assertError(await send('anna', group.id, bad), 400, 'bad_request');
    }
  });
});
