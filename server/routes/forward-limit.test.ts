import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, ErrorBody, Message } from '../../contract/index.js';
import { MAX_FORWARD_TARGETS } from '../../contract/index.js';
import { body, createTestApp, staff, type TestApp } from '../testing/app-harness.js';

/** STAFF_CHAT_RATE_LIMIT_FORWARDS: one forward fans out to many conversations, so forwards have a budget of their own. */
describe('the forward rate limit', () => {
  let t: TestApp;
  let targets: number[];
  let source: Message;
  const api = (path: string) => `/staff_chat/grand${path}`;

  before(async () => {
    // 4 a minute: a burst of one, then 429 (messages and requests unlimited, so only the forward budget speaks).
    t = await createTestApp({
      STAFF_CHAT_RATE_LIMIT_FORWARDS: '4',
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
      STAFF_CHAT_RATE_LIMIT_REQUESTS: '0',
    });
    const people = Array.from({ length: MAX_FORWARD_TARGETS }, (_, index) => `guest${index}`);
    for (const id of ['anna', 'ben', ...people]) await t.storage.upsertStaff('grand', staff(id, id.toUpperCase()));
    targets = [];
    for (const id of people)
      targets.push(
        body<Conversation>(
          (await t.call('POST', api('/conversations/'), { token: t.tokenFor('anna'), body: { participant_ids: [id] } })).json,
        ).id,
      );
    const origin = body<Conversation>(
      (await t.call('POST', api('/conversations/'), { token: t.tokenFor('anna'), body: { participant_ids: ['ben'] } })).json,
    );
    source = body<Message>(
      (
        await t.call('POST', api(`/conversations/${origin.id}/send-message/`), {
          token: t.tokenFor('anna'),
          body: { message: 'forward me' },
        })
      ).json,
    );
  });
  after(() => t.close());

  test('past the burst a forward is refused with 429 and Retry-After, and writes nothing; sending keeps its own budget', async () => {
    const first = await t.call('POST', api(`/messages/${source.id}/forward/`), {
      token: t.tokenFor('anna'),
      body: { conversation_ids: targets },
    });
    assert.equal(first.status, 201, JSON.stringify(first.json));
    const stored = t.notifier.messages.length;
    const second = await t.call('POST', api(`/messages/${source.id}/forward/`), {
      token: t.tokenFor('anna'),
      body: { conversation_ids: targets },
    });
    assert.equal(second.status, 429);
    assert.equal(body<ErrorBody>(second.json).error.code, 'rate_limited');
    assert.ok(Number(second.headers.get('retry-after')) >= 1);
    assert.equal(t.notifier.messages.length, stored, 'nothing was forwarded');
    // Sending is a different budget.
    assert.equal(
      (
        await t.call('POST', api(`/conversations/${targets[0]}/send-message/`), {
          token: t.tokenFor('anna'),
          body: { message: 'still sending' },
        })
      ).status,
      201,
    );
  });
});
