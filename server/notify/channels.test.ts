import assert from 'node:assert/strict';
import { test } from 'node:test';
import { conversationChannel, parseChannel, personalChannel, presenceChannel } from './channels.js';

test('builds the names of DESIGN.md', () => {
  assert.equal(conversationChannel('grand', 7), 'private-hotel-grand.staff-chat.7');
  assert.equal(personalChannel('grand', 'anna'), 'private-hotel-grand.staff-anna');
  assert.equal(presenceChannel('grand'), 'presence-hotel-grand.staff');
});

test('parses what it builds', () => {
  assert.deepEqual(parseChannel(conversationChannel('grand-hotel', 7)), { kind: 'conversation', hotel: 'grand-hotel', conversationId: 7 });
  assert.deepEqual(parseChannel(personalChannel('grand', 'a.b@c')), { kind: 'personal', hotel: 'grand', staffId: 'a.b@c' });
  assert.deepEqual(parseChannel(presenceChannel('grand')), { kind: 'presence', hotel: 'grand' });
});

test('refuses everything else', () => {
  for (const name of [
    'private-hotel-grand.staff-chat.07',
    'private-hotel-grand.staff-chat.99999999999',
    'private-hotel-grand.staff-chat.x',
    'private-hotel-grand.staff-',
    'private-hotel-grand.staff-a b',
    'private-hotel-Grand.staff-anna',
    'hotel-grand.staff-chat.7',
    'presence-hotel-grand.staff-anna',
    'private-encrypted-hotel-grand.staff-chat.7',
  ]) {
    assert.equal(parseChannel(name), undefined, name);
  }
});
