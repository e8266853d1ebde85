import type { Conversation, Me, Message, StaffMember } from '../../contract/index.js';
import type { ChatMessage } from '../state/session.js';

// The one set of builders every widget test uses: the stores' tests (through session-fakes.ts) and the
// elements' (through widget/testing/fake-session.ts). One viewer, one hotel, fixed timestamps.

/** The viewer. */
export const ME: Me = {
  id: 'me',
  full_name: 'Mia Manager',
  avatar: null,
  department: 'Front desk',
  role: null,
  hotel: 'grand',
  personal_channel: 'private-hotel-grand.staff-me',
  presence_channel: 'presence-hotel-grand.staff',
};

export function staff(id: string, full_name: string, department: string | null = 'Housekeeping'): StaffMember {
  return { id, full_name, avatar: null, department, role: null };
}

/** A stored message from Bob, its timestamp `id` seconds after noon on 1 January 2025. */
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

/** A message as a view shows it: sent by Bob just now, unless `extra` says otherwise. */
export function chatMessage(id: number, text: string, extra: Partial<ChatMessage> = {}): ChatMessage {
  return { ...message(id, { message: text, timestamp: new Date().toISOString() }), status: 'sent', ...extra };
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

/** A conversation of the viewer with `other`. */
export function conversationWith(id: number, other: StaffMember, extra: Partial<Conversation> = {}): Conversation {
  return conversation(id, { participants: [ME, other], ...extra });
}
