import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CLIENT_ID, SOCKET_ID } from './ids.js';
import { PREVIEW_LENGTH } from './limits.js';
import { isStorableText, previewText } from './text.js';

test('storable text: emoji pairs and ordinary text are, NUL and lone surrogates are not', () => {
  for (const text of ['', 'Room 204 needs towels', 'thanks 👍🏽', 'Ünïcödé – ok']) assert.equal(isStorableText(text), true, text);
  for (const text of ['a\u0000b', 'a\ud800b', 'a\udc00b', 'end\ud83d', '\ude00start'])
    assert.equal(isStorableText(text), false, JSON.stringify(text));
});

test('a preview keeps short text as it is and cuts long text at a character, never inside an emoji', () => {
  assert.equal(previewText('short'), 'short');
  const long = `${'x'.repeat(PREVIEW_LENGTH - 1)}😊😊`;
  const cut = previewText(long);
  assert.equal(Array.from(cut).length, PREVIEW_LENGTH);
  assert.ok(cut.endsWith('😊'), 'the emoji at the boundary stays whole');
  assert.equal(isStorableText(cut), true);
});

test('id patterns: client ids of 1 to 64 safe characters, Pusher socket ids as 123.456', () => {
  assert.match('c-0123_abc', CLIENT_ID);
  assert.match('a'.repeat(64), CLIENT_ID);
  for (const bad of ['', 'a'.repeat(65), 'has space', 'slash/']) assert.doesNotMatch(bad, CLIENT_ID);
  assert.match('123.456', SOCKET_ID);
  for (const bad of ['123', '123.', '.456', '1.2.3', 'a.b']) assert.doesNotMatch(bad, SOCKET_ID);
});
