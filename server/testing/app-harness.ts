import Pusher from 'pusher';
import { createApp } from '../app.js';
import { signStaffToken } from '../auth/token.js';
import { loadConfig, type Config } from '../config.js';
import type { ServerExtension } from '../extension.js';
import type {
  AcknowledgementChange,
  AttachmentDeletedEvent,
  HandoverItemChange,
  Message,
  MessagesRead,
  ParticipantLeft,
  Pin,
  ReactionChange,
  StaffMember,
  Unpin,
} from '../../contract/index.js';
import type { MentionTarget } from '../notify/feature-events.js';
import { silentLogger } from '../logger.js';
import type { MessageChange } from '../notify/change-events.js';
import type { Notifier } from '../notify/notifier.js';
import { createStorage } from '../storage/index.js';
import type { Storage } from '../storage/storage.js';

export const TEST_SECRET = 'routes-test-secret-long-enough-0123456789';

/** The pusher SDK boundary, recorded instead of sent. */
export class RecordingNotifier implements Notifier {
  readonly messages: { hotel: string; message: Message; excludeSocketId: string | undefined }[] = [];
  readonly conversations: { hotel: string; conversationId: number; createdBy: string }[] = [];

  async messageCreated(hotel: string, message: Message, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.messages.push({ hotel, message, excludeSocketId: options.excludeSocketId });
  }

  async conversationCreated(hotel: string, conversationId: number, createdBy: string): Promise<void> {
    this.conversations.push({ hotel, conversationId, createdBy });
  }

  readonly changes: { hotel: string; type: MessageChange; message: Message; excludeSocketId: string | undefined }[] = [];
  readonly reactions: { hotel: string; change: ReactionChange; excludeSocketId: string | undefined }[] = [];
  readonly reads: { hotel: string; read: MessagesRead }[] = [];
  readonly joins: { hotel: string; conversationId: number; addedBy: string; addedIds: string[] }[] = [];

  async messageChanged(hotel: string, type: MessageChange, message: Message, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.changes.push({ hotel, type, message, excludeSocketId: options.excludeSocketId });
  }

  async reactionChanged(hotel: string, change: ReactionChange, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.reactions.push({ hotel, change, excludeSocketId: options.excludeSocketId });
  }

  async messagesRead(hotel: string, read: MessagesRead): Promise<void> {
    this.reads.push({ hotel, read });
  }

  async participantsAdded(hotel: string, conversationId: number, addedBy: string, addedIds: string[]): Promise<void> {
    this.joins.push({ hotel, conversationId, addedBy, addedIds });
  }

  readonly acknowledgements: { hotel: string; change: AcknowledgementChange; excludeSocketId: string | undefined }[] = [];
  readonly handoverTicks: { hotel: string; change: HandoverItemChange; excludeSocketId: string | undefined }[] = [];
  readonly departmentChanges: { hotel: string; conversationId: number }[] = [];

  async messageAcknowledged(hotel: string, change: AcknowledgementChange, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.acknowledgements.push({ hotel, change, excludeSocketId: options.excludeSocketId });
  }

  async handoverItemChanged(hotel: string, change: HandoverItemChange, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.handoverTicks.push({ hotel, change, excludeSocketId: options.excludeSocketId });
  }

  async departmentMembershipChanged(hotel: string, conversationId: number): Promise<void> {
    this.departmentChanges.push({ hotel, conversationId });
  }

  readonly mentions: { hotel: string; message: Message; targets: readonly MentionTarget[] }[] = [];
  readonly pins: { hotel: string; pinned?: Pin; unpinned?: Unpin; excludeSocketId: string | undefined }[] = [];
  readonly departures: { hotel: string; left: ParticipantLeft }[] = [];
  readonly deletedAttachments: { hotel: string; deleted: AttachmentDeletedEvent; excludeSocketId: string | undefined }[] = [];
  readonly ownViews: { hotel: string; conversationId: number; staffId: string }[] = [];

  async staffMentioned(hotel: string, message: Message, targets: readonly MentionTarget[]): Promise<void> {
    this.mentions.push({ hotel, message, targets });
  }

