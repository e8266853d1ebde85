import { expect, waitUntil } from '@open-wc/testing';
import './testing/process-shim.js';
import './define.js';
import './components/define-lazy.js';
import { chatMessage, conversation, ME } from './testing/fake-session.js';
import { bubbleOf, bob, deep, find, mount, openConversation, richSession } from './testing/rich-state.js';
import type { FakeSession } from './testing/fake-session.js';
import type { StaffChat } from './staff-chat.js';

/*
 * What a person sees, continued: text that keeps its room, own quotes that say "You", a short
 * conversation next to the composer, images that fill their frames.
 */

const LIGHT = { theme: 'light', dir: 'ltr' } as const;

/** The rich session, its group renamed "Front Office" (the title the header cut to "Front …"). */
function frontOffice(): FakeSession {
  const fake = richSession();
  fake.conversations.set(fake.conversations.get().map((c) => (c.id === 1 ? { ...c, title: 'Front Office' } : c)));
  return fake;
}

async function inGerman(el: StaffChat, host: string, selector: string, text: string): Promise<void> {
  el.setAttribute('lang', 'de');
  await waitUntil(() => deep(el, host)?.shadowRoot?.querySelector(selector)?.textContent?.trim() === text, `${selector} says ${text}`);
}

const lineHeightOf = (el: Element) => {
  const style = getComputedStyle(el);
  return style.lineHeight === 'normal' ? parseFloat(style.fontSize) * 1.3 : parseFloat(style.lineHeight);
};

/** Whether `label` is drawn whole inside `host`, entirely outside it (hidden by its overflow), or cut. */
function shownWhole(host: Element, label: Element): 'whole' | 'hidden' | 'cut' {
  const outer = host.getBoundingClientRect();
  const inner = label.getBoundingClientRect();
  if (inner.top >= outer.bottom - 0.5) return 'hidden';
  const inside = inner.left >= outer.left - 0.5 && inner.right <= outer.right + 0.5 && inner.bottom <= outer.bottom + 0.5;
  return inside && label.scrollWidth <= Math.ceil(inner.width) ? 'whole' : 'cut';
}

describe('appearance: titles keep their room', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  for (const lang of ['en', 'de']) {
    it(`a group's title is not cut by "Add people", an icon button with the same name (${lang})`, async () => {
      const el = await openConversation(frontOffice(), LIGHT);
      if (lang === 'de') el.setAttribute('lang', 'de');
      const window = deep(el, 'staff-chat-chat-window')!.shadowRoot!;
      const add = window.querySelector<HTMLButtonElement>('button.add')!;
      await waitUntil(() => add.getAttribute('aria-label') === (lang === 'de' ? 'Personen hinzufügen' : 'Add people'));
      expect(add.title).to.equal(add.getAttribute('aria-label'));
      expect(add.textContent.trim(), 'no visible text').to.equal('');
      expect(add.querySelector('svg')!.getBoundingClientRect().width).to.be.greaterThan(10);
      const title = window.querySelector('h2')!;
      expect(title.textContent).to.equal('Front Office');
      expect(title.scrollWidth, 'the title is not truncated').to.be.at.most(title.clientWidth);
    });
  }

  it('the panel title stays on one line in German and offline; the connection label gives way', async () => {
    const fake = richSession();
    fake.connection.set('unavailable');
    const el = await mount(fake, LIGHT, { open: true });
    await inGerman(el, 'staff-chat-panel', 'h2', 'Mitarbeiter-Chat');
    const panel = deep(el, 'staff-chat-panel')!.shadowRoot!;
    const title = panel.querySelector('h2')!;
    expect(title.textContent).to.equal('Mitarbeiter-Chat');
    expect(getComputedStyle(title).whiteSpace).to.equal('nowrap');
    expect(title.getBoundingClientRect().height, 'one line').to.be.below(lineHeightOf(title) * 1.5);
    expect(title.scrollWidth, 'the title is whole').to.be.at.most(title.clientWidth);
    const status = panel.querySelector('staff-chat-connection-status')!;
    const label = status.shadowRoot!.querySelector('[part="label"]')!;
    expect(status.getBoundingClientRect().height, 'the status on one line too').to.be.below(lineHeightOf(label) * 1.5);
    expect(shownWhole(status, label), 'the label is left out whole, not cut').to.equal('hidden');
    expect(status.shadowRoot!.querySelector('[part="dot"]')!.getAttribute('title')).to.equal(label.textContent);
    fake.connection.set('connected');
    el.removeAttribute('lang');
    await waitUntil(() => label.textContent === 'Connected');
    expect(shownWhole(status, label), 'with room, the label shows whole').to.equal('whole');
  });
});

