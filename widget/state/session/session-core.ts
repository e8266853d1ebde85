/**
 * What the parts of one session (session.ts) share: its atoms and stores, and the state of the current
 * start()..stop(). One object handed to every part, so each takes what it needs by name.
 */
import type { WritableAtom } from 'nanostores';
import type { ChatConfig, Me } from '../../../server/contract.js';
import type { ApiClient } from '../../api/client.js';
import type { ConversationFeatures } from './conversation-features.js';
import type { ConversationsStore } from '../conversations/conversations.js';
import type { ErrorInfo } from '../shared/errors.js';
import type { FeatureLoader } from './lazy-features.js';
import type { MessageViews } from '../messages/views.js';
import type { OutboxStorage } from '../outbox/outbox-storage.js';
import type { ReadMarksStore } from '../conversations/read-marks.js';
import type { ConnectionState } from '../messages/types.js';

export interface SessionCore {
  api: ApiClient;
  log: (...args: unknown[]) => void;
  hotel: string;
  /** Changes with every start() and stop(): async work of an older generation must not touch state. */
  generation: number;
  /** Between a successful start and stop: what loads later joins in (the outbox sends, typing listens). */
  live: boolean;
  /** Undone, in order, by stop(). */
  cleanups: Array<() => void>;
  $status: WritableAtom<'idle' | 'loading' | 'ready' | 'error'>;
  $errorInfo: WritableAtom<ErrorInfo | null>;
  $config: WritableAtom<ChatConfig | null>;
  $me: WritableAtom<Me | null>;
  $connection: WritableAtom<ConnectionState>;
  $openConversationIds: WritableAtom<number[]>;
  conversations: ConversationsStore;
  views: MessageViews;
  readMarks: ReadMarksStore;
  storage: OutboxStorage;
  features: FeatureLoader<ConversationFeatures>;
  /** Whether a person is looking, so incoming messages count as read. */
  isPageActive(): boolean;
  /** Shows a failure that has no other place (`$error`). */
  fail(error: unknown, fallback: string): void;
}
