import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../auth/token.js';
import type {
  Conversation,
  ConversationList,
  CurrentHandover,
  ErrorBody,
  HandoverHistory,
  HandoverItemChange,
  Message,
} from '../../contract/index.js';
import { body, createTestApp, TEST_SECRET, type TestApp } from '../testing/app-harness.js';

describe('handover notes', () => {
  let t: TestApp;
  let channel: Conversation;
  const token = (sub: string, department = 'Housekeeping', hotel = 'grand') =>
    signStaffToken({ sub, hotel, name: sub.toUpperCase(), department }, TEST_SECRET);
  const hand = (who: string, conversationId: number, items: unknown, message = 'Night shift') =>
    t.call('POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, {
      token: token(who),
      body: { message, handover_items: items },
    });
  const tick = (who: string, messageId: number | string, itemId: number | string, checked: unknown, department?: string) =>
    t.call('PATCH', `/staff_chat/grand/messages/${messageId}/handover/items/${itemId}/`, {
      token: token(who, department),
      body: { checked },
    });
  const current = async (who: string) =>
    body<CurrentHandover>((await t.call('GET', `/staff_chat/grand/conversations/${channel.id}/handover/`, { token: token(who) })).json)
      .handover;

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  before(async () => {
    t = await createTestApp();
    [channel] = body<ConversationList>((await t.call('GET', '/staff_chat/grand/conversations/', { token: token('anna') })).json)
      .results as [Conversation];
    await t.call('GET', '/staff_chat/grand/me', { token: token('ben') });
    await t.call('GET', '/staff_chat/grand/me', { token: token('kim', 'Kitchen') });
  });
  after(() => t.close());

  test('a note with a checklist is pinned until the next; members tick items live', async () => {
    assert.equal(await current('ben'), null);
    const sent = await hand('anna', channel.id, ['Room 12 needs towels', ' Blue scarf in lost & found ']);
    assert.equal(sent.status, 201, JSON.stringify(sent.json));
    const note = body<Message>(sent.json);
    assert.equal(note.kind, 'handover');
    assert.deepEqual(
      note.handover?.items.map((item) => item.text),
      ['Room 12 needs towels', 'Blue scarf in lost & found'],
    );
    assert.equal((await current('ben'))?.id, note.id);

    const item = note.handover.items[1]!;
    const ticked = await tick('ben', note.id, item.id, true);
    assert.equal(ticked.status, 200, JSON.stringify(ticked.json));
    const change = body<HandoverItemChange>(ticked.json);
    assert.deepEqual(
      [change.conversation_id, change.message_id, change.item.checked, change.item.checked_by?.id],
      [channel.id, note.id, true, 'ben'],
    );
    assert.deepEqual(t.notifier.handoverTicks.at(-1)?.change, change);
    const events = t.notifier.handoverTicks.length;
    assert.equal((await tick('anna', note.id, item.id, true)).status, 200);
    assert.equal(t.notifier.handoverTicks.length, events, 'ticking a ticked item is no news');
    assert.equal(body<HandoverItemChange>((await tick('anna', note.id, item.id, false)).json).item.checked, false);

    const next = body<Message>((await hand('ben', channel.id, ['All quiet'], 'Morning')).json);
    assert.equal((await current('anna'))?.id, next.id, "the next shift's note replaces it");
    const history = body<HandoverHistory>(
      (await t.call('GET', `/staff_chat/grand/conversations/${channel.id}/handovers/?limit=1`, { token: token('anna') })).json,
    );
    assert.deepEqual([history.results.map((m) => m.id), history.has_more], [[next.id], true]);
    const older = body<HandoverHistory>(
      (await t.call('GET', `/staff_chat/grand/conversations/${channel.id}/handovers/?before_id=${next.id}`, { token: token('anna') })).json,
    );
    assert.deepEqual([older.results.map((m) => m.id), older.has_more], [[note.id], false]);
  });

  test('refuses notes outside department channels, bad checklists, strangers and bad ticks', async () => {
    const direct = body<Conversation>(
      (await t.call('POST', '/staff_chat/grand/conversations/', { token: token('anna'), body: { participant_ids: ['ben'] } })).json,
    );
    assertError(await hand('anna', direct.id, ['x']), 409, 'not_a_department_channel');
    for (const items of [
      [],
      'x',
      [''],
      ['  '],
      [7],
      Array.from({ length: 31 }, () => 'x'),
      ['x'.repeat(201)],
      Array.from({ length: 30 }, () => '語'.repeat(100)),
      ['a\u0000b'],
    ]) {
      assertError(await hand('anna', channel.id, items), 400, 'bad_request');
    }
    const note = body<Message>((await hand('anna', channel.id, ['one'])).json);
    const item = note.handover!.items[0]!;
    assertError(await tick('kim', note.id, item.id, true, 'Kitchen'), 403, 'not_participant');
    assertError(
      await t.call('GET', `/staff_chat/grand/conversations/${channel.id}/handover/`, { token: token('kim', 'Kitchen') }),
      403,
      'not_participant',
    );
    assertError(await tick('ben', note.id, item.id, 'yes'), 400, 'bad_request');
    assertError(await tick('ben', note.id, 'x', true), 400, 'bad_request');
    assertError(await tick('ben', note.id, 999_999, true), 404, 'not_found');
    assertError(
      await t.call('GET', `/staff_chat/grand/conversations/${channel.id}/handovers/?limit=0`, { token: token('anna') }),
      400,
      'bad_request',
    );
    await t.call('DELETE', `/staff_chat/grand/messages/${note.id}/delete/`, { token: token('anna') });
    assertError(await tick('ben', note.id, item.id, true), 409, 'message_deleted');
  });
});
