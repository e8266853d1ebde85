import { fixture, html, waitUntil } from '@open-wc/testing';
import type { Attachment } from '../../server/contract.js';
import type { StaffChat } from '../staff-chat.js';
import type { StaffChatMessageBubble } from '../components/message-bubble/message-bubble.js';
import { chatMessage, conversation, createFakeSession, ME, staff, type FakeSession } from './fake-session.js';

/*
 * A whole <staff-chat> in a given look, over a fake session that holds everything the widget can show,
 * and ways to reach into its shadow roots: for the audit and the appearance tests, which look at
 * what a person sees rather than at one element alone.
 */

export const bob = staff('bob', 'Bob Porter', 'Concierge');
const carla = staff('carla', 'Carla Maid', 'Housekeeping');
const dan = staff('dan', 'Dan Bell', 'Maintenance');
const mine = { sender_id: ME.id, sender_info: { id: ME.id, full_name: ME.full_name, avatar: null } };
const at = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const photo: Attachment = {
  id: 1,
  file_name: 'lobby.png',
  file_type: 'image',
  mime_type: 'image/png',
  file_size: 48_000,
  file_url: '/files/1',
};
const plan: Attachment = {
  id: 2,
  file_name: 'floor-plan-2nd-floor.pdf',
  file_type: 'pdf',
  mime_type: 'application/pdf',
  file_size: 480_000,
  file_url: '/files/2',
};

/** A group with everything a conversation can show: both sides, reactions, files, a reply, deletions, a failure. */
export function richSession(): FakeSession {
  const fake = createFakeSession();
  fake.conversations.set([
    conversation(1, bob, {
      title: 'Front desk',
      is_group: true,
      participants: [ME, bob, carla],
      unread_count: 3,
      last_message: { id: 8, sender_id: ME.id, sender_name: ME.full_name, message: '', attachment_name: plan.file_name, timestamp: at(1) },
    }),
    conversation(2, carla, {
      last_message: { id: 4, sender_id: ME.id, sender_name: ME.full_name, message: '', is_deleted: true, timestamp: at(60) },
    }),
    conversation(3, dan, {
      last_message: { id: 2, sender_id: 'dan', sender_name: dan.full_name, message: 'Lift 2 is back', timestamp: at(3000) },
    }),
  ]);
  fake.onlineIds.set(new Set(['carla']));
  fake.typing.set({ 1: [{ id: 'carla', name: 'Carla Maid' }] });
  fake.directory.set({ results: [bob, carla, dan], loading: false, error: null });
  fake.readMarks.set({ 1: { bob: 9, carla: 9 } });
  fake.view(1).set({
    messages: [
      chatMessage(3, 'Could someone check room 214? The guest says the AC is loud.', {
        timestamp: at(30),
        reactions: [{ emoji: '👍', count: 2, staff_ids: [ME.id, 'carla'] }],
      }),
      chatMessage(4, 'Photos from the lobby', { timestamp: at(29), attachments: [photo, plan] }),
      chatMessage(5, 'On my way, five minutes.', {
        ...mine,
        timestamp: at(20),
        is_edited: true,
        reply_to: 3,
        reply_to_message: { id: 3, message: 'Could someone check room 214?', sender_id: bob.id, sender_name: bob.full_name },
        reactions: [
          { emoji: '🎉', count: 1, staff_ids: ['bob'] },
          { emoji: '❤️', count: 2, staff_ids: [ME.id, 'bob'] },
        ],
      }),
      chatMessage(6, '', { timestamp: at(15), is_deleted: true }),
      chatMessage(7, '', { ...mine, timestamp: at(10), is_deleted: true }),
      chatMessage(8, '', { ...mine, timestamp: at(5), attachments: [plan] }),
      chatMessage(9, 'Fixed: the filter was full.', {
        ...mine,
        timestamp: at(1),
        forwarded_from: { message_id: 2, conversation_id: 3, sender_id: 'dan', sender_name: dan.full_name },
      }),
      chatMessage(-1, 'Thanks!', { ...mine, client_id: 'c-1', status: 'failed', error: 'Could not reach the chat server.' }),
    ],
    loading: false,
    hasMore: true,
    error: null,
    loaded: true,
  });
  return fake;
}

