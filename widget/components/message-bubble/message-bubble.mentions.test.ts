import { expect, fixture, html } from '@open-wc/testing';
import '../../testing/process-shim.js';
import '../../define.js';
import '../define-lazy.js';
import { backgroundOf, textContrast } from '../../testing/contrast.js';
import { chatMessage, ME } from '../../testing/fake-session.js';
import { bubbleOf, find, mentionSession, mount, openConversation, type Look } from '../../testing/rich-state.js';
import type { StaffChatMessageBubble } from './message-bubble.js';
import { mentionParts } from './mention-parts.js';

const AA = 4.5;
const LOOKS: Look[] = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
  { theme: 'dark', dir: 'rtl' },
];
const anna = { id: 'anna', full_name: 'Anna', avatar: null };
const annaK = { id: 'ak', full_name: 'Anna Kovács', avatar: null };

const mentions = (bubble: StaffChatMessageBubble) => [...bubble.shadowRoot!.querySelectorAll<HTMLElement>('[part="text"] .mention')];

describe('mentions in a message', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  it('cuts the text into plain runs and whole-name mentions, longest name first, giving back the text exactly', () => {
    const message = {
      message: 'Hi @Anna Kovács and @anna, not @Annabel or me@Anna.',
      mentions: ['ak', 'anna'],
      mentioned_staff: [anna, annaK],
      mentioned_departments: [],
    };
    const parts = mentionParts(message, { id: 'anna', department: null });
    expect(parts.map((p) => p.text).join('')).to.equal(message.message);
    expect(parts.filter((p) => p.mention).map((p) => [p.text, p.mention])).to.deep.equal([
      ['@Anna Kovács', 'other'],
      ['@anna', 'me'],
    ]);
  });

  it("counts a department mention as the viewer's when it is their department", () => {
    const message = {
      message: '@Housekeeping and @Front Desk',
      mentions: ['me'],
      mentioned_staff: [],
      mentioned_departments: ['Housekeeping', 'Front desk'],
    };
    const parts = mentionParts(message, { id: 'me', department: 'Front desk' });
    expect(parts.filter((p) => p.mention).map((p) => p.mention)).to.deep.equal(['other', 'me']);
  });

  it('leaves a name that was never mentioned as plain text, and renders a name as text, never as HTML', async () => {
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble
      .message=${chatMessage(3, '@<b>Bob</b> and @Anna, see www.grand.example', { mentions: ['x'], mentioned_staff: [{ id: 'x', full_name: '<b>Bob</b>', avatar: null }] })}
    ></staff-chat-message-bubble>`);
    const [span, ...rest] = mentions(el);
    expect(rest).to.have.length(0);
    expect(span!.textContent).to.equal('@<b>Bob</b>');
    expect(span!.querySelector('b')).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="text"] a')?.textContent, 'links still work beside mentions').to.equal('www.grand.example');
  });

  it("offers the mention parts to the portal: names, the viewer's and the row's @", async () => {
    const sheet = document.createElement('style');
    sheet.textContent = `
      staff-chat::part(mention) { outline: 1px solid rgb(1, 2, 3); }
      staff-chat::part(mention-me) { outline-color: rgb(4, 5, 6); }
      staff-chat::part(row-mention-badge) { outline: 2px solid rgb(7, 8, 9); }`;
    document.head.append(sheet);
    try {
      const el = await openConversation(mentionSession(), LOOKS[0]!);
      const [me, other] = mentions(await bubbleOf(el, 3));
      expect(getComputedStyle(me!).outlineColor).to.equal('rgb(4, 5, 6)');
      expect(getComputedStyle(other!).outlineColor).to.equal('rgb(1, 2, 3)');
      const panel = await mount(mentionSession(), LOOKS[0]!, { open: true });
      const rowAt = await find<HTMLElement>(panel, '.badge.mention');
      expect(getComputedStyle(rowAt).outlineColor).to.equal('rgb(7, 8, 9)');
    } finally {
      sheet.remove();
    }
  });

  for (const look of LOOKS) {
    it(`highlights mentions readably on others' and own bubbles, the viewer's own more strongly (${look.theme}, ${look.dir})`, async () => {
      const el = await openConversation(mentionSession(), look);
      const theirs = await bubbleOf(el, 3);
      const department = await bubbleOf(el, 4);
      const own = await bubbleOf(el, 5);
      const ownToMe = await bubbleOf(el, 6);
      expect(mentions(theirs).map((m) => [m.textContent, m.classList.contains('me')])).to.deep.equal([
        [`@${ME.full_name}`, true],
        ['@Carla Maid', false],
      ]);
      expect(mentions(department).map((m) => m.classList.contains('me'))).to.deep.equal([true]);
      expect(mentions(theirs).map((m) => m.getAttribute('part'))).to.deep.equal(['mention mention-me', 'mention']);
      expect(mentions(own).map((m) => m.textContent)).to.deep.equal(['@Bob Porter', '@Carla Maid']);
      for (const bubble of [theirs, department, own, ownToMe]) {
        for (const mention of mentions(bubble))
          expect(textContrast(mention), `message ${bubble.message?.id}: ${mention.textContent}`).to.be.at.least(AA);
      }
      // The viewer's own mention stands on a ground of its own; others' sit on the bubble's.
      for (const bubble of [theirs, ownToMe]) {
        const [me] = mentions(bubble).filter((m) => m.classList.contains('me'));
        const ground = backgroundOf(bubble.shadowRoot!.querySelector('.bubble')!);
        expect(backgroundOf(me!)).to.not.deep.equal(ground);
        expect(getComputedStyle(me!).fontWeight).to.equal('700');
      }
      const other = mentions(theirs)[1]!;
      expect(backgroundOf(other)).to.deep.equal(backgroundOf(theirs.shadowRoot!.querySelector('.bubble')!));
    });
  }
});
