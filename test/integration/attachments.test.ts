/**
 * An upload reaches the other participants live, attachments included (HotelMate notified only images),
 * through the real stack: multipart REST -> storage + file store -> notifier -> embedded hub -> unmodified
 * pusher-js; and the signed URL in the event opens the file with no token, as an `<img>` would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Conversation, Me, Message, MessageCreatedEnvelope } from '../../server/contract.js';
import { PDF, PNG } from '../../server/files/test-files.js';
import { nextEvent, startStack, subscribe, type Stack } from '../support/stack.js';

const HOTEL = 'harbour';
const anna = { id: 'anna', full_name: 'Anna Kovács' };
const ben = { id: 'ben', full_name: 'Ben Okafor' };

describe('attachments reach other participants live', { timeout: 30_000 }, () => {
  let stack: Stack;
  let tokens: { anna: string; ben: string };
  let chat: Conversation;
  const api = (path: string) => `/staff_chat/${HOTEL}${path}`;

  before(async () => {
    stack = await startStack();
    tokens = { anna: stack.token(HOTEL, anna), ben: stack.token(HOTEL, ben) };
    for (const token of Object.values(tokens)) assert.equal((await stack.call<Me>(token, 'GET', api('/me'))).status, 200);
    chat = (await stack.call<Conversation>(tokens.anna, 'POST', api('/conversations/'), { participant_ids: ['ben'] })).body;
  });
  after(() => stack.close());

  test('a photo and a PDF arrive as message_created with both attachments, and their URLs open the files', async () => {
    const client = await stack.pusher(tokens.ben);
    const subscription = await subscribe(client, chat.channel);
    assert.ok(subscription.ok);
    const received = nextEvent<MessageCreatedEnvelope>(subscription.channel, 'realtime_staff_chat_message_created');

    const form = new FormData();
    form.append('files', new Blob([PNG], { type: 'image/png' }), 'lobby.png');
    form.append('files', new Blob([PDF], { type: 'application/pdf' }), 'checklist.pdf');
    form.append('message', 'Lobby today');
    form.append('client_id', 'upload-live-1');
    const response = await fetch(`${stack.api}${api(`/conversations/${chat.id}/upload/`)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.anna}` },
      body: form,
    });
    assert.equal(response.status, 201);
    const sent = (await response.json()) as Message;

    const envelope = await received;
    assert.equal(envelope.type, 'message_created');
    assert.equal(envelope.payload.id, sent.id);
    assert.deepEqual(
      envelope.payload.attachments.map((a) => [a.file_name, a.file_type, a.mime_type]),
      [
        ['lobby.png', 'image', 'image/png'],
        ['checklist.pdf', 'pdf', 'application/pdf'],
      ],
    );
    for (const [attachment, bytes] of [[envelope.payload.attachments[0]!, PNG], [envelope.payload.attachments[1]!, PDF]] as const) {
      const file = await fetch(new URL(attachment.file_url, stack.server.url.replace('localhost', '127.0.0.1')));
      assert.equal(file.status, 200);
      assert.deepEqual(Buffer.from(await file.arrayBuffer()), bytes);
    }
  });
});
