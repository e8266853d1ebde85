import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import { MAX_FORWARD_TARGETS } from '../../../contract/index.js';
import type { StaffChatChatWindow } from '../chat-window/chat-window.js';
import type { StaffChatMessageBubble } from '../message-bubble/message-bubble.js';
import { callsTo, chatMessage, conversation, createFakeSession, ME, staff } from '../../testing/fake-session.js';
import { auditProblems } from '../../testing/axe-audit.js';
import { sessionFixture } from '../../testing/session-provider.js';

// "Forward" in a message's menu opens the picker of the viewer's other conversations; and "Delete
// <file>" on one's own message, after the confirmation.

const bob = staff('bob', 'Bob Porter');
const cara = staff('cara', 'Cara Lind');
const mine = { sender_id: ME.id, sender_info: { id: ME.id, full_name: ME.full_name, avatar: null } };
const pdf = { id: 77, file_name: 'rota.pdf', file_type: 'pdf' as const, file_size: 2048, mime_type: 'application/pdf', file_url: '/f/77' };

async function openWindow(others = 2) {
  const fake = createFakeSession();
  const extra = Array.from({ length: others }, (_, i) => conversation(10 + i, staff(`s${i}`, `Staff ${i}`)));
  fake.conversations.set([conversation(1, bob), conversation(2, cara, { is_archived: true }), ...extra]);
  fake.view(1).set({
    messages: [chatMessage(5, 'Late checkout for 204'), chatMessage(6, 'Rota attached', { ...mine, attachments: [pdf] })],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  const el = await sessionFixture<StaffChatChatWindow>(
    fake.session,
    html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
  );
  const list = el.shadowRoot!.querySelector('staff-chat-message-list')!;
  await waitUntil(() => list.shadowRoot!.querySelectorAll('staff-chat-message-bubble').length === 2);
  const bubbles = [...list.shadowRoot!.querySelectorAll<StaffChatMessageBubble>('staff-chat-message-bubble')];
  return { fake, el, bubbles };
}

const buttonNamed = (root: Element, label: string) =>
  [...root.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label,
  );

async function openForward(el: StaffChatChatWindow, bubble: StaffChatMessageBubble) {
  buttonNamed(bubble, 'Message actions')!.click();
  await bubble.updateComplete;
  buttonNamed(bubble, 'Forward')!.click();
  await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-forward-picker'));
  const picker = el.shadowRoot!.querySelector('staff-chat-forward-picker')!;
  await picker.updateComplete;
  return picker;
}

describe('forward picker', () => {
  it('offers the other conversations (not this one, not archived ones), as a named dialog of checkboxes', async () => {
    const { el, bubbles } = await openWindow();
    const picker = await openForward(el, bubbles[0]!);
    const form = picker.shadowRoot!.querySelector('[part="forward-picker"]')!;
    expect(form.getAttribute('role')).to.equal('dialog');
    expect(picker.shadowRoot!.getElementById(form.getAttribute('aria-labelledby')!)!.textContent).to.equal('Forward to');
    const names = [...picker.shadowRoot!.querySelectorAll('label')].map((l) => l.textContent.trim());
    expect(names).to.deep.equal(['Staff 0', 'Staff 1']);
    await waitUntil(() => picker.shadowRoot!.activeElement === picker.shadowRoot!.querySelector('input'), 'focus goes to the first choice');
  });

  it('forwards to every chosen conversation, chosen from the keyboard', async () => {
    const { fake, el, bubbles } = await openWindow();
    const picker = await openForward(el, bubbles[0]!);
    const send = picker.shadowRoot!.querySelector<HTMLButtonElement>('.send')!;
    expect(send.disabled).to.equal(true);
    await waitUntil(() => picker.shadowRoot!.activeElement?.tagName === 'INPUT');
    await sendKeys({ press: 'Space' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Space' });
    await picker.updateComplete;
    expect(send.textContent.trim()).to.equal('Forward to 2 conversations');
    send.click();
    await waitUntil(() => !el.shadowRoot!.querySelector('staff-chat-forward-picker'));
    expect(callsTo(fake, 'forward')).to.deep.equal([[5, [10, 11]]]);
  });

  it(`allows at most ${MAX_FORWARD_TARGETS} targets`, async () => {
    const { el, bubbles } = await openWindow(MAX_FORWARD_TARGETS + 2);
    const picker = await openForward(el, bubbles[0]!);
    const boxes = [...picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input')];
    for (const box of boxes.slice(0, MAX_FORWARD_TARGETS)) box.click();
    await picker.updateComplete;
    expect(boxes.filter((box) => box.disabled)).to.have.length(2);
  });

  it('Escape cancels without forwarding; a failure is said in words', async () => {
    const { fake, el, bubbles } = await openWindow();
    let picker = await openForward(el, bubbles[0]!);
    await waitUntil(() => picker.shadowRoot!.activeElement?.tagName === 'INPUT');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !el.shadowRoot!.querySelector('staff-chat-forward-picker'));
    expect(callsTo(fake, 'forward')).to.deep.equal([]);
    fake.housekeepingResult = { code: 'not_participant', message: 'You do not have access to this conversation.' };
    picker = await openForward(el, bubbles[0]!);
    picker.shadowRoot!.querySelector<HTMLInputElement>('input')!.click();
    await picker.updateComplete;
    picker.shadowRoot!.querySelector<HTMLButtonElement>('.send')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="notice"]'));
    expect(el.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.contain('You do not have access to this conversation.');
  });

  it('is accessible', async () => {
    const { el, bubbles } = await openWindow();
    const picker = await openForward(el, bubbles[0]!);
    expect(await auditProblems(picker)).to.deep.equal([]);
  });
});

describe("deleting a file of one's own message", () => {
  it('offers "Delete <file>" on one\'s own message only, and deletes after the confirmation', async () => {
    const { fake, bubbles } = await openWindow();
    const [theirs, own] = bubbles as [StaffChatMessageBubble, StaffChatMessageBubble];
    buttonNamed(theirs, 'Message actions')!.click();
    await theirs.updateComplete;
    expect(theirs.shadowRoot!.querySelector('.delete-file')).to.equal(null);
    buttonNamed(own, 'Message actions')!.click();
    await own.updateComplete;
    buttonNamed(own, 'Delete rota.pdf')!.click();
    await own.updateComplete;
    const dialog = own.shadowRoot!.querySelector('[role="alertdialog"]')!;
    expect(dialog.getAttribute('aria-label')).to.equal('Delete rota.pdf for everyone?');
    expect(callsTo(fake, 'deleteAttachment')).to.deep.equal([]);
    own.shadowRoot!.querySelector<HTMLButtonElement>('.danger')!.click();
    expect(callsTo(fake, 'deleteAttachment')).to.deep.equal([[1, 6, 77]]);
  });
});
