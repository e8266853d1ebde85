import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { SearchPage, SearchResult } from '../../../contract/index.js';
import { callsTo, conversation, createFakeSession, ME, staff, type FakeSession } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { MessageOpenEvent } from '../internal-events.js';
import type { StaffChatMessageSearch } from './message-search.js';

function result(messageId: number, snippet: string, highlights: [number, number][], extra: Partial<SearchResult> = {}): SearchResult {
  return {
    message_id: messageId,
    conversation_id: 1,
    sender_id: 'bob',
    sender_name: 'Bob Porter',
    timestamp: '2025-01-01T12:00:00.000Z',
    is_edited: false,
    snippet,
    highlights,
    ...extra,
  };
}

const page = (results: SearchResult[], next: string | null = null): SearchPage => ({
  results,
  count: results.length,
  has_more: next !== null,
  next_cursor: next,
});

function setup(): FakeSession {
  const fake = createFakeSession();
  fake.conversations.set([
    conversation(1, staff('bob', 'Bob Porter')),
    conversation(2, staff('cara', 'Cara Diaz'), { is_group: true, title: 'Front desk' }),
  ]);
  return fake;
}

async function searchBox(fake: FakeSession, attributes = ''): Promise<StaffChatMessageSearch> {
  const el = await sessionFixture<StaffChatMessageSearch>(
    fake.session,
    attributes
      ? html`<staff-chat-message-search conversation-id=${attributes}></staff-chat-message-search>`
      : html`<staff-chat-message-search></staff-chat-message-search>`,
  );
  // The store arrives from the session's promise.
  await waitUntil(() => (el as unknown as { store: unknown }).store !== null, 'the search store is here');
  await el.updateComplete;
  return el;
}

const root = (el: StaffChatMessageSearch) => el.shadowRoot!;
const input = (el: StaffChatMessageSearch) => root(el).querySelector('input')!;
const results = (el: StaffChatMessageSearch) => [...root(el).querySelectorAll<HTMLButtonElement>('.result')];

/** Types into the field as a person does, key by key. */
async function type(el: StaffChatMessageSearch, text: string): Promise<void> {
  input(el).focus();
  await sendKeys({ type: text });
}

async function searchNow(el: StaffChatMessageSearch, text: string): Promise<void> {
  await type(el, text);
  await sendKeys({ press: 'Enter' });
}

