import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { TokenBuckets } from './token-bucket.js';

describe('token buckets', () => {
  test('allow a burst, then one request per refill interval', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 60, burst: 3, now: () => now });
    for (let i = 0; i < 3; i += 1) assert.deepEqual(buckets.take('anna'), { allowed: true });
    assert.deepEqual(buckets.take('anna'), { allowed: false, retryAfterMs: 1000 });
    now = 400;
    assert.deepEqual(buckets.take('anna'), { allowed: false, retryAfterMs: 600 });
    now = 1000;
    assert.deepEqual(buckets.take('anna'), { allowed: true });
    assert.equal(buckets.take('anna').allowed, false);
  });

  test('keep one bucket per key', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1, now: () => 0 });
    assert.equal(buckets.take('anna').allowed, true);
    assert.equal(buckets.take('anna').allowed, false);
    assert.equal(buckets.take('ben').allowed, true);
  });

  test('refill no further than the burst', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 600, burst: 2, now: () => now });
    buckets.take('anna');
    now = 3_600_000;
    assert.equal(buckets.take('anna').allowed, true);
    assert.equal(buckets.take('anna').allowed, true);
    assert.equal(buckets.take('anna').allowed, false);
  });

  test('default burst is a quarter minute of requests', () => {
    assert.equal(new TokenBuckets({ perMinute: 120 }).burst, 30);
    assert.equal(new TokenBuckets({ perMinute: 1 }).burst, 1);
  });

  test('forget full buckets when too many keys are remembered', () => {
    let now = 0;
    const buckets = new TokenBuckets({ perMinute: 60, burst: 1, now: () => now, maxKeys: 2 });
    buckets.take('a');
    buckets.take('b');
    now = 500; // half full: both are remembered still
    buckets.take('c');
    assert.equal(buckets.size, 3);
    now = 5000; // all full again
    buckets.take('d');
    assert.equal(buckets.size, 1);
    assert.equal(buckets.take('d').allowed, false, 'd itself is still limited');
  });
});
