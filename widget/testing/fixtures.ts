import type { Conversation, Message } from '../../server/contract.js';

// Builders shared by the state tests.

export function message(id: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    conversation_id: 1,
    client_id: null,
    sender_id: 'bob',
    sender_info: { id: 'bob', full_name: 'Bob Porter', avatar: null },
    message: `message ${id}`,
    timestamp: new Date(Date.UTC(2025, 0, 1, 12, 0, id)).toISOString(),
    reply_to: null,
    reply_to_message: null,
    attachments: [],
    is_edited: false,
    is_deleted: false,
    ...extra,
  };
}

export function conversation(id: number, extra: Partial<Conversation> = {}): Conversation {
  return {
    id,
    hotel: 'grand',
    title: null,
    is_group: false,
    participants: [],
    last_message: null,
    unread_count: 0,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
    channel: `private-hotel-grand.staff-chat.${id}`,
    ...extra,
  };
}
