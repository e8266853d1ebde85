import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import './testing/process-shim.js';
import './define.js';
import './components/define-lazy.js';
import { chatMessage, conversation, createFakeSession, ME, staff, type FakeSession } from './testing/fake-session.js';
import { $locale, registerLocale, setLocale } from './messages/locale.js';
import type { StaffChat } from './staff-chat.js';

const bob = staff('bob', 'Bob Porter', 'Concierge');

/** Today at 15:30 local time: "3:30 PM" in American English, "15:30" in German. */
function todayAt1530(): string {
  const date = new Date();
  date.setHours(15, 30, 0, 0);
  return date.toISOString();
}

/** The first element matching `selector` under `root`, looking through every shadow root. */
function deep<T extends Element = HTMLElement>(root: ParentNode, selector: string): T | null {
  const found = root.querySelector<T>(selector);
  if (found) return found;
  for (const element of root.querySelectorAll('*')) {
    const inner = element.shadowRoot && deep<T>(element.shadowRoot, selector);
    if (inner) return inner;
  }
  return null;
}

/** Follows `path` through shadow roots: `q(root, 'staff-chat-composer', 'textarea')`. */
function q(root: ParentNode, ...path: string[]): HTMLElement | null {
  let scope: ParentNode = root;
  let found: HTMLElement | null = null;
  for (const selector of path) {
    found = deep(scope, selector);
    if (!found) return null;
    scope = found.shadowRoot ?? found;
  }
  return found;
}

function deepAll(root: ParentNode, selector: string): HTMLElement[] {
  const found = [...root.querySelectorAll<HTMLElement>(selector)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) found.push(...deepAll(element.shadowRoot, selector));
  return found;
}

