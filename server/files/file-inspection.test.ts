import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ApiError } from '../errors.js';
import { FileInspection } from './file-inspection.js';
import { SNIFF_BYTES } from './file-types.js';
import { HTML, PNG } from '../testing/sample-files.js';

/** Runs `chunks` through an inspection; resolves with what passed and the refusal, if any. */
async function inspect(file: FileInspection, chunks: Uint8Array[]) {
  const passed: Uint8Array[] = [];
  let consumed = 0;
  async function* source() {
    for (const chunk of chunks) {
      consumed++;
      yield chunk;
    }
  }
  try {
    for await (const chunk of file.pass(source())) passed.push(chunk);
    return { passed: Buffer.concat(passed), consumed, refusal: undefined };
  } catch (error) {
    assert.ok(error instanceof ApiError, String(error));
    return { passed: Buffer.concat(passed), consumed, refusal: { status: error.status, code: error.code, message: error.message } };
  }
}

const text = (value: string) => Buffer.from(value, 'utf8');

describe('a file checked as it streams', () => {
  test('text whose character is split between chunks, across the sniffed head, passes whole', async () => {
    const umlaut = text('ü'); // two bytes: the head ends between them
    const chunks = [text('a'.repeat(SNIFF_BYTES - 1)), umlaut.subarray(0, 1), umlaut.subarray(1), text(' room 4\n'.repeat(100))];
    const file = new FileInspection('notes.txt', 'text/plain', 10_000);
    const result = await inspect(file, chunks);
    assert.equal(result.refusal, undefined);
    assert.deepEqual(result.passed, Buffer.concat(chunks));
    assert.equal(file.size, Buffer.concat(chunks).length);
    assert.equal(file.kind.mime, 'text/plain');
  });

  test('text with a control byte past the sniffed head is refused when that byte arrives, not before and not after', async () => {
    const chunks = [text('x'.repeat(SNIFF_BYTES)), text('more text\n'), Buffer.from([0x41, 0x00, 0x42]), text('never read')];
    const result = await inspect(new FileInspection('notes.txt', '', 100_000), chunks);
    assert.deepEqual(result.refusal, {
      status: 415,
      code: 'unsupported_file_type',
      message: 'notes.txt cannot be sent: it is not a PNG, JPEG, GIF or WebP image, a PDF or a plain text file.',
    });
    assert.equal(result.consumed, 3, 'reading stopped at the bad chunk');
    assert.equal(result.passed.length, SNIFF_BYTES + 'more text\n'.length);
  });

  test('text that ends inside a character is refused', async () => {
    const cut = text('é').subarray(0, 1);
    const result = await inspect(new FileInspection('a.txt', '', 100_000), [text('y'.repeat(SNIFF_BYTES)), cut]);
    assert.equal(result.refusal?.code, 'unsupported_file_type');
  });

  test('a file is refused at the chunk that takes it past the limit, with less than the limit passed on', async () => {
    const chunk = Buffer.alloc(1000);
    const result = await inspect(new FileInspection('big.png', 'image/png', 4500), [PNG, ...Array.from({ length: 10 }, () => chunk)]);
    assert.deepEqual(result.refusal, {
      status: 413,
      code: 'file_too_large',
      message: 'big.png is larger than the limit of 4500 bytes per file.',
    });
    assert.equal(result.consumed, 6);
    assert.ok(result.passed.length <= 4500);
  });

  test('a disguised file is refused by its first bytes before any byte is passed on; an empty one is refused too', async () => {
    const disguised = await inspect(new FileInspection('cat.png', 'image/png', 10_000), [HTML]);
    assert.equal(disguised.refusal?.code, 'file_type_mismatch');
    assert.equal(disguised.passed.length, 0);
    const misnamed = await inspect(new FileInspection('scan.pdf', '', 10_000), [PNG.subarray(0, 10), PNG.subarray(10)]);
    assert.equal(misnamed.refusal?.code, 'file_type_mismatch');
    assert.equal(misnamed.passed.length, 0);
    const empty = await inspect(new FileInspection('empty.txt', '', 10_000), []);
    assert.deepEqual(empty.refusal, { status: 400, code: 'empty_file', message: 'empty.txt cannot be sent: it is empty.' });
  });

  test('a PNG in small chunks passes whole and is judged an image', async () => {
    const chunks = Array.from({ length: Math.ceil(PNG.length / 7) }, (_, index) => PNG.subarray(index * 7, index * 7 + 7));
    const file = new FileInspection('room.png', 'image/png', 10_000);
    const result = await inspect(file, chunks);
    assert.equal(result.refusal, undefined);
    assert.deepEqual(result.passed, PNG);
    assert.deepEqual(file.kind, { ok: true, mime: 'image/png', fileType: 'image' });
  });
});
