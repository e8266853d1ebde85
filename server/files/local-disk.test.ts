import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm, utimes, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { silentLogger } from '../logger.js';
import { localDiskStore, STAGING_STALE_AFTER_MS } from './local-disk.js';

const HOUR = 60 * 60_000;

/** Polls `condition` until it holds; fails after `timeoutMs` (the periodic sweep has no event to wait on). */
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function* chunks(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

describe('the local-disk file store', () => {
  let dir: string;
  const staging = () => join(dir, '.staging');
  const stagedNames = async () => (await readdir(staging()).catch(() => [])).sort();
  /** A leftover in the staging folder, last written `ageMs` ago. */
  async function leftover(name: string, ageMs: number) {
    await mkdir(staging(), { recursive: true });
    await writeFile(join(staging(), name), 'partial');
    const when = new Date(Date.now() - ageMs);
    await utimes(join(staging(), name), when, when);
  }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'staff-chat-disk-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('stages a stream chunk by chunk, and a commit makes it readable', async () => {
    const store = localDiskStore(dir, { sweepEveryMs: 0, log: silentLogger });
    const file = await store.stage(chunks('Room 4: ', 'late ', 'checkout'));
    assert.equal(await store.open(file.key), undefined, 'invisible until committed');
    await file.commit();
    const opened = await store.open(file.key);
    assert.equal(opened?.size, 'Room 4: late checkout'.length);
    assert.equal(await new Response(opened.stream).text(), 'Room 4: late checkout');
    assert.deepEqual(await stagedNames(), []);
  });

  test('a stream that fails midway leaves no partial file, and the failure comes through as it was', async () => {
    const store = localDiskStore(dir, { sweepEveryMs: 0, log: silentLogger });
    async function* failing() {
      yield Buffer.alloc(64 * 1024);
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    await assert.rejects(store.stage(failing()), { code: 'ENOSPC' });
    assert.deepEqual(await stagedNames(), []);
  });

  test('the sweep removes stale leftovers only: not fresh files, nor what this process is writing or holds staged', async () => {
    const store = localDiskStore(dir, { sweepEveryMs: 0, log: silentLogger });
    await leftover('a'.repeat(32), 2 * HOUR);
    await leftover('b'.repeat(32), 5 * 60_000);

    // One upload still being written, and one staged but not yet committed; both made to look old.
    let finishWriting!: () => void;
    const writing = store.stage(
      (async function* () {
        yield Buffer.from('first half, ');
        await new Promise<void>((resolve) => (finishWriting = resolve));
        yield Buffer.from('second half');
      })(),
    );
    const held = await store.stage(chunks('staged, waiting for its database row'));
    await until(async () => (await stagedNames()).length === 4, 'both uploads are on disk');
    const old = new Date(Date.now() - 3 * HOUR);
    for (const name of await stagedNames()) await utimes(join(staging(), name), old, old);
    await utimes(join(staging(), 'b'.repeat(32)), new Date(), new Date());

    assert.deepEqual(await store.sweepStaging(), ['a'.repeat(32)]);
    assert.equal((await stagedNames()).length, 3);

    finishWriting();
    const written = await writing;
    await written.commit();
    assert.equal(await new Response((await store.open(written.key))!.stream).text(), 'first half, second half');
    await held.discard();
    assert.deepEqual(await stagedNames(), ['b'.repeat(32)]);
    await rm(join(staging(), 'b'.repeat(32)));
  });

  test(`leftovers older than ${STAGING_STALE_AFTER_MS / HOUR} h are swept at start and then periodically`, async () => {
    await leftover('c'.repeat(32), 2 * HOUR);
    const store = localDiskStore(dir, { sweepEveryMs: 30, log: silentLogger });
    try {
      assert.deepEqual(await store.firstSweep, ['c'.repeat(32)]);
      await leftover('d'.repeat(32), 2 * HOUR);
      await until(async () => (await stagedNames()).length === 0, 'the periodic sweep removed the later leftover');
    } finally {
      store.close();
    }
  });

  test('sweeping a folder that does not exist yet finds nothing to do', async () => {
    const store = localDiskStore(join(dir, 'not-yet'), { sweepEveryMs: 0, log: silentLogger });
    assert.deepEqual(await store.sweepStaging(), []);
  });
});
