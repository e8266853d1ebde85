import { expect } from '@open-wc/testing';
import type { Message } from '../../../server/contract.js';
import { ApiError } from '../../api/api-error.js';
import { exponentialBackoff } from '../shared/backoff.js';
import { message } from '../../testing/fixtures.js';
import type { OutboxEntry } from './outbox.js';
import { OutboxSender } from './outbox-sender.js';
import { deferred } from '../../testing/session-fakes.js';

function entry(clientId: string, conversationId = 1): OutboxEntry {
  return {
    conversation_id: conversationId,
    client_id: clientId,
    message: `text ${clientId}`,
    reply_to: null,
    reply_to_message: null,
    timestamp: '2025-01-01T00:00:00.000Z',
  };
}

const NETWORK = new ApiError(0, 'network_error', 'Failed to fetch');
const REFUSED = new ApiError(400, 'validation_error', 'The message is empty');

/** A sender over a scripted server: each request waits for the test to answer it. */
function harness(retryDelay = (_failures: number) => 1) {
  const requests: { entry: OutboxEntry; answer: ReturnType<typeof deferred<Message>> }[] = [];
  const waiters: (() => void)[] = [];
  const sent: string[] = [];
  const failed: { clientId: string; retrying: boolean }[] = [];
  const delays: number[] = [];
  let ids = 100;
  const sender = new OutboxSender({
    send(e) {
      const answer = deferred<Message>();
      requests.push({ entry: e, answer });
      for (const wake of waiters.splice(0)) wake();
      return answer.promise;
    },
    isRetryable: (error) => error instanceof ApiError && error.retryable,
    onSent: (e) => sent.push(e.client_id),
    onFailed: (e, _error, retrying) => failed.push({ clientId: e.client_id, retrying }),
    retryDelay: (failures) => {
      delays.push(failures);
      return retryDelay(failures);
    },
  });
  /** Resolves with the n-th request (1-based), at once if it was already made. */
  async function request(n: number) {
    while (requests.length < n) await new Promise<void>((resolve) => waiters.push(resolve));
    return requests[n - 1]!;
  }
  const ok = (e: OutboxEntry) => message(ids++, { conversation_id: e.conversation_id, client_id: e.client_id, sender_id: 'me' });
  return { sender, requests, request, sent, failed, delays, ok };
}

describe('OutboxSender', () => {
  it('sends one conversation’s messages one at a time, in the order written', async () => {
    const h = harness();
    h.sender.enqueue(entry('a'));
    h.sender.enqueue(entry('b'));
    h.sender.enqueue(entry('a'));
    const first = await h.request(1);
    expect(h.requests.length).to.equal(1);
    first.answer.resolve(h.ok(first.entry));
    const second = await h.request(2);
    expect(second.entry.client_id).to.equal('b');
    second.answer.resolve(h.ok(second.entry));
    await Promise.resolve();
    expect(h.sent).to.deep.equal(['a', 'b']);
    expect(h.requests.length).to.equal(2);
  });

  it('keeps conversations independent', async () => {
    const h = harness();
    h.sender.enqueue(entry('a', 1));
    h.sender.enqueue(entry('x', 2));
    await h.request(2);
    expect(h.requests.map((r) => r.entry.client_id)).to.deep.equal(['a', 'x']);
  });

  it('repeats the same request with growing delays until the server answers, holding the queue', async () => {
    const h = harness();
    h.sender.enqueue(entry('a'));
    h.sender.enqueue(entry('b'));
    for (let n = 1; n <= 3; n += 1) (await h.request(n)).answer.reject(NETWORK);
    const fourth = await h.request(4);
    expect(h.requests.map((r) => r.entry.client_id)).to.deep.equal(['a', 'a', 'a', 'a']);
    expect(h.delays).to.deep.equal([1, 2, 3]);
    expect(h.failed).to.deep.equal([1, 2, 3].map(() => ({ clientId: 'a', retrying: true })));
    fourth.answer.resolve(h.ok(fourth.entry));
    const fifth = await h.request(5);
    expect(fifth.entry.client_id).to.equal('b');
    expect(h.sent).to.deep.equal(['a']);
  });

  it('takes a refused message out of the queue and goes on; retry() sends it again', async () => {
    const h = harness();
    h.sender.enqueue(entry('a'));
    h.sender.enqueue(entry('b'));
    (await h.request(1)).answer.reject(REFUSED);
    const second = await h.request(2);
    expect(second.entry.client_id).to.equal('b');
    expect(h.failed).to.deep.equal([{ clientId: 'a', retrying: false }]);
    expect(h.delays).to.deep.equal([]);
    expect(h.sender.has('a')).to.equal(false);
    second.answer.resolve(h.ok(second.entry));
    h.sender.retry(entry('a'));
    expect((await h.request(3)).entry.client_id).to.equal('a');
  });

  it('retryNow() ends a backoff wait at once', async () => {
    const h = harness(() => 60_000);
    h.sender.enqueue(entry('a'));
    (await h.request(1)).answer.reject(NETWORK);
    await Promise.resolve();
    expect(h.requests.length).to.equal(1);
    h.sender.retryNow();
    expect((await h.request(2)).entry.client_id).to.equal('a');
  });

  it('forget() drops a waiting message whose stored copy arrived another way', async () => {
    const h = harness(() => 60_000);
    h.sender.enqueue(entry('a'));
    h.sender.enqueue(entry('b'));
    (await h.request(1)).answer.reject(NETWORK);
    await Promise.resolve();
    h.sender.forget('a');
    expect((await h.request(2)).entry.client_id).to.equal('b');
    expect(h.sender.has('a')).to.equal(false);
  });

  it('ignores answers after stop()', async () => {
    const h = harness();
    h.sender.enqueue(entry('a'));
    const first = await h.request(1);
    h.sender.stop();
    first.answer.resolve(h.ok(first.entry));
    await Promise.resolve();
    expect(h.sent).to.deep.equal([]);
    h.sender.enqueue(entry('b'));
    expect(h.requests.length).to.equal(1);
  });
});

describe('exponentialBackoff', () => {
  it('doubles from the base up to the cap, jittered between half and all of it', () => {
    const low = exponentialBackoff(1_000, 30_000, () => 0);
    const high = exponentialBackoff(1_000, 30_000, () => 1);
    expect([1, 2, 3, 4, 5, 6, 10].map(low)).to.deep.equal([500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000]);
    expect([1, 2, 3, 4, 5, 6, 10].map(high)).to.deep.equal([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
