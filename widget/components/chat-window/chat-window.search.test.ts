import { expect, html, nextFrame, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { ChatMessage } from '../../state/session.js';
import { chatMessage, conversation, createFakeSession, staff, type FakeSession } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatChatWindow } from './chat-window.js';

/*
 * A search result opens its conversation at that message: the window's list loads older pages until
 * the message is there, scrolls to it, highlights it and puts focus on it.
 */

const history = (first: number, last: number): ChatMessage[] =>
  Array.from({ length: last - first + 1 }, (_, i) => chatMessage(first + i, `#${first + i} the guest in 204 asked for another pillow`));

/** A conversation of 300 messages with only the newest 100 loaded, and a loadOlder that behaves like the real one. */
function longConversation(): { fake: FakeSession; pages: number[] } {
  const fake = createFakeSession();
  fake.conversations.set([conversation(1, staff('bob', 'Bob Porter'))]);
  const all = history(1, 300);
  all[11] = chatMessage(12, 'Towels for room 310, please');
  fake.view(1).set({ messages: all.slice(200), loading: false, hasMore: true, error: null, loaded: true });
  const pages: number[] = [];
  fake.session.loadOlder = async (id: number) => {
    const view = fake.view(id).get();
    const oldest = view.messages[0]!.id;
    pages.push(oldest);
    const page = all.filter((m) => m.id < oldest).slice(-50);
    fake.view(id).set({ ...view, messages: [...page, ...view.messages], hasMore: page[0]!.id > 1 });
  };
  return { fake, pages };
}

async function openWindow(fake: FakeSession): Promise<StaffChatChatWindow> {
  return sessionFixture<StaffChatChatWindow>(
    fake.session,
    html`<staff-chat-chat-window style="height: 480px; width: 360px; display: flex" conversation-id="1"></staff-chat-chat-window>`,
  );
}

const list = (el: StaffChatChatWindow) => el.shadowRoot!.querySelector('staff-chat-message-list')!;

function rowOf(el: StaffChatChatWindow, id: number): HTMLElement | undefined {
  const bubble = [...list(el).shadowRoot!.querySelectorAll('staff-chat-message-bubble')].find((b) => b.message?.id === id);
  return bubble?.closest<HTMLElement>('.message') ?? undefined;
}

function inView(el: StaffChatChatWindow, id: number): boolean {
  const row = rowOf(el, id);
  if (!row) return false;
  const box = list(el).shadowRoot!.querySelector('[role="log"]')!.getBoundingClientRect();
  const r = row.getBoundingClientRect();
  return r.bottom > box.top && r.top < box.bottom;
}

describe('<staff-chat-chat-window> showing a search result', () => {
  it('loads older pages to the chosen message, scrolls to it, highlights it and focuses it', async () => {
    const { fake, pages } = longConversation();
    const el = await openWindow(fake);
    // The window must be ready before the choice, as when a window is already open.
    await waitUntil(() => (el as unknown as { search: unknown }).search !== null, 'the search store is here');
    fake.search.openAt(1, 12);
    await waitUntil(() => inView(el, 12), 'the message comes into view', { timeout: 5000 });
    expect(pages.slice(0, 2)).to.deep.equal([201, 151]);
    expect(rowOf(el, 12)!.classList.contains('highlight')).to.equal(true);
    await waitUntil(() => list(el).shadowRoot!.activeElement === rowOf(el, 12), 'focus is on the message');
    // Taken: the next window to open does not jump again.
    expect(fake.search.$target.get()).to.equal(null);
    // The highlight fades by itself.
    await waitUntil(() => !rowOf(el, 12)?.classList.contains('highlight'), 'the highlight goes', { timeout: 5000 });
  });

  it('shows a target set before the window opened, and leaves other conversations’ targets alone', async () => {
    const { fake } = longConversation();
    fake.search.openAt(2, 99);
    const other = await openWindow(fake);
    await nextFrame();
    expect(fake.search.$target.get()).to.deep.equal({ conversationId: 2, messageId: 99 });
    other.remove();
    fake.search.openAt(1, 250);
    const el = await openWindow(fake);
    await waitUntil(() => inView(el, 250) && rowOf(el, 250)!.classList.contains('highlight'), 'the message is shown', { timeout: 5000 });
  });

  it('searches its own conversation from the header and opens a result there', async () => {
    const { fake } = longConversation();
    fake.searchAnswer = async () => ({
      results: [
        {
          message_id: 12,
          conversation_id: 1,
          sender_id: 'bob',
          sender_name: 'Bob Porter',
          timestamp: '2025-01-01T12:00:12.000Z',
          is_edited: false,
          snippet: 'Towels for room 310, please',
          highlights: [[0, 6]],
        },
      ],
      count: 1,
      has_more: false,
      next_cursor: null,
    });
    const el = await openWindow(fake);
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.search')!;
    expect(button.getAttribute('aria-label')).to.equal('Search in this conversation');
    button.click();
    const search = await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-message-search'), 'the search bar opens').then(() =>
      el.shadowRoot!.querySelector('staff-chat-message-search')!,
    );
    await waitUntil(() => search.shadowRoot!.activeElement === search.shadowRoot!.querySelector('input'), 'focus in the field');
    await waitUntil(() => (search as unknown as { store: unknown }).store !== null, 'the search store is here');
    await sendKeys({ type: 'towels' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => search.shadowRoot!.querySelector('.result'), 'a result');
    await expect(el).to.be.accessible();
    search.shadowRoot!.querySelector<HTMLButtonElement>('.result')!.click();
    await waitUntil(() => inView(el, 12) && rowOf(el, 12)!.classList.contains('highlight'), 'the message is shown', { timeout: 5000 });
    expect(el.shadowRoot!.querySelector('staff-chat-message-search')).to.equal(null);
  });

  it('closes its search bar on Escape in the empty field and gives focus back to the button', async () => {
    const { fake } = longConversation();
    const el = await openWindow(fake);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.search')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-message-search'), 'the search bar opens');
    const search = el.shadowRoot!.querySelector('staff-chat-message-search')!;
    await waitUntil(() => search.shadowRoot!.activeElement !== null, 'focus in the field');
    let escaped = false;
    el.addEventListener('keydown', (event) => (escaped ||= event.key === 'Escape'));
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-message-search') === null, 'the bar closes');
    await waitUntil(() => el.shadowRoot!.activeElement === el.shadowRoot!.querySelector('button.search'), 'focus back on the button');
    // The window around it (a docked window closes on nothing, but a dialog might) never saw it.
    expect(escaped).to.equal(false);
  });

  it('says so when the chosen message cannot be reached (deleted since, or further back than it loads)', async () => {
    const { fake, pages } = longConversation();
    const el = await openWindow(fake);
    await waitUntil(() => (el as unknown as { search: unknown }).search !== null, 'the search store is here');
    fake.search.openAt(1, 9999);
    await waitUntil(() => el.shadowRoot!.querySelector('.not-shown')!.textContent.includes('could not be shown'), 'the note shows', {
      timeout: 5000,
    });
    // Every older page was tried before giving up: history ends at message 1.
    expect(pages).to.deep.equal([201, 151, 101, 51]);
    await expect(el).to.be.accessible();
  });
});
