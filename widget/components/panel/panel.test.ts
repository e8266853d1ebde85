import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import { callsTo, conversation, createFakeSession, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { ConversationSelectEvent } from '../internal-events.js';
import type { StaffChatPanel } from './panel.js';

function tabs(el: StaffChatPanel): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]')];
}

describe('<staff-chat-panel>', () => {
  it('renders the title, the connection status and the Chats tab', async () => {
    const fake = createFakeSession();
    fake.conversations.set([conversation(1, staff('bob', 'Bob Porter'), { unread_count: 4 })]);
    const el = await sessionFixture<StaffChatPanel>(fake.session, html`<staff-chat-panel></staff-chat-panel>`);
    const root = el.shadowRoot!;
    expect(root.querySelector('h2')!.textContent).to.equal('Staff chat');
    expect(root.querySelector('staff-chat-connection-status')!.state).to.equal('connected');
    expect(tabs(el).map((t) => t.getAttribute('aria-selected'))).to.deep.equal(['true', 'false']);
    expect(tabs(el)[0]!.textContent).to.contain('4 unread messages');
    expect(root.querySelector('staff-chat-conversation-list')).to.exist;
    expect(root.querySelector('.close')).to.equal(null);
  });

  it('is accessible', async () => {
    const el = await sessionFixture<StaffChatPanel>(createFakeSession().session, html`<staff-chat-panel closable></staff-chat-panel>`);
    await expect(el).to.be.accessible();
  });

  it('switches tabs with the arrow keys', async () => {
    const el = await sessionFixture<StaffChatPanel>(createFakeSession().session, html`<staff-chat-panel></staff-chat-panel>`);
    tabs(el)[0]!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('staff-chat-staff-directory')).to.exist;
    expect(el.shadowRoot!.activeElement).to.equal(tabs(el)[1]);
  });

  it('explains a failed start and retries it', async () => {
    const fake = createFakeSession();
    fake.status.set('error');
    fake.errorInfo.set({ message: 'Your session has expired.', code: 'unauthorized' });
    const el = await sessionFixture<StaffChatPanel>(fake.session, html`<staff-chat-panel></staff-chat-panel>`);
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Your session has expired.');
    await expect(el).to.be.accessible();
    alert.querySelector('button')!.click();
    expect(callsTo(fake, 'start')).to.have.length(1);
  });

  it('asks to be closed from its close button', async () => {
    const el = await sessionFixture<StaffChatPanel>(createFakeSession().session, html`<staff-chat-panel closable></staff-chat-panel>`);
    const closed = oneEvent(el, 'close');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.close')!.click();
    await closed;
  });

  it('opens message search in place of the tabs; a result selects its conversation; Escape twice comes back', async () => {
    const fake = createFakeSession();
    fake.conversations.set([conversation(4, staff('bob', 'Bob Porter'))]);
    fake.searchAnswer = async () => ({
      results: [
        {
          message_id: 77,
          conversation_id: 4,
          sender_id: 'bob',
          sender_name: 'Bob Porter',
          timestamp: '2025-01-01T12:00:00.000Z',
          is_edited: false,
          snippet: 'towels for 204',
          highlights: [[0, 6]],
        },
      ],
      count: 1,
      has_more: false,
      next_cursor: null,
    });
    const el = await sessionFixture<StaffChatPanel>(fake.session, html`<staff-chat-panel></staff-chat-panel>`);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('.header button.search')!;
    expect(button.getAttribute('aria-label')).to.equal('Search messages');
    button.click();
    await el.updateComplete;
    const search = el.shadowRoot!.querySelector('staff-chat-message-search')!;
    expect(tabs(el)).to.have.length(0);
    await waitUntil(() => search.shadowRoot?.activeElement === search.shadowRoot?.querySelector('input'), 'focus in the search field');
    await waitUntil(() => (search as unknown as { store: unknown }).store !== null, 'the search store is here');
    await sendKeys({ type: 'towels' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => search.shadowRoot!.querySelector('.result'), 'a result');
    const selected = oneEvent<ConversationSelectEvent>(el, 'conversation-select');
    search.shadowRoot!.querySelector<HTMLButtonElement>('.result')!.click();
    expect((await selected).conversationId).to.equal(4);
    expect(fake.search.$target.get()).to.deep.equal({ conversationId: 4, messageId: 77 });

    search.focus();
    await sendKeys({ press: 'Escape' });
    expect(search.shadowRoot!.querySelector('input')!.value).to.equal('');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => tabs(el).length === 2, 'the tabs are back');
    await waitUntil(
      () => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('.header button.search'),
      'focus on the search button',
    );
  });
});
