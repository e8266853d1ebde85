/**
 * An upload reaches the other participants live, attachments included (HotelMate notified only images),
 * through the real stack: multipart REST -> storage + file store -> notifier -> embedded hub -> unmodified
 * pusher-js; and the signed URL in the event opens the file with no token, as an `<img>` would.
 *
 * Uploads over real HTTP: streamed to disk and refused early (413) past a limit, bounded per person
 * (429) without holding up a colleague, cut off without leftovers, and a full disk (a real 1 MB tmpfs
 * when one can be mounted) answered with 507 and nothing kept. Memory under load: upload-memory.test.ts.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, rm, statfs } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { getRequestListener } from '@hono/node-server';
import { createApp } from '../../server/app.js';
import type { Conversation, ErrorBody, Me, Message, MessageCreatedEnvelope, MessagePage } from '../../contract/index.js';
import { localDiskStore } from '../../server/files/local-disk.js';
import { diskFullAfter, PDF, PNG } from '../../server/testing/sample-files.js';
import { silentLogger } from '../../server/logger.js';
import { createTestApp } from '../../server/testing/app-harness.js';
import { nextEvent, startStack, subscribe, type Stack } from '../support/stack.js';
import { multipartBody, sendUpload, type UploadPart } from '../support/upload-client.js';

const HOTEL = 'harbour';
const anna = { id: 'anna', full_name: 'Anna Kovács' };
const ben = { id: 'ben', full_name: 'Ben Okafor' };

describe('attachments reach other participants live', { timeout: 30_000 }, () => {
  let stack: Stack;
  let tokens: { anna: string; ben: string };
  let chat: Conversation;
  const api = (path: string) => `/staff_chat/${HOTEL}${path}`;

  before(async () => {
    stack = await startStack();
    tokens = { anna: stack.token(HOTEL, anna), ben: stack.token(HOTEL, ben) };
    for (const token of Object.values(tokens)) assert.equal((await stack.call<Me>(token, 'GET', api('/me'))).status, 200);
    chat = (await stack.call<Conversation>(tokens.anna, 'POST', api('/conversations/'), { participant_ids: ['ben'] })).body;
  });
  after(() => stack.close());

  test('a photo and a PDF arrive as message_created with both attachments, and their URLs open the files', async () => {
    const client = await stack.pusher(tokens.ben);
    const subscription = await subscribe(client, chat.channel);
    assert.ok(subscription.ok);
    const received = nextEvent<MessageCreatedEnvelope>(subscription.channel, 'realtime_staff_chat_message_created');

    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), 'lobby.png');
    form.append('files', new Blob([PDF], { type: 'application/pdf' }), 'checklist.pdf');
    form.append('message', 'Lobby today');
    form.append('client_id', 'upload-live-1');
    const response = await fetch(`${stack.api}${api(`/conversations/${chat.id}/upload/`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.anna}` },
      body: form,
    });
    assert.equal(response.status, 201);
    const sent = (await response.json()) as Message;

    const envelope = await received;
    assert.equal(envelope.type, 'message_created');
    assert.equal(envelope.payload.id, sent.id);
    assert.deepEqual(
      envelope.payload.attachments.map((a) => [a.file_name, a.file_type, a.mime_type]),
      [
        ['lobby.png', 'image', 'image/png'],
        ['checklist.pdf', 'pdf', 'application/pdf'],
      ],
    );
    for (const [attachment, bytes] of [
      [envelope.payload.attachments[0]!, PNG],
      [envelope.payload.attachments[1]!, PDF],
    ] as const) {
      const file = await fetch(new URL(attachment.file_url, stack.server.url.replace('localhost', '127.0.0.1')));
      assert.equal(file.status, 200);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), bytes);
    }
  });
});

/** Polls `condition` until it holds; fails after `timeoutMs` (for what the server does with no event to wait on). */
async function until(condition: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const MB = 1024 * 1024;
const pngOf = (size: number, fileName = 'photo.png'): UploadPart => ({ name: 'files', fileName, type: 'image/png', head: PNG, size });

describe('uploads stream to disk, within their limits, over real HTTP', { timeout: 60_000 }, () => {
  let stack: Stack;
  let uploads: string;
  let tokens: { anna: string; ben: string };
  let chat: Conversation;
  let uploadUrl: string;
  const staged = () => readdir(join(uploads, '.staging')).catch(() => []);
  const committed = async () => (await readdir(uploads).catch(() => [])).filter((name) => name !== '.staging');
  const messageCount = async () =>
    (await stack.call<MessagePage>(tokens.anna, 'GET', `/staff_chat/${HOTEL}/conversations/${chat.id}/messages/`)).body.messages.length;

  before(async () => {
    uploads = await mkdtemp(join(tmpdir(), 'staff-chat-uploads-'));
    stack = await startStack({
      STAFF_CHAT_UPLOAD_DIR: uploads,
      STAFF_CHAT_UPLOAD_MAX_BYTES: String(MB),
      STAFF_CHAT_UPLOAD_CONCURRENCY: '2',
    });
    tokens = { anna: stack.token(HOTEL, anna), ben: stack.token(HOTEL, ben) };
    for (const token of Object.values(tokens)) assert.equal((await stack.call<Me>(token, 'GET', `/staff_chat/${HOTEL}/me`)).status, 200);
    chat = (await stack.call<Conversation>(tokens.anna, 'POST', `/staff_chat/${HOTEL}/conversations/`, { participant_ids: ['ben'] })).body;
    uploadUrl = `${stack.api}/staff_chat/${HOTEL}/conversations/${chat.id}/upload/`;
  });
  after(async () => {
    await stack.close();
    await rm(uploads, { recursive: true, force: true });
  });

  test('a file over the limit is refused with 413 while the client is still sending it, and nothing stays behind', async (t) => {
    const messages = await messageCount();
    // 64 MB against a 1 MB limit: more than socket buffers can swallow, so an early answer is visible.
    // Chunked, so that it is the file's own limit that stops it, not the declared length of the body.
    const answer = await sendUpload(uploadUrl, multipartBody([pngOf(64 * MB, 'huge.png')]), { token: tokens.anna, chunked: true });
    assert.equal(answer.status, 413);
    assert.equal((answer.json as ErrorBody).error.code, 'file_too_large');
    assert.match((answer.json as ErrorBody).error.message, /huge\.png is larger than the limit of 1048576 bytes/);
    assert.ok(answer.sentWhenAnswered < 16 * MB, `answered after ${answer.sentWhenAnswered} of ${answer.length} bytes`);
    assert.equal(answer.headers.connection, 'close', 'the rest of the body is not read: the connection ends');
    t.diagnostic(`413 file_too_large after ${answer.sentWhenAnswered} of ${answer.length} bytes sent`);

    // A declared length beyond what an upload may carry is refused before a byte of the body is read.
    const declared = await sendUpload(uploadUrl, multipartBody([pngOf(700 * 1024, 'a.png'), pngOf(64 * MB, 'b.png')]), {
      token: tokens.anna,
    });
    assert.equal(declared.status, 413);
    assert.equal((declared.json as ErrorBody).error.code, 'payload_too_large');
    assert.ok(declared.sentWhenAnswered < 16 * MB, `answered after ${declared.sentWhenAnswered} of ${declared.length} bytes`);
    t.diagnostic(`413 payload_too_large after ${declared.sentWhenAnswered} of ${declared.length} bytes sent`);

    assert.deepEqual(await staged(), []);
    assert.deepEqual(await committed(), []);
    assert.equal(await messageCount(), messages);
  });

  test("past two uploads in flight a person gets 429 too_many_uploads with Retry-After, while a colleague's upload goes through", async () => {
    const before = await messageCount();
    let release!: (next: 'continue') => void;
    const resume = new Promise<'continue'>((resolve) => (release = resolve));
    const held = [0, 1].map((index) =>
      sendUpload(uploadUrl, multipartBody([pngOf(512 * 1024, `held-${index}.png`)]), { token: tokens.anna, pauseAt: 256 * 1024, resume }),
    );
    // Both are being received (their files are being written) before the third one is sent.
    await until(async () => (await staged()).length === 2, 'both held uploads are being staged');

    const third = await sendUpload(uploadUrl, multipartBody([pngOf(1000, 'third.png')]), { token: tokens.anna });
    assert.equal(third.status, 429);
    assert.equal((third.json as ErrorBody).error.code, 'too_many_uploads');
    assert.equal(third.headers['retry-after'], '5');

    const colleague = await sendUpload(uploadUrl, multipartBody([pngOf(1000, 'bens.png')]), { token: tokens.ben });
    assert.equal(colleague.status, 201, JSON.stringify(colleague.json));

    release('continue');
    const finished = await Promise.all(held);
    assert.deepEqual(
      finished.map((answer) => answer.status),
      [201, 201],
    );
    const again = await sendUpload(uploadUrl, multipartBody([pngOf(1000, 'later.png')]), { token: tokens.anna });
    assert.equal(again.status, 201, 'the places are free again');
    assert.equal(await messageCount(), before + 4);
    assert.deepEqual(await staged(), []);
  });

  test('an upload cut off midway leaves nothing staged and gives its place back', async () => {
    const files = (await committed()).length;
    let cut!: (next: 'abort') => void;
    const cutting = sendUpload(uploadUrl, multipartBody([pngOf(900 * 1024, 'cut.png')]), {
      token: tokens.anna,
      pauseAt: 300 * 1024,
      resume: new Promise((resolve) => (cut = resolve)),
    });
    await until(async () => (await staged()).length === 1, 'the upload is being staged');
    cut('abort');
    assert.equal((await cutting).status, 0);
    await until(async () => (await staged()).length === 0, 'the partial file is removed');

    // Both of anna's places are free: two uploads at once are both received.
    let release!: (next: 'continue') => void;
    const resume = new Promise<'continue'>((resolve) => (release = resolve));
    const held = [0, 1].map((index) =>
      sendUpload(uploadUrl, multipartBody([pngOf(400 * 1024, `after-${index}.png`)]), { token: tokens.anna, pauseAt: 100 * 1024, resume }),
    );
    await until(async () => (await staged()).length === 2, 'both uploads are being staged');
    release('continue');
    assert.deepEqual(
      (await Promise.all(held)).map((answer) => answer.status),
      [201, 201],
    );
    assert.equal((await committed()).length, files + 2);
  });
});

/** tmpfs's `f_type` (linux/magic.h). */
const TMPFS_MAGIC = 0x01021994;

/** Mounts a 1 MB tmpfs on `dir` and proves it took (a tmpfs of that size is what `dir` now is), or says why not. */
async function mountTinyDisk(dir: string): Promise<{ mounted: true } | { mounted: false; reason: string }> {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    return { mounted: false, reason: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
  }
  const disk = await statfs(dir);
  assert.equal(disk.type, TMPFS_MAGIC, 'the folder is a tmpfs now');
  assert.ok(disk.blocks * disk.bsize <= MB, `the tmpfs holds at most 1 MB (${disk.blocks * disk.bsize} bytes)`);
  return { mounted: true };
}

describe('a full disk answers 507 insufficient_storage and keeps nothing', { timeout: 30_000 }, () => {
  test('a 2 MB upload onto a 1 MB disk: 507, no staged file, no message; a small one then goes through', async (t) => {
    const dir = await mkdtemp(join(tmpdir(), 'staff-chat-full-'));
    const disk = await mountTinyDisk(dir);
    let server: { url: string; close(): Promise<void> } | undefined;
    let messages: () => Promise<number>;
    let tokenOf: (id: string) => string;
    let conversationId: number;
    try {
      if (disk.mounted) {
        t.diagnostic(`a real full disk: a 1 MB tmpfs mounted on ${dir}`);
        const stack = await startStack({ STAFF_CHAT_UPLOAD_DIR: dir });
        server = { url: stack.api, close: () => stack.close() };
        tokenOf = (id) => stack.token(HOTEL, { id, full_name: id });
        for (const id of ['anna', 'ben']) await stack.call(tokenOf(id), 'GET', `/staff_chat/${HOTEL}/me`);
        conversationId = (
          await stack.call<Conversation>(tokenOf('anna'), 'POST', `/staff_chat/${HOTEL}/conversations/`, { participant_ids: ['ben'] })
        ).body.id;
        messages = async () =>
          (await stack.call<MessagePage>(tokenOf('anna'), 'GET', `/staff_chat/${HOTEL}/conversations/${conversationId}/messages/`)).body
            .messages.length;
      } else {
        t.diagnostic(`no tmpfs could be mounted (${disk.reason}): the disk fills through a store whose writes fail with ENOSPC after 1 MB`);
        const injected = await serveWithFullDisk(dir);
        server = injected;
        tokenOf = injected.tokenFor;
        conversationId = injected.conversationId;
        messages = injected.messageCount;
      }
      const url = `${server.url}/staff_chat/${HOTEL}/conversations/${conversationId}/upload/`;
      const before = await messages();

      const full = await sendUpload(url, multipartBody([pngOf(2 * MB, 'scan.png')]), { token: tokenOf('anna') });
      assert.equal(full.status, 507, JSON.stringify(full.json));
      assert.equal((full.json as ErrorBody).error.code, 'insufficient_storage');
      assert.match((full.json as ErrorBody).error.message, /scan\.png could not be stored because the server's storage is full/);
      assert.deepEqual(await readdir(join(dir, '.staging')), [], 'no partial file');
      assert.deepEqual(await readdir(dir), ['.staging'], 'no committed file');
      assert.equal(await messages(), before, 'no message');
      if (disk.mounted) {
        const { bfree, blocks } = await statfs(dir);
        assert.ok(bfree >= blocks - 1, `the disk's room is given back (${bfree} of ${blocks} blocks free)`);
      }

      const small = await sendUpload(url, multipartBody([pngOf(100 * 1024, 'small.png')]), { token: tokenOf('anna') });
      assert.equal(small.status, 201, JSON.stringify(small.json));
      assert.equal(await messages(), before + 1);
    } finally {
      await server?.close();
      if (disk.mounted) execFileSync('umount', [dir]);
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/** The app over real HTTP with a local-disk store on `dir` that is full after 1 MB (no tmpfs to be had). */
async function serveWithFullDisk(dir: string) {
  const t = await createTestApp();
  const app = createApp({
    config: t.config,
    storage: t.storage,
    pusher: t.pusher,
    notifier: t.notifier,
    log: silentLogger,
    files: diskFullAfter(localDiskStore(dir, { sweepEveryMs: 0 }), MB),
  });
  for (const id of ['anna', 'ben']) await t.storage.upsertStaff(HOTEL, { id, full_name: id, avatar: null, department: null, role: null });
  const { conversationId } = await t.storage.createConversation(HOTEL, { createdBy: 'anna', participantIds: ['anna', 'ben'], title: null });
  // Hono's listener answers every request itself, errors included: nothing is left to await.
  const listener = getRequestListener(app.fetch);
  const server = createServer((request, response) => void listener(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}${t.config.apiBase}`,
    conversationId,
    tokenFor: (id: string) => t.tokenFor(id, HOTEL),
    messageCount: async () => (await t.storage.listMessages(HOTEL, conversationId, { limit: 100 })).messages.length,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await t.close();
    },
  };
}
