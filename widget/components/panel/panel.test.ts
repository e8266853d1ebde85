import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import { callsTo, conversation, createFakeSession, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
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
});
