import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Conversation, Message, StaffMember } from '../../contract/index.js';
import { envelope } from './envelope.js';
import { eventBytes, fitConversationUpdated, fitMessageCreated, MAX_EVENT_BYTES } from './fit.js';

const message = (text: string): Message => ({
  id: 1,
  conversation_id: 2,
  client_id: null,
  sender_id: 'anna',
  sender_info: { id: 'anna', full_name: 'Anna', avatar: null },
  message: text,
  timestamp: '2025-01-01T00:00:00.000Z',
  reply_to: null,
  reply_to_message: null,
  attachments: [],
  is_edited: false,
  is_deleted: false,
});

test('a message that fits is sent as it is', () => {
  const event = envelope('grand', 'message_created', message('hello'));
  assert.equal(fitMessageCreated(event), event);
});

test('a long multi-byte message is cut at a character boundary and marked truncated', () => {
  const text = '漢😀'.repeat(2000);
  const fitted = fitMessageCreated(envelope('grand', 'message_created', message(text)));
  assert.ok(eventBytes(fitted) <= MAX_EVENT_BYTES);
  assert.ok(eventBytes(fitted) > MAX_EVENT_BYTES - 8, 'keeps as much as fits');
  assert.equal(fitted.meta.truncated, true);
  assert.ok(text.startsWith(fitted.payload.message));
  assert.doesNotMatch(fitted.payload.message, /[\uD800-\uDBFF]$/, 'no half surrogate pair');
});

test('a huge group keeps as many participants as fit', () => {
  const participants: StaffMember[] = Array.from({ length: 300 }, (_, index) => ({
    id: `staff-${index}`,
    full_name: `Staff Member Number ${index}`,
    avatar: null,
    department: 'Housekeeping',
    role: 'Attendant',
  }));
  const conversation: Conversation = {
    id: 2,
    hotel: 'grand',
    title: 'Everyone',
    is_group: true,
    participants,
    last_message: null,
    unread_count: 3,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    channel: 'private-hotel-grand.staff-chat.2',
  };
  const fitted = fitConversationUpdated(envelope('grand', 'conversation_updated', conversation));
  assert.ok(eventBytes(fitted) <= MAX_EVENT_BYTES);
  assert.equal(fitted.meta.truncated, true);
  assert.ok(fitted.payload.participants.length > 50 && fitted.payload.participants.length < 300);
  assert.equal(fitted.payload.unread_count, 3);
});
