import { expect, fixture, html } from '@open-wc/testing';
import '../../testing/process-shim.js';
import '../../define.js';
import '../define-lazy.js';
import { textContrast } from '../../testing/contrast.js';
import { chatMessage } from '../../testing/fake-session.js';
import { deep, LONG_URL, linkSession, openConversation, type Look } from '../../testing/rich-state.js';
import type { StaffChat } from '../../staff-chat.js';
import type { StaffChatMessageBubble } from './message-bubble.js';

/* Links in message text: built from text parts, safe, and readable on both sides in both themes. */

function bubbles(el: StaffChat): StaffChatMessageBubble[] {
  return [
    ...(deep(el, 'staff-chat-message-list')?.shadowRoot?.querySelectorAll<StaffChatMessageBubble>('staff-chat-message-bubble') ?? []),
  ];
}

async function linkConversation(look: Look): Promise<StaffChat> {
  const el = await openConversation(linkSession(), look);
  await Promise.all(bubbles(el).map((b) => b.updateComplete));
  return el;
}

describe('<staff-chat-message-bubble>: links', () => {
  it('turns addresses into links that open in a new tab without an opener, and leaves the rest as text', async () => {
    const text = 'Menu at https://grand.example/menu. Or <b>www.grand.example</b>? javascript:alert(1)';
    const el = await fixture<StaffChatMessageBubble>(
      html`<staff-chat-message-bubble .message=${chatMessage(3, text)}></staff-chat-message-bubble>`,
    );
    const paragraph = el.shadowRoot!.querySelector('[part="text"]')!;
    expect(paragraph.textContent).to.equal(text);
    const links = [...paragraph.querySelectorAll('a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href'), a.target, a.rel])).to.deep.equal([
      ['https://grand.example/menu', 'https://grand.example/menu', '_blank', 'noopener noreferrer'],
      ['www.grand.example', 'https://www.grand.example/', '_blank', 'noopener noreferrer'],
    ]);
    // The markup around it stayed text: no <b> element, no script link.
    expect(paragraph.querySelector('b')).to.equal(null);
    expect(paragraph.children.length).to.equal(2);
  });

  for (const look of [
    { theme: 'light', dir: 'ltr' },
    { theme: 'dark', dir: 'rtl' },
  ] as const) {
    it(`are underlined and readable (contrast ≥ 4.5) on own and others’ bubbles, ${look.theme} ${look.dir}`, async () => {
      const el = await linkConversation(look);
      const found = bubbles(el).flatMap((b) => [...b.shadowRoot!.querySelectorAll('a')].map((a) => ({ mine: b.mine, a })));
      expect(found.map(({ mine, a }) => [mine, a.getAttribute('href')])).to.deep.equal([
        [false, 'https://grand.example/spa/menu'],
        [false, 'mailto:night.desk@grand.example'],
        [false, 'tel:+44-20-7946-0958'],
        [true, LONG_URL],
        [true, 'https://www.grand.example/faq'],
      ]);
      for (const { mine, a } of found) {
        const style = getComputedStyle(a);
        expect(style.textDecorationLine, a.href).to.equal('underline');
        expect(textContrast(a), `${mine ? 'own' : 'their'} link ${a.href}`).to.be.at.least(4.5);
      }
    });
  }

  it('wraps a long address inside its bubble instead of overflowing it', async () => {
    const el = await linkConversation({ theme: 'light', dir: 'ltr' });
    const bubble = bubbles(el).find((b) => b.message?.id === 5)!;
    const box = bubble.shadowRoot!.querySelector('.bubble')!;
    const link = box.querySelector('a')!;
    const boxRect = box.getBoundingClientRect();
    const window = deep(el, 'staff-chat-chat-window')!.getBoundingClientRect();
    expect(link.getClientRects().length, 'the address runs over several lines').to.be.greaterThan(1);
    for (const rect of link.getClientRects()) {
      expect(rect.left).to.be.at.least(boxRect.left - 0.5);
      expect(rect.right).to.be.at.most(boxRect.right + 0.5);
    }
    expect(boxRect.right).to.be.at.most(window.right);
    expect(box.scrollWidth).to.be.at.most(box.clientWidth + 1);
  });
});
