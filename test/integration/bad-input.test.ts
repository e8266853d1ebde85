/**
 * Every endpoint refuses malformed input with the one error shape and stores nothing: wrong types,
 * missing fields, huge bodies, invalid UTF-8, unknown ids, another hotel's ids, expired or forged
 * tokens, tokens of another algorithm, path tricks. Table-driven, through the real server on SQLite
 * and PostgreSQL; afterwards every table is exactly as before and the server still answers normally.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import WebSocket from 'ws';
import { signStaffToken } from '../../server/auth/token.js';
import {
  MAX_FORWARD_TARGETS,
  MAX_MENTIONS,
  MAX_PINS,
  type ChatConfig,
  type Conversation,
  type ConversationList,
  type Message,
} from '../../contract/index.js';
import { postgresUnreachable } from '../soak/database.js';
import { isErrorShape, SECRET, startHardenedStack, type HardenedStack } from './hardened-stack.js';

interface Case {
  name: string;
  method: string;
  path: string;
  /** A token; `null` sends no Authorization header. Default: Anna's. */
  token?: string | null;
  headers?: Record<string, string>;
  body?: unknown;
  status: number;
  code?: string;
}

const encode = (part: unknown) => Buffer.from(typeof part === 'string' ? part : JSON.stringify(part)).toString('base64url');
const future = () => Math.floor(Date.now() / 1000) + 600;
const anna = { sub: 'anna', hotel: 'grand', name: 'Anna' };

/** A JWT with any header and payload, signed with HMAC-SHA256 over the given key. */
function hmacToken(header: unknown, payload: unknown, key = SECRET): string {
  const input = `${encode(header)}.${encode(payload)}`;
  return `${input}.${createHmac('sha256', key).update(input).digest('base64url')}`;
}

/** Tokens that must never get in: each is a 401 on every authenticated endpoint. */
const BAD_TOKENS: { name: string; header: string | null }[] = [
  { name: 'no Authorization header', header: null },
  { name: 'Basic credentials', header: 'Basic YW5uYTpzZWNyZXQ=' },
  { name: 'Bearer without a token', header: 'Bearer ' },
  { name: 'garbage', header: 'Bearer abc.def.ghi' },
  { name: 'two parts', header: `Bearer ${encode({ alg: 'HS256' })}.${encode(anna)}` },
  { name: 'expired', header: `Bearer ${hmacToken({ alg: 'HS256', typ: 'JWT' }, { ...anna, exp: Math.floor(Date.now() / 1000) - 10 })}` },
  { name: 'without exp', header: `Bearer ${hmacToken({ alg: 'HS256', typ: 'JWT' }, anna)}` },
  {
    name: 'forged (another secret)',
    header: `Bearer ${hmacToken({ alg: 'HS256', typ: 'JWT' }, { ...anna, exp: future() }, 'another-secret-0123456789abcdef0123')}`,
  },
  {
    name: 'tampered payload',
    header: `Bearer ${hmacToken({ alg: 'HS256' }, { ...anna, exp: future() }).replace(/\.[^.]+\./, `.${encode({ ...anna, sub: 'ben', exp: future() })}.`)}`,
  },
  { name: 'alg none, no signature', header: `Bearer ${encode({ alg: 'none', typ: 'JWT' })}.${encode({ ...anna, exp: future() })}.` },
  { name: 'alg none with an HMAC', header: `Bearer ${hmacToken({ alg: 'none' }, { ...anna, exp: future() })}` },
  {
    name: 'RS256 header over an HMAC with the secret (key confusion)',
    header: `Bearer ${hmacToken({ alg: 'RS256', typ: 'JWT' }, { ...anna, exp: future() })}`,
  },
  { name: 'HS512 header', header: `Bearer ${hmacToken({ alg: 'HS512', typ: 'JWT' }, { ...anna, exp: future() })}` },
  {
    name: 'invalid UTF-8 in the payload',
    header: `Bearer ${encode({ alg: 'HS256' })}.${Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64url')}.x`,
  },
  {
    name: 'claims of the wrong types',
    header: `Bearer ${hmacToken({ alg: 'HS256' }, { sub: 7, hotel: ['grand'], name: null, exp: future() })}`,
  },
  { name: 'a path in sub', header: `Bearer ${hmacToken({ alg: 'HS256' }, { ...anna, sub: '../ben', exp: future() })}` },
  { name: 'a NUL in the name', header: `Bearer ${hmacToken({ alg: 'HS256' }, { ...anna, name: 'An\u0000na', exp: future() })}` },
  {
    name: 'a lone surrogate in the department',
    header: `Bearer ${hmacToken({ alg: 'HS256' }, { ...anna, department: 'Front \ud800', exp: future() })}`,
  },
  { name: '9 KB long', header: `Bearer ${hmacToken({ alg: 'HS256' }, { ...anna, name: 'a'.repeat(9000), exp: future() })}` },
];

/** Bytes that are not UTF-8, inside an otherwise valid JSON string. */
const invalidUtf8 = (before: string, after: string) =>
  Buffer.concat([Buffer.from(before), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from(after)]);
/** 100 KB in chunks, without Content-Length. */
const chunked = (before: string, after: string) => [
  Buffer.from(before),
  ...Array.from({ length: 10 }, () => Buffer.alloc(10_000, 'a')),
  Buffer.from(after),
];