/** A launcher with its panel open and one conversation docked: one message from Bob, one of the viewer's. */
async function mountOpen(lang: string): Promise<{ el: StaffChat; fake: FakeSession }> {
  const fake = createFakeSession();
  fake.me.set(ME);
  fake.conversations.set([conversation(1, bob, { unread_count: 2 })]);
  fake.openIds.set([1]);
  fake.view(1).set({
    messages: [
      chatMessage(1, 'Guest in 204 asks for a late checkout', { timestamp: todayAt1530() }),
      chatMessage(2, 'On it', {
        sender_id: ME.id,
        sender_info: { id: ME.id, full_name: ME.full_name, avatar: null },
        timestamp: todayAt1530(),
      }),
    ],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  const el = await fixture<StaffChat>(
    html`<staff-chat lang=${lang} hotel="grand" token="t" open .createSession=${() => fake.session}></staff-chat>`,
  );
  await waitUntil(() => deepAll(el.shadowRoot!, 'staff-chat-message-bubble').length === 2, 'both messages render');
  return { el, fake };
}

const textOf = (el: StaffChat, ...path: string[]) => q(el.shadowRoot!, ...path)?.textContent?.trim() ?? '';
const bubbles = (el: StaffChat) => deepAll(el.shadowRoot!, 'staff-chat-message-bubble');
const bubbleOf = (el: StaffChat, mine: boolean) =>
  deep(bubbles(el).find((bubble) => bubble.hasAttribute('mine') === mine)!.shadowRoot!, '.bubble')!;

describe('<staff-chat lang>', () => {
  afterEach(async () => {
    await setLocale('en');
  });

  it('switches a live element to German: launcher, panel, window, composer, bubbles and 24-hour times', async () => {
    const { el } = await mountOpen('en-US');
    expect(textOf(el, '#tab-new')).to.equal('New chat');
    expect(textOf(el, 'staff-chat-message-bubble', 'time')).to.match(/3:30\sPM/);

    el.setAttribute('lang', 'de');
    await waitUntil(() => $locale.get() === 'de', 'the German table loads');
    await waitUntil(() => textOf(el, 'staff-chat-message-bubble', 'time') === '15:30', 'times re-render in German', { timeout: 3000 });

    const root = el.shadowRoot!;
    expect(q(root, 'staff-chat-launcher', 'button')!.getAttribute('aria-label')).to.equal('Mitarbeiter-Chat schließen');
    expect(q(root, 'staff-chat-panel', 'h2')!.textContent).to.equal('Mitarbeiter-Chat');
    expect(textOf(el, '#tab-new')).to.equal('Neuer Chat');
    expect(q(root, 'staff-chat-composer', 'textarea')!.getAttribute('placeholder')).to.equal('Nachricht schreiben …');
    expect(q(root, 'staff-chat-composer', 'textarea')!.getAttribute('aria-label')).to.equal('Nachricht');
    expect(q(root, 'staff-chat-chat-window', 'section')!.getAttribute('aria-label')).to.equal('Unterhaltung: Bob Porter');
    expect(textOf(el, 'staff-chat-message-list', '.day')).to.equal('Heute');
    expect(q(root, '.dock')!.getAttribute('lang')).to.equal('de');
    expect(getComputedStyle(q(root, '.dock')!).direction).to.equal('ltr');
  });

  it('follows the page’s <html lang> when the element has none, and the browser’s when neither has', async () => {
    const html = document.documentElement;
    html.lang = 'fr';
    try {
      const { el } = await mountOpen('');
      el.removeAttribute('lang');
      await waitUntil(() => $locale.get() === 'fr', 'the page language is used');
      await waitUntil(() => q(el.shadowRoot!, 'staff-chat-composer', 'textarea')?.getAttribute('placeholder') === 'Écrire un message…');
      html.removeAttribute('lang');
      await waitUntil(() => $locale.get() === navigator.language, 'the browser language is used');
    } finally {
      html.removeAttribute('lang');
    }
  });

  it('lays Arabic out right to left: direction, the dock on the left, own messages on the left, mirrored arrows', async () => {
    const { el } = await mountOpen('en-US');
    const ownLtr = bubbleOf(el, true).getBoundingClientRect();
    const theirsLtr = bubbleOf(el, false).getBoundingClientRect();
    expect(ownLtr.left).to.be.greaterThan(theirsLtr.left);

    el.setAttribute('lang', 'ar');
    await waitUntil(() => $locale.get() === 'ar', 'the Arabic table loads');
    await el.updateComplete;
    const root = el.shadowRoot!;
    const dock = q(root, '.dock')!;
    expect(dock.getAttribute('dir')).to.equal('rtl');
    expect(getComputedStyle(dock).direction).to.equal('rtl');
    expect(getComputedStyle(q(root, 'staff-chat-composer', 'textarea')!).direction).to.equal('rtl');
    await waitUntil(() => q(root, 'staff-chat-composer', 'textarea')?.getAttribute('placeholder') === 'اكتب رسالة…');

    // The dock sits in the bottom-left corner, the launcher at its start (left) edge.
    const dockBox = dock.getBoundingClientRect();
    expect(dockBox.left).to.be.lessThan(window.innerWidth - dockBox.right);
    // Own messages on the left, the others' on the right.
    const own = bubbleOf(el, true).getBoundingClientRect();
    const theirs = bubbleOf(el, false).getBoundingClientRect();
    expect(own.left).to.be.lessThan(theirs.left);
    expect(theirs.right).to.be.greaterThan(own.right);
    // The send arrow points the other way.
    const sendIcon = q(root, 'staff-chat-composer', 'svg.mirrored')!;
    expect(getComputedStyle(sendIcon).transform).to.equal('matrix(-1, 0, 0, 1, 0, 0)');
  });

  it('dir="rtl" on the element lays an English widget out right to left', async () => {
    const { el } = await mountOpen('en-US');
    el.setAttribute('dir', 'rtl');
    await waitUntil(() => q(el.shadowRoot!, '.dock')?.getAttribute('dir') === 'rtl');
    expect(getComputedStyle(q(el.shadowRoot!, '.dock')!).direction).to.equal('rtl');
    expect(q(el.shadowRoot!, 'staff-chat-composer', 'textarea')!.getAttribute('placeholder')).to.equal('Write a message…');
  });

  it('gives user text its own direction in a left-to-right page: bodies, quotes, names, titles, previews, text fields', async () => {
    const { el, fake } = await mountOpen('en-US');
    const root = el.shadowRoot!;
    const texts = bubbles(el).map((bubble) => bubble.shadowRoot!.querySelector('.text')!);
    expect(texts.map((text) => text.getAttribute('dir'))).to.deep.equal(['auto', 'auto']);
    expect(q(root, 'staff-chat-composer', 'textarea')!.getAttribute('dir')).to.equal('auto');
    expect(q(root, 'staff-chat-chat-window', 'h2 [dir="auto"]')!.textContent).to.equal('Bob Porter');
    expect(q(root, 'staff-chat-conversation-list', '.name [dir="auto"]')!.textContent).to.equal('Bob Porter');
    expect(q(root, 'staff-chat-conversation-list', '.preview')!.getAttribute('dir')).to.equal('auto');
    // Hebrew in an English page runs right to left inside its own element.
    const quote = { id: 1, sender_id: 'bob', sender_name: 'Bob Porter', message: 'Guest in 204 asks for a late checkout' };
    fake.view(1).set({ ...fake.view(1).get(), messages: [chatMessage(3, 'שלום, הזמנה 204', { reply_to: 1, reply_to_message: quote })] });
    await waitUntil(
      () => bubbles(el).length === 1 && bubbles(el)[0]!.shadowRoot!.querySelector('.text')?.textContent === 'שלום, הזמנה 204',
    );
    const bubble = bubbles(el)[0]!.shadowRoot!;
    expect(getComputedStyle(bubble.querySelector('.text')!).direction).to.equal('rtl');
    expect([...bubble.querySelectorAll('.quote > *')].map((part) => part.getAttribute('dir'))).to.deep.equal(['auto', 'auto']);
    expect(getComputedStyle(q(root, 'staff-chat-chat-window', '.titles')!).direction).to.equal('ltr');
  });

  it('takes a portal’s own strings over any language, and a language the portal registers', async () => {
    const { el } = await mountOpen('de');
    await waitUntil(() => q(el.shadowRoot!, 'staff-chat-composer', 'textarea')?.getAttribute('placeholder') === 'Nachricht schreiben …');
    el.strings = { composerPlaceholder: 'Ihre Nachricht an das Team' };
    await waitUntil(
      () => q(el.shadowRoot!, 'staff-chat-composer', 'textarea')?.getAttribute('placeholder') === 'Ihre Nachricht an das Team',
    );
    el.strings = undefined;

    registerLocale('nl', { composerPlaceholder: 'Schrijf een bericht…', send: 'Versturen' });
    el.setAttribute('lang', 'nl-BE');
    await waitUntil(() => q(el.shadowRoot!, 'staff-chat-composer', 'textarea')?.getAttribute('placeholder') === 'Schrijf een bericht…');
    // What the registered table lacks is English.
    expect(q(el.shadowRoot!, 'staff-chat-composer', 'textarea')!.getAttribute('aria-label')).to.equal('Message');
    expect(q(el.shadowRoot!, '.dock')!.getAttribute('lang')).to.equal('nl-BE');
  });
});
