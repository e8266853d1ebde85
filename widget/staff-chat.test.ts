import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import './testing/process-shim.js';
import './define.js';
import './components/define-lazy.js';
import { callsTo, chatMessage, conversation, createFakeSession, staff, type FakeSession } from './testing/fake-session.js';
import type { StaffChatConnectionChangeEvent, StaffChatErrorEvent, StaffChatUnreadChangeEvent } from './events.js';
import type { ChatSessionOptions } from './state/session.js';
import type { StaffChatPanel } from './components/panel/panel.js';
import type { StaffChat } from './staff-chat.js';

const bob = staff('bob', 'Bob Porter', 'Concierge');
const carla = staff('carla', 'Carla Maid', 'Housekeeping');

async function mount(fake: FakeSession, layout = 'launcher') {
  const created: ChatSessionOptions[] = [];
  const factory = (options: ChatSessionOptions) => {
    created.push(options);
    return fake.session;
  };
  const el = await fixture<StaffChat>(
    html`<staff-chat api-base="/chat-api" hotel="grand" token="t0k3n" layout=${layout} .createSession=${factory}></staff-chat>`,
  );
  return { el, created, root: el.shadowRoot! };
}

function withTwoConversations(): FakeSession {
  const fake = createFakeSession();
  fake.conversations.set([conversation(1, bob, { unread_count: 2 }), conversation(2, carla, { unread_count: 1 })]);
  return fake;
}

/** Opens the launcher's panel and returns the panel's shadow root. */
async function openPanel(el: StaffChat): Promise<ShadowRoot> {
  el.shadowRoot!.querySelector('staff-chat-launcher')!.click();
  await el.updateComplete;
  return panelOf(el);
}

async function panelOf(el: StaffChat): Promise<ShadowRoot> {
  const panel = el.shadowRoot!.querySelector('staff-chat-panel')!;
  await panel.updateComplete;
  return panel.shadowRoot!;
}

