import assert from 'node:assert/strict';
import type { Conversation, ConversationList, Message, MessagePage, PinList } from '../../contract/index.js';
import { PNG } from './sample-files.js';

/** One API answer, as the fault tests read it. */
export interface ApiAnswer {
  status: number;
  retryAfter: string | null;
  json: unknown;
}

/**
 * A request to `/staff_chat/{hotel}{path}` as `sub`, whose token puts them in the department the
 * cast shares; a `FormData` body is sent as multipart, anything else as JSON.
 */
export type ApiCall = (sub: string, method: string, path: string, body?: unknown) => Promise<ApiAnswer>;

/** A write the fault tests try while the database is away, and then again until it is stored. */
export interface FeatureWrite {
  name: string;
  method: string;
  path: string;
  body?: unknown;
  /** The status of the attempt that stores it (201, not 200 "already", for those that tell them apart). */
  ok: number;
}

/** What the API shows of every {@link FeatureWrite}: equal before and after a refused attempt. */
export interface FeatureState {
  acknowledgedBy: string[];
  tickedBy: string | null;
  pins: number;
  muted: boolean;
  archived: boolean;
  handoverNotes: number;
  /** Forwarded copies in the two groups `actor` forwards to. */
  forwardedCopies: number;
  attachments: number;
  /** The participants of the group `actor` removes `other` from, and of the one `actor` leaves. */
  removalGroup: string[];
  leftGroup: string[];
}

/**
 * The writes of urgent messages, handover notes, pins and conversation housekeeping, each set up
 * through the API by three colleagues of one department (`call` must sign their tokens so): `owner`
 * sends an urgent message and a handover note to the department channel and makes two groups; `actor`
 * makes a group of its own and a message with a file. Then `actor` acknowledges, pins, ticks, mutes,
 * archives, hands over a note, forwards a notice to two groups, deletes the file, removes `other` from
 * its group and leaves `owner`'s.
 * For the database-outage tests (server/storage/sqlite-faults.test.ts, test/integration/database-faults.test.ts),
 * so that both databases are held to the same list.
 *
 * @example
 * const { writes, state, stored } = await prepareFeatureWrites(call, { actor: 'hugo', owner: 'hana', other: 'ines' });
 * const before = await state(); // …each write refused while the database is away… deepEqual(await state(), before)
 */
