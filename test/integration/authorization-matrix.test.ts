/**
 * The authorization matrix: own hotel or another hotel × participant or not, on every endpoint that
 * touches a conversation and on each channel kind (conversation, personal, presence), through the real
 * server and the real hub with pusher-js. Every forbidden cell is refused and leaves every table as it
 * was; the one allowed cell works.
 *
 * Within the group, some writes are one person's only: removing someone is the creator's (or an admin
 * role's), deleting a file is its author's; the other participants are refused those too.
 *
 * "Another hotel, participant" is the dangerous cell: a staff member of another hotel whose id equals a
 * participant's (ids are the portals' strings, unique per hotel only).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Conversation, ConversationList, Message, SearchPage, StaffList, UnreadCount } from '../../contract/index.js';
import { PNG } from '../../server/testing/sample-files.js';
import { postgresUnreachable } from '../soak/database.js';
import { multipartBody, sendUpload } from '../support/upload-client.js';
import { isErrorShape, startHardenedStack, type HardenedStack } from './hardened-stack.js';

type Cell = 'own hotel, participant' | 'own hotel, not a participant' | "other hotel, participant's id" | 'other hotel, not a participant';

const ACTORS: Record<Cell, { hotel: string; sub: string }> = {
  'own hotel, participant': { hotel: 'grand', sub: 'anna' },
  'own hotel, not a participant': { hotel: 'grand', sub: 'cora' },
  "other hotel, participant's id": { hotel: 'other', sub: 'anna' },
  'other hotel, not a participant': { hotel: 'other', sub: 'olga' },
};
const FORBIDDEN = Object.keys(ACTORS).filter((cell) => cell !== 'own hotel, participant') as Cell[];

for (const kind of ['sqlite', 'postgres'] as const) {
  const unreachable = kind === 'postgres' ? await postgresUnreachable() : undefined;
  if (unreachable && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${unreachable}`);

  describe(`authorization matrix (${kind})`, { ...(unreachable && { skip: `PostgreSQL unreachable: ${unreachable}` }) }, () => {
    let stack: HardenedStack;
    let group: Conversation;
    let messageId: number;
    let otherMessageId: number;
    let urgentId: number;
    let attachmentId: number;
    /** A message each forbidden cell may read, in a conversation of their own: what they try to forward into the group. */
    let ownMessage: Record<Cell, number>;
    const uploads = mkdtempSync(join(tmpdir(), 'staff-chat-matrix-'));
    const token = (cell: Cell) => stack.token(ACTORS[cell].hotel, ACTORS[cell].sub);

    before(async () => {
      stack = await startHardenedStack(kind, { STAFF_CHAT_UPLOAD_DIR: uploads });
      for (const [hotel, sub] of [
        ['grand', 'anna'],
        ['grand', 'ben'],
        ['grand', 'cora'],
        ['grand', 'eve'],
        ['grand', 'fay'],
        ['other', 'anna'],
        ['other', 'olga'],
      ]) {
        assert.equal((await stack.request('GET', `/staff_chat/${hotel}/me`, { token: stack.token(hotel!, sub!) })).status, 200);
      }
      const anna = stack.token('grand', 'anna');
      group = (
        await stack.request('POST', '/staff_chat/grand/conversations/', {
          token: anna,
          body: { participant_ids: ['ben', 'eve'], title: 'Night shift' },
        })
      ).json as Conversation;
      const send = async (text: string) =>
        (
          (
            await stack.request('POST', `/staff_chat/grand/conversations/${group.id}/send-message/`, {
              token: anna,
              body: { message: text },
            })
          ).json as Message
        ).id;
      // Anna's own messages, so that she, and only she, may edit and delete them.
      messageId = await send('first');
      otherMessageId = await send('second');
      // Ben's urgent message, which anna (a recipient) may acknowledge.
      urgentId = (
        (
          await stack.request('POST', `/staff_chat/grand/conversations/${group.id}/send-message/`, {
            token: stack.token('grand', 'ben'),
            body: { message: 'urgent', requires_acknowledgement: true },
          })
        ).json as Message
      ).id;
      // Anna's file in the group, which only she may delete.
      const upload = await sendUpload(
        `${stack.origin}/api/staff_chat/grand/conversations/${group.id}/upload/`,
        multipartBody([
          { name: 'message', value: 'the lobby' },
          { name: 'files', fileName: 'lobby.png', type: 'image/png', head: PNG },
        ]),
        { token: anna },
      );
      assert.equal(upload.status, 201, JSON.stringify(upload.json));
      attachmentId = (upload.json as Message).attachments[0]!.id;
      // The other hotel has a conversation of its own, with the same-id anna in it.
      const otherHotel = (
        await stack.request('POST', '/staff_chat/other/conversations/', {
          token: stack.token('other', 'anna'),
          body: { participant_ids: ['olga'] },
        })
      ).json as Conversation;
      const coraOwn = (
        await stack.request('POST', '/staff_chat/grand/conversations/', {
          token: stack.token('grand', 'cora'),
          body: { participant_ids: ['fay'] },
        })
      ).json as Conversation;
      const sendIn = async (hotel: string, sub: string, conversationId: number) =>
        (
          (
            await stack.request('POST', `/staff_chat/${hotel}/conversations/${conversationId}/send-message/`, {
              token: stack.token(hotel, sub),
              body: { message: `from ${sub}` },
            })
          ).json as Message
        ).id;
      const otherMessage = await sendIn('other', 'olga', otherHotel.id);
      ownMessage = {
        'own hotel, participant': messageId,
        'own hotel, not a participant': await sendIn('grand', 'cora', coraOwn.id),
        "other hotel, participant's id": otherMessage,
        'other hotel, not a participant': otherMessage,
      };
    });
    after(async () => {
      await stack?.close();
      rmSync(uploads, { recursive: true, force: true });
    });

    /** Every request a participant may make about the group, on the path of hotel `hotel`. */
    const requests = (hotel: string) => {
      const c = `/staff_chat/${hotel}/conversations/${group.id}`;
      const m = `/staff_chat/${hotel}/messages`;
      return [
        { name: 'messages', method: 'GET', path: `${c}/messages/` },
        { name: 'catch-up', method: 'GET', path: `${c}/messages/?after_id=0` },
        { name: 'send-message', method: 'POST', path: `${c}/send-message/`, body: { message: 'intruder', client_id: `intruder-${hotel}` } },
        { name: 'mark_as_read', method: 'POST', path: `${c}/mark_as_read/`, body: {} },
        { name: 'participants', method: 'POST', path: `${c}/participants/`, body: { participant_ids: ['fay'] } },
        { name: 'edit', method: 'PATCH', path: `${m}/${messageId}/edit/`, body: { message: 'rewritten' } },
        { name: 'react', method: 'POST', path: `${m}/${messageId}/react/`, body: { emoji: '👍' } },
        { name: 'unreact', method: 'DELETE', path: `${m}/${messageId}/react/${encodeURIComponent('👍')}/` },
        { name: 'delete', method: 'DELETE', path: `${m}/${otherMessageId}/delete/` },
        { name: 'search in the group', method: 'GET', path: `/staff_chat/${hotel}/search/?q=first&conversation_id=${group.id}` },
        { name: 'acknowledge', method: 'POST', path: `${m}/${urgentId}/acknowledge/` },
        { name: 'handover', method: 'GET', path: `${c}/handover/` },
        { name: 'handovers', method: 'GET', path: `${c}/handovers/` },
        { name: 'pin', method: 'POST', path: `${m}/${messageId}/pin/` },
        { name: 'pins', method: 'GET', path: `${c}/pins/` },
        { name: 'unpin', method: 'DELETE', path: `${m}/${messageId}/pin/` },
        { name: 'mute', method: 'POST', path: `${c}/mute/` },
        { name: 'unmute', method: 'DELETE', path: `${c}/mute/` },
        { name: 'archive', method: 'POST', path: `${c}/archive/` },
        { name: 'unarchive', method: 'DELETE', path: `${c}/archive/` },
        { name: 'forward out of the group', method: 'POST', path: `${m}/${messageId}/forward/`, body: { conversation_ids: [group.id] } },
        { name: 'delete a file', method: 'DELETE', path: `/staff_chat/${hotel}/attachments/${attachmentId}/delete/` },
        // `participants` above added fay (for the allowed cell); leaving comes last, as it ends the cell's part.
        { name: 'remove a participant', method: 'DELETE', path: `${c}/participants/fay/` },
        { name: 'leave', method: 'POST', path: `${c}/leave/` },
      ];
    };

    test('every forbidden cell is refused on every endpoint, and nothing is stored', async () => {
      const before_ = await stack.database.snapshot();
      const failures: string[] = [];
      for (const cell of FORBIDDEN) {
        const actor = ACTORS[cell];
        // On their own hotel's path, and on the group's hotel's path.
        for (const hotel of new Set([actor.hotel, 'grand'])) {
          const forwardIn = {
            name: 'forward into the group',
            method: 'POST',
            path: `/staff_chat/${hotel}/messages/${ownMessage[cell]}/forward/`,
            body: { conversation_ids: [group.id] },
          };
          for (const request of [...requests(hotel), forwardIn]) {
            const response = await stack.request(request.method, request.path, {
              token: token(cell),
              ...(request.body && { body: request.body }),
            });
            const refused = [403, 404].includes(response.status) && isErrorShape(response.json);
            if (!refused) failures.push(`${cell}, ${request.name} on /${hotel}/: ${response.status} ${response.text.slice(0, 120)}`);
          }
        }
        const unread = (await stack.request('GET', `/staff_chat/${actor.hotel}/conversations/unread-count/`, { token: token(cell) }))
          .json as UnreadCount;
        if (unread.breakdown.some((entry) => entry.conversation_id === group.id))
          failures.push(`${cell}: the unread count counts the group`);
        // Lists show nothing of the group or of the other hotel.
        const list = (await stack.request('GET', `/staff_chat/${actor.hotel}/conversations/`, { token: token(cell) }))
          .json as ConversationList;
        if (actor.hotel === 'grand' ? list.results.some((c) => c.id === group.id) : list.results.some((c) => c.hotel !== 'other')) {
          failures.push(`${cell}: the conversation list shows what it must not`);
        }
        // A search of everything they may read finds none of the group's messages.
        const found = await stack.request('GET', `/staff_chat/${actor.hotel}/search/?q=first`, { token: token(cell) });
        if (found.status !== 200 || (found.json as SearchPage).results.length !== 0)
          failures.push(`${cell}: search shows what it must not (${found.status} ${found.text.slice(0, 120)})`);
        const pending = (await stack.request('GET', `/staff_chat/${actor.hotel}/acknowledgements/pending/`, { token: token(cell) }))
          .json as { results: Message[] };
        if (pending.results.length > 0) failures.push(`${cell}: the pending acknowledgements show another conversation's message`);
        const directory = (await stack.request('GET', `/staff_chat/${actor.hotel}/staff-list/`, { token: token(cell) })).json as StaffList;
        const expected = actor.hotel === 'grand' ? ['anna', 'ben', 'cora', 'eve', 'fay'] : ['anna', 'olga'];
        if (!directory.results.every((member) => expected.includes(member.id)))
          failures.push(`${cell}: the directory shows another hotel's staff`);
      }
      assert.deepEqual(failures, []);
      assert.deepEqual(await stack.database.snapshot(), before_);
    });

    test('channels: only the allowed cells subscribe, through the real hub', async () => {
      const channels = {
        conversation: group.channel,
        personal: 'private-hotel-grand.staff-anna',
        presence: 'presence-hotel-grand.staff',
      };
      const allowed = (cell: Cell, channelKind: keyof typeof channels) =>
        cell === 'own hotel, participant' || (channelKind === 'presence' && ACTORS[cell].hotel === 'grand');
      const failures: string[] = [];
      for (const cell of Object.keys(ACTORS) as Cell[]) {
        const client = await stack.pusher(token(cell));
        for (const [channelKind, name] of Object.entries(channels) as [keyof typeof channels, string][]) {
          const subscribed = await new Promise<boolean>((resolve) => {
            const channel = client.subscribe(name);
            channel.bind('pusher:subscription_succeeded', () => resolve(true));
            channel.bind('pusher:subscription_error', () => resolve(false));
          });
          if (subscribed !== allowed(cell, channelKind))
            failures.push(`${cell} on the ${channelKind} channel: ${subscribed ? 'subscribed' : 'refused'}`);
        }
        client.disconnect();
      }
      assert.deepEqual(failures, []);
    });

    test("participants are refused what is the creator's or the author's, and nothing is stored", async () => {
      const before_ = await stack.database.snapshot();
      const ben = stack.token('grand', 'ben');
      const refusals = [
        {
          name: 'ben removes eve',
          response: await stack.request('DELETE', `/staff_chat/grand/conversations/${group.id}/participants/eve/`, { token: ben }),
          code: 'not_allowed',
        },
        {
          name: 'ben removes the creator',
          response: await stack.request('DELETE', `/staff_chat/grand/conversations/${group.id}/participants/anna/`, { token: ben }),
          code: 'not_allowed',
        },
        {
          name: "ben deletes anna's file",
          response: await stack.request('DELETE', `/staff_chat/grand/attachments/${attachmentId}/delete/`, { token: ben }),
          code: 'not_author',
        },
      ];
      const failures = refusals
        .filter(({ response, code }) => response.status !== 403 || !isErrorShape(response.json) || response.json.error.code !== code)
        .map(({ name, response }) => `${name}: ${response.status} ${response.text.slice(0, 120)}`);
      assert.deepEqual(failures, []);
      assert.deepEqual(await stack.database.snapshot(), before_);
    });

    test('the allowed cell works on every endpoint, and the server answers normally', async () => {
      const failures: string[] = [];
      for (const request of requests('grand')) {
        const response = await stack.request(request.method, request.path, {
          token: token('own hotel, participant'),
          ...(request.body && { body: request.body }),
        });
        if (response.status < 200 || response.status > 299)
          failures.push(`${request.name}: ${response.status} ${response.text.slice(0, 120)}`);
      }
      assert.deepEqual(failures, []);
      const page = (
        await stack.request('GET', `/staff_chat/grand/conversations/${group.id}/messages/`, { token: stack.token('grand', 'ben') })
      ).json as { messages: Message[] };
      assert.ok(page.messages.some((message) => message.message === 'intruder' && message.sender_id === 'anna'));
      const found = (await stack.request('GET', '/staff_chat/grand/search/?q=intruder', { token: stack.token('grand', 'eve') }))
        .json as SearchPage;
      assert.deepEqual(
        found.results.map((result) => result.conversation_id),
        [group.id],
        "a participant finds the group's messages",
      );
      // Anna left last: from then on the group is not hers to read, search or count.
      const annaToken = token('own hotel, participant');
      assert.equal((await stack.request('GET', `/staff_chat/grand/conversations/${group.id}/messages/`, { token: annaToken })).status, 403);
      assert.deepEqual(
        ((await stack.request('GET', '/staff_chat/grand/search/?q=intruder', { token: annaToken })).json as SearchPage).results,
        [],
        'a leaver no longer finds the group',
      );
      const unread = (await stack.request('GET', '/staff_chat/grand/conversations/unread-count/', { token: annaToken }))
        .json as UnreadCount;
      assert.ok(!unread.breakdown.some((entry) => entry.conversation_id === group.id));
    });
  });
}
