import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChatChatWindow } from '../chat-window/chat-window.js';
import { callsTo, chatMessage, conversation, createFakeSession, ME, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatMessageBubble } from './message-bubble.js';

// The bubble's edit, delete and reaction controls, inside a chat window that answers their context.

const bob = staff('bob', 'Bob Porter');
const cara = staff('cara', 'Cara Lind');
const mine = { sender_id: ME.id, sender_info: { id: ME.id, full_name: ME.full_name, avatar: null } };

async function openWindow(group = false) {
  const fake = createFakeSession();
  fake.conversations.set([conversation(1, bob, group ? { is_group: true, title: 'Front desk', participants: [ME, bob, cara] } : {})]);
  fake.view(1).set({
    messages: [
      chatMessage(5, 'Guest in 204 asks for a late checkout', { reactions: [{ emoji: '👍', count: 2, staff_ids: ['bob', ME.id] }] }),
      chatMessage(6, 'Until 2 pm is fine', mine),
    ],
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
  return { fake, el, theirs: bubbles[0]!, own: bubbles[1]! };
}

const q = <T extends Element = HTMLElement>(el: Element, selector: string) => el.shadowRoot!.querySelector<T & HTMLElement>(selector);
const buttonNamed = (el: Element, label: string) =>
  [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find(
    (b) => b.getAttribute('aria-label') === label || b.textContent?.trim() === label,
  );

describe('message actions', () => {
  it("shows reaction chips with counts, who reacted, and the viewer's own pressed; a click toggles it", async () => {
    const { fake, theirs } = await openWindow();
    const chip = q(theirs, '[part="reactions"] .chip')!;
    expect(chip.textContent).to.equal('👍 2');
    expect(chip.title).to.equal('Bob Porter, You');
    expect(chip.getAttribute('aria-pressed')).to.equal('true');
    chip.click();
    expect(callsTo(fake, 'toggleReaction')).to.deep.equal([[1, 5, '👍']]);
  });

  it('picks a reaction from the emoji set', async () => {
    const { fake, theirs } = await openWindow();
    expect(buttonNamed(theirs, 'Edit'), "no edit on others' messages").to.equal(undefined);
    buttonNamed(theirs, 'Add reaction')!.click();
    await theirs.updateComplete;
    const picker = q(theirs, '.panel')!;
    expect(picker.querySelectorAll('button')).to.have.length(10);
    expect(theirs.shadowRoot!.activeElement).to.equal(picker.querySelector('button'), 'focus moves into the picker');
    buttonNamed(theirs, 'React with 🎉')!.click();
    expect(callsTo(fake, 'toggleReaction')).to.deep.equal([[1, 5, '🎉']]);
    await theirs.updateComplete;
    expect(q(theirs, '.panel')).to.equal(null);
  });

  it('edits an own message inline: Enter saves, Escape cancels', async () => {
    const { fake, own } = await openWindow();
    buttonNamed(own, 'Message actions')!.click();
    await own.updateComplete;
    buttonNamed(own, 'Edit')!.click();
    await own.updateComplete;
    const field = q<HTMLTextAreaElement>(own, 'textarea')!;
    expect(field.value).to.equal('Until 2 pm is fine');
    expect(own.shadowRoot!.activeElement).to.equal(field);
    await sendKeys({ press: 'Escape' });
    await own.updateComplete;
    expect(q(own, 'textarea')).to.equal(null);
    own.startEdit();
    await own.updateComplete;
    const again = q<HTMLTextAreaElement>(own, 'textarea')!;
    expect(own.shadowRoot!.activeElement).to.equal(again);
    again.select();
    await sendKeys({ type: 'Until 3 pm' });
    await sendKeys({ press: 'Enter' });
    expect(callsTo(fake, 'editMessage')).to.deep.equal([[1, 6, 'Until 3 pm']]);
  });

  it('deletes an own message only after the confirmation', async () => {
    const { fake, own } = await openWindow();
    buttonNamed(own, 'Message actions')!.click();
    await own.updateComplete;
    buttonNamed(own, 'Delete')!.click();
    await own.updateComplete;
    expect(q(own, '[role="alertdialog"]')!.textContent).to.contain('Delete this message for everyone?');
    expect(callsTo(fake, 'deleteMessage')).to.deep.equal([]);
    q(own, '.danger')!.click();
    expect(callsTo(fake, 'deleteMessage')).to.deep.equal([[1, 6]]);
  });

  it('shows "edited" and the deleted placeholder without actions', async () => {
    const { fake, el } = await openWindow();
    fake.view(1).set({
      ...fake.view(1).get(),
      messages: [chatMessage(5, '', { is_deleted: true }), chatMessage(6, 'Until 3 pm', { ...mine, is_edited: true })],
    });
    const list = el.shadowRoot!.querySelector('staff-chat-message-list')!;
    await waitUntil(() => list.shadowRoot!.querySelector('staff-chat-message-bubble')?.shadowRoot?.querySelector('.deleted'));
    const [deleted, edited] = [...list.shadowRoot!.querySelectorAll<StaffChatMessageBubble>('staff-chat-message-bubble')];
    await edited!.updateComplete;
    expect(q(deleted!, '.deleted [part="text"]')!.textContent).to.equal('This message was deleted');
    expect(buttonNamed(deleted!, 'Add reaction')).to.equal(undefined);
    expect(q(edited!, '.meta')!.textContent).to.contain('edited');
  });

  it("Up in the empty composer edits the viewer's last message", async () => {
    const { el, own } = await openWindow();
    el.focus();
    await sendKeys({ press: 'ArrowUp' });
    await own.updateComplete;
    expect(q(own, 'textarea')).to.not.equal(null);
  });

  it('says "Seen" in a 1:1 once the other person has read the newest message', async () => {
    const { fake, el } = await openWindow();
    const seen = () => q(el, '[part="seen-by"]')!.textContent.trim();
    expect(seen()).to.equal('');
    fake.readMarks.set({ 1: { bob: 6 } });
    await el.updateComplete;
    expect(seen()).to.equal('Seen');
  });

  it('names who has seen it in a group, and adds people from the header', async () => {
    const { fake, el } = await openWindow(true);
    fake.readMarks.set({ 1: { bob: 6, cara: 6, [ME.id]: 6 } });
    await el.updateComplete;
    expect(q(el, '[part="seen-by"]')!.textContent.trim()).to.equal('Seen by Bob, Cara');
    fake.directory.set({ results: [bob, staff('dan', 'Dan Ruiz')], loading: false, error: null });
    buttonNamed(el, 'Add people')!.click();
    await el.updateComplete;
    const picker = q(el, 'staff-chat-staff-directory')!;
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const boxes = picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]');
    expect(boxes).to.have.length(1, 'members are not offered');
    boxes[0]!.click();
    await (picker as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    picker.shadowRoot!.querySelector<HTMLButtonElement>('.choice button')!.click();
    expect(callsTo(fake, 'addParticipants')).to.deep.equal([[1, ['dan']]]);
  });

  it('is accessible with the actions open', async () => {
    const { own, el } = await openWindow();
    buttonNamed(own, 'Message actions')!.click();
    await own.updateComplete;
    await expect(el).to.be.accessible();
  });
});