describe('<staff-chat>', () => {
  it('renders a launcher and starts a session from its attributes', async () => {
    const fake = createFakeSession();
    const { root, created } = await mount(fake);
    expect(root.querySelector('staff-chat-launcher')).to.exist;
    expect(root.querySelector('[part="panel"]')).to.equal(null);
    expect(created).to.have.length(1);
    expect(created[0]!.apiBase).to.equal('/chat-api');
    expect(created[0]!.hotel).to.equal('grand');
    expect(await created[0]!.tokenProvider()).to.equal('t0k3n');
    expect(callsTo(fake, 'start')).to.have.length(1);
  });

  it('shows on the launcher that an urgent message waits for the viewer, for as long as one does', async () => {
    const fake = createFakeSession();
    const { root } = await mount(fake);
    const launcher = root.querySelector('staff-chat-launcher')!;
    expect(launcher.urgent).to.equal(false);
    fake.pendingAcknowledgements.set([chatMessage(5, 'VIP arriving early', { requires_acknowledgement: true })]);
    await waitUntil(() => launcher.urgent);
    fake.pendingAcknowledgements.set([]);
    await waitUntil(() => !launcher.urgent);
  });

  it('is accessible, closed and open', async () => {
    const { el } = await mount(withTwoConversations());
    await expect(el).to.be.accessible();
    await openPanel(el);
    await expect(el).to.be.accessible();
  });

  it('waits for a token (or tokenProvider) before starting', async () => {
    const fake = createFakeSession();
    const factory = () => fake.session;
    const el = await fixture<StaffChat>(html`<staff-chat hotel="grand" .createSession=${factory}></staff-chat>`);
    expect(callsTo(fake, 'start')).to.have.length(0);
    el.tokenProvider = async () => 'later';
    await el.updateComplete;
    expect(callsTo(fake, 'start')).to.have.length(1);
  });

  it('stops its session when removed from the page', async () => {
    const fake = createFakeSession();
    const { el } = await mount(fake);
    el.remove();
    expect(callsTo(fake, 'stop')).to.have.length(1);
  });

  it('shows the unread total on the launcher and tells the host page when it changes', async () => {
    const fake = withTwoConversations();
    const { el, root } = await mount(fake);
    const launcher = root.querySelector('staff-chat-launcher')!;
    expect(launcher.unread).to.equal(3);
    const changed = oneEvent<StaffChatUnreadChangeEvent>(document, 'staff-chat-unread-change');
    fake.conversations.set([conversation(1, bob, { unread_count: 0 })]);
    expect((await changed).detail.total).to.equal(0);
    await el.updateComplete;
    expect(launcher.unread).to.equal(0);
  });

  it('opens a panel with the conversation list, and the directory on "New chat"', async () => {
    const { el } = await mount(withTwoConversations());
    const panel = await openPanel(el);
    const tabs = [...panel.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
    expect(tabs[0]!.textContent).to.contain('Chats').and.to.contain('3 unread messages');
    expect(tabs[1]!.textContent.trim()).to.equal('New chat');
    expect(tabs.map((t) => t.getAttribute('aria-selected'))).to.deep.equal(['true', 'false']);
    expect(panel.querySelector('staff-chat-conversation-list')).to.exist;
    tabs[1]!.click();
    await (panel.host as StaffChatPanel).updateComplete;
    expect(panel.querySelector('staff-chat-staff-directory')).to.exist;
    expect(panel.querySelector('staff-chat-conversation-list')).to.equal(null);
  });

  it('opens a conversation chosen in the list as a docked window', async () => {
    const fake = withTwoConversations();
    const { el, root } = await mount(fake);
    const panel = await openPanel(el);
    const list = panel.querySelector('staff-chat-conversation-list')!;
    await list.updateComplete;
    list.shadowRoot!.querySelector<HTMLButtonElement>('[part="row"]')!.click();
    await waitUntil(() => root.querySelector('staff-chat-chat-window'), 'a window opens');
    expect(callsTo(fake, 'openConversation')).to.deep.equal([[1]]);
    expect(root.querySelector('staff-chat-chat-window')!.conversationId).to.equal(1);
  });

  it('shows two windows side by side for two open conversations', async () => {
    const fake = withTwoConversations();
    const { el, root } = await mount(fake);
    fake.openIds.set([1, 2]);
    await el.updateComplete;
    const windows = [...root.querySelectorAll('staff-chat-chat-window')];
    expect(windows.map((w) => w.conversationId)).to.deep.equal([1, 2]);
    await windows[1]!.updateComplete;
    expect(windows[1]!.shadowRoot!.querySelector('h2')!.textContent).to.equal('Carla Maid');
  });

  it('hands every element inside the new session when it is replaced, and none while it has none', async () => {
    const first = withTwoConversations();
    const second = createFakeSession();
    second.conversations.set([conversation(3, staff('dan', 'Dan Bell'))]);
    const sessions = [first, second];
    const el = await fixture<StaffChat>(
      html`<staff-chat hotel="grand" token="t" open .createSession=${() => sessions.shift()!.session}></staff-chat>`,
    );
    const panel = await panelOf(el);
    const names = async () => {
      const list = panel.querySelector('staff-chat-conversation-list')!;
      await list.updateComplete;
      return [...list.shadowRoot!.querySelectorAll('.name')].map((name) => name.textContent);
    };
    await waitUntil(async () => (await names()).length === 2, 'the first session’s conversations are listed');
    expect(await names()).to.deep.equal(['Bob Porter', 'Carla Maid']);

    el.token = undefined;
    await waitUntil(() => panel.textContent?.includes('Loading'), 'without a session the panel waits');
    expect(callsTo(first, 'stop')).to.have.length(1);

    el.token = 'signed-in-again';
    await waitUntil(
      async () => panel.querySelector('staff-chat-conversation-list') && (await names()).length === 1,
      'the new session’s list',
    );
    expect(await names()).to.deep.equal(['Dan Bell']);
    expect(callsTo(second, 'start')).to.have.length(1);
  });

  it('caps docked windows, closing the oldest', async () => {
    const fake = withTwoConversations();
    await mount(fake);
    fake.openIds.set([1, 2, 3, 4]);
    expect(callsTo(fake, 'closeConversation')).to.deep.equal([[1]]);
    expect(fake.openIds.get()).to.deep.equal([2, 3, 4]);
  });

  it('starts a 1:1 from the directory and shows it', async () => {
    const fake = withTwoConversations();
    fake.directory.set({ results: [bob], loading: false, error: null });
    fake.startResult = 1;
    const { el, root } = await mount(fake);
    const panel = await openPanel(el);
    panel.querySelectorAll<HTMLButtonElement>('[role="tab"]')[1]!.click();
    await (panel.host as StaffChatPanel).updateComplete;
    const directory = panel.querySelector('staff-chat-staff-directory')!;
    await directory.updateComplete;
    directory.shadowRoot!.querySelector<HTMLButtonElement>('[part="person"]')!.click();
    await waitUntil(() => root.querySelector('staff-chat-chat-window'), 'the new conversation opens');
    expect(callsTo(fake, 'startConversation')).to.deep.equal([[['bob'], undefined]]);
    expect(panel.querySelector('staff-chat-conversation-list'), 'back on the Chats tab').to.exist;
  });

  it('closes the panel on Escape and gives focus back to the launcher', async () => {
    const { el, root } = await mount(withTwoConversations());
    const panel = await openPanel(el);
    panel.querySelector<HTMLButtonElement>('[role="tab"]')!.focus();
    panel.querySelector('[role="tab"]')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect(el.open).to.be.false;
    await waitUntil(() => root.activeElement?.tagName === 'STAFF-CHAT-LAUNCHER', 'focus returns to the launcher');
  });

  it('explains a failed start with a Retry that starts again, and tells the host page', async () => {
    const fake = createFakeSession();
    const { el } = await mount(fake);
    const reported = oneEvent<StaffChatErrorEvent>(el, 'staff-chat-error');
    fake.status.set('error');
    fake.errorInfo.set({ message: 'Could not reach the chat server.', code: 'network_error' });
    expect((await reported).detail).to.deep.equal({ message: 'Could not reach the chat server.', code: 'network_error' });
    const panel = await openPanel(el);
    const alert = panel.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Could not reach the chat server.');
    alert.querySelector('button')!.click();
    expect(callsTo(fake, 'start')).to.have.length(2);
  });

  it('shows the connection state and tells the host page when it changes', async () => {
    const fake = createFakeSession();
    const { el } = await mount(fake);
    const panel = await openPanel(el);
    const changed = oneEvent<StaffChatConnectionChangeEvent>(el, 'staff-chat-connection-change');
    fake.connection.set('unavailable');
    expect((await changed).detail.state).to.equal('unavailable');
    await (panel.host as StaffChatPanel).updateComplete;
    expect(panel.querySelector('staff-chat-connection-status')!.state).to.equal('unavailable');
  });

  it('inline: fills its container with the list and one conversation', async () => {
    const fake = withTwoConversations();
    const { el, root } = await mount(fake, 'inline');
    expect(root.querySelector('staff-chat-launcher')).to.equal(null);
    expect((await panelOf(el)).querySelector('staff-chat-conversation-list')).to.exist;
    expect(root.textContent).to.contain('Choose a conversation');
    fake.openIds.set([1]);
    await el.updateComplete;
    fake.openIds.set([1, 2]);
    await el.updateComplete;
    expect(callsTo(fake, 'closeConversation')).to.deep.equal([[1]]);
    expect([...root.querySelectorAll('staff-chat-chat-window')].map((w) => w.conversationId)).to.deep.equal([2]);
    await expect(el).to.be.accessible();
  });

  it('with the real session, shows a readable error when the server cannot be reached', async () => {
    const el = await fixture<StaffChat>(html`<staff-chat api-base="http://127.0.0.1:9/api" hotel="grand" token="t"></staff-chat>`);
    const reported = oneEvent<StaffChatErrorEvent>(el, 'staff-chat-error');
    expect((await reported).detail.message).to.match(/reach|start/i);
    el.open = true;
    await el.updateComplete;
    const panel = await panelOf(el);
    expect(panel.querySelector('[role="alert"] button')!.textContent).to.equal('Retry');
  });
});
