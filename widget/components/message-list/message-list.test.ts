import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import { callsTo, chatMessage, createFakeSession, ME } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatMessageList } from './message-list.js';

function log(el: StaffChatMessageList): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
}

function bubbles(el: StaffChatMessageList) {
  return [...el.shadowRoot!.querySelectorAll('staff-chat-message-bubble')];
}

const mine = { sender_id: ME.id, sender_info: { id: ME.id, full_name: ME.full_name, avatar: null } };

describe('<staff-chat-message-list>', () => {
  it('renders the messages, oldest first, in a polite log', async () => {
    const fake = createFakeSession();
    fake.view(1).set({
      messages: [chatMessage(1, 'first'), chatMessage(2, 'second', mine)],
      loading: false,
      hasMore: false,
      error: null,
      loaded: true,
    });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list conversation-id="1"></staff-chat-message-list>`,
    );
    expect(log(el).getAttribute('aria-live')).to.equal('polite');
    expect(log(el).getAttribute('aria-label')).to.equal('Messages');
    expect(bubbles(el).map((b) => b.message?.message)).to.deep.equal(['first', 'second']);
    expect(bubbles(el).map((b) => b.mine)).to.deep.equal([false, true]);
  });

  it('is accessible', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: [chatMessage(1, 'first')], loading: false, hasMore: true, error: null, loaded: true });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list conversation-id="1"></staff-chat-message-list>`,
    );
    await expect(el).to.be.accessible();
  });

  it('says it is loading until the first page arrives, then shows the messages', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: [], loading: true, hasMore: false, error: null, loaded: false });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list conversation-id="1"></staff-chat-message-list>`,
    );
    expect(log(el).textContent).to.contain('Loading messages…');
    fake.view(1).set({ messages: [chatMessage(1, 'hello')], loading: false, hasMore: false, error: null, loaded: true });
    await el.updateComplete;
    expect(log(el).textContent).not.to.contain('Loading messages…');
    expect(bubbles(el)).to.have.length(1);
  });

  it('offers "Load earlier messages" when there is more history, which calls loadOlder', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: [chatMessage(51, 'x')], loading: false, hasMore: true, error: null, loaded: true });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list conversation-id="1"></staff-chat-message-list>`,
    );
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="load-earlier"]')!;
    expect(button.textContent.trim()).to.equal('Load earlier messages');
    button.click();
    expect(callsTo(fake, 'loadOlder')).to.deep.equal([[1]]);
  });

  it('retries a failed message through the session with its client_id', async () => {
    const fake = createFakeSession();
    fake.view(1).set({
      messages: [chatMessage(-1, 'lost', { ...mine, status: 'failed', client_id: 'c-9', error: 'Offline' })],
      loading: false,
      hasMore: false,
      error: null,
      loaded: true,
    });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list conversation-id="1"></staff-chat-message-list>`,
    );
    const bubble = bubbles(el)[0]!;
    await bubble.updateComplete;
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part="failed"] button')!.click();
    expect(callsTo(fake, 'retryMessage')).to.deep.equal([[1, 'c-9']]);
  });

  it('names senders of others’ messages in a group, once per run', async () => {
    const fake = createFakeSession();
    fake.view(1).set({
      messages: [chatMessage(1, 'a'), chatMessage(2, 'b'), chatMessage(3, 'c', mine)],
      loading: false,
      hasMore: false,
      error: null,
      loaded: true,
    });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list conversation-id="1" is-group></staff-chat-message-list>`,
    );
    expect(bubbles(el).map((b) => b.showSender)).to.deep.equal([true, false, false]);
  });

  it('keeps the newest message in view while at the bottom, and keeps the place when scrolled up', async () => {
    const fake = createFakeSession();
    const many = Array.from({ length: 40 }, (_, i) => chatMessage(i + 1, `message ${i + 1}`));
    fake.view(1).set({ messages: many, loading: false, hasMore: false, error: null, loaded: true });
    const el = await sessionFixture<StaffChatMessageList>(
      fake.session,
      html`<staff-chat-message-list style="height: 200px" conversation-id="1"></staff-chat-message-list>`,
    );
    const region = log(el);
    const atBottom = () => region.scrollHeight - region.scrollTop - region.clientHeight < 2;
    await waitUntil(atBottom, 'starts at the newest message');
    expect(region.scrollHeight).to.be.greaterThan(region.clientHeight);

    const grown = region.scrollHeight;
    fake.view(1).set({ ...fake.view(1).get(), messages: [...many, chatMessage(41, 'new')] });
    await waitUntil(() => region.scrollHeight > grown && atBottom(), 'follows a new message');

    const scrolled = oneEvent(region, 'scroll');
    region.scrollTop = 0;
    await scrolled;
    const before = region.scrollHeight;
    fake.view(1).set({ ...fake.view(1).get(), messages: [...many, chatMessage(41, 'new'), chatMessage(42, 'newer')] });
    await waitUntil(() => region.scrollHeight > before, 'renders the newer message');
    expect(region.scrollTop).to.equal(0);

    fake.view(1).set({
      ...fake.view(1).get(),
      messages: [...fake.view(1).get().messages, chatMessage(-1, 'mine', { status: 'pending', client_id: 'c1' })],
    });
    await waitUntil(atBottom, 'the person’s own message always comes into view');
  });
});
