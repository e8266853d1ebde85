import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { ConversationSelectEvent } from '../internal-events.js';
import { callsTo, createFakeSession, ME, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatStaffDirectory } from './staff-directory.js';

function withStaff() {
  const fake = createFakeSession();
  fake.directory.set({ results: [ME, staff('bob', 'Bob Porter', 'Concierge'), staff('mara', 'Mara Lind')], loading: false, error: null });
  return fake;
}

function people(el: StaffChatStaffDirectory): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="person"]')];
}

describe('<staff-chat-staff-directory>', () => {
  it('renders a labelled search and everyone but the viewer', async () => {
    const fake = withStaff();
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    expect(el.shadowRoot!.querySelector('input')!.getAttribute('aria-label')).to.equal('Search staff');
    expect(people(el).map((p) => p.querySelector('.name')!.textContent)).to.deep.equal([
      'Start a chat with Bob Porter',
      'Start a chat with Mara Lind',
    ]);
    expect(callsTo(fake, 'searchDirectory')).to.deep.equal([['']]);
  });

  it('is accessible', async () => {
    const el = await sessionFixture<StaffChatStaffDirectory>(
      withStaff().session,
      html`<staff-chat-staff-directory></staff-chat-staff-directory>`,
    );
    await expect(el).to.be.accessible();
  });

  it('searches as the person types, once they pause', async () => {
    const fake = withStaff();
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    el.focus();
    await sendKeys({ type: 'mar' });
    await waitUntil(() => callsTo(fake, 'searchDirectory').length === 2, 'one search after typing');
    expect(callsTo(fake, 'searchDirectory')).to.deep.equal([[''], ['mar']]);
  });

  it('searches at once on Enter', async () => {
    const fake = withStaff();
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    el.focus();
    await sendKeys({ type: 'bob' });
    await sendKeys({ press: 'Enter' });
    expect(callsTo(fake, 'searchDirectory')).to.deep.equal([[''], ['bob']]);
  });

  it('starts a 1:1 through the session and tells its parent which conversation to show', async () => {
    const fake = withStaff();
    fake.startResult = 42;
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    const selected = oneEvent<ConversationSelectEvent>(el, 'conversation-select');
    people(el)[0]!.click();
    expect((await selected).conversationId).to.equal(42);
    expect(callsTo(fake, 'startConversation')).to.deep.equal([[['bob'], undefined]]);
  });

  it('says so when a conversation cannot be started', async () => {
    const fake = withStaff();
    fake.startResult = new Error('boom');
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    people(el)[1]!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[role="alert"]'), 'an error is shown');
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('could not be started');
  });

  it('says why the list is empty: no colleague yet, a search that found no one, everyone already added', async () => {
    const fake = createFakeSession();
    fake.directory.set({ results: [ME], loading: false, error: null });
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    expect(el.shadowRoot!.textContent).to.contain('No colleagues here yet.');
    expect(el.shadowRoot!.textContent).not.to.contain('No one matches');
    el.focus();
    await sendKeys({ type: 'zz' });
    await sendKeys({ press: 'Enter' });
    // The search's answer: still only the viewer.
    fake.directory.set({ results: [ME], loading: false, error: null });
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('No one matches that search.');

    const everyone = withStaff();
    const picker = await sessionFixture<StaffChatStaffDirectory>(
      everyone.session,
      html`<staff-chat-staff-directory picking .exclude=${['bob', 'mara']}></staff-chat-staff-directory>`,
    );
    expect(picker.shadowRoot!.textContent).to.contain('Everyone is already in this conversation.');
  });

  it('shows the directory’s own error', async () => {
    const fake = createFakeSession();
    const el = await sessionFixture<StaffChatStaffDirectory>(fake.session, html`<staff-chat-staff-directory></staff-chat-staff-directory>`);
    fake.directory.set({ results: [], loading: false, error: 'Could not reach the chat server.' });
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.equal('Could not reach the chat server.');
  });
});