/** `selector` anywhere under `root`, through every open shadow root. */
export function deep<T extends Element>(root: Element | ShadowRoot, selector: string): T | null {
  if (root instanceof Element && root.shadowRoot) return deep<T>(root.shadowRoot, selector);
  const found = root.querySelector<T>(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot && deep<T>(el.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

export async function find<T extends Element>(el: Element, selector: string): Promise<T> {
  await waitUntil(() => deep(el, selector), `${selector} is rendered`);
  return deep<T>(el, selector)!;
}

export interface Look {
  theme: 'light' | 'dark' | 'auto';
  dir: 'ltr' | 'rtl';
}

export async function mount(fake: FakeSession, look: Look, { layout = 'launcher', open = false } = {}): Promise<StaffChat> {
  const el = await fixture<StaffChat>(html`<div style="height: 36rem">
    <staff-chat hotel="grand" token="t" theme=${look.theme} dir=${look.dir} layout=${layout} ?open=${open} .createSession=${() => fake.session}></staff-chat>
  </div>`);
  return el.querySelector('staff-chat')!;
}

export async function openConversation(fake: FakeSession, look: Look, layout = 'launcher'): Promise<StaffChat> {
  fake.openIds.set([1]);
  const el = await mount(fake, look, { layout });
  await find(el, 'staff-chat-message-bubble[mine]');
  return el;
}

/** The bubble of message `id` (the message list renders it once it is in view). */
export async function bubbleOf(el: StaffChat, id: number): Promise<StaffChatMessageBubble> {
  await waitUntil(() =>
    [
      ...(deep(el, 'staff-chat-message-list')?.shadowRoot?.querySelectorAll<StaffChatMessageBubble>('staff-chat-message-bubble') ?? []),
    ].some((b) => b.message?.id === id),
  );
  const list = deep(el, 'staff-chat-message-list')!.shadowRoot!;
  return [...list.querySelectorAll<StaffChatMessageBubble>('staff-chat-message-bubble')].find((b) => b.message?.id === id)!;
}

/** A long address with no place to break, to see that it wraps inside its bubble. */
export const LONG_URL = `https://grand.example/reservations/confirmation?booking=${'A1B2C3D4'.repeat(12)}`;

/** The same group, its messages now full of links: web, www., mail and phone, on own and others' bubbles. */
export function linkSession(): FakeSession {
  const fake = richSession();
  fake.view(1).set({
    messages: [
      chatMessage(3, 'New spa menu: https://grand.example/spa/menu (prices in it).', { timestamp: at(30) }),
      chatMessage(4, 'Mail night.desk or call: mailto:night.desk@grand.example, tel:+44-20-7946-0958', { timestamp: at(20) }),
      chatMessage(5, `Booking link: ${LONG_URL}`, { ...mine, timestamp: at(10) }),
      chatMessage(6, 'Thanks! Also www.grand.example/faq, and javascript:alert(1) stays text.', { ...mine, timestamp: at(5) }),
    ],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  return fake;
}

const who = (s: { id: string; full_name: string }) => ({ id: s.id, full_name: s.full_name, avatar: null });

/**
 * The same group with mentions: of the viewer (by name and through their department) and of others,
 * on others' bubbles and on the viewer's own; the row counts one unread mention.
 */
export function mentionSession(): FakeSession {
  const fake = richSession();
  fake.conversations.set(fake.conversations.get().map((c) => (c.id === 1 ? { ...c, mention_count: 1 } : c)));
  fake.view(1).set({
    messages: [
      chatMessage(3, '@Mia Manager can you check 214? @Carla Maid has the key.', {
        timestamp: at(30),
        mentions: [ME.id, carla.id],
        mentioned_staff: [who(ME), who(carla)],
        mentioned_departments: [],
      }),
      chatMessage(4, '@Front desk: the VIP arrives at 3, not 5.', {
        timestamp: at(25),
        mentions: [ME.id],
        mentioned_staff: [who(ME)],
        mentioned_departments: ['Front desk'],
      }),
      chatMessage(5, 'On it, @Bob Porter. @Carla Maid, towels please.', {
        ...mine,
        timestamp: at(20),
        mentions: [bob.id, carla.id],
        mentioned_staff: [who(bob), who(carla)],
        mentioned_departments: [],
      }),
      chatMessage(6, 'Note to @Mia Manager: call the spa.', {
        ...mine,
        timestamp: at(10),
        mentions: [ME.id],
        mentioned_staff: [who(ME)],
        mentioned_departments: [],
      }),
    ],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  return fake;
}

/**
 * The same group with urgent messages: Bob's, which the viewer still has to acknowledge (the banner and
 * the launcher's "!" say so), and the viewer's own, acknowledged by one of its two recipients.
 */
export function urgentSession(): FakeSession {
  const fake = richSession();
  const theirs = chatMessage(3, 'VIP arriving early: 214 must be ready by 11.', {
    timestamp: at(30),
    requires_acknowledgement: true,
    acknowledgements: { total: 2, acknowledged: [{ id: 'carla', full_name: carla.full_name, at: at(25) }], pending: [ME.id] },
  });
  const own = chatMessage(5, 'Lift 2 is out of order until noon, use lift 1.', {
    ...mine,
    timestamp: at(10),
    requires_acknowledgement: true,
    acknowledgements: { total: 2, acknowledged: [{ id: 'bob', full_name: bob.full_name, at: at(5) }], pending: ['carla'] },
  });
  fake.view(1).set({
    messages: [theirs, chatMessage(4, 'Photos from the lobby', { timestamp: at(29) }), own],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  fake.pendingAcknowledgements.set([theirs]);
  return fake;
}
