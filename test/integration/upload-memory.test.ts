/**
 * Memory stays bounded under a flood of large uploads: one person's 30 concurrent uploads of 5 × 10 MB
 * each (1.5 GB), over real HTTP to the server in a process of its own, grow that process's resident
 * memory by far less than one upload's size. Held in memory, they took a server from 149 MB to 1.3 GB.
 *
 * Measured by Linux's own account of the server process: its peak resident set (`VmHWM`, reset to the
 * current size just before the flood by writing 5 to `/proc/PID/clear_refs`) against its resident set
 * (`VmRSS`) at that moment.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../../server/auth/token.js';
import type { Conversation } from '../../contract/index.js';
import { PDF, PNG } from '../../server/testing/sample-files.js';
import { startServerProcess, type ServerProcess } from '../support/server-process.js';
import { multipartBody, sendUpload, type UploadPart } from '../support/upload-client.js';

const SECRET = 'upload-memory-test-secret-0123456789abcdef';
const MB = 1024 * 1024;
const UPLOADS = 30;
const FILE_BYTES = 10 * MB;
const GROWTH_BOUND = 100 * MB;

/** A field of `/proc/PID/status`, in bytes (the kernel counts in kB). */
async function procStatus(pid: number, field: 'VmRSS' | 'VmHWM'): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status);
  assert.ok(match, `/proc/${pid}/status has ${field}`);
  return Number(match[1]) * 1024;
}

describe('memory under a flood of large uploads', { timeout: 300_000 }, () => {
  let dir: string;
  let server: ServerProcess;
  let api: string;
  const token = (sub: string) => signStaffToken({ sub, hotel: 'grand', name: sub }, SECRET);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'staff-chat-upload-memory-'));
    server = await startServerProcess({
      DATABASE_URL: `file:${join(dir, 'chat.sqlite')}`,
      STAFF_CHAT_JWT_SECRET: SECRET,
      STAFF_CHAT_UPLOAD_DIR: join(dir, 'uploads'),
      // All 30 are received at once (the default would refuse 25 of them with 429, which is no test of memory).
      STAFF_CHAT_UPLOAD_CONCURRENCY: String(UPLOADS),
      STAFF_CHAT_RATE_LIMIT_MESSAGES: '0',
    });
    api = `http://127.0.0.1:${server.port}/api/staff_chat/grand`;
  });
  after(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test(`${UPLOADS} concurrent uploads of 5 × 10 MB by one person grow the server by less than ${GROWTH_BOUND / MB} MB`, async (t) => {
    for (const sub of ['anna', 'ben']) await fetch(`${api}/me`, { headers: { authorization: `Bearer ${token(sub)}` } });
    const created = await fetch(`${api}/conversations/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token('anna')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ participant_ids: ['ben'] }),
    });
    const chat = (await created.json()) as Conversation;
    const url = `${api}/conversations/${chat.id}/upload/`;
    const fiveFiles = (prefix: string): UploadPart[] =>
      Array.from({ length: 5 }, (_, index) =>
        index % 2 === 0
          ? { name: 'files', fileName: `${prefix}-${index}.png`, type: 'image/png', head: PNG, size: FILE_BYTES }
          : { name: 'files', fileName: `${prefix}-${index}.pdf`, type: 'application/pdf', head: PDF, size: FILE_BYTES },
      );

    // Warm-up: every code path of an upload has run once before the baseline is taken.
    const warm = await sendUpload(url, multipartBody(fiveFiles('warm')), { token: token('anna') });
    assert.equal(warm.status, 201, JSON.stringify(warm.json));

    let peakReset = true;
    try {
      await writeFile(`/proc/${server.pid}/clear_refs`, '5');
    } catch {
      // Without the reset, VmHWM also holds the start-up peak: a stricter bound, never a looser one.
      peakReset = false;
    }
    const baseline = await procStatus(server.pid, 'VmRSS');
    let sampledPeak = baseline;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        sampledPeak = Math.max(sampledPeak, await procStatus(server.pid, 'VmRSS'));
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    })();

    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: UPLOADS }, (_, index) => sendUpload(url, multipartBody(fiveFiles(`flood-${index}`)), { token: token('anna') })),
    );
    const seconds = (Date.now() - started) / 1000;
    sampling = false;
    await sampler;
    const peak = await procStatus(server.pid, 'VmHWM');

    assert.deepEqual(
      answers.map((answer) => answer.status),
      Array.from({ length: UPLOADS }, () => 201),
      'every upload was received and stored',
    );
    const stored = (await readdir(join(dir, 'uploads'))).filter((name) => name !== '.staging');
    assert.equal(stored.length, 5 * (UPLOADS + 1));
    assert.deepEqual(await readdir(join(dir, 'uploads', '.staging')), []);

    const growth = peak - baseline;
    t.diagnostic(
      `${UPLOADS} × 5 × 10 MB in ${seconds.toFixed(1)} s: RSS ${(baseline / MB).toFixed(0)} MB before, peak ${(peak / MB).toFixed(0)} MB ` +
        `(${peakReset ? 'VmHWM reset before the flood' : 'VmHWM not resettable: includes the start-up peak'}; sampled peak ` +
        `${(sampledPeak / MB).toFixed(0)} MB), growth ${(growth / MB).toFixed(1)} MB`,
    );
    assert.ok(growth < GROWTH_BOUND, `the server grew by ${(growth / MB).toFixed(1)} MB`);
    assert.doesNotMatch(server.output(), /error/i, 'the server logged no error');
  });
});
