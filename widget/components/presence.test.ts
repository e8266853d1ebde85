import { expect, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../define.js';
import './define-lazy.js';
import { msg } from '../messages/ui.js';
import type { StaffChatChatWindow } from './chat-window/chat-window.js';
import type { StaffChatConversationList } from './conversation-list/conversation-list.js';
import type { StaffChatStaffDirectory } from './staff-directory/staff-directory.js';
import { callsTo, conversation, createFakeSession, ME, staff } from '../testing/fake-session.js';
import { sessionFixture } from '../testing/session-provider.js';

// Presence dots and "… is typing" across the three elements that show them.

const bob = staff('bob', 'Bob Porter', 'Concierge');
const carla = staff('carla', 'Carla Mendes', 'Housekeeping');
const mara = staff('mara', 'Mara Lind');

const dots = (root: ParentNode) => [...root.querySelectorAll('[part="presence-dot"]')];

describe('presence dots', () => {
  it('mark who is online in the directory, with a text alternative, and follow changes', async () => {
    const fake = createFakeSession();
    fake.directory.set({ results: [ME, bob, mara], loading: false, error: null });
    fake.onlineIds.set(new Set([ME.id, 'bob']));
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    const people = () => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="person"]')];
    expect(people().map((p) => dots(p).length)).to.deep.equal([1, 0]);
    expect(dots(people()[0]!)[0]!.getAttribute('title')).to.equal('Online');
    expect(people()[0]!.querySelector('.name')!.textContent).to.equal('Start a chat with Bob Porter, online');
    expect(people()[1]!.querySelector('.name')!.textContent).to.equal('Start a chat with Mara Lind');
    await expect(el).to.be.accessible();

    fake.onlineIds.set(new Set([ME.id, 'mara']));
    await el.updateComplete;
    expect(people().map((p) => dots(p).length)).to.deep.equal([0, 1]);
    expect(people()[0]!.querySelector('.name')!.textContent).to.equal('Start a chat with Bob Porter');
  });

  it('mark 1:1 rows of the conversation list, never groups', async () => {
    const fake = createFakeSession();
    fake.conversations.set([
      conversation(1, bob),
      conversation(2, carla),
      conversation(3, bob, { is_group: true, title: 'Night shift', participants: [ME, bob, carla] }),
    ]);
    fake.onlineIds.set(new Set(['bob', 'carla']));
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    const rows = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="row"]')];
    expect(rows.map((r) => dots(r).length)).to.deep.equal([1, 1, 0]);
    expect(rows[0]!.querySelector('.name')!.textContent).to.equal('Bob Porter, online');
    expect(rows[2]!.querySelector('.name')!.textContent).to.equal('Night shift');
    await expect(el).to.be.accessible();

    fake.onlineIds.set(new Set());
    await el.updateComplete;
    expect(dots(el.shadowRoot!)).to.have.length(0);
  });

  it('mark the chat window header of a 1:1', async () => {
    const fake = createFakeSession();
    fake.conversations.set([conversation(1, bob)]);
    const el = await sessionFixture<StaffChatChatWindow>(
      fake.session,
      html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
    );
    const header = el.shadowRoot!.querySelector('[part="header"]')!;
    expect(dots(header)).to.have.length(0);
    fake.onlineIds.set(new Set(['bob']));
    await el.updateComplete;
    expect(dots(header)).to.have.length(1);
    expect(header.querySelector('h2')!.textContent).to.equal('Bob Porter, online');
    await expect(el).to.be.accessible();
  });
});

describe('the typing line', () => {
  it('reads by first names, for one, two, three and more people', () => {
    expect(msg.typing(['Anna'])).to.equal('Anna is typing…');
    expect(msg.typing(['Anna', 'Ben'])).to.equal('Anna and Ben are typing…');
    expect(msg.typing(['Anna', 'Ben', 'Cy'])).to.equal('Anna, Ben and Cy are typing…');
    expect(msg.typing(['Anna', 'Ben', 'Cy', 'Di'])).to.equal('Several people are typing…');
  });

  it('shows above the composer in the chat window, and goes when they stop', async () => {
    const fake = createFakeSession();
    fake.conversations.set([conversation(1, bob), conversation(2, carla)]);
    const el = await sessionFixture<StaffChatChatWindow>(
      fake.session,
      html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
    );
    const line = el.shadowRoot!.querySelector('[part="typing"]')!;
    expect(line.textContent).to.equal('');
    expect(line.getAttribute('aria-live')).to.equal('polite');
    // Above the composer: only the upload tray (files on their way) sits between them.
    expect(line.nextElementSibling!.localName).to.equal('staff-chat-upload-tray');
    expect(line.nextElementSibling!.nextElementSibling!.localName).to.equal('staff-chat-composer');

    // someone typing in another conversation is not shown here
    fake.typing.set({ 2: [{ id: 'carla', name: 'Carla Mendes' }] });
    await el.updateComplete;
    expect(line.textContent).to.equal('');

    fake.typing.set({ 1: [{ id: 'bob', name: 'Bob Porter' }], 2: [{ id: 'carla', name: 'Carla Mendes' }] });
    await el.updateComplete;
    expect(line.textContent).to.equal('Bob is typing…');
    await expect(el).to.be.accessible();

    fake.typing.set({
      1: [
        { id: 'bob', name: 'Bob Porter' },
        { id: 'carla', name: 'Carla Mendes' },
      ],
    });
    await el.updateComplete;
    expect(line.textContent).to.equal('Bob and Carla are typing…');

    fake.typing.set({});
    await el.updateComplete;
    expect(line.textContent).to.equal('');
  });

  it('replaces the last message in the list row while someone types', async () => {
    const fake = createFakeSession();
    const last = { id: 9, sender_id: 'bob', sender_name: 'Bob Porter', message: 'Taxi for 204 at 6', timestamp: new Date().toISOString() };
    fake.conversations.set([conversation(1, bob, { last_message: last }), conversation(2, carla)]);
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    const previews = () => [...el.shadowRoot!.querySelectorAll('.preview')].map((p) => [p.textContent, p.classList.contains('typing')]);
    expect(previews()).to.deep.equal([
      ['Taxi for 204 at 6', false],
      ['No messages yet', false],
    ]);

    fake.typing.set({ 1: [{ id: 'bob', name: 'Bob Porter' }] });
    await el.updateComplete;
    expect(previews()).to.deep.equal([
      ['Bob is typing…', true],
      ['No messages yet', false],
    ]);

    fake.typing.set({});
    await el.updateComplete;
    expect(previews()).to.deep.equal([
      ['Taxi for 204 at 6', false],
      ['No messages yet', false],
    ]);
  });

  it('tells the session about each change of the draft, not about the send that clears it', async () => {
    const fake = createFakeSession();
    fake.conversations.set([conversation(1, bob)]);
    const el = await sessionFixture<StaffChatChatWindow>(
      fake.session,
      html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
    );
    el.focus();
    await sendKeys({ type: 'Hi' });
    expect(callsTo(fake, 'notifyTyping')).to.deep.equal([
      [1, 'H'],
      [1, 'Hi'],
    ]);
    await sendKeys({ press: 'Enter' });
    expect(callsTo(fake, 'sendMessage')).to.have.length(1);
    expect(callsTo(fake, 'notifyTyping')).to.have.length(2);
  });
});