describe('<staff-chat-message-search>', () => {
  it('renders each result with its conversation, sender, time and the matched words marked, as text only', async () => {
    const fake = setup();
    fake.searchAnswer = async () =>
      page([
        result(40, 'the guest in 204 asked for towels <b>now</b>', [[27, 33]]),
        result(41, 'Towels for 310', [[0, 6]], { conversation_id: 2, sender_id: ME.id, sender_name: ME.full_name }),
      ]);
    const el = await searchBox(fake);
    await searchNow(el, 'towels');
    await waitUntil(() => results(el).length === 2, 'two results');
    const [first, second] = results(el);
    expect(first!.querySelector('.title')!.textContent).to.equal('Bob Porter');
    expect(first!.querySelector('.sender')!.textContent).to.equal('Bob Porter');
    expect(first!.querySelector('time')!.getAttribute('datetime')).to.equal('2025-01-01T12:00:00.000Z');
    expect(first!.querySelector('time')!.textContent.trim()).to.not.equal('');
    expect([...first!.querySelectorAll('mark')].map((m) => m.textContent)).to.deep.equal(['towels']);
    // Markup in a message is its text, never elements.
    expect(first!.querySelector('b')).to.equal(null);
    expect(first!.querySelector('.snippet')!.textContent).to.equal('the guest in 204 asked for towels <b>now</b>');
    expect(second!.querySelector('.title')!.textContent).to.equal('Front desk');
    expect(second!.querySelector('.sender')!.textContent).to.equal('You');
    expect(root(el).querySelector('[role="status"]')!.textContent).to.contain('2 messages found');
  });

  it('is accessible with results shown', async () => {
    const fake = setup();
    fake.searchAnswer = async () => page([result(40, 'towels in 204', [[0, 6]])], '40');
    const el = await searchBox(fake);
    await searchNow(el, 'towels');
    await waitUntil(() => results(el).length === 1, 'a result');
    await expect(el).to.be.accessible();
  });

  it('waits for a pause in typing, then searches once; Enter searches at once', async () => {
    const fake = setup();
    const el = await searchBox(fake);
    // Long enough that no gap between two keystrokes on a loaded machine reaches it.
    el.delay = 1500;
    await type(el, 'tow');
    // Typed key by key: no request per keystroke, one for what was typed once the typing paused.
    expect(callsTo(fake, 'searchMessages')).to.deep.equal([]);
    await waitUntil(() => callsTo(fake, 'searchMessages').length > 0, 'searched after the pause', { timeout: 5000 });
    expect(callsTo(fake, 'searchMessages')).to.deep.equal([[{ q: 'tow' }]]);

    await sendKeys({ type: 'els' });
    await sendKeys({ press: 'Enter' });
    expect(callsTo(fake, 'searchMessages').at(-1)).to.deep.equal([{ q: 'towels' }]);
  });

  it('searches only its conversation when it has one', async () => {
    const fake = setup();
    const el = await searchBox(fake, '2');
    await searchNow(el, 'keys');
    expect(callsTo(fake, 'searchMessages')).to.deep.equal([[{ q: 'keys', conversationId: 2 }]]);
    expect(input(el).getAttribute('aria-label')).to.equal('Search in this conversation');
  });

  it('says "searching", then that nothing matched, in words', async () => {
    const fake = setup();
    let answer!: (value: SearchPage) => void;
    fake.searchAnswer = () => new Promise((resolve) => (answer = resolve));
    const el = await searchBox(fake);
    await searchNow(el, 'zebra');
    await el.updateComplete;
    expect(root(el).querySelector('[role="status"]')!.textContent).to.equal('Searching…');
    answer(page([]));
    await waitUntil(() => root(el).querySelector('.note')?.textContent?.includes('No messages contain “zebra”'), 'says nothing matched');
  });

  it('explains a failure and searches again from Retry', async () => {
    const fake = setup();
    fake.searchAnswer = async () => {
      throw new Error('offline');
    };
    const el = await searchBox(fake);
    await searchNow(el, 'towels');
    await waitUntil(() => root(el).querySelector('[role="alert"]'), 'the failure shows');
    expect(root(el).querySelector('[role="alert"]')!.textContent).to.contain('The search did not work.');
    await expect(el).to.be.accessible();
    fake.searchAnswer = async () => page([result(40, 'towels', [[0, 6]])]);
    root(el).querySelector<HTMLButtonElement>('[role="alert"] button')!.click();
    await waitUntil(() => results(el).length === 1, 'the retry found it');
    expect(callsTo(fake, 'searchMessages')).to.have.length(2);
    expect(root(el).querySelector('[role="alert"]')).to.equal(null);
  });

  it('loads the next page with the cursor of the page before and appends it', async () => {
    const fake = setup();
    fake.searchAnswer = async (query) =>
      query.cursor === undefined
        ? page([result(50, 'towels one', [[0, 6]]), result(49, 'towels two', [[0, 6]])], '49.10.49')
        : page([result(12, 'towels three', [[0, 6]])]);
    const el = await searchBox(fake);
    await searchNow(el, 'towels');
    await waitUntil(() => results(el).length === 2, 'the first page');
    const more = root(el).querySelector<HTMLButtonElement>('.more')!;
    expect(more.textContent.trim()).to.equal('Load more results');
    more.click();
    await waitUntil(() => results(el).length === 3, 'the second page is appended');
    expect(callsTo(fake, 'searchMessages').at(-1)).to.deep.equal([{ q: 'towels', cursor: '49.10.49' }]);
    expect(root(el).querySelector('.more')).to.equal(null);
    // Focus goes to the first new result, so a keyboard user reads on from there.
    await waitUntil(() => root(el).activeElement === results(el)[2], 'focus on the first new result');
  });

  it('shows only the answer to the latest query when answers arrive out of order', async () => {
    const fake = setup();
    const answers: ((value: SearchPage) => void)[] = [];
    fake.searchAnswer = () => new Promise((resolve) => answers.push(resolve));
    const el = await searchBox(fake);
    await searchNow(el, 'tow');
    await sendKeys({ type: 'els' });
    await sendKeys({ press: 'Enter' });
    answers[1]!(page([result(2, 'towels', [[0, 6]])]));
    answers[0]!(page([result(1, 'tower', [[0, 3]])]));
    await waitUntil(() => results(el).length === 1, 'a result');
    await el.updateComplete;
    expect(results(el).map((r) => r.querySelector('.snippet')!.textContent)).to.deep.equal(['towels']);
  });

  it('opens a result from the keyboard and asks its window to show that message', async () => {
    const fake = setup();
    fake.searchAnswer = async () => page([result(40, 'towels', [[0, 6]]), result(41, 'towels too', [[0, 6]], { conversation_id: 2 })]);
    const el = await searchBox(fake);
    await searchNow(el, 'towels');
    await waitUntil(() => results(el).length === 2, 'results');
    await sendKeys({ press: 'ArrowDown' });
    expect(root(el).activeElement).to.equal(results(el)[0]);
    await sendKeys({ press: 'ArrowDown' });
    expect(root(el).activeElement).to.equal(results(el)[1]);
    const opened = oneEvent<MessageOpenEvent>(el, 'message-open');
    await sendKeys({ press: 'Enter' });
    const event = await opened;
    expect([event.conversationId, event.messageId]).to.deep.equal([2, 41]);
    expect(fake.search.$target.get()).to.deep.equal({ conversationId: 2, messageId: 41 });
  });

  it('empties the field on Escape, and asks to close on the next Escape', async () => {
    const fake = setup();
    fake.searchAnswer = async () => page([result(40, 'towels', [[0, 6]])]);
    const el = await searchBox(fake);
    await searchNow(el, 'towels');
    await waitUntil(() => results(el).length === 1, 'a result');
    let closed = 0;
    el.addEventListener('search-close', () => closed++);
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    expect(input(el).value).to.equal('');
    expect(results(el)).to.have.length(0);
    expect(closed).to.equal(0);
    expect(root(el).activeElement).to.equal(input(el));
    await sendKeys({ press: 'Escape' });
    expect(closed).to.equal(1);
  });

  it('asks nothing of the server for text without a letter or digit', async () => {
    const fake = setup();
    const el = await searchBox(fake);
    await searchNow(el, '?!');
    expect(callsTo(fake, 'searchMessages')).to.deep.equal([]);
    expect(root(el).querySelector('.note')).to.equal(null);
  });
});