for (const kind of ['sqlite', 'postgres'] as const) {
  const unreachable = kind === 'postgres' ? await postgresUnreachable() : undefined;
  if (unreachable && process.env.CI) throw new Error(`PostgreSQL is unreachable in CI: ${unreachable}`);

  describe(
    `bad input is refused and stores nothing (${kind})`,
    { ...(unreachable && { skip: `PostgreSQL unreachable: ${unreachable}` }) },
    () => {
      let stack: HardenedStack;
      let ids: { mine: number; theirs: number; notMine: number; message: number; foreignMessage: number };
      /** Anna's group with ben and cora, its pins full; a message of it not pinned; a deleted message of anna's. */
      let extra: { group: number; unpinned: number; deleted: number; channel: number; note: Message };
      /** Hana of Housekeeping, in its department channel (always with this token, so she stays in it). */
      let hana: string;
      let tokens: Record<'anna' | 'ben' | 'cora' | 'olga', string>;
      let before_: Record<string, unknown[]>;

      before(async () => {
        stack = await startHardenedStack(kind);
        tokens = {
          anna: stack.token('grand', 'anna'),
          ben: stack.token('grand', 'ben'),
          cora: stack.token('grand', 'cora'),
          olga: stack.token('other', 'olga'),
        };
        for (const [sub, token] of Object.entries(tokens)) {
          assert.equal((await stack.request('GET', `/staff_chat/${sub === 'olga' ? 'other' : 'grand'}/me`, { token })).status, 200);
        }
        await stack.request('GET', '/staff_chat/other/me', { token: stack.token('other', 'oscar') });
        const create = async (token: string, hotel: string, participantIds: string[]) =>
          (
            (await stack.request('POST', `/staff_chat/${hotel}/conversations/`, { token, body: { participant_ids: participantIds } }))
              .json as Conversation
          ).id;
        const mine = await create(tokens.anna, 'grand', ['ben']);
        const notMine = await create(tokens.ben, 'grand', ['cora']);
        const theirs = await create(tokens.olga, 'other', ['oscar']);
        const send = async (token: string, hotel: string, conversationId: number) =>
          (
            (
              await stack.request('POST', `/staff_chat/${hotel}/conversations/${conversationId}/send-message/`, {
                token,
                body: { message: 'hello' },
              })
            ).json as Message
          ).id;
        ids = {
          mine,
          theirs,
          notMine,
          message: await send(tokens.anna, 'grand', mine),
          foreignMessage: await send(tokens.olga, 'other', theirs),
        };

        const group = (
          (
            await stack.request('POST', '/staff_chat/grand/conversations/', {
              token: tokens.anna,
              body: { participant_ids: ['ben', 'cora'], title: 'Pins full' },
            })
          ).json as Conversation
        ).id;
        for (let pinned = 0; pinned < MAX_PINS; pinned++) {
          assert.equal(
            (
              await stack.request('POST', `/staff_chat/grand/messages/${await send(tokens.anna, 'grand', group)}/pin/`, {
                token: tokens.anna,
              })
            ).status,
            201,
          );
        }
        const unpinned = await send(tokens.anna, 'grand', group);
        const deleted = await send(tokens.anna, 'grand', mine);
        assert.equal((await stack.request('DELETE', `/staff_chat/grand/messages/${deleted}/delete/`, { token: tokens.anna })).status, 200);
        hana = signStaffToken({ sub: 'hana', hotel: 'grand', name: 'Hana', department: 'Housekeeping' }, SECRET);
        const channel = (
          (await stack.request('GET', '/staff_chat/grand/conversations/', { token: hana })).json as ConversationList
        ).results.find((c) => c.kind === 'department');
        assert.ok(channel, 'hana is in the Housekeeping channel');
        const note = (
          await stack.request('POST', `/staff_chat/grand/conversations/${channel.id}/send-message/`, {
            token: hana,
            body: { message: 'Night', handover_items: ['Room 12'] },
          })
        ).json as Message;
        assert.ok(note.handover);
        extra = { group, unpinned, deleted, channel: channel.id, note };
        before_ = await stack.database.snapshot();
      });
      after(() => stack?.close());

      const endpoints = (): Pick<Case, 'name' | 'method' | 'path' | 'body'>[] => {
        const c = `/staff_chat/grand/conversations/${ids.mine}`;
        return [
          { name: 'me', method: 'GET', path: '/staff_chat/grand/me' },
          { name: 'staff-list', method: 'GET', path: '/staff_chat/grand/staff-list/?search=a' },
          { name: 'conversations GET', method: 'GET', path: '/staff_chat/grand/conversations/' },
          { name: 'conversations POST', method: 'POST', path: '/staff_chat/grand/conversations/', body: { participant_ids: ['cora'] } },
          { name: 'messages', method: 'GET', path: `${c}/messages/?after_id=0` },
          { name: 'send-message', method: 'POST', path: `${c}/send-message/`, body: { message: 'sneaky', client_id: 'sneaky-1' } },
          { name: 'mark_as_read', method: 'POST', path: `${c}/mark_as_read/`, body: {} },
          { name: 'participants', method: 'POST', path: `${c}/participants/`, body: { participant_ids: ['cora'] } },
          { name: 'edit', method: 'PATCH', path: `/staff_chat/grand/messages/${ids.message}/edit/`, body: { message: 'changed' } },
          { name: 'delete', method: 'DELETE', path: `/staff_chat/grand/messages/${ids.message}/delete/` },
          { name: 'react', method: 'POST', path: `/staff_chat/grand/messages/${ids.message}/react/`, body: { emoji: '👍' } },
          { name: 'acknowledge', method: 'POST', path: `/staff_chat/grand/messages/${ids.message}/acknowledge/` },
          { name: 'pending acknowledgements', method: 'GET', path: '/staff_chat/grand/acknowledgements/pending/' },
          { name: 'handover', method: 'GET', path: `${c}/handover/` },
          { name: 'handovers', method: 'GET', path: `${c}/handovers/` },
          { name: 'tick', method: 'PATCH', path: `/staff_chat/grand/messages/${ids.message}/handover/items/1/`, body: { checked: true } },
          {
            name: 'pusher auth',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: `private-hotel-grand.staff-chat.${ids.mine}` },
          },
          { name: 'search', method: 'GET', path: `/staff_chat/grand/search/?q=hello&conversation_id=${ids.mine}` },
          { name: 'pin', method: 'POST', path: `/staff_chat/grand/messages/${ids.message}/pin/` },
          { name: 'unpin', method: 'DELETE', path: `/staff_chat/grand/messages/${ids.message}/pin/` },
          { name: 'pins', method: 'GET', path: `${c}/pins/` },
          { name: 'mute', method: 'POST', path: `${c}/mute/` },
          { name: 'unmute', method: 'DELETE', path: `${c}/mute/` },
          { name: 'archive', method: 'POST', path: `${c}/archive/` },
          { name: 'unarchive', method: 'DELETE', path: `${c}/archive/` },
          { name: 'leave', method: 'POST', path: `${c}/leave/` },
          { name: 'remove a participant', method: 'DELETE', path: `${c}/participants/ben/` },
          {
            name: 'forward',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [ids.mine] },
          },
          { name: 'delete a file', method: 'DELETE', path: '/staff_chat/grand/attachments/1/delete/' },
          { name: 'unread-count', method: 'GET', path: '/staff_chat/grand/conversations/unread-count/' },
        ];
      };

      const cases = (): Case[] => {
        const c = `/staff_chat/grand/conversations/${ids.mine}`;
        const send = `${c}/send-message/`;
        const json = { 'content-type': 'application/json' };
        return [
          // ---- tokens, on every authenticated endpoint ----
          ...endpoints().flatMap((endpoint) =>
            BAD_TOKENS.map(({ name, header }): Case => ({
              ...endpoint,
              name: `${endpoint.name}: ${name}`,
              token: null,
              headers: header === null ? {} : { authorization: header },
              status: 401,
              code: 'unauthorized',
            })),
          ),
          ...endpoints().map((endpoint): Case => ({
            ...endpoint,
            name: `${endpoint.name}: another hotel's token`,
            token: tokens.olga,
            status: 403,
            code: 'wrong_hotel',
          })),

          // ---- conversations POST ----
          {
            name: 'create: malformed JSON',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            headers: json,
            body: '{"participant_ids": [',
            status: 400,
          },
          { name: 'create: JSON null', method: 'POST', path: '/staff_chat/grand/conversations/', headers: json, body: 'null', status: 400 },
          { name: 'create: an array', method: 'POST', path: '/staff_chat/grand/conversations/', body: [['ben']], status: 400 },
          { name: 'create: missing participant_ids', method: 'POST', path: '/staff_chat/grand/conversations/', body: {}, status: 400 },
          {
            name: 'create: participant_ids a string',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: 'ben' },
            status: 400,
          },
          {
            name: 'create: a number id',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: [42] },
            status: 400,
          },
          {
            name: 'create: a title of the wrong type',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['cora'], title: { $gt: '' } },
            status: 400,
          },
          {
            name: 'create: only myself',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['anna'] },
            status: 400,
          },
          {
            name: 'create: an unknown id',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['nobody'] },
            status: 400,
            code: 'unknown_participant',
          },
          {
            name: "create: another hotel's staff",
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['olga'] },
            status: 400,
            code: 'unknown_participant',
          },
          {
            name: 'create: a path as id',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['../other/olga'] },
            status: 400,
          },
          {
            name: 'create: huge',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['cora'], title: 'x'.repeat(70_000) },
            status: 413,
          },
          {
            name: 'create: huge and chunked',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            headers: json,
            body: chunked('{"participant_ids":["cora"],"title":"', '"}'),
            status: 413,
          },
          {
            name: 'create: invalid UTF-8',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            headers: json,
            body: invalidUtf8('{"participant_ids":["cora"],"title":"', '"}'),
            status: 400,
          },
          {
            name: 'create: a lone surrogate',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            headers: json,
            body: '{"participant_ids":["cora"],"title":"a\\ud800b"}',
            status: 400,
          },
          {
            name: 'create: a NUL character',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            body: { participant_ids: ['cora'], title: 'a\u0000b' },
            status: 400,
          },
          {
            name: 'create: JSON as text/plain',
            method: 'POST',
            path: '/staff_chat/grand/conversations/',
            headers: { 'content-type': 'text/plain' },
            body: '{"participant_ids":["cora"]}',
            status: 400,
          },

          // ---- send-message ----
          { name: 'send: malformed JSON', method: 'POST', path: send, headers: json, body: '{"message": "hi"', status: 400 },
          { name: 'send: missing message', method: 'POST', path: send, body: { client_id: 'x1' }, status: 400 },
          { name: 'send: message a number', method: 'POST', path: send, body: { message: 123 }, status: 400 },
          { name: 'send: message an array', method: 'POST', path: send, body: { message: ['hi'] }, status: 400 },
          { name: 'send: message an object', method: 'POST', path: send, body: { message: { toString: 'hi' } }, status: 400 },
          { name: 'send: empty', method: 'POST', path: send, body: { message: '' }, status: 400 },
          { name: 'send: only spaces', method: 'POST', path: send, body: { message: ' \n\t ' }, status: 400 },
          { name: 'send: one character too long', method: 'POST', path: send, body: { message: 'x'.repeat(4001) }, status: 400 },
          { name: 'send: huge', method: 'POST', path: send, body: { message: 'x'.repeat(70_000) }, status: 413 },
          { name: 'send: huge and chunked', method: 'POST', path: send, headers: json, body: chunked('{"message":"', '"}'), status: 413 },
          {
            name: 'send: invalid UTF-8',
            method: 'POST',
            path: send,
            headers: json,
            body: invalidUtf8('{"message":"a', 'b"}'),
            status: 400,
          },
          { name: 'send: a lone surrogate', method: 'POST', path: send, headers: json, body: '{"message":"a\\udc00b"}', status: 400 },
          { name: 'send: a NUL character', method: 'POST', path: send, body: { message: 'a\u0000b' }, status: 400 },
          { name: 'send: client_id a number', method: 'POST', path: send, body: { message: 'hi', client_id: 5 }, status: 400 },
          { name: 'send: client_id with spaces', method: 'POST', path: send, body: { message: 'hi', client_id: 'a b' }, status: 400 },
          { name: 'send: client_id too long', method: 'POST', path: send, body: { message: 'hi', client_id: 'x'.repeat(65) }, status: 400 },
          { name: 'send: reply_to unknown', method: 'POST', path: send, body: { message: 'hi', reply_to: 999_999 }, status: 400 },
          {
            name: 'send: reply_to of another hotel',
            method: 'POST',
            path: send,
            body: { message: 'hi', reply_to: ids.foreignMessage },
            status: 400,
          },
          { name: 'send: reply_to a string', method: 'POST', path: send, body: { message: 'hi', reply_to: '1' }, status: 400 },
          { name: 'send: reply_to negative', method: 'POST', path: send, body: { message: 'hi', reply_to: -1 }, status: 400 },
          { name: 'send: reply_to beyond any id', method: 'POST', path: send, body: { message: 'hi', reply_to: 2 ** 53 }, status: 400 },
          { name: 'send: attachments', method: 'POST', path: send, body: { message: 'hi', attachments: [1] }, status: 400 },
          {
            name: 'send: an unknown conversation',
            method: 'POST',
            path: '/staff_chat/grand/conversations/999999/send-message/',
            body: { message: 'hi' },
            status: 404,
          },
          {
            name: "send: another hotel's conversation",
            method: 'POST',
            path: `/staff_chat/grand/conversations/${ids.theirs}/send-message/`,
            body: { message: 'hi' },
            status: 404,
          },
          {
            name: 'send: a conversation I am not in',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${ids.notMine}/send-message/`,
            body: { message: 'hi' },
            status: 403,
            code: 'not_participant',
          },
          {
            name: "send: on another hotel's path",
            method: 'POST',
            path: `/staff_chat/other/conversations/${ids.theirs}/send-message/`,
            body: { message: 'hi' },
            status: 403,
            code: 'wrong_hotel',
          },

          // ---- urgent messages, handover notes ----
          {
            name: 'send: requires_acknowledgement a string',
            method: 'POST',
            path: send,
            body: { message: 'hi', requires_acknowledgement: 'true' },
            status: 400,
          },
          {
            name: 'send: handover_items not a list',
            method: 'POST',
            path: send,
            body: { message: 'hi', handover_items: 'towels' },
            status: 400,
          },
          { name: 'send: handover_items empty', method: 'POST', path: send, body: { message: 'hi', handover_items: [] }, status: 400 },
          {
            name: 'send: a handover item too long',
            method: 'POST',
            path: send,
            body: { message: 'hi', handover_items: ['x'.repeat(201)] },
            status: 400,
          },
          {
            name: 'send: too many handover items',
            method: 'POST',
            path: send,
            body: { message: 'hi', handover_items: Array.from({ length: 31 }, () => 'x') },
            status: 400,
          },
          {
            name: 'send: a NUL in a handover item',
            method: 'POST',
            path: send,
            body: { message: 'hi', handover_items: ['a\u0000b'] },
            status: 400,
          },
          {
            name: 'send: a handover outside a department channel',
            method: 'POST',
            path: send,
            body: { message: 'hi', handover_items: ['x'] },
            status: 409,
            code: 'not_a_department_channel',
          },
          { name: 'acknowledge: a word as id', method: 'POST', path: '/staff_chat/grand/messages/abc/acknowledge/', status: 400 },
          { name: 'acknowledge: an unknown message', method: 'POST', path: '/staff_chat/grand/messages/999999/acknowledge/', status: 404 },
          {
            name: "acknowledge: another hotel's message",
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.foreignMessage}/acknowledge/`,
            status: 404,
          },
          {
            name: 'acknowledge: a message that asks for none',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/acknowledge/`,
            token: tokens.ben,
            status: 409,
            code: 'acknowledgement_not_requested',
          },
          {
            name: 'tick: checked a string',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.message}/handover/items/1/`,
            body: { checked: 'yes' },
            status: 400,
          },
          {
            name: 'tick: no body',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.message}/handover/items/1/`,
            body: {},
            status: 400,
          },
          {
            name: 'tick: a word as item id',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.message}/handover/items/x/`,
            body: { checked: true },
            status: 400,
          },
          {
            name: 'tick: a message without a checklist',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.message}/handover/items/1/`,
            body: { checked: true },
            status: 404,
          },
          {
            name: "tick: another hotel's message",
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.foreignMessage}/handover/items/1/`,
            body: { checked: true },
            status: 404,
          },
          { name: 'handovers: limit 0', method: 'GET', path: `${c}/handovers/?limit=0`, status: 400 },
          { name: 'handovers: limit too large', method: 'GET', path: `${c}/handovers/?limit=51`, status: 400 },
          { name: 'handovers: before_id a word', method: 'GET', path: `${c}/handovers/?before_id=x`, status: 400 },
          {
            name: 'handover: a conversation I am not in',
            method: 'GET',
            path: `/staff_chat/grand/conversations/${ids.notMine}/handover/`,
            status: 403,
            code: 'not_participant',
          },

          {
            name: 'send: handover items over the byte limit in all',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${extra.channel}/send-message/`,
            token: hana,
            body: { message: 'hi', handover_items: Array.from({ length: 30 }, () => 'é'.repeat(200)) },
            status: 400,
          },
          {
            name: 'send: a handover item of spaces',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${extra.channel}/send-message/`,
            token: hana,
            body: { message: 'hi', handover_items: ['ok', '   '] },
            status: 400,
          },
          {
            name: 'send: handover items of the wrong type',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${extra.channel}/send-message/`,
            token: hana,
            body: { message: 'hi', handover_items: [1, 2] },
            status: 400,
          },
          {
            name: 'tick: an unknown item of a real note',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${extra.note.id}/handover/items/999999/`,
            token: hana,
            body: { checked: true },
            status: 404,
          },
          {
            name: "tick: another note's item",
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.message}/handover/items/${extra.note.handover!.items[0]!.id}/`,
            body: { checked: true },
            status: 404,
          },
          {
            name: 'tick: checked null',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${extra.note.id}/handover/items/${extra.note.handover!.items[0]!.id}/`,
            token: hana,
            body: { checked: null },
            status: 400,
          },
          {
            name: 'tick: checked a number',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${extra.note.id}/handover/items/${extra.note.handover!.items[0]!.id}/`,
            token: hana,
            body: { checked: 1 },
            status: 400,
          },

          // ---- mentions ----
          {
            name: 'send: a mention of a non-participant',
            method: 'POST',
            path: send,
            body: { message: 'hi', mentions: ['cora'] },
            status: 400,
            code: 'invalid_mention',
          },
          {
            name: 'send: a mention of an unknown id',
            method: 'POST',
            path: send,
            body: { message: 'hi', mentions: ['ben', 'nobody'] },
            status: 400,
            code: 'invalid_mention',
          },
          {
            name: "send: a mention of another hotel's staff",
            method: 'POST',
            path: send,
            body: { message: 'hi', mentions: ['olga'] },
            status: 400,
            code: 'invalid_mention',
          },
          { name: 'send: mentions a string', method: 'POST', path: send, body: { message: 'hi', mentions: 'ben' }, status: 400 },
          { name: 'send: a mention a number', method: 'POST', path: send, body: { message: 'hi', mentions: [7] }, status: 400 },
          { name: 'send: a path as a mention', method: 'POST', path: send, body: { message: 'hi', mentions: ['../ben'] }, status: 400 },
          {
            name: 'send: too many mentions',
            method: 'POST',
            path: send,
            body: { message: 'hi', mentions: Array.from({ length: MAX_MENTIONS + 1 }, () => 'ben') },
            status: 400,
          },
          {
            name: 'send: a department mention in a 1:1',
            method: 'POST',
            path: send,
            body: { message: 'hi', mention_departments: ['Housekeeping'] },
            status: 400,
            code: 'invalid_mention',
          },
          {
            name: 'send: a department nobody of the group is in',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${extra.group}/send-message/`,
            body: { message: 'hi', mention_departments: ['Kitchen'] },
            status: 400,
            code: 'invalid_mention',
          },
          {
            name: 'send: a department mention empty',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${extra.group}/send-message/`,
            body: { message: 'hi', mention_departments: [' '] },
            status: 400,
          },
          {
            name: 'edit: a mention of a non-participant',
            method: 'PATCH',
            path: `/staff_chat/grand/messages/${ids.message}/edit/`,
            body: { message: 'changed', mentions: ['cora'] },
            status: 400,
            code: 'invalid_mention',
          },

          // ---- pins ----
          {
            name: 'pin: beyond the most a conversation keeps',
            method: 'POST',
            path: `/staff_chat/grand/messages/${extra.unpinned}/pin/`,
            status: 409,
            code: 'too_many_pins',
          },
          {
            name: 'pin: a deleted message',
            method: 'POST',
            path: `/staff_chat/grand/messages/${extra.deleted}/pin/`,
            status: 409,
            code: 'message_deleted',
          },
          { name: 'pin: a word as id', method: 'POST', path: '/staff_chat/grand/messages/abc/pin/', status: 400 },
          { name: 'pin: an unknown message', method: 'POST', path: '/staff_chat/grand/messages/999999/pin/', status: 404 },
          {
            name: "pin: another hotel's message",
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.foreignMessage}/pin/`,
            status: 404,
          },
          { name: 'unpin: an unknown message', method: 'DELETE', path: '/staff_chat/grand/messages/999999/pin/', status: 404 },
          { name: 'pins: a word as id', method: 'GET', path: '/staff_chat/grand/conversations/abc/pins/', status: 400 },
          {
            name: 'pins: a conversation I am not in',
            method: 'GET',
            path: `/staff_chat/grand/conversations/${ids.notMine}/pins/`,
            status: 403,
            code: 'not_participant',
          },
          {
            name: "pins: another hotel's conversation",
            method: 'GET',
            path: `/staff_chat/grand/conversations/${ids.theirs}/pins/`,
            status: 404,
          },

          // ---- mute, archive, leave, remove ----
          { name: 'mute: a word as id', method: 'POST', path: '/staff_chat/grand/conversations/abc/mute/', status: 400 },
          { name: 'mute: an unknown conversation', method: 'POST', path: '/staff_chat/grand/conversations/999999/mute/', status: 404 },
          {
            name: 'mute: a conversation I am not in',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${ids.notMine}/mute/`,
            status: 403,
            code: 'not_participant',
          },
          {
            name: "archive: another hotel's conversation",
            method: 'POST',
            path: `/staff_chat/grand/conversations/${ids.theirs}/archive/`,
            status: 404,
          },
          {
            name: 'archive: a conversation I am not in',
            method: 'DELETE',
            path: `/staff_chat/grand/conversations/${ids.notMine}/archive/`,
            status: 403,
            code: 'not_participant',
          },
          { name: 'leave: a 1:1', method: 'POST', path: `${c}/leave/`, status: 409, code: 'not_a_group' },
          { name: 'leave: an unknown conversation', method: 'POST', path: '/staff_chat/grand/conversations/999999/leave/', status: 404 },
          {
            name: 'leave: a department channel',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${extra.channel}/leave/`,
            token: hana,
            status: 409,
            code: 'department_channel',
          },
          {
            name: 'remove: from a department channel',
            method: 'DELETE',
            path: `/staff_chat/grand/conversations/${extra.channel}/participants/hana/`,
            token: hana,
            status: 409,
            code: 'department_channel',
          },
          { name: 'remove: from a 1:1', method: 'DELETE', path: `${c}/participants/ben/`, status: 409, code: 'not_a_group' },
          {
            name: 'remove: somebody not in the group',
            method: 'DELETE',
            path: `/staff_chat/grand/conversations/${extra.group}/participants/nobody/`,
            status: 404,
            code: 'not_found',
          },
          {
            name: 'remove: a path as staff id',
            method: 'DELETE',
            path: `/staff_chat/grand/conversations/${extra.group}/participants/..%2Fben/`,
            status: 400,
          },
          {
            name: 'remove: a word as conversation id',
            method: 'DELETE',
            path: '/staff_chat/grand/conversations/abc/participants/ben/',
            status: 400,
          },

          // ---- forward ----
          { name: 'forward: no body', method: 'POST', path: `/staff_chat/grand/messages/${ids.message}/forward/`, body: {}, status: 400 },
          {
            name: 'forward: no targets',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [] },
            status: 400,
          },
          {
            name: 'forward: targets a number',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: ids.mine },
            status: 400,
          },
          {
            name: 'forward: a target a string',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [String(ids.mine)] },
            status: 400,
          },
          {
            name: 'forward: too many targets',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: Array.from({ length: MAX_FORWARD_TARGETS + 1 }, (_, index) => index + 1) },
            status: 400,
          },
          {
            name: 'forward: malformed JSON',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            headers: json,
            body: '{"conversation_ids":[',
            status: 400,
          },
          {
            name: 'forward: huge',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [ids.mine], padding: 'x'.repeat(70_000) },
            status: 413,
          },
          // The first target is fine: nothing is stored for it either.
          {
            name: 'forward: an unknown target after a good one',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [ids.mine, 999_999] },
            status: 404,
          },
          {
            name: 'forward: a target I am not in after a good one',
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [ids.mine, ids.notMine] },
            status: 403,
            code: 'not_participant',
          },
          {
            name: "forward: another hotel's conversation as target",
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.message}/forward/`,
            body: { conversation_ids: [ids.theirs] },
            status: 404,
          },
          {
            name: 'forward: a deleted message',
            method: 'POST',
            path: `/staff_chat/grand/messages/${extra.deleted}/forward/`,
            body: { conversation_ids: [ids.mine] },
            status: 409,
            code: 'message_deleted',
          },
          {
            name: 'forward: an unknown message',
            method: 'POST',
            path: '/staff_chat/grand/messages/999999/forward/',
            body: { conversation_ids: [ids.mine] },
            status: 404,
          },
          {
            name: "forward: another hotel's message",
            method: 'POST',
            path: `/staff_chat/grand/messages/${ids.foreignMessage}/forward/`,
            body: { conversation_ids: [ids.mine] },
            status: 404,
          },

          // ---- attachment delete ----
          { name: 'delete a file: a word as id', method: 'DELETE', path: '/staff_chat/grand/attachments/abc/delete/', status: 400 },
          { name: 'delete a file: an unknown id', method: 'DELETE', path: '/staff_chat/grand/attachments/999999/delete/', status: 404 },
          { name: 'delete a file: a negative id', method: 'DELETE', path: '/staff_chat/grand/attachments/-1/delete/', status: 400 },

          // ---- paths ----
          {
            name: 'path: a word as id',
            method: 'POST',
            path: '/staff_chat/grand/conversations/abc/send-message/',
            body: { message: 'hi' },
            status: 400,
          },
          {
            name: 'path: a negative id',
            method: 'POST',
            path: '/staff_chat/grand/conversations/-1/send-message/',
            body: { message: 'hi' },
            status: 400,
          },
          {
            name: 'path: a hex id',
            method: 'POST',
            path: '/staff_chat/grand/conversations/0x10/send-message/',
            body: { message: 'hi' },
            status: 400,
          },
          { name: 'path: an exponent', method: 'GET', path: '/staff_chat/grand/conversations/1e3/messages/', status: 400 },
          { name: 'path: 20 digits', method: 'GET', path: '/staff_chat/grand/conversations/99999999999999999999/messages/', status: 400 },
          // Resolved to /staff_chat/other/…, which Anna's token may not use.
          {
            name: 'path: dot segments',
            method: 'GET',
            path: `/staff_chat/grand/conversations/../../other/conversations/${ids.theirs}/messages/`,
            status: 403,
            code: 'wrong_hotel',
          },
          {
            name: 'path: encoded dot segments',
            method: 'GET',
            path: `/staff_chat/grand/conversations/%2e%2e%2f%2e%2e%2fother/messages/`,
            status: 400,
          },
          {
            name: 'path: an encoded slash in the hotel',
            method: 'GET',
            path: '/staff_chat/grand%2F..%2Fother/me',
            status: 403,
            code: 'wrong_hotel',
          },
          { name: 'path: another case of the hotel', method: 'GET', path: '/staff_chat/GRAND/me', status: 403, code: 'wrong_hotel' },
          { name: 'path: a NUL in the hotel', method: 'GET', path: '/staff_chat/grand%00/me', status: 403, code: 'wrong_hotel' },
          { name: 'path: invalid UTF-8 in the hotel', method: 'GET', path: '/staff_chat/%ff%fe/me', status: 403, code: 'wrong_hotel' },
          { name: 'path: an unknown route', method: 'GET', path: '/staff_chat/grand/secrets', status: 404, code: 'not_found' },
          { name: 'path: a method the route lacks', method: 'PUT', path: send, body: { message: 'hi' }, status: 404 },

          // ---- messages (history) ----
          { name: 'history: limit a word', method: 'GET', path: `${c}/messages/?limit=abc`, status: 400 },
          { name: 'history: limit 0', method: 'GET', path: `${c}/messages/?limit=0`, status: 400 },
          { name: 'history: limit too large', method: 'GET', path: `${c}/messages/?limit=1000`, status: 400 },
          { name: 'history: after_id negative', method: 'GET', path: `${c}/messages/?after_id=-1`, status: 400 },
          { name: 'history: before_id a word', method: 'GET', path: `${c}/messages/?before_id=x`, status: 400 },
          { name: 'history: both cursors', method: 'GET', path: `${c}/messages/?before_id=5&after_id=1`, status: 400 },
          {
            name: 'history: an unknown conversation',
            method: 'GET',
            path: '/staff_chat/grand/conversations/999999/messages/',
            status: 404,
          },
          {
            name: "history: another hotel's conversation",
            method: 'GET',
            path: `/staff_chat/grand/conversations/${ids.theirs}/messages/`,
            status: 404,
          },
          {
            name: 'history: a conversation I am not in',
            method: 'GET',
            path: `/staff_chat/grand/conversations/${ids.notMine}/messages/`,
            status: 403,
            code: 'not_participant',
          },

          // ---- search ----
          { name: 'search: no q', method: 'GET', path: '/staff_chat/grand/search/', status: 400, code: 'bad_request' },
          { name: 'search: empty q', method: 'GET', path: '/staff_chat/grand/search/?q=', status: 400, code: 'bad_request' },
          { name: 'search: only spaces', method: 'GET', path: '/staff_chat/grand/search/?q=%20%09%20', status: 400, code: 'bad_request' },
          {
            name: 'search: only operators',
            method: 'GET',
            path: `/staff_chat/grand/search/?q=${encodeURIComponent('"*" -: ()')}`,
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: q too long',
            method: 'GET',
            path: `/staff_chat/grand/search/?q=${'a'.repeat(201)}`,
            status: 400,
            code: 'bad_request',
          },
          { name: 'search: a NUL in q', method: 'GET', path: '/staff_chat/grand/search/?q=a%00b', status: 400, code: 'bad_request' },
          {
            name: 'search: limit too large',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&limit=51',
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: before_id a word',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&before_id=x',
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: before_id beyond any id',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&before_id=99999999999',
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: conversation_id negative',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&conversation_id=-1',
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: a forged cursor',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&cursor=1%3Bdrop',
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: cursor and before_id',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&cursor=10&before_id=5',
            status: 400,
            code: 'bad_request',
          },
          {
            name: 'search: an unknown conversation',
            method: 'GET',
            path: '/staff_chat/grand/search/?q=hello&conversation_id=999999',
            status: 404,
          },
          {
            name: "search: another hotel's conversation",
            method: 'GET',
            path: `/staff_chat/grand/search/?q=hello&conversation_id=${ids.theirs}`,
            status: 404,
          },
          {
            name: 'search: a conversation I am not in',
            method: 'GET',
            path: `/staff_chat/grand/search/?q=hello&conversation_id=${ids.notMine}`,
            status: 403,
            code: 'not_participant',
          },
          {
            name: "search: on another hotel's path",
            method: 'GET',
            path: '/staff_chat/other/search/?q=hello',
            status: 403,
            code: 'wrong_hotel',
          },

          // ---- staff-list, me ----
          {
            name: 'staff-list: search too long',
            method: 'GET',
            path: `/staff_chat/grand/staff-list/?search=${'a'.repeat(101)}`,
            status: 400,
          },
          { name: 'staff-list: a NUL in the search', method: 'GET', path: '/staff_chat/grand/staff-list/?search=a%00b', status: 400 },
          { name: "me: another hotel's path", method: 'GET', path: '/staff_chat/other/me', status: 403, code: 'wrong_hotel' },

          // ---- mark_as_read ----
          { name: 'read: last_read_id a string', method: 'POST', path: `${c}/mark_as_read/`, body: { last_read_id: 'x' }, status: 400 },
          { name: 'read: last_read_id negative', method: 'POST', path: `${c}/mark_as_read/`, body: { last_read_id: -5 }, status: 400 },
          {
            name: 'read: a conversation I am not in',
            method: 'POST',
            path: `/staff_chat/grand/conversations/${ids.notMine}/mark_as_read/`,
            body: {},
            status: 403,
          },
          { name: 'read: malformed JSON', method: 'POST', path: `${c}/mark_as_read/`, headers: json, body: '{', status: 400 },

          // ---- pusher auth ----
          {
            name: 'auth: malformed JSON',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            headers: json,
            body: '{"socket_id":',
            status: 400,
          },
          {
            name: 'auth: no socket_id',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { channel_name: `private-hotel-grand.staff-chat.${ids.mine}` },
            status: 400,
          },
          {
            name: 'auth: a bad socket_id',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2:evil', channel_name: `private-hotel-grand.staff-chat.${ids.mine}` },
            status: 400,
          },
          { name: 'auth: no channel_name', method: 'POST', path: '/staff_chat/pusher/auth', body: { socket_id: '1.2' }, status: 400 },
          {
            name: 'auth: channel_name a number',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: 7 },
            status: 400,
          },
          {
            name: 'auth: channel_name too long',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: `private-${'a'.repeat(300)}` },
            status: 400,
          },
          {
            name: 'auth: a form with invalid UTF-8',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: Buffer.concat([Buffer.from('socket_id=1.2&channel_name=private-hotel-grand.staff-'), Buffer.from([0xff, 0xfe])]),
            status: 400,
          },
          {
            name: 'auth: a huge form',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: `socket_id=1.2&channel_name=${'a'.repeat(70_000)}`,
            status: 413,
          },
          {
            name: 'auth: a public channel',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: 'lobby' },
            status: 403,
          },
          {
            name: 'auth: an encrypted channel',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: `private-encrypted-hotel-grand.staff-chat.${ids.mine}` },
            status: 403,
          },
          {
            name: 'auth: an unknown conversation',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: 'private-hotel-grand.staff-chat.999999' },
            status: 403,
          },
          {
            name: 'auth: a conversation id with a leading zero',
            method: 'POST',
            path: '/staff_chat/pusher/auth',
            body: { socket_id: '1.2', channel_name: `private-hotel-grand.staff-chat.0${ids.mine}` },
            status: 403,
          },
        ];
      };

      test('every case answers its status in the one error shape', async () => {
        const failures: string[] = [];
        for (const item of cases()) {
          const response = await stack.request(item.method, item.path, {
            ...(item.token !== null && { token: item.token ?? tokens.anna }),
            ...(item.headers && { headers: item.headers }),
            ...(item.body !== undefined && { body: item.body }),
          });
          const code = isErrorShape(response.json) ? response.json.error.code : undefined;
          if (response.status !== item.status || !isErrorShape(response.json) || (item.code && code !== item.code)) {
            failures.push(
              `${item.name}: expected ${item.status}${item.code ? ` ${item.code}` : ''}, got ${response.status} ${response.text.slice(0, 160)}`,
            );
          } else if (!(response.headers.get('content-type') ?? '').startsWith('application/json')) {
            failures.push(`${item.name}: the error is not JSON (${response.headers.get('content-type')})`);
          }
        }
        assert.deepEqual(failures, []);
      });

      test('the hub refuses malformed frames and forged subscriptions, and keeps serving', async () => {
        const config = (await stack.request('GET', '/staff_chat/config')).json as ChatConfig;
        const replies = await rawHubSession(`ws://127.0.0.1:${stack.server.port}/app/${config.pusher.key}?protocol=7`, (socketId) => [
          'not json',
          JSON.stringify({
            event: 'pusher:subscribe',
            data: { channel: `private-hotel-grand.staff-chat.${ids.mine}`, auth: `${config.pusher.key}:${'0'.repeat(64)}` },
          }),
          // A valid signature, but for another socket.
          JSON.stringify({
            event: 'pusher:subscribe',
            data: {
              channel: `private-hotel-grand.staff-chat.${ids.mine}`,
              auth: authFor(config.pusher.key, '1.1', `private-hotel-grand.staff-chat.${ids.mine}`),
            },
          }),
          JSON.stringify({ event: 'client-typing', channel: `private-hotel-grand.staff-chat.${ids.mine}`, data: {} }),
          JSON.stringify({ event: 42, data: [] }),
          `{"event":"pusher:ping","data":"${socketId}"}`,
        ]);
        assert.ok(
          replies.some((reply) => reply.event === 'pusher:error'),
          JSON.stringify(replies),
        );
        assert.ok(!replies.some((reply) => reply.event === 'pusher_internal:subscription_succeeded'), 'a forged subscription succeeded');
        // A connection with an unknown app key is refused.
        const refused = await rawHubSession(`ws://127.0.0.1:${stack.server.port}/app/not-our-key?protocol=7`, () => []);
        assert.ok(
          refused.some((reply) => reply.event === 'pusher:error' && (reply.data as { code?: number })?.code === 4001),
          JSON.stringify(refused),
        );

        // Still serving: a real client subscribes and gets events.
        const client = await stack.pusher(tokens.ben);
        const channel = client.subscribe(`private-hotel-grand.staff-chat.${ids.mine}`);
        await new Promise<void>((resolve, reject) => {
          channel.bind('pusher:subscription_succeeded', () => resolve());
          channel.bind('pusher:subscription_error', reject);
        });
      });

      test('afterwards nothing was stored, and the server answers normally', async () => {
        assert.deepEqual(await stack.database.snapshot(), before_);
        assert.equal((await stack.request('GET', '/staff_chat/grand/me', { token: tokens.anna })).status, 200);
        const sent = await stack.request('POST', `/staff_chat/grand/conversations/${ids.mine}/send-message/`, {
          token: tokens.anna,
          body: { message: 'still here' },
        });
        assert.equal(sent.status, 201);
        assert.equal((await stack.database.messages()).at(-1)?.message, 'still here');
      });

      test('HTML and script in a message are stored and returned as text', async () => {
        const text = '<img src=x onerror="alert(1)"><script>alert(document.cookie)</script> &amp; </textarea>\u202e';
        const sent = await stack.request('POST', `/staff_chat/grand/conversations/${ids.mine}/send-message/`, {
          token: tokens.anna,
          body: { message: text },
        });
        assert.equal(sent.status, 201);
        assert.match(sent.headers.get('content-type') ?? '', /^application\/json/);
        assert.equal((sent.json as Message).message, text);
        const page = await stack.request(
          'GET',
          `/staff_chat/grand/conversations/${ids.mine}/messages/?after_id=${(sent.json as Message).id - 1}`,
          { token: tokens.ben },
        );
        assert.equal((page.json as { messages: Message[] }).messages[0]?.message, text);
        assert.equal((await stack.database.messages()).at(-1)?.message, text);
      });
    },
  );
}