export async function prepareFeatureWrites(call: ApiCall, cast: { actor: string; owner: string; other: string }) {
  const { actor, owner, other } = cast;
  const json = async <T>(answer: Promise<ApiAnswer>, expected: number, what: string): Promise<T> => {
    const { status, json: body } = await answer;
    if (status !== expected) throw new Error(`${what} answered ${status}: ${JSON.stringify(body)}`);
    return body as T;
  };
  for (const sub of [owner, actor, other]) await json(call(sub, 'GET', '/me'), 200, `GET /me for ${sub}`);
  const channel = (await json<ConversationList>(call(owner, 'GET', '/conversations/'), 200, 'the list')).results.find(
    (c) => c.kind === 'department',
  );
  if (!channel) throw new Error(`${owner}'s token names no department`);
  const group = (creator: string, others: string[], title: string) =>
    json<Conversation>(call(creator, 'POST', '/conversations/', { participant_ids: others, title }), 201, `the group ${title}`);
  const settingsGroup = await group(owner, [actor, other], 'Late shift');
  const leftGroup = await group(owner, [actor, other], 'Breakfast');
  const removalGroup = await group(actor, [owner, other], 'Spa');
  const send = (conversationId: number, body: object) =>
    json<Message>(
      call(owner, 'POST', `/conversations/${conversationId}/send-message/`, { message: 'Night shift', ...body }),
      201,
      'a message',
    );
  const urgent = await send(channel.id, { requires_acknowledgement: true });
  const note = await send(channel.id, { handover_items: ['Room 12 towels', 'Lift 2'] });
  const notice = await send(channel.id, { message: 'The pool closes at 8 tonight' });
  const form = new FormData();
  form.append('files', new Blob([PNG], { type: 'image/png' }), 'lost-scarf.png');
  const withFile = await json<Message>(call(actor, 'POST', `/conversations/${settingsGroup.id}/upload/`, form), 201, 'the upload');
  const item = note.handover!.items[0]!;

  const writes: FeatureWrite[] = [
    { name: 'acknowledge', method: 'POST', path: `/messages/${urgent.id}/acknowledge/`, ok: 201 },
    { name: 'pin', method: 'POST', path: `/messages/${note.id}/pin/`, ok: 201 },
    { name: 'tick', method: 'PATCH', path: `/messages/${note.id}/handover/items/${item.id}/`, body: { checked: true }, ok: 200 },
    // Before archive: a new message, a forwarded copy too, brings an archived conversation back.
    {
      name: 'forward',
      method: 'POST',
      path: `/messages/${notice.id}/forward/`,
      body: { conversation_ids: [settingsGroup.id, removalGroup.id] },
      ok: 201,
    },
    { name: 'mute', method: 'POST', path: `/conversations/${settingsGroup.id}/mute/`, ok: 200 },
    { name: 'archive', method: 'POST', path: `/conversations/${settingsGroup.id}/archive/`, ok: 200 },
    {
      name: 'handover note',
      method: 'POST',
      path: `/conversations/${channel.id}/send-message/`,
      body: { message: 'Morning shift', handover_items: ['Pool towels'], client_id: 'feature-writes-handover' },
      ok: 201,
    },
    { name: 'attachment delete', method: 'DELETE', path: `/attachments/${withFile.attachments[0]!.id}/delete/`, ok: 200 },
    { name: 'remove', method: 'DELETE', path: `/conversations/${removalGroup.id}/participants/${other}/`, ok: 200 },
    { name: 'leave', method: 'POST', path: `/conversations/${leftGroup.id}/leave/`, ok: 200 },
  ];

  const messagesOf = async (conversationId: number) =>
    (await json<MessagePage>(call(owner, 'GET', `/conversations/${conversationId}/messages/`), 200, 'the messages')).messages;
  /** `conversationId` as `sub`'s list shows it (archived ones are listed apart). */
  const listed = async (sub: string, conversationId: number): Promise<Conversation | undefined> => {
    for (const query of ['', '?archived=1']) {
      const found = (await json<ConversationList>(call(sub, 'GET', `/conversations/${query}`), 200, `${sub}'s list`)).results.find(
        (c) => c.id === conversationId,
      );
      if (found) return found;
    }
    return undefined;
  };
  const participantsOf = async (conversationId: number) =>
    ((await listed(owner, conversationId))?.participants ?? []).map((staff) => staff.id).sort();

  /** What the API shows now; reads only, so it may run while the database is back. */
  const state = async (): Promise<FeatureState> => {
    const inChannel = await messagesOf(channel.id);
    const view = await listed(actor, settingsGroup.id);
    return {
      acknowledgedBy: inChannel.find((message) => message.id === urgent.id)?.acknowledgements?.acknowledged.map((entry) => entry.id) ?? [],
      tickedBy:
        inChannel.find((message) => message.id === note.id)?.handover?.items.find((entry) => entry.id === item.id)?.checked_by?.id ?? null,
      pins: (await json<PinList>(call(owner, 'GET', `/conversations/${channel.id}/pins/`), 200, 'the pins')).count,
      muted: view?.is_muted ?? false,
      archived: view?.is_archived ?? false,
      handoverNotes: inChannel.filter((message) => message.kind === 'handover').length,
      forwardedCopies: (await Promise.all([settingsGroup.id, removalGroup.id].map(messagesOf)))
        .flat()
        .filter((message) => message.forwarded_from).length,
      attachments: (await messagesOf(settingsGroup.id)).find((message) => message.id === withFile.id)?.attachments.length ?? 0,
      removalGroup: await participantsOf(removalGroup.id),
      leftGroup: await participantsOf(leftGroup.id),
    };
  };

  /** {@link state} once every write is stored. */
  const stored = (before: FeatureState): FeatureState => ({
    acknowledgedBy: [actor],
    tickedBy: actor,
    pins: before.pins + 1,
    muted: true,
    archived: true,
    handoverNotes: before.handoverNotes + 1,
    forwardedCopies: before.forwardedCopies + 2,
    attachments: before.attachments - 1,
    removalGroup: before.removalGroup.filter((id) => id !== other),
    leftGroup: before.leftGroup.filter((id) => id !== actor),
  });

  return { writes, state, stored };
}

/** A refusal because the database is away: 503 `database_unavailable`, Retry-After in whole seconds, the one error shape. */
export function assertDatabaseUnavailable(answer: ApiAnswer, what: string): void {
  assert.equal(answer.status, 503, `${what}: ${answer.status} ${JSON.stringify(answer.json)}`);
  assert.deepEqual(Object.keys(answer.json as object), ['error'], `${what}: the one error shape`);
  assert.equal((answer.json as { error: { code: string } }).error.code, 'database_unavailable', what);
  assert.match(answer.retryAfter ?? '', /^[1-9]\d*$/, `${what}: Retry-After`);
}
