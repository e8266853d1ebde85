/**
 * The authorization matrix of department channels and what lives in them (urgent acknowledgements,
 * handover notes): members of the department, staff of another department or none, and another hotel's
 * staff with a member's id and department, through the real server and hub with pusher-js. Every
 * forbidden cell is refused and leaves every table as it was; the member's requests work; nobody adds
 * people to a department channel by hand.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { signStaffToken } from '../../server/auth/token.js';
import type { ConversationList, Message } from '../../contract/index.js';
import { postgresUnreachable } from '../soak/database.js';
import { isErrorShape, SECRET, startHardenedStack, type HardenedStack } from './hardened-stack.js';

type Cell =
  | 'member'
  | 'own hotel, another department'
  | 'own hotel, no department'
  | "other hotel, member's id and department"
  | 'other hotel, another person';

const ACTORS: Record<Cell, { hotel: string; sub: string; department?: string }> = {
  member: { hotel: 'grand', sub: 'anna', department: 'Housekeeping' },
  'own hotel, another department': { hotel: 'grand', sub: 'cora', department: 'Kitchen' },
  'own hotel, no department': { hotel: 'grand', sub: 'dan' },
  "other hotel, member's id and department": { hotel: 'other', sub: 'anna', department: 'Housekeeping' },
  'other hotel, another person': { hotel: 'other', sub: 'olga', department: 'Kitchen' },
};
const FORBIDDEN = (Object.keys(ACTORS) as Cell[]).filter((cell) => cell !== 'member');

for (const kind of ['sqlite', 'postgres'] as const) {
  const unreachable = kind === 'postgres' ? await postgresUnreachable() : undefined;
  if (unreachable && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${unreachable}`);

  describe(`department channel authorization (${kind})`, { ...(unreachable && { skip: `PostgreSQL unreachable: ${unreachable}` }) }, () => {
    let stack: HardenedStack;
    let channel: { id: number; channel: string };
    let urgentId: number;
    let note: Message;
    const token = (cell: Cell) => {
      const { hotel, sub, department } = ACTORS[cell];
      return signStaffToken({ sub, hotel, name: `Name of ${sub}`, ...(department && { department }) }, SECRET);
    };
    const ben = () => signStaffToken({ sub: 'ben', hotel: 'grand', name: 'Ben', department: 'Housekeeping' }, SECRET);

    before(async () => {
      stack = await startHardenedStack(kind);
      for (const cell of Object.keys(ACTORS) as Cell[]) {
        assert.equal((await stack.request('GET', `/staff_chat/${ACTORS[cell].hotel}/me`, { token: token(cell) })).status, 200);
      }
      const list = (await stack.request('GET', '/staff_chat/grand/conversations/', { token: ben() })).json as ConversationList;
      const found = list.results.find((conversation) => conversation.department === 'Housekeeping');
      assert.ok(found);
      channel = found;
      const send = async (body: unknown) =>
        (await stack.request('POST', `/staff_chat/grand/conversations/${channel.id}/send-message/`, { token: ben(), body }))
          .json as Message;
      urgentId = (await send({ message: 'urgent', requires_acknowledgement: true })).id;
      note = await send({ message: 'Night', handover_items: ['Room 12'] });
    });
    after(() => stack?.close());

    const requests = (hotel: string) => {
      const c = `/staff_chat/${hotel}/conversations/${channel.id}`;
      const m = `/staff_chat/${hotel}/messages`;
      const item = note.handover!.items[0]!.id;
      return [
        { name: 'messages', method: 'GET', path: `${c}/messages/` },
        { name: 'send-message', method: 'POST', path: `${c}/send-message/`, body: { message: 'intruder', client_id: `intruder-${hotel}` } },
        {
          name: 'send a handover',
          method: 'POST',
          path: `${c}/send-message/`,
          body: { message: 'fake', handover_items: ['x'], client_id: `fake-${hotel}` },
        },
        { name: 'acknowledge', method: 'POST', path: `${m}/${urgentId}/acknowledge/` },
        { name: 'handover', method: 'GET', path: `${c}/handover/` },
        { name: 'handovers', method: 'GET', path: `${c}/handovers/` },
        { name: 'tick', method: 'PATCH', path: `${m}/${note.id}/handover/items/${item}/`, body: { checked: true } },
      ];
    };

    test('every forbidden cell is refused on every endpoint, and nothing is stored', async () => {
      const before_ = await stack.database.snapshot();
      const failures: string[] = [];
      for (const cell of FORBIDDEN) {
        for (const hotel of new Set([ACTORS[cell].hotel, 'grand'])) {
          for (const request of [
            ...requests(hotel),
            {
              name: 'participants',
              method: 'POST',
              path: `/staff_chat/${hotel}/conversations/${channel.id}/participants/`,
              body: { participant_ids: ['dan'] },
            },
          ]) {
            const response = await stack.request(request.method, request.path, {
              token: token(cell),
              ...(request.body && { body: request.body }),
            });
            const refused = [403, 404].includes(response.status) && isErrorShape(response.json);
            if (!refused) failures.push(`${cell}, ${request.name} on /${hotel}/: ${response.status} ${response.text.slice(0, 120)}`);
          }
        }
        const pending = (await stack.request('GET', `/staff_chat/${ACTORS[cell].hotel}/acknowledgements/pending/`, { token: token(cell) }))
          .json as { results: Message[] };
        if (pending.results.length > 0) failures.push(`${cell}: pending shows another department's message`);
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(await stack.database.snapshot(), before_);
    });

    test('only members subscribe to the channel, through the real hub', async () => {
      const failures: string[] = [];
      for (const cell of Object.keys(ACTORS) as Cell[]) {
        const client = await stack.pusher(token(cell));
        const subscribed = await new Promise<boolean>((resolve) => {
          const subscription = client.subscribe(channel.channel);
          subscription.bind('pusher:subscription_succeeded', () => resolve(true));
          subscription.bind('pusher:subscription_error', () => resolve(false));
        });
        if (subscribed !== (cell === 'member')) failures.push(`${cell}: ${subscribed ? 'subscribed' : 'refused'}`);
        client.disconnect();
      }
      assert.deepEqual(failures, []);
    });

    test('the member works on every endpoint, and even they cannot add people by hand', async () => {
      const failures: string[] = [];
      for (const request of requests('grand')) {
        const response = await stack.request(request.method, request.path, {
          token: token('member'),
          ...(request.body && { body: request.body }),
        });
        if (response.status < 200 || response.status > 299)
          failures.push(`${request.name}: ${response.status} ${response.text.slice(0, 120)}`);
      }
      assert.deepEqual(failures, []);
      const add = await stack.request('POST', `/staff_chat/grand/conversations/${channel.id}/participants/`, {
        token: token('member'),
        body: { participant_ids: ['dan'] },
      });
      assert.equal(add.status, 409);
      assert.ok(isErrorShape(add.json) && add.json.error.code === 'department_channel');
    });
  });
}
