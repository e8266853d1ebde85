import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { Pin } from '../../../contract/index.js';
import type { StaffChatChatWindow } from '../chat-window/chat-window.js';
import type { StaffChatMessageBubble } from '../message-bubble/message-bubble.js';
import { callsTo, chatMessage, conversation, createFakeSession, staff } from '../../testing/fake-session.js';
import { message } from '../../testing/fixtures.js';
import { auditProblems } from '../../testing/axe-audit.js';
import { sessionFixture } from '../../testing/session-provider.js';

// The pinned bar and list in a chat window, "Pin"/"Unpin" in a bubble's menu, and the limit said in words.

const bob = staff('bob', 'Bob Porter');

function pinOf(id: number, text: string, by = bob): Pin {
  return {
    conversation_id: 1,
    message_id: id,
    pinned_by: { id: by.id, full_name: by.full_name, avatar: null },
    pinned_at: '2025-01-01T10:00:00Z',
    message: message(id, {
      conversation_id: 1,
      message: text,
      sender_id: bob.id,
      sender_info: { id: bob.id, full_name: bob.full_name, avatar: null },
    }),
  };
}

async function openWindow(pins: Pin[] = []) {
  const fake = createFakeSession();
  fake.conversations.set([conversation(1, bob)]);
  fake.view(1).set({
    messages: [chatMessage(5, 'Late checkout for 204'), chatMessage(6, 'VIP in 214 at noon')],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  fake.pins(1).set({ pins, loading: false, loaded: true, error: null });
  const el = await sessionFixture<StaffChatChatWindow>(
    fake.session,
    html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
  );
  const bar = el.shadowRoot!.querySelector('staff-chat-pinned-bar')!;
  const list = el.shadowRoot!.querySelector('staff-chat-message-list')!;
  await waitUntil(() => list.shadowRoot!.querySelectorAll('staff-chat-message-bubble').length === 2);
  const bubbles = [...list.shadowRoot!.querySelectorAll<StaffChatMessageBubble>('staff-chat-message-bubble')];
  return { fake, el, bar, list, bubbles };
}

const buttonNamed = (root: Element, label: string) =>
  [...root.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label,
  );

describe('pinned bar', () => {
  it('renders nothing while the conversation has no pins', async () => {
    const { bar } = await openWindow();
    expect(bar.shadowRoot!.querySelector('[part="pinned-bar"]')).to.equal(null);
  });

  it('shows the latest pin and the count, live as pins change', async () => {
    const { fake, bar } = await openWindow([pinOf(6, 'VIP in 214 at noon')]);
    const region = bar.shadowRoot!.querySelector('[part="pinned-bar"]')!;
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('aria-label')).to.equal('Pinned messages');
    expect(bar.shadowRoot!.querySelector('.latest')!.textContent).to.contain('VIP in 214 at noon');
    expect(bar.shadowRoot!.querySelector('.count')!.textContent.trim()).to.equal('1 pinned');
    fake.pins(1).set({ ...fake.pins(1).get(), pins: [pinOf(5, 'Late checkout for 204'), pinOf(6, 'VIP in 214 at noon')] });
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('.latest')!.textContent).to.contain('Late checkout for 204');
    expect(bar.shadowRoot!.querySelector('.count')!.textContent.trim()).to.equal('2 pinned');
  });

  it('pressing the latest pin shows its message in the conversation, highlighted', async () => {
    const { bar, list } = await openWindow([pinOf(5, 'Late checkout for 204')]);
    bar.shadowRoot!.querySelector<HTMLButtonElement>('.latest')!.click();
    await waitUntil(() => list.shadowRoot!.querySelector('.message.highlight'));
    expect(list.shadowRoot!.querySelector<StaffChatMessageBubble>('.message.highlight staff-chat-message-bubble')!.message!.id).to.equal(5);
  });

  it('opens the list from the count, from the keyboard; Escape closes it and focus goes back', async () => {
    const { fake, bar } = await openWindow([pinOf(6, 'VIP in 214 at noon'), pinOf(5, 'Late checkout for 204')]);
    const count = bar.shadowRoot!.querySelector<HTMLButtonElement>('.count')!;
    count.focus();
    await sendKeys({ press: 'Enter' });
    await bar.updateComplete;
    expect(count.getAttribute('aria-expanded')).to.equal('true');
    const items = bar.shadowRoot!.querySelectorAll('[part="pins-list"] li');
    expect(items).to.have.length(2);
    expect(items[0]!.textContent).to.contain('Pinned by Bob Porter');
    expect(bar.shadowRoot!.activeElement).to.equal(bar.shadowRoot!.querySelector('.list button'), 'focus moves into the list');
    buttonNamed(bar, 'Unpin: Late checkout for 204')!.click();
    expect(callsTo(fake, 'setPinned')).to.deep.equal([[1, 5, false]]);
    await sendKeys({ press: 'Escape' });
    await bar.updateComplete;
    expect(bar.shadowRoot!.querySelector('[part="pins-list"]')).to.equal(null);
    expect(bar.shadowRoot!.activeElement).to.equal(count);
  });

  it('is accessible with the list open', async () => {
    const { bar } = await openWindow([pinOf(6, 'VIP in 214 at noon')]);
    bar.shadowRoot!.querySelector<HTMLButtonElement>('.count')!.click();
    await bar.updateComplete;
    expect(await auditProblems(bar)).to.deep.equal([]);
  });
});

describe("Pin and Unpin in a message's menu", () => {
  it("offers Pin on anyone's message (Edit and Delete only on one's own)", async () => {
    const { fake, bubbles } = await openWindow();
    const theirs = bubbles[0]!;
    buttonNamed(theirs, 'Message actions')!.click();
    await theirs.updateComplete;
    expect(buttonNamed(theirs, 'Edit')).to.equal(undefined);
    buttonNamed(theirs, 'Pin')!.click();
    expect(callsTo(fake, 'setPinned')).to.deep.equal([[1, 5, true]]);
  });

  it('offers Unpin on a pinned message', async () => {
    const { fake, bubbles } = await openWindow([pinOf(6, 'VIP in 214 at noon')]);
    const bubble = bubbles[1]!;
    buttonNamed(bubble, 'Message actions')!.click();
    await bubble.updateComplete;
    buttonNamed(bubble, 'Unpin')!.click();
    expect(callsTo(fake, 'setPinned')).to.deep.equal([[1, 6, false]]);
  });

  it('says the 20-pin limit in words, until dismissed', async () => {
    const { fake, el, bubbles } = await openWindow();
    fake.housekeepingResult = { code: 'too_many_pins', message: 'A conversation has at most 20 pinned messages; unpin one first.' };
    buttonNamed(bubbles[0]!, 'Message actions')!.click();
    await bubbles[0]!.updateComplete;
    buttonNamed(bubbles[0]!, 'Pin')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="notice"]'));
    const notice = el.shadowRoot!.querySelector('[part="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('alert');
    expect(notice.textContent).to.contain('At most 20 messages can be pinned in a conversation. Unpin one first.');
    buttonNamed(el, 'Dismiss')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="notice"]')).to.equal(null);
  });
});
