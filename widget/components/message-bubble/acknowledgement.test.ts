import { expect, html, waitUntil } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { AcknowledgementSummary } from '../../../contract/index.js';
import type { StaffChatChatWindow } from '../chat-window/chat-window.js';
import { callsTo, chatMessage, conversation, createFakeSession, ME, staff, type FakeSession } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatMessageBubble } from './message-bubble.js';

// An urgent message in a group window: highlighted, "Acknowledge" for a recipient, "Acknowledged by" for all.

const bob = staff('bob', 'Bob Porter');
const cara = staff('cara', 'Cara Lind');
const AT = '2025-01-01T12:30:00.000Z';

function summary(acknowledged: string[], pending: string[]): AcknowledgementSummary {
  const names: Record<string, string> = { me: ME.full_name, bob: bob.full_name, cara: cara.full_name };
  return {
    total: acknowledged.length + pending.length,
    acknowledged: acknowledged.map((id) => ({ id, full_name: names[id]!, at: AT })),
    pending,
  };
}

/** A group window with one urgent message, from Bob to the viewer and Cara (or from the viewer). */
async function openWindow(fake: FakeSession, fromMe: boolean, acknowledgements: AcknowledgementSummary) {
  fake.conversations.set([conversation(1, bob, { is_group: true, title: 'Front desk', participants: [ME, bob, cara] })]);
  const sender = fromMe ? { sender_id: ME.id, sender_info: { id: ME.id, full_name: ME.full_name, avatar: null } } : {};
  fake.view(1).set({
    messages: [chatMessage(5, 'VIP arriving early, 214 must be ready', { ...sender, requires_acknowledgement: true, acknowledgements })],
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
  await waitUntil(() => list.shadowRoot!.querySelector('staff-chat-message-bubble'));
  const bubble = list.shadowRoot!.querySelector<StaffChatMessageBubble>('staff-chat-message-bubble')!;
  await bubble.updateComplete;
  return bubble;
}

const q = (bubble: StaffChatMessageBubble, selector: string) => bubble.shadowRoot!.querySelector<HTMLElement>(selector);
const text = (element: Element | null) => element?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

/** Replaces the message's acknowledgements in its view, as the session does when `message_acknowledged` arrives. */
function acknowledgedLive(fake: FakeSession, acknowledgements: AcknowledgementSummary): void {
  const view = fake.view(1);
  view.set({ ...view.get(), messages: view.get().messages.map((m) => ({ ...m, acknowledgements })) });
}

describe('urgent message bubble', () => {
  it('is marked urgent by a label and icon, not by colour alone, and is accessible', async () => {
    const bubble = await openWindow(createFakeSession(), false, summary([], ['cara', 'me']));
    expect(q(bubble, '.bubble')!.classList.contains('urgent')).to.equal(true);
    expect(text(q(bubble, '.urgent-label'))).to.equal('Urgent');
    expect(q(bubble, '.urgent-label svg')).to.not.equal(null);
    await expect(bubble).to.be.accessible();
  });

  it('offers a recipient "Acknowledge", which asks the session', async () => {
    const fake = createFakeSession();
    const bubble = await openWindow(fake, false, summary([], ['cara', 'me']));
    const button = q(bubble, '.ack-button')!;
    expect(text(button)).to.equal('Acknowledge');
    button.click();
    expect(callsTo(fake, 'acknowledgeMessage')).to.deep.equal([[1, 5]]);
  });

  it('once acknowledged, shows "Acknowledged" with the time instead of the button', async () => {
    const fake = createFakeSession();
    const bubble = await openWindow(fake, false, summary([], ['cara', 'me']));
    acknowledgedLive(fake, summary(['me'], ['cara']));
    await waitUntil(() => q(bubble, '.ack-own'));
    expect(q(bubble, '.ack-button')).to.equal(null);
    expect(text(q(bubble, '.ack-own'))).to.match(/^Acknowledged \S/);
    expect(text(q(bubble, '.ack-by summary'))).to.equal('Acknowledged by 1 of 2');
  });

  it('shows the sender "Acknowledged by" with who has and who has not, and follows each acknowledgement live', async () => {
    const fake = createFakeSession();
    const bubble = await openWindow(fake, true, summary([], ['bob', 'cara']));
    expect(q(bubble, '.ack-button')).to.equal(null, 'the sender owes nothing');
    const summaryLine = q(bubble, '.ack-by summary')!;
    expect(text(summaryLine)).to.equal('Acknowledged by 0 of 2');
    summaryLine.click();
    await bubble.updateComplete;
    expect((q(bubble, '.ack-by') as HTMLDetailsElement).open).to.equal(true);
    expect([...bubble.shadowRoot!.querySelectorAll('.ack-by li.not-yet')].map(text)).to.deep.equal([
      'Bob Porter Not yet',
      'Cara Lind Not yet',
    ]);

    acknowledgedLive(fake, summary(['cara'], ['bob']));
    await waitUntil(() => text(q(bubble, '.ack-by summary')) === 'Acknowledged by 1 of 2');
    expect((q(bubble, '.ack-by') as HTMLDetailsElement).open).to.equal(true, 'the list stays open as it changes');
    const rows = [...bubble.shadowRoot!.querySelectorAll('.ack-by li')];
    expect(text(rows[0]!)).to.match(/^Cara Lind \S/);
    expect(rows[0]!.classList.contains('not-yet')).to.equal(false);
    expect(text(rows[1]!)).to.equal('Bob Porter Not yet');
    await expect(bubble).to.be.accessible();
  });

  it('a deleted urgent message is an ordinary placeholder', async () => {
    const fake = createFakeSession();
    const bubble = await openWindow(fake, false, summary([], ['me']));
    const view = fake.view(1);
    view.set({
      ...view.get(),
      messages: view.get().messages.map((m) => ({ ...m, is_deleted: true, message: '', acknowledgements: null })),
    });
    await waitUntil(() => q(bubble, '.bubble.deleted'));
    expect(q(bubble, '.urgent-label')).to.equal(null);
    expect(q(bubble, '.ack')).to.equal(null);
  });
});
