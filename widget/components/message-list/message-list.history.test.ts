import { expect, html, nextFrame, waitUntil } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { ChatMessage } from '../../state/session.js';
import { callsTo, chatMessage, createFakeSession, type FakeSession } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatMessageList } from './message-list.js';

/*
 * Long histories: the list renders only the messages near the viewport, keeps the reader's place
 * while pages load above and rows change size, and gets them back to the newest or to a quoted one.
 */

const LOREM = 'The guest in 214 asked for a late checkout and an extra pillow, and housekeeping confirmed both. ';

/** Messages `first`…`last`, of varied heights (one to several lines), so estimates are wrong. */
function history(first: number, last: number): ChatMessage[] {
  return Array.from({ length: last - first + 1 }, (_, i) => {
    const id = first + i;
    return chatMessage(id, `#${id} ${LOREM.repeat(id % 5)}`);
  });
}

function log(el: StaffChatMessageList): HTMLElement {
  return el.shadowRoot!.querySelector<HTMLElement>('[role="log"]')!;
}

function bubbles(el: StaffChatMessageList) {
  return [...el.shadowRoot!.querySelectorAll('staff-chat-message-bubble')];
}

function bubbleFor(el: StaffChatMessageList, id: number) {
  return bubbles(el).find((b) => b.message?.id === id);
}

/** The bubbles that are (at least partly) inside the scrolling viewport, top to bottom. */
function visible(el: StaffChatMessageList) {
  const box = log(el).getBoundingClientRect();
  return bubbles(el).filter((b) => {
    const r = b.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom && r.height > 0;
  });
}

/** Screen position of a message's bubble relative to the top of the viewport. */
function offsetOf(el: StaffChatMessageList, id: number): number {
  return bubbleFor(el, id)!.getBoundingClientRect().top - log(el).getBoundingClientRect().top;
}

/** Waits until nothing moves any more: no pending update and the same scroll offset and first visible row for two frames. */
async function settled(el: StaffChatMessageList): Promise<void> {
  const snapshot = () => `${log(el).scrollTop}|${log(el).scrollHeight}|${visible(el)[0]?.message?.id}`;
  let previous = '';
  for (let i = 0; i < 100; i++) {
    await el.updateComplete;
    await nextFrame();
    await nextFrame();
    const now = snapshot();
    if (now === previous && !el.isUpdatePending) return;
    previous = now;
  }
  throw new Error(`the list did not settle (${previous})`);
}

/** Scrolls like a person would (the list tells its own scrolling from theirs by the offset). */
async function scrollTo(el: StaffChatMessageList, top: number): Promise<void> {
  log(el).scrollTop = top;
  await settled(el);
}

/** The viewport is covered by rendered rows: no blank spacer showing. */
function viewportIsCovered(el: StaffChatMessageList): boolean {
  const box = log(el).getBoundingClientRect();
  const rows = [...el.shadowRoot!.querySelectorAll('.virtual-row')].map((r) => r.getBoundingClientRect());
  const top = Math.min(...rows.map((r) => r.top));
  const bottom = Math.max(...rows.map((r) => r.bottom));
  const paddingTop = parseFloat(getComputedStyle(log(el)).paddingTop);
  return top <= box.top + paddingTop + 1 && bottom >= box.bottom - paddingTop - 1;
}

const atBottom = (el: StaffChatMessageList) => {
  const region = log(el);
  return region.scrollHeight - region.scrollTop - region.clientHeight < 2;
};

async function open(fake: FakeSession, height = 320): Promise<StaffChatMessageList> {
  return sessionFixture<StaffChatMessageList>(
    fake.session,
    html`<staff-chat-message-list style=${`height: ${height}px; width: 360px`} conversation-id="1"></staff-chat-message-list>`,
  );
}

