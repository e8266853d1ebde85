import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ErrorBody, SearchPage } from '../../contract/index.js';
import { body, createTestApp, seedTwoHotels, type TestApp } from '../testing/app-harness.js';

describe('search', () => {
  let t: TestApp;
  let conversationId: number;
  let foreignConversationId: number;
  let notMine: number;
  const search = (query: string, token = t.tokenFor('anna'), hotel = 'grand') =>
    t.call('GET', `/staff_chat/${hotel}/search/?${query}`, { token });

  before(async () => {
    t = await createTestApp({ STAFF_CHAT_RATE_LIMIT_SEARCHES: '0' });
    ({ conversationId, foreignConversationId } = await seedTwoHotels(t));
    ({ conversationId: notMine } = await t.storage.createConversation('grand', {
      createdBy: 'ben',
      participantIds: ['cara'],
      title: null,
    }));
    const send = (conversation: number, senderId: string, message: string, hotel = 'grand') =>
      t.storage.insertMessage(hotel, { conversationId: conversation, senderId, clientId: null, message, replyTo: null });
    await send(conversationId, 'ben', 'The <b>towels</b> for 204 & "205"');
    await send(conversationId, 'anna', 'towels are in the laundry');
    await send(notMine, 'cara', 'towels for the spa');
    await send(foreignConversationId, 'zed', 'towels elsewhere', 'other');
  });
  after(() => t.close());

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  test("answers the caller's matches with text snippets and highlight ranges, never markup", async () => {
    const response = await search(`q=${encodeURIComponent('TOWELS 204')}`);
    assert.equal(response.status, 200, JSON.stringify(response.json));
    const page = body<SearchPage>(response.json);
    assert.equal(page.count, 1);
    assert.equal(page.has_more, false);
    assert.equal(page.next_cursor, null);
    const [hit] = page.results;
    assert.equal(hit?.snippet, 'The <b>towels</b> for 204 & "205"', 'text as written: the widget renders it as text');
    assert.deepEqual(
      hit?.highlights.map(([start, end]) => hit.snippet.slice(start, end)),
      ['towels', '204'],
    );
    assert.equal(hit?.conversation_id, conversationId);
    assert.equal(hit?.sender_name, 'BEN');

    const all = body<SearchPage>((await search('q=towels')).json);
    assert.deepEqual(
      all.results.map((result) => result.conversation_id),
      [conversationId, conversationId],
      'nothing of conversations anna is not in',
    );
  });

  test('pages with next_cursor and narrows to one conversation', async () => {
    const first = body<SearchPage>((await search('q=towels&limit=1')).json);
    assert.equal(first.results.length, 1);
    assert.equal(first.has_more, true);
    assert.ok(first.next_cursor);
    const second = body<SearchPage>((await search(`q=towels&limit=1&cursor=${first.next_cursor}`)).json);
    assert.equal(second.results.length, 1);
    assert.notEqual(second.results[0]?.message_id, first.results[0]?.message_id);
    const narrowed = body<SearchPage>((await search(`q=towels&conversation_id=${conversationId}`)).json);
    assert.equal(narrowed.count, 2);
    const older = body<SearchPage>((await search(`q=towels&before_id=${first.results[0]!.message_id}`)).json);
    assert.ok(older.results.every((result) => result.message_id < first.results[0]!.message_id));
  });

  test('refuses bad input with the one error shape', async () => {
    for (const query of [
      '',
      'q=',
      'q=%20%20',
      `q=${'a'.repeat(201)}`,
      'q=%22*%22',
      'q=a%00b',
      'q=towels&limit=0',
      'q=towels&limit=51',
      'q=towels&before_id=x',
      'q=towels&conversation_id=-1',
      'q=towels&cursor=abc',
      'q=towels&cursor=1.2',
      'q=towels&cursor=5&before_id=3',
      'q=towels&cursor=99999999999',
    ]) {
      assertError(await search(query), 400, 'bad_request');
    }
    assertError(await search(`q=towels&conversation_id=${notMine}`), 403, 'not_participant');
    assertError(await search(`q=towels&conversation_id=${foreignConversationId}`), 404, 'not_found');
    assertError(await search('q=towels', t.tokenFor('zed', 'other')), 403, 'wrong_hotel');
    assertError(await search('q=towels', ''), 401, 'unauthorized');
  });

  test('limits searches per person with 429 and Retry-After, leaving others unaffected', async () => {
    const limited = await createTestApp({ STAFF_CHAT_RATE_LIMIT_SEARCHES: '20' });
    after(() => limited.close());
    await seedTwoHotels(limited);
    const search = (query: string, token: string) => limited.call('GET', `/staff_chat/grand/search/?${query}`, { token });
    let refused: { status: number; headers: Headers; json: unknown } | undefined;
    for (let index = 0; index < 40 && !refused; index++) {
      const response = await search('q=laundry', limited.tokenFor('ben'));
      if (response.status === 429) refused = response;
      else assert.equal(response.status, 200);
    }
    assert.ok(refused, 'a burst of searches is cut off');
    assertError(refused, 429, 'rate_limited');
    assert.ok(Number(refused.headers.get('retry-after')) >= 1);
    assert.equal((await search('q=laundry', limited.tokenFor('cara'))).status, 200, 'another person still searches');
    assert.equal(
      (await limited.call('GET', '/staff_chat/grand/conversations/', { token: limited.tokenFor('ben') })).status,
      200,
      'and ben can still chat',
    );
  });
});
