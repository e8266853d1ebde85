import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApp } from '../app.js';
import { loadConfig } from '../config.js';
import type { ChatConfig, ErrorBody, Message, MessagePage } from '../../contract/index.js';
import { UrlSigner } from '../files/signed-url.js';
import { localDiskStore } from '../files/local-disk.js';
import { diskFullAfter, HTML, PDF, PNG } from '../testing/sample-files.js';
import { silentLogger } from '../logger.js';
import { body, createTestApp, seedTwoHotels, staff, TEST_SECRET, type TestApp } from '../testing/app-harness.js';

interface Part {
  name?: string;
  file?: { bytes: Uint8Array<ArrayBuffer>; fileName: string; type?: string };
  value?: string;
}

describe('upload and attachment files', () => {
  let t: TestApp;
  let dir: string;
  let conversationId: number;
  let foreignConversationId: number;
  const MAX_BYTES = 2048;

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'staff-chat-uploads-'));
    t = await createTestApp({
      STAFF_CHAT_UPLOAD_DIR: dir,
      STAFF_CHAT_UPLOAD_MAX_BYTES: String(MAX_BYTES),
      STAFF_CHAT_UPLOAD_MAX_FILES: '3',
    });
    for (const id of ['anna', 'ben', 'cara']) await t.storage.upsertStaff('grand', staff(id, id.toUpperCase()));
    await t.storage.upsertStaff('other', staff('zed', 'Zed'));
    await t.storage.upsertStaff('other', staff('yves', 'Yves'));
    ({ conversationId } = await t.storage.createConversation('grand', { createdBy: 'anna', participantIds: ['anna', 'ben'], title: null }));
    ({ conversationId: foreignConversationId } = await t.storage.createConversation('other', {
      createdBy: 'zed',
      participantIds: ['zed', 'yves'],
      title: null,
    }));
  });
  after(async () => {
    await t.close();
    await rm(dir, { recursive: true, force: true });
  });

  const file = (bytes: Uint8Array<ArrayBuffer>, fileName: string, type = ''): Part => ({ file: { bytes, fileName, type } });

  async function upload(token: string, parts: Part[], options: { id?: number; hotel?: string; headers?: Record<string, string> } = {}) {
    const form = new FormData();
    for (const part of parts) {
      if (part.file) form.append(part.name ?? 'files', new Blob([part.file.bytes], { type: part.file.type ?? '' }), part.file.fileName);
      else form.append(part.name!, part.value!);
    }
    const path = `/staff_chat/${options.hotel ?? 'grand'}/conversations/${options.id ?? conversationId}/upload/`;
    const response = await t.app.request(`${t.config.apiBase}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...options.headers },
      body: form,
    });
    return { status: response.status, json: await response.json() };
  }

  /** Fetches a file URL the way a browser's `<img>` would: no token. */
  const fetchFile = (url: string) => t.app.request(url);

  const storedFiles = async () => (await readdir(dir)).filter((name) => name !== '.staging');
  const stagedFiles = async () => readdir(join(dir, '.staging')).catch(() => []);
  const messageCount = async () =>
    body<MessagePage>(
      (await t.call('GET', `/staff_chat/grand/conversations/${conversationId}/messages/`, { token: t.tokenFor('anna') })).json,
    ).messages.length;

  function assertError(response: { status: number; json: unknown }, status: number, code: string): void {
    assert.equal(response.status, status, JSON.stringify(response.json));
    assert.equal(body<ErrorBody>(response.json).error.code, code);
  }

  test('a photo and a PDF with a caption: 201, one message with both attachments, notified to the others', async () => {
    const response = await upload(
      t.tokenFor('anna'),
      [
        file(PNG, 'room 12.png', 'image/png'),
        file(PDF, 'Invoice ü.pdf', 'application/pdf'),
        { name: 'message', value: ' See these ' },
        { name: 'client_id', value: 'up-1' },
      ],
      { headers: { 'x-socket-id': '1.2' } },
    );
    assert.equal(response.status, 201, JSON.stringify(response.json));
    const message = body<Message>(response.json);
    assert.equal(message.message, 'See these');
    assert.equal(message.client_id, 'up-1');
    assert.deepEqual(
      message.attachments.map(({ file_name, file_type, file_size, mime_type }) => ({ file_name, file_type, file_size, mime_type })),
      [
        { file_name: 'room 12.png', file_type: 'image', file_size: PNG.length, mime_type: 'image/png' },
        { file_name: 'Invoice ü.pdf', file_type: 'pdf', file_size: PDF.length, mime_type: 'application/pdf' },
      ],
    );
    const [image, pdf] = message.attachments;
    assert.match(image!.file_url, new RegExp(`^/api/staff_chat/grand/attachments/${image!.id}/file\\?exp=\\d+&sig=[\\w-]{43}$`));
    assert.equal(image!.thumbnail_url, image!.file_url);
    assert.equal(pdf!.thumbnail_url, null);
    assert.ok(image!.uploaded_at && !Number.isNaN(Date.parse(image!.uploaded_at)));
    assert.deepEqual(t.notifier.messages.at(-1), { hotel: 'grand', message, excludeSocketId: '1.2' });
    assert.equal((await storedFiles()).length, 2);
    assert.deepEqual(await stagedFiles(), []);

    // History carries the same attachments, with working URLs.
    const page = body<MessagePage>(
      (await t.call('GET', `/staff_chat/grand/conversations/${conversationId}/messages/`, { token: t.tokenFor('ben') })).json,
    );
    const listed = page.messages.find((entry) => entry.id === message.id)!;
    assert.deepEqual(
      listed.attachments.map((a) => a.id),
      [image!.id, pdf!.id],
    );
    const served = await fetchFile(listed.attachments[0]!.file_url);
    assert.equal(served.status, 200);
    assert.deepEqual(Buffer.from(await served.arrayBuffer()), PNG);
  });

  test('served files carry safe headers: inline for images, attachment for the rest, nosniff and a sandbox CSP', async () => {
    const message = body<Message>((await upload(t.tokenFor('ben'), [file(PNG, 'a.png'), file(PDF, 'Rechnung "März".pdf')])).json);
    const image = await fetchFile(message.attachments[0]!.file_url);
    assert.equal(image.headers.get('content-type'), 'image/png');
    assert.equal(image.headers.get('content-disposition'), `inline; filename="a.png"; filename*=UTF-8''a.png`);
    assert.equal(image.headers.get('x-content-type-options'), 'nosniff');
    assert.match(image.headers.get('content-security-policy') ?? '', /default-src 'none'.*sandbox/);
    assert.match(image.headers.get('cache-control') ?? '', /^private, max-age=\d+, immutable$/);

    const pdf = await fetchFile(message.attachments[1]!.file_url);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('content-length'), String(PDF.length));
    assert.equal(
      pdf.headers.get('content-disposition'),
      `attachment; filename="Rechnung _M_rz_.pdf"; filename*=UTF-8''Rechnung%20%22M%C3%A4rz%22.pdf`,
    );
    assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
    assert.deepEqual(Buffer.from(await pdf.arrayBuffer()), PDF);
  });

  test('an upload may be text-free, and a replayed client_id stores nothing twice', async () => {
    const before = (await storedFiles()).length;
    const first = await upload(t.tokenFor('anna'), [file(PNG, 'x.png'), { name: 'client_id', value: 'again' }]);
    const second = await upload(t.tokenFor('anna'), [file(PNG, 'x.png'), { name: 'client_id', value: 'again' }]);
    assert.equal(first.status, 201);
    assert.equal(body<Message>(first.json).message, '');
    assert.equal(second.status, 200);
    assert.equal(body<Message>(second.json).id, body<Message>(first.json).id);
    assert.equal((await storedFiles()).length, before + 1);
    assert.deepEqual(await stagedFiles(), []);
  });

  test('refusals store nothing: too big (413), too many (400), disguised or unknown types (415), empty, no files', async () => {
    const files = (await storedFiles()).length;
    const messages = await messageCount();
    const anna = t.tokenFor('anna');

    const tooBig = await upload(anna, [file(Buffer.concat([PNG, Buffer.alloc(MAX_BYTES)]), 'huge.png')]);
    assertError(tooBig, 413, 'file_too_large');
    assert.match(body<ErrorBody>(tooBig.json).error.message, /huge\.png is larger than the limit of 2048 bytes/);
    assertError(
      await upload(anna, [file(PNG, '1.png'), file(PNG, '2.png'), file(PNG, '3.png'), file(PNG, '4.png')]),
      400,
      'too_many_files',
    );

    const disguised = await upload(anna, [file(HTML, 'cat.png', 'image/png')]);
    assertError(disguised, 415, 'file_type_mismatch');
    assert.match(body<ErrorBody>(disguised.json).error.message, /cat\.png cannot be sent/);
    assertError(await upload(anna, [file(PNG, 'scan.pdf')]), 415, 'file_type_mismatch');
    assertError(await upload(anna, [file(PNG, 'a.png', 'text/html')]), 415, 'file_type_mismatch');
    assertError(await upload(anna, [file(Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), 'tool.exe')]), 415, 'unsupported_file_type');
    // One bad file refuses the whole upload, the good ones included.
    assertError(await upload(anna, [file(PNG, 'ok.png'), file(HTML, 'bad.gif')]), 415, 'file_type_mismatch');
    assertError(await upload(anna, [file(new Uint8Array(0), 'empty.txt')]), 400, 'empty_file');
    assertError(await upload(anna, [{ name: 'message', value: 'no file' }]), 400, 'no_files');
    assertError(await upload(anna, [file(PNG, 'a.png'), { name: 'reply_to', value: '999999' }]), 400, 'invalid_reply_to');

    // Past every file's limit together: refused by the route's own body limit before parsing.
    const flood = await upload(anna, [file(Buffer.alloc(3 * MAX_BYTES + 70 * 1024), 'flood.png')]);
    assertError(flood, 413, 'payload_too_large');

    assert.equal((await storedFiles()).length, files);
    assert.deepEqual(await stagedFiles(), []);
    assert.equal(await messageCount(), messages);
  });

  test('a database failure after the files were staged leaves no file behind', async () => {
    const files = (await storedFiles()).length;
    const original = t.storage.insertMessage.bind(t.storage);
    t.storage.insertMessage = async () => {
      assert.equal((await stagedFiles()).length, 2, 'both files were staged before the rows');
      throw new Error('database went away');
    };
    try {
      const response = await upload(t.tokenFor('anna'), [file(PNG, 'a.png'), file(PDF, 'b.pdf')]);
      assert.equal(response.status, 500);
    } finally {
      t.storage.insertMessage = original;
    }
    assert.deepEqual(await stagedFiles(), []);
    assert.equal((await storedFiles()).length, files);
  });

  test('a full disk (a store whose writes fail with ENOSPC) answers 507 insufficient_storage and keeps nothing', async () => {
    const fullDir = await mkdtemp(join(tmpdir(), 'staff-chat-full-'));
    // Room for the first file, not for the second: the first one, already staged, must go too.
    const files = diskFullAfter(localDiskStore(fullDir, { sweepEveryMs: 0 }), 1024);
    const app = createApp({ config: t.config, storage: t.storage, pusher: t.pusher, notifier: t.notifier, log: silentLogger, files });
    const messages = await messageCount();
    try {
      const form = new FormData();
      form.append('files', new Blob([PNG]), 'small.png');
      form.append('files', new Blob([PNG, Buffer.alloc(1500)]), 'large.png');
      const response = await app.request(`${t.config.apiBase}/staff_chat/grand/conversations/${conversationId}/upload/`, {
        method: 'POST',
        headers: { authorization: `Bearer ${t.tokenFor('anna')}` },
        body: form,
      });
      const json = (await response.json()) as ErrorBody;
      assert.equal(response.status, 507, JSON.stringify(json));
      assert.equal(json.error.code, 'insufficient_storage');
      assert.match(
        json.error.message,
        /^large\.png could not be stored because the server's storage is full; nothing of this upload was kept\./,
      );
      assert.deepEqual(await readdir(join(fullDir, '.staging')), []);
      assert.deepEqual(await readdir(fullDir), ['.staging']);
      assert.equal(await messageCount(), messages);
    } finally {
      await rm(fullDir, { recursive: true, force: true });
    }
  });

  test('text fields and the body are checked while streaming: an oversized field or too many fields 413, a cut-off body 400', async () => {
    const files = (await storedFiles()).length;
    const messages = await messageCount();
    const anna = t.tokenFor('anna');
    const maxLength = t.config.limits.messageMaxLength;

    // Past what any message of the longest length can take in UTF-8: refused as it arrives.
    const huge = await upload(anna, [file(PNG, 'a.png'), { name: 'message', value: 'x'.repeat(3 * maxLength + 1) }]);
    assertError(huge, 413, 'payload_too_large');
    assert.match(body<ErrorBody>(huge.json).error.message, /The field "message" is longer than \d+ bytes/);
    // Longer than a message may be, but within the field's size: the usual validation answer.
    const long = await upload(anna, [file(PNG, 'a.png'), { name: 'message', value: 'x'.repeat(maxLength + 1) }]);
    assertError(long, 400, 'bad_request');
    assert.deepEqual(body<ErrorBody>(long.json).error.details, [
      { field: 'message', problem: `Too big: expected string to have <=${maxLength} characters` },
    ]);

    const fields = Array.from({ length: 21 }, (_, index): Part => ({ name: `extra${index}`, value: 'v' }));
    assertError(await upload(anna, [file(PNG, 'a.png'), ...fields]), 413, 'payload_too_large');

    const boundary = 'cut-off-boundary';
    const cutOff = await t.app.request(`${t.config.apiBase}/staff_chat/grand/conversations/${conversationId}/upload/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body: Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`),
        PNG,
      ]),
    });
    assert.equal(cutOff.status, 400);
    assert.equal(((await cutOff.json()) as ErrorBody).error.code, 'bad_request');
    const noBoundary = await t.app.request(`${t.config.apiBase}/staff_chat/grand/conversations/${conversationId}/upload/`, {
      method: 'POST',
      headers: { authorization: `Bearer ${anna}`, 'content-type': 'multipart/form-data' },
      body: 'x',
    });
    assert.equal(noBoundary.status, 400);

    assert.equal((await storedFiles()).length, files);
    assert.deepEqual(await stagedFiles(), []);
    assert.equal(await messageCount(), messages);
  });

  test('a server receiving as many uploads as it may answers the next 503 server_busy with Retry-After, and takes it once one ends', async () => {
    const busy = await createTestApp({ STAFF_CHAT_UPLOAD_DIR: dir, STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL: '1' });
    try {
      const { conversationId: chat } = await seedTwoHotels(busy);
      const path = `${busy.config.apiBase}/staff_chat/grand/conversations/${chat}/upload/`;
      const boundary = 'held-upload';
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="files"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n`,
      );
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
      // anna's upload sends its first part, then waits: it holds the server's one place while it does.
      let reading!: () => void;
      const beingRead = new Promise<void>((resolve) => (reading = resolve));
      let finish!: () => void;
      const finished = new Promise<void>((resolve) => (finish = resolve));
      let step = 0;
      const held = busy.app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${busy.tokenFor('anna')}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
        duplex: 'half',
        body: new ReadableStream<Uint8Array>({
          async pull(controller) {
            step++;
            if (step === 1) controller.enqueue(head);
            else if (step === 2) {
              reading();
              await finished;
              controller.enqueue(Buffer.concat([PNG, tail]));
            } else controller.close();
          },
        }),
      });
      await beingRead;

      const form = new FormData();
      form.append('files', new Blob([PNG]), 'b.png');
      const refused = await busy.app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${busy.tokenFor('ben')}` },
        body: form,
      });
      assert.equal(refused.status, 503);
      assert.equal(refused.headers.get('retry-after'), '5');
      assert.equal(((await refused.json()) as ErrorBody).error.code, 'server_busy');

      finish();
      assert.equal((await held).status, 201);
      const later = await busy.app.request(path, {
        method: 'POST',
        headers: { authorization: `Bearer ${busy.tokenFor('ben')}` },
        body: form,
      });
      assert.equal(later.status, 201);
    } finally {
      await busy.close();
    }
  });

  test('plain text is accepted and served as a text/plain download', async () => {
    const response = await upload(t.tokenFor('ben'), [
      file(Buffer.from('Shift notes\nRoom 4: late checkout\n'), 'notes.txt', 'text/plain'),
    ]);
    assert.equal(response.status, 201, JSON.stringify(response.json));
    const [attachment] = body<Message>(response.json).attachments;
    assert.equal(attachment!.file_type, 'document');
    const served = await fetchFile(attachment!.file_url);
    assert.equal(served.headers.get('content-type'), 'text/plain');
    assert.match(served.headers.get('content-disposition') ?? '', /^attachment;/);
  });

  test('non-participants, other hotels and missing tokens are refused before anything is stored', async () => {
    const files = (await storedFiles()).length;
    assertError(await upload(t.tokenFor('cara'), [file(PNG, 'a.png')]), 403, 'not_participant');
    assertError(await upload(t.tokenFor('zed', 'other'), [file(PNG, 'a.png')]), 403, 'wrong_hotel');
    assertError(await upload(t.tokenFor('anna'), [file(PNG, 'a.png')], { id: foreignConversationId }), 404, 'not_found');
    assertError(await upload(t.tokenFor('zed', 'other'), [file(PNG, 'a.png')], { hotel: 'other', id: conversationId }), 404, 'not_found');
    const anonymous = await t.app.request(`/api/staff_chat/grand/conversations/${conversationId}/upload/`, {
      method: 'POST',
      body: new FormData(),
    });
    assert.equal(anonymous.status, 401);
    assert.equal((await storedFiles()).length, files);
  });

  test('a file URL must be signed for that attachment and hotel, and expires', async () => {
    const message = body<Message>((await upload(t.tokenFor('anna'), [file(PNG, 'a.png'), file(PDF, 'b.pdf')])).json);
    const [image, pdf] = message.attachments;
    const url = new URL(image!.file_url, 'http://x');
    const exp = url.searchParams.get('exp')!;
    const sig = url.searchParams.get('sig')!;

    const forged = `${url.pathname}?exp=${exp}&sig=${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`;
    assertError(await asJson(fetchFile(forged)), 403, 'invalid_signature');
    // The image's signature does not open the PDF, nor a later expiry, nor the same id in another hotel.
    assertError(
      await asJson(fetchFile(`/api/staff_chat/grand/attachments/${pdf!.id}/file?exp=${exp}&sig=${sig}`)),
      403,
      'invalid_signature',
    );
    assertError(await asJson(fetchFile(`${url.pathname}?exp=${Number(exp) + 3600}&sig=${sig}`)), 403, 'invalid_signature');
    assertError(
      await asJson(fetchFile(`/api/staff_chat/other/attachments/${image!.id}/file?exp=${exp}&sig=${sig}`)),
      403,
      'invalid_signature',
    );
    assertError(await asJson(fetchFile(url.pathname)), 400, 'bad_request');

    const yesterday = new UrlSigner(TEST_SECRET, () => Date.now() - 24 * 3600_000).sign('grand', image!.id);
    assertError(await asJson(fetchFile(`${url.pathname}?exp=${yesterday.exp}&sig=${yesterday.sig}`)), 403, 'link_expired');

    // A genuine signature for an id that has no attachment, or another hotel's attachment, is a 404.
    const nothing = new UrlSigner(TEST_SECRET).sign('other', image!.id);
    assertError(
      await asJson(fetchFile(`/api/staff_chat/other/attachments/${image!.id}/file?exp=${nothing.exp}&sig=${nothing.sig}`)),
      404,
      'not_found',
    );
  });

  test('the config tells the widget the limits and types', async () => {
    const config = body<ChatConfig>((await t.call('GET', '/staff_chat/config')).json);
    assert.equal(config.limits.upload_max_bytes, MAX_BYTES);
    assert.equal(config.limits.upload_max_files, 3);
    assert.deepEqual(config.limits.upload_types, ['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf', 'text/plain']);
  });

  test('upload settings have defaults and are validated at start', () => {
    const base = { STAFF_CHAT_JWT_SECRET: TEST_SECRET };
    assert.deepEqual(loadConfig(base).uploads, {
      dir: './data/uploads',
      maxBytes: 10 * 1024 * 1024,
      maxFiles: 5,
      concurrencyPerStaff: 5,
      concurrencyTotal: 50,
    });
    const set = loadConfig({ ...base, STAFF_CHAT_UPLOAD_CONCURRENCY: '2', STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL: '200' }).uploads;
    assert.deepEqual([set.concurrencyPerStaff, set.concurrencyTotal], [2, 200]);
    assert.throws(
      () => loadConfig({ ...base, STAFF_CHAT_UPLOAD_MAX_BYTES: '10MB' }),
      /STAFF_CHAT_UPLOAD_MAX_BYTES must be a whole number of bytes/,
    );
    assert.throws(() => loadConfig({ ...base, STAFF_CHAT_UPLOAD_MAX_FILES: '0' }), /STAFF_CHAT_UPLOAD_MAX_FILES must be between 1 and 20/);
    assert.throws(
      () => loadConfig({ ...base, STAFF_CHAT_UPLOAD_CONCURRENCY: '0' }),
      /STAFF_CHAT_UPLOAD_CONCURRENCY must be between 1 and 100/,
    );
    assert.throws(
      () => loadConfig({ ...base, STAFF_CHAT_UPLOAD_CONCURRENCY: 'three' }),
      /STAFF_CHAT_UPLOAD_CONCURRENCY must be a whole number of uploads/,
    );
    assert.throws(
      () => loadConfig({ ...base, STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL: '20000' }),
      /STAFF_CHAT_UPLOAD_CONCURRENCY_TOTAL must be between 1 and 10000/,
    );
  });

  test('other JSON routes keep the global body limit', async () => {
    const response = await t.call('POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, {
      token: t.tokenFor('anna'),
      body: { message: 'x'.repeat(70 * 1024) },
    });
    assertError(response, 413, 'payload_too_large');
  });
});

async function asJson(response: Response | Promise<Response>) {
  const resolved = await response;
  return { status: resolved.status, json: await resolved.json() };
}