describe('<staff-chat-message-list> with a long history', () => {
  it('keeps fewer than 200 messages in the DOM for 10,000, at the bottom, in the middle and at the top', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: history(1, 10_000), loading: false, hasMore: false, error: null, loaded: true });
    const started = performance.now();
    const el = await open(fake);
    const firstRender = performance.now() - started;
    // DESIGN.md asks for under 50 ms; a loaded test machine gets slack, an unvirtualised list takes seconds.
    expect(firstRender, `first render took ${firstRender.toFixed(1)} ms`).to.be.below(500);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await settled(el);
    expect(bubbles(el).length).to.be.within(1, 199);
    expect(visible(el).at(-1)!.message!.id).to.equal(10_000);
    expect(viewportIsCovered(el)).to.equal(true);

    await scrollTo(el, log(el).scrollHeight / 2);
    expect(bubbles(el).length).to.be.within(1, 199);
    const middle = visible(el)[0]!.message!.id;
    expect(middle).to.be.within(2000, 8000);
    expect(viewportIsCovered(el)).to.equal(true);

    await scrollTo(el, 0);
    expect(bubbles(el).length).to.be.within(1, 199);
    expect(visible(el)[0]!.message!.id).to.equal(1);
    expect(viewportIsCovered(el)).to.equal(true);
    expect(log(el).getAttribute('role')).to.equal('log');
  });

  it('loads older messages when scrolled to the top', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: history(401, 500), loading: false, hasMore: true, error: null, loaded: true });
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await settled(el);
    expect(callsTo(fake, 'loadOlder')).to.deep.equal([]);
    await scrollTo(el, 0);
    expect(callsTo(fake, 'loadOlder').length).to.be.greaterThan(0);
    expect(callsTo(fake, 'loadOlder')[0]).to.deep.equal([1]);
  });

  it('keeps the message being read in place when an older page is prepended', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: history(301, 500), loading: false, hasMore: true, error: null, loaded: true });
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await scrollTo(el, 40);
    const reading = visible(el)[0]!.message!.id;
    const before = offsetOf(el, reading);

    fake.view(1).set({ ...fake.view(1).get(), messages: [...history(201, 300), ...fake.view(1).get().messages] });
    await settled(el);
    expect(Math.abs(offsetOf(el, reading) - before), 'moved by').to.be.below(2);
    expect(log(el).scrollTop).to.be.greaterThan(1000);

    fake.view(1).set({ ...fake.view(1).get(), messages: [...history(101, 200), ...fake.view(1).get().messages], hasMore: false });
    await settled(el);
    expect(Math.abs(offsetOf(el, reading) - before), 'moved by').to.be.below(2);
    expect(bubbles(el).length).to.be.below(200);
  });

  it('keeps the message being read in place when a message above it changes size', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: history(1, 1000), loading: false, hasMore: false, error: null, loaded: true });
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await scrollTo(el, log(el).scrollHeight / 2);
    const reading = visible(el)[0]!.message!.id;
    const above = bubbles(el).find((b) => b.getBoundingClientRect().bottom < log(el).getBoundingClientRect().top)!;
    expect(above, 'a rendered message above the viewport').to.exist;
    const before = offsetOf(el, reading);

    const aboveId = above.message!.id;
    fake.view(1).set({
      ...fake.view(1).get(),
      messages: fake
        .view(1)
        .get()
        .messages.map((m) => (m.id === aboveId ? { ...m, message: LOREM.repeat(12), is_edited: true } : m)),
    });
    await settled(el);
    expect(Math.abs(offsetOf(el, reading) - before), 'moved by').to.be.below(2);
  });

  it('marks new messages and offers "Jump to latest" when scrolled up, which goes to the newest', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: history(1, 300), loading: false, hasMore: false, error: null, loaded: true });
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    const jump = () => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="jump-to-latest"]');
    await settled(el);
    expect(jump()).to.equal(null);

    await scrollTo(el, log(el).scrollHeight / 3);
    const reading = visible(el)[0]!.message!.id;
    const before = offsetOf(el, reading);
    fake.view(1).set({
      ...fake.view(1).get(),
      messages: [...fake.view(1).get().messages, chatMessage(301, 'new one'), chatMessage(302, 'and another')],
    });
    await settled(el);
    expect(Math.abs(offsetOf(el, reading) - before), 'the place is kept').to.be.below(2);
    expect(jump()!.getAttribute('aria-label')).to.equal('Jump to latest, 2 new messages');
    expect(jump()!.textContent).to.contain('2');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.textContent).to.contain('2 unread messages');
    await expect(el).to.be.accessible();

    jump()!.click();
    await waitUntil(() => atBottom(el), 'scrolls to the newest');
    await settled(el);
    expect(visible(el).at(-1)!.message!.id).to.equal(302);
    expect(jump()).to.equal(null);
    const divider = el.shadowRoot!.querySelector('[part="new-messages"]')!;
    expect(divider.textContent).to.equal('New messages');
    expect(divider.closest('.virtual-row')!.getAttribute('data-key')).to.equal('i301');
  });

  it('shows "Jump to latest" when scrolled far up, and keeps following when at the bottom', async () => {
    const fake = createFakeSession();
    fake.view(1).set({ messages: history(1, 300), loading: false, hasMore: false, error: null, loaded: true });
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await settled(el);
    fake.view(1).set({ ...fake.view(1).get(), messages: [...fake.view(1).get().messages, chatMessage(301, 'while at the bottom')] });
    await settled(el);
    expect(atBottom(el)).to.equal(true);
    expect(visible(el).at(-1)!.message!.id).to.equal(301);
    expect(el.shadowRoot!.querySelector('[part="jump-to-latest"]')).to.equal(null);

    await scrollTo(el, 0);
    const jump = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="jump-to-latest"]')!;
    expect(jump.getAttribute('aria-label')).to.equal('Jump to latest');
  });

  it('scrolls to the quoted original and highlights it', async () => {
    const fake = createFakeSession();
    const messages = history(1, 300);
    messages[299] = chatMessage(300, 'Done', {
      reply_to: 5,
      reply_to_message: { id: 5, message: messages[4]!.message, sender_id: 'bob', sender_name: 'Bob Porter' },
    });
    fake.view(1).set({ messages, loading: false, hasMore: false, error: null, loaded: true });
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await settled(el);
    expect(bubbleFor(el, 5)).to.equal(undefined);

    const reply = bubbleFor(el, 300)!;
    reply.shadowRoot!.querySelector<HTMLButtonElement>('[part="quote"]')!.click();
    await waitUntil(() => visible(el).some((b) => b.message?.id === 5), 'the original comes into view');
    await settled(el);
    expect(visible(el).map((b) => b.message!.id)).to.include(5);
    const original = bubbleFor(el, 5)!.closest('.message')!;
    expect(original.classList.contains('highlight')).to.equal(true);
    expect(el.shadowRoot!.activeElement).to.equal(original);
    expect(bubbles(el).length).to.be.below(200);
  });

  it('loads older pages to find a quoted original that is not loaded yet', async () => {
    const fake = createFakeSession();
    const all = history(1, 300);
    all[299] = chatMessage(300, 'Done', {
      reply_to: 10,
      reply_to_message: { id: 10, message: all[9]!.message, sender_id: 'bob', sender_name: 'Bob Porter' },
    });
    fake.view(1).set({ messages: all.slice(200), loading: false, hasMore: true, error: null, loaded: true });
    // A loadOlder that behaves like the real one: the page before the oldest loaded message.
    const pages: number[] = [];
    fake.session.loadOlder = async (id: number) => {
      const view = fake.view(id).get();
      const oldest = view.messages[0]!.id;
      pages.push(oldest);
      const page = all.filter((m) => m.id < oldest).slice(-50);
      fake.view(id).set({ ...view, messages: [...page, ...view.messages], hasMore: page[0]!.id > 1 });
    };
    const el = await open(fake);
    await waitUntil(() => atBottom(el), 'opens at the newest message');
    await settled(el);

    bubbleFor(el, 300)!.shadowRoot!.querySelector<HTMLButtonElement>('[part="quote"]')!.click();
    await waitUntil(() => visible(el).some((b) => b.message?.id === 10), 'the original comes into view');
    expect(pages.slice(0, 2)).to.deep.equal([201, 151]);
    expect(pages.length).to.be.within(4, 5); // 201, 151, 101, 51 found it; the top may ask once more
    expect(bubbleFor(el, 10)!.closest('.message')!.classList.contains('highlight')).to.equal(true);
  });
});
