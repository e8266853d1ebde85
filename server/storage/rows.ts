import { previewText, type LastMessage, type Message, type StaffMember } from '../../contract/index.js';

/** A message row joined with its sender and the message it replies to (see `selectMessages`). */
export interface MessageRow {
  id: number;
  conversation_id: number;
  client_id: string | null;
  sender_id: string;
  sender_name: string;
  sender_avatar: string | null;
  message: string;
  created_at: string;
  reply_to: number | null;
  reply_message: string | null;
  reply_sender_id: string | null;
  reply_sender_name: string | null;
  is_edited: number;
  is_deleted: number;
  edited_at: string | null;
  deleted_at: string | null;
}

export function toMessage(row: MessageRow): Message {
  return {
    id: row.id,
    conversation_id: row.conversation_id,
    client_id: row.client_id,
    sender_id: row.sender_id,
    sender_info: { id: row.sender_id, full_name: row.sender_name, avatar: row.sender_avatar },
    message: row.message,
    timestamp: row.created_at,
    reply_to: row.reply_to,
    reply_to_message:
      row.reply_to !== null && row.reply_message !== null
        ? {
            id: row.reply_to,
            message: previewText(row.reply_message),
            sender_id: row.reply_sender_id ?? '',
            sender_name: row.reply_sender_name ?? '',
          }
        : null,
    attachments: [],
    is_edited: row.is_edited === 1,
    is_deleted: row.is_deleted === 1,
    edited_at: row.edited_at,
    deleted_at: row.deleted_at,
    // Filled in by `withReactions` (reaction-queries.ts) where a message can have any.
    reactions: [],
    // Filled in by the acknowledgement and handover extras for the messages that are urgent or handovers.
    kind: 'text',
    requires_acknowledgement: false,
    acknowledgements: null,
    handover: null,
    // Filled in by `mentionsExtra` and `forwardsExtra`.
    mentions: [],
    mentioned_staff: [],
    mentioned_departments: [],
    forwarded_from: null,
  };
}

export interface StaffRow {
  id: string;
  full_name: string;
  avatar: string | null;
  department: string | null;
  role: string | null;
}

export function toStaff(row: StaffRow): StaffMember {
  return { id: row.id, full_name: row.full_name, avatar: row.avatar, department: row.department, role: row.role };
}

/** The last-message columns of a conversation row (all null when it has no message yet). */
export interface LastMessageColumns {
  last_id: number | null;
  last_sender_id: string | null;
  last_sender_name: string | null;
  last_message: string | null;
  last_at: string | null;
  last_is_deleted: number | null;
  last_attachment_name: string | null;
}

export function toLastMessage(row: LastMessageColumns): LastMessage | null {
  if (row.last_id === null || row.last_sender_id === null || row.last_message === null || row.last_at === null) {
    return null;
  }
  const last: LastMessage = {
    id: row.last_id,
    sender_id: row.last_sender_id,
    sender_name: row.last_sender_name ?? '',
    message: previewText(row.last_message),
    timestamp: row.last_at,
  };
  // Only when they say something, so a plain text message keeps its old shape.
  if (row.last_is_deleted) last.is_deleted = true;
  else if (row.last_attachment_name) last.attachment_name = row.last_attachment_name;
  return last;
}