describe('bad input: the dev token endpoint (demo mode)', () => {
  let stack: HardenedStack;
  let before_: Record<string, unknown[]>;
  before(async () => {
    stack = await startHardenedStack('sqlite', {}, { demo: true });
    await stack.request('GET', '/staff_chat/other/me', { token: stack.token('other', 'olga') });
    before_ = await stack.database.snapshot();
  });
  after(() => stack?.close());

  test('refuses every malformed request and stores nothing', async () => {
    const demoStaff = (before_.staff as { hotel: string; id: string }[]).find((row) => row.hotel !== 'other');
    assert.ok(demoStaff, 'the demo seed made staff');
    const path = '/staff_chat/dev/token';
    const json = { 'content-type': 'application/json' };
    const table: { name: string; body: unknown; headers?: Record<string, string>; status: number }[] = [
      { name: 'malformed JSON', body: '{"hotel":', headers: json, status: 400 },
      { name: 'missing fields', body: {}, status: 400 },
      { name: 'wrong types', body: { hotel: 1, staff_id: ['x'] }, status: 400 },
      { name: 'a bad hotel slug', body: { hotel: '../seaview', staff_id: demoStaff.id }, status: 400 },
      { name: 'an unknown staff member', body: { hotel: demoStaff.hotel, staff_id: 'nobody' }, status: 404 },
      { name: 'staff of another hotel', body: { hotel: demoStaff.hotel, staff_id: 'olga' }, status: 404 },
      { name: 'huge', body: { hotel: demoStaff.hotel, staff_id: 'x'.repeat(70_000) }, status: 413 },
      { name: 'invalid UTF-8', body: invalidUtf8(`{"hotel":"${demoStaff.hotel}","staff_id":"`, '"}'), headers: json, status: 400 },
    ];
    const failures: string[] = [];
    for (const item of table) {
      const response = await stack.request('POST', path, { body: item.body, ...(item.headers && { headers: item.headers }) });
      if (response.status !== item.status || !isErrorShape(response.json))
        failures.push(`${item.name}: ${response.status} ${response.text.slice(0, 160)}`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await stack.database.snapshot(), before_);
    const ok = await stack.request('POST', path, { body: { hotel: demoStaff.hotel, staff_id: demoStaff.id } });
    assert.equal(ok.status, 200);
  });
});

function authFor(key: string, socketId: string, channel: string): string {
  // Signed with a secret the hub does not have: the hub's own secret never leaves the server.
  return `${key}:${createHmac('sha256', 'not-the-app-secret').update(`${socketId}:${channel}`).digest('hex')}`;
}

/** Opens a raw WebSocket, sends `frames(socketId)` once connected, and collects every reply until a ping is answered or it closes. */
async function rawHubSession(url: string, frames: (socketId: string) => string[]): Promise<{ event: string; data: unknown }[]> {
  const ws = new WebSocket(url);
  const replies: { event: string; data: unknown }[] = [];
  await new Promise<void>((resolve) => {
    ws.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString()) as { event: string; data: unknown };
      const data = typeof frame.data === 'string' ? safeParse(frame.data) : frame.data;
      replies.push({ event: frame.event, data });
      if (frame.event === 'pusher:connection_established') {
        const toSend = frames((data as { socket_id: string }).socket_id);
        if (toSend.length === 0) return;
        for (const text of toSend) ws.send(text);
      }
      if (frame.event === 'pusher:pong') resolve();
    });
    ws.on('close', () => resolve());
    ws.on('error', () => resolve());
  });
  ws.terminate();
  return replies;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
