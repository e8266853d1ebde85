import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChat } from '../../staff-chat.js';
import type { ConversationSelectEvent } from '../internal-events.js';
import type { StaffChatStaffDirectory } from '../staff-directory/staff-directory.js';
import { callsTo, conversation, createFakeSession, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatPanel } from './panel.js';

// The settings menu, group creation from the directory, and the unread total in the page title.

const bob = staff('bob', 'Bob Porter');
const cara = staff('cara', 'Cara Lind');

describe('notification settings menu', () => {
  it('opens from the header and switches desktop notifications and sound', async () => {
    const fake = createFakeSession();
    const el = await sessionFixture<StaffChatPanel>(fake.session, html`<staff-chat-panel></staff-chat-panel>`);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('.settings')!;
    expect(toggle.getAttribute('aria-label')).to.equal('Notification settings');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    const boxes = [...el.shadowRoot!.querySelectorAll<HTMLInputElement>('.menu input[type="checkbox"]')];
    expect(boxes.map((b) => b.parentElement!.textContent.trim())).to.deep.equal(['Desktop notifications', 'Sound']);
    expect(boxes.map((b) => b.checked)).to.deep.equal([false, false]);
    boxes[1]!.click();
    expect(callsTo(fake, 'configureAlerts')).to.deep.equal([[{ sound: true }]]);
    await el.updateComplete;
    expect(boxes[1]!.checked).to.equal(true);
    boxes[0]!.click();
    expect(callsTo(fake, 'configureAlerts')[1]).to.deep.equal([{ desktop: true }]);
    await expect(el).to.be.accessible();
  });
});

describe('new group from the directory', () => {
  it('creates a group of the chosen people with a title', async () => {
    const fake = createFakeSession();
    fake.directory.set({ results: [bob, cara], loading: false, error: null });
    fake.startResult = 7;
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    const root = el.shadowRoot!;
    const newGroup = root.querySelector<HTMLButtonElement>('.new-group')!;
    newGroup.click();
    await el.updateComplete;
    expect(newGroup.getAttribute('aria-pressed')).to.equal('true');
    const create = root.querySelector<HTMLButtonElement>('.choice button')!;
    expect(create.disabled, 'nobody chosen yet').to.equal(true);
    root.querySelectorAll<HTMLInputElement>('input[type="checkbox"]').forEach((box) => box.click());
    await el.updateComplete;
    root.querySelector<HTMLInputElement>('input[name="title"]')!.value = 'Housekeeping';
    const selected = oneEvent<ConversationSelectEvent>(el, 'conversation-select');
    create.click();
    expect((await selected).conversationId).to.equal(7);
    expect(callsTo(fake, 'startConversation')).to.deep.equal([[['bob', 'cara'], 'Housekeeping']]);
    await expect(el).to.be.accessible();
  });

  it('needs a title before creating', async () => {
    const fake = createFakeSession();
    fake.directory.set({ results: [bob, cara], loading: false, error: null });
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    el.shadowRoot!.querySelector<HTMLButtonElement>('.new-group')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLInputElement>('input[type="checkbox"]')!.click();
    await el.updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('.choice button')!.click();
    await el.updateComplete;
    expect(callsTo(fake, 'startConversation')).to.deep.equal([]);
  });
});

describe('<staff-chat unread-title>', () => {
  const original = document.title;
  afterEach(() => {
    document.title = original;
  });

  it('prefixes the page title with the unread total only when asked', async () => {
    document.title = 'Front desk';
    const fake = createFakeSession();
    fake.conversations.set([conversation(1, bob, { unread_count: 2 })]);
    const el = await fixture<StaffChat>(html`<staff-chat hotel="grand" token="t" .createSession=${() => fake.session}></staff-chat>`);
    await el.updateComplete;
    expect(document.title).to.equal('Front desk');
    el.unreadTitle = true;
    await waitUntil(() => document.title === '(2) Front desk');
    fake.conversations.set([conversation(1, bob, { unread_count: 0 })]);
    await waitUntil(() => document.title === 'Front desk');
    fake.conversations.set([conversation(1, bob, { unread_count: 5 })]);
    await waitUntil(() => document.title === '(5) Front desk');
    el.unreadTitle = false;
    await waitUntil(() => document.title === 'Front desk');
  });
});