  async messagePinned(hotel: string, pinned: Pin, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.pins.push({ hotel, pinned, excludeSocketId: options.excludeSocketId });
  }

  async messageUnpinned(hotel: string, unpinned: Unpin, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.pins.push({ hotel, unpinned, excludeSocketId: options.excludeSocketId });
  }

  async participantLeft(hotel: string, left: ParticipantLeft): Promise<void> {
    this.departures.push({ hotel, left });
  }

  async attachmentDeleted(hotel: string, deleted: AttachmentDeletedEvent, options: { excludeSocketId?: string } = {}): Promise<void> {
    this.deletedAttachments.push({ hotel, deleted, excludeSocketId: options.excludeSocketId });
  }

  async ownViewChanged(hotel: string, conversationId: number, staffId: string): Promise<void> {
    this.ownViews.push({ hotel, conversationId, staffId });
  }
}

export const staff = (id: string, full_name: string, extra: Partial<StaffMember> = {}): StaffMember => ({
  id,
  full_name,
  avatar: null,
  department: null,
  role: null,
  ...extra,
});

export interface RequestOptions {
  token?: string;
  body?: unknown;
  /** Sent as is, instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/**
 * An app over a fresh in-memory database, a recording notifier and a real `pusher` SDK instance (which
 * only signs here, never sends). Call `close()` after the tests.
 */
export async function createTestApp(env: Record<string, string> = {}, { extension }: { extension?: ServerExtension } = {}) {
  const config: Config = loadConfig({
    STAFF_CHAT_JWT_SECRET: TEST_SECRET,
    PUSHER_APP_ID: '4242',
    PUSHER_KEY: 'test-key',
    PUSHER_SECRET: 'test-pusher-secret',
    ...env,
  });
  const storage: Storage = await createStorage('file::memory:');
  await extension?.prepare?.(storage);
  const pusher = new Pusher({ appId: '4242', key: 'test-key', secret: 'test-pusher-secret', host: '127.0.0.1', port: '9' });
  const notifier = new RecordingNotifier();
  const app = createApp({ config, storage, pusher, notifier, log: silentLogger, ...(extension && { extension }) });

  /** A valid token for `sub` (named after them), in hotel `grand` unless told otherwise. */
  const tokenFor = (sub: string, hotel = 'grand', name = `Name of ${sub}`) => signStaffToken({ sub, hotel, name }, TEST_SECRET);

  /** `method path` under the API base, JSON in and out. */
  const call = async (method: string, path: string, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] ??= 'application/json';
    }
    const response = await app.request(`${config.apiBase}${path}`, { method, headers, ...(body !== undefined && { body }) });
    const text = await response.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    return { status: response.status, headers: response.headers, json };
  };

  return { app, config, storage, pusher, notifier, tokenFor, call, close: () => storage.close() };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

/** Narrows a JSON body for assertions; tests check shapes with assert.deepEqual/partial checks. */
export function body<T>(json: unknown): T {
  return json as T;
}

/**
 * The cast most route tests need: anna, ben and cara of `grand` with an anna–ben conversation, and zed
 * and yves of `other` with theirs (for "another hotel's id" cases).
 */
export async function seedTwoHotels(t: TestApp): Promise<{ conversationId: number; foreignConversationId: number }> {
  for (const id of ['anna', 'ben', 'cara']) await t.storage.upsertStaff('grand', staff(id, id.toUpperCase()));
  await t.storage.upsertStaff('other', staff('zed', 'Zed'));
  await t.storage.upsertStaff('other', staff('yves', 'Yves'));
  const { conversationId } = await t.storage.createConversation('grand', {
    createdBy: 'anna',
    participantIds: ['anna', 'ben'],
    title: null,
  });
  const { conversationId: foreignConversationId } = await t.storage.createConversation('other', {
    createdBy: 'zed',
    participantIds: ['zed', 'yves'],
    title: null,
  });
  return { conversationId, foreignConversationId };
}