describe('appearance: one’s own quoted message says "You"', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  it('in the quote inside a reply and in the composer’s reply bar', async () => {
    const fake = richSession();
    const messages = fake.view(1).get().messages;
    fake.view(1).set({
      ...fake.view(1).get(),
      messages: [
        ...messages.slice(0, -1),
        chatMessage(10, 'Thanks, all done?', {
          reply_to: 9,
          reply_to_message: { id: 9, message: 'Fixed: the filter was full.', sender_id: ME.id, sender_name: ME.full_name },
        }),
      ],
    });
    const el = await openConversation(fake, LIGHT);
    const reply = await bubbleOf(el, 10);
    await reply.updateComplete;
    expect(reply.shadowRoot!.querySelector('[part="quote"] b')!.textContent).to.equal('You');
    const others = await bubbleOf(el, 5);
    expect(others.shadowRoot!.querySelector('[part="quote"] b')!.textContent, 'someone else keeps their name').to.equal('Bob Porter');

    const own = await bubbleOf(el, 9);
    own.shadowRoot!.querySelector<HTMLButtonElement>('[part="reply-button"]')!.click();
    const bar = await find(el, '[part="reply-preview"] b');
    expect(bar.textContent).to.equal('Replying to You');
  });
});

describe('appearance: a short conversation sits next to the composer', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  it('with two messages, the last bubble ends near the bottom of the list', async () => {
    const fake = richSession();
    fake.conversations.set([conversation(1, bob)]);
    fake.view(1).set({
      messages: [chatMessage(3, 'Room 214 is ready'), chatMessage(4, 'Thanks!')],
      loading: false,
      hasMore: false,
      error: null,
      loaded: true,
    });
    fake.openIds.set([1]);
    const el = await mount(fake, LIGHT);
    const last = await bubbleOf(el, 4);
    const log = deep<HTMLElement>(el, '[role="log"]')!;
    await waitUntil(() => log.clientHeight > 200, 'the list has its height');
    const gap = log.getBoundingClientRect().bottom - last.getBoundingClientRect().bottom;
    expect(gap).to.be.within(0, 40);
  });

  it('a long conversation still scrolls to its first message', async () => {
    const el = await openConversation(richSession(), LIGHT);
    const log = deep<HTMLElement>(el, '[role="log"]')!;
    await waitUntil(() => log.scrollHeight > log.clientHeight, 'the list overflows');
    log.scrollTop = 0;
    const first = await bubbleOf(el, 3);
    await waitUntil(() => first.getBoundingClientRect().top >= log.getBoundingClientRect().top, 'the first message is in view at the top');
    expect(log.scrollTop).to.equal(0);
  });
});

describe('appearance: image thumbnails', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  /** A solid image of the given size, as a data URL (the fake session's files are not served). */
  function picture(width: number, height: number): string {
    const canvas = document.createElement('canvas');
    Object.assign(canvas, { width, height });
    const context = canvas.getContext('2d')!;
    context.fillStyle = '#c33';
    context.fillRect(0, 0, width, height);
    return canvas.toDataURL('image/png');
  }

  for (const [width, height] of [
    [800, 200],
    [200, 800],
    [16, 16],
  ] as const) {
    it(`an image fills its frame (${width}×${height})`, async () => {
      const el = await openConversation(richSession(), LIGHT);
      const files = (await bubbleOf(el, 4)).shadowRoot!.querySelector('staff-chat-attachments')!.shadowRoot!;
      const img = files.querySelector<HTMLImageElement>('[part="thumbnail"] img')!;
      img.src = picture(width, height);
      await img.decode();
      const frame = files.querySelector('[part="thumbnail"]')!.getBoundingClientRect();
      const drawn = img.getBoundingClientRect();
      expect(getComputedStyle(img).objectFit).to.equal('cover');
      expect(frame.width).to.be.greaterThan(30);
      for (const side of ['left', 'right', 'top', 'bottom'] as const) expect(Math.abs(drawn[side] - frame[side]), side).to.be.below(1);
    });
  }
});
