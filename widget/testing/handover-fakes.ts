import type { Conversation, HandoverItem, Message } from '../../contract/index.js';
import { ApiError } from '../api/api-error.js';
import type { ApiClient, RequestOptions } from '../api/client.js';
import type { RealtimeEvent } from '../realtime/event-bus.js';
import { createHandovers, type Handovers } from '../state/handover/handovers.js';
import { FEATURE_CHECKS } from '../state/live/feature-checks.js';
import { createEventRouter, installFeatureChecks, type EventRouter } from '../state/live/router.js';
import type { MessageViews } from '../state/messages/views.js';
import { createFakeSession, ME, staff, type FakeSession } from './fake-session.js';
import { conversation, message } from './fixtures.js';

// What the lazily loaded chunk does when it installs: its events' payload checks join the router's.
installFeatureChecks(FEATURE_CHECKS);

/*
 * A department channel over a fake session whose handover notes are the real store
 * (state/handover/handovers.ts), behind a fake REST client that answers from a table and records
 * every call, and a real router fed by a fake bus: element tests drive what the server would say,
 * live events included.
 */

export const CHANNEL_ID = 5;
const carla = staff('carla', 'Carla Mendes', 'Housekeeping');
const dev = staff('dev', 'Dev Patel', 'Housekeeping');

/** A Housekeeping channel with the viewer, Carla and Dev. */
export function departmentChannel(extra: Partial<Conversation> = {}): Conversation {
  return conversation(CHANNEL_ID, {
    title: 'Housekeeping',
    is_group: true,
    kind: 'department',
    department: 'Housekeeping',
    participants: [ME, carla, dev],
    ...extra,
  });
}

/** An unticked checklist item. */
export function item(id: number, text: string, ticked?: { by: string; at: string }): HandoverItem {
  return {
    id,
    text,
    checked: ticked !== undefined,
    checked_by: ticked ? { id: ticked.by.toLowerCase(), full_name: ticked.by, avatar: null } : null,
    checked_at: ticked?.at ?? null,
  };
}

/** A handover note from Carla in the channel. */
export function handoverNote(id: number, summary: string, items: HandoverItem[], extra: Partial<Message> = {}): Message {
  return message(id, {
    conversation_id: CHANNEL_ID,
    sender_id: 'carla',
    sender_info: { id: 'carla', full_name: 'Carla Mendes', avatar: null },
    message: summary,
    kind: 'handover',
    handover: { items },
    timestamp: new Date(Date.now() - (1000 - id) * 60_000).toISOString(),
    ...extra,
  });
}

export interface ApiCall {
  method: string;
  path: string;
  body: unknown;
}

/** Answers by `METHOD path` (a function gets the body; an ApiError is thrown); unknown paths are a 404. */
export type Answers = Record<string, unknown>;

export interface HandoverFixture {
  fake: FakeSession;
  handovers: Handovers;
  router: EventRouter;
  calls: ApiCall[];
  answers: Answers;
  /** What the server would push on the channel's socket. */
  push(type: string, payload: unknown): void;
  /** Resolves once the fake API has been asked `METHOD path` (counting from `since` calls). */
  called(request: string, since?: number): Promise<ApiCall>;
}

export function handoverFixture(answers: Answers = {}): HandoverFixture {
  const fake = createFakeSession();
  fake.conversations.set([departmentChannel()]);
  const calls: ApiCall[] = [];
  const waiters: (() => void)[] = [];
  const answer = async (method: string, path: string, body: unknown): Promise<unknown> => {
    calls.push({ method, path, body });
    for (const wake of waiters.splice(0)) wake();
    const key = `${method} ${path.replace(/^\/staff_chat\/grand/, '')}`;
    if (!(key in answers)) throw new ApiError(404, 'not_found', `no answer for ${key}`);
    const value = answers[key];
    const result = typeof value === 'function' ? (value as (body: unknown) => unknown)(body) : value;
    if (result instanceof ApiError) throw result;
    return structuredClone(result);
  };
  const api = {
    hotelPath: (rest: string) => `/staff_chat/grand${rest}`,
    request: (path: string, options: RequestOptions = {}) => answer(options.method ?? 'GET', path, options.body),
    sendMessage: (conversationId: number, body: unknown) =>
      answer('POST', `/staff_chat/grand/conversations/${conversationId}/send-message/`, body),
  } as unknown as Pick<ApiClient, 'request' | 'hotelPath' | 'sendMessage'>;

  // The fake session's own views, seen as the store sees views, so a tick reaches the message list too.
  const views: MessageViews = {
    view: fake.view,
    has: () => true,
    get: (id) => fake.view(id).get(),
    update: (id, change) => fake.view(id).set({ ...fake.view(id).get(), ...change(fake.view(id).get()) }),
    ids: () => [],
  };
  const router = createEventRouter();
  let deliver: (event: RealtimeEvent) => void = () => undefined;
  router.attach({ onEvent: (listener) => ((deliver = listener), () => undefined) }, new AbortController().signal);
  const handovers = createHandovers({
    api,
    views,
    router,
    log: () => undefined,
    fail: (error) => fake.errorInfo.set({ message: String(error), code: 'failed' }),
  });
  fake.handovers = handovers;

  return {
    fake,
    handovers,
    router,
    calls,
    answers,
    push(type, payload) {
      deliver({
        channel: departmentChannel().channel,
        eventName: `realtime_staff_chat_${type}`,
        type,
        payload,
        meta: { event_id: `${type}-${Math.random()}` } as RealtimeEvent['meta'],
      });
    },
    async called(request, since = 0) {
      const match = () => calls.slice(since).find((call) => `${call.method} ${call.path.replace(/^\/staff_chat\/grand/, '')}` === request);
      while (!match()) await new Promise<void>((resolve) => waiters.push(resolve));
      return match()!;
    },
  };
}

/**
 * A whole department channel to look at (the audit, screenshots): a current note with ticked and
 * unticked items, two past ones, and the channel's messages with a note from a colleague and one of
 * the viewer's own (the checklist on the accent colour).
 */
export function departmentSession(): FakeSession {
  const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
  const mine = { sender_id: ME.id, sender_info: { id: ME.id, full_name: ME.full_name, avatar: null } };
  const theirs = handoverNote(
    30,
    'Early shift: wedding block done, two rooms left',
    [item(301, 'Restock trolley 2', { by: 'Dev Patel', at: at(50) }), item(302, 'Room 214 extra cot')],
    { timestamp: at(120) },
  );
  const current = handoverNote(
    40,
    'Late shift: quiet, lift 2 noisy again',
    [
      item(401, 'Report the lift 2 noise to Maintenance', { by: 'Carla Mendes', at: at(5) }),
      item(402, 'Towels to the spa by 6'),
      item(403, 'Check the minibar in 118'),
    ],
    { ...mine, timestamp: at(20) },
  );
  const fixture = handoverFixture({
    [`GET /conversations/${CHANNEL_ID}/handover/`]: { handover: current },
    [`GET /conversations/${CHANNEL_ID}/handovers/?limit=10`]: { results: [current, theirs], count: 2, has_more: true },
  });
  fixture.fake.view(CHANNEL_ID).set({
    messages: [
      { ...theirs, status: 'sent' },
      { ...message(35, { conversation_id: CHANNEL_ID, message: 'Thanks, on it.', timestamp: at(60) }), status: 'sent' },
      { ...current, status: 'sent' },
    ],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  fixture.fake.openIds.set([CHANNEL_ID]);
  return fixture.fake;
}
