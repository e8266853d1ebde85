import assert from 'node:assert/strict';
import { test } from 'node:test';
import { REACTION_EMOJIS, type Message, type ReactionChange } from '../../contract/index.js';
import { fitMessageChange, fitReactionChanged } from './change-events.js';
import { envelope } from './envelope.js';
import { eventBytes, MAX_EVENT_BYTES } from './fit.js';

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
  is_edited: true,
  is_deleted: false,
  edited_at: '2025-01-01T00:01:00.000Z',
  deleted_at: null,
  reactions: [],
});

test('an edited message that fits is sent as it is; a long one is cut like a new one, keeping its type', () => {
  const small = envelope('grand', 'message_edited' as const, message('fixed'));
  assert.equal(fitMessageChange(small), small);
  const long = envelope('grand', 'message_edited' as const, message('😀'.repeat(4000)));
  const fitted = fitMessageChange(long);
  assert.equal(fitted.type, 'message_edited');
  assert.equal(fitted.meta.truncated, true);
  assert.equal(fitted.meta.event_id, long.meta.event_id);
  assert.ok(eventBytes(fitted) <= MAX_EVENT_BYTES);
  assert.equal(fitted.payload.is_edited, true);
});

test('a reaction change too large for one event keeps exact counts and cuts who reacted', () => {
  const staffIds = Array.from({ length: 50 }, (_, index) => `staff-member-with-a-long-portal-id-${index}`);
  const change: ReactionChange = {
    conversation_id: 2,
    message_id: 1,
    reactions: REACTION_EMOJIS.map((emoji) => ({ emoji, count: staffIds.length, staff_ids: [...staffIds] })),
    staff_id: 'anna',
    emoji: '👍',
    action: 'added',
  };
  const event = envelope('grand', 'reaction_changed', change);
  assert.ok(eventBytes(event) > MAX_EVENT_BYTES);
  const fitted = fitReactionChanged(event);
  assert.ok(eventBytes(fitted) <= MAX_EVENT_BYTES);
  assert.equal(fitted.meta.truncated, true);
  assert.deepEqual(
    fitted.payload.reactions.map((r) => r.count),
    REACTION_EMOJIS.map(() => 50),
  );
  assert.ok(
    fitted.payload.reactions.some((r) => r.staff_ids.length > 0),
    'keeps what fits',
  );
  assert.equal(event.payload.reactions[0]?.staff_ids.length, 50, 'the original is untouched');

  const small = envelope('grand', 'reaction_changed', { ...change, reactions: [{ emoji: '👍' as const, count: 1, staff_ids: ['anna'] }] });
  assert.equal(fitReactionChanged(small), small);
});
