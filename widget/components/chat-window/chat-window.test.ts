import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChatMessageSendEvent } from '../../events.js';
import { ME, callsTo, chatMessage, conversation, createFakeSession, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatChatWindow } from './chat-window.js';

const bob = staff('bob', 'Bob Porter', 'Concierge');

async function openWindow() {
  const fake = createFakeSession();
  fake.conversations.set([conversation(1, bob)]);
  fake.view(1).set({
    messages: [chatMessage(5, 'Guest in 204 asks for a late checkout')],
    loading: false,
    hasMore: false,
    error: null,
    loaded: true,
  });
  const el = await sessionFixture<StaffChatChatWindow>(
    fake.session,
    html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
  );
  return { fake, el };
}

function parts(el: StaffChatChatWindow) {
  const root = el.shadowRoot!;
  const list = root.querySelector('staff-chat-message-list')!;
  const composer = root.querySelector('staff-chat-composer')!;
  return { root, list, composer };
}

describe('<staff-chat-chat-window>', () => {
  it('renders the other person’s name, department and a close button', async () => {
    const { el } = await openWindow();
    const { root } = parts(el);
    expect(root.querySelector('h2')!.textContent).to.equal('Bob Porter');
    expect(root.querySelector('.subtitle')!.textContent).to.equal('Concierge');
    expect(root.querySelector('[part="close-button"]')!.getAttribute('aria-label')).to.equal('Close conversation with Bob Porter');
    expect(root.querySelector('section')!.getAttribute('aria-label')).to.equal('Conversation: Bob Porter');
  });

  it('is accessible', async () => {
    const { el } = await openWindow();
    await expect(el).to.be.accessible();
  });

  it('sends what is typed through the session and shows it as pending', async () => {
    const { el, fake } = await openWindow();
    const { list, composer } = parts(el);
    composer.focus();
    await sendKeys({ type: 'Yes, until 2 pm' });
    await sendKeys({ press: 'Enter' });
    expect(callsTo(fake, 'sendMessage')).to.deep.equal([[1, 'Yes, until 2 pm', null]]);
    await list.updateComplete;
    const bubbles = [...list.shadowRoot!.querySelectorAll('staff-chat-message-bubble')];
    expect(bubbles.map((b) => [b.message?.message, b.message?.status, b.mine])).to.deep.equal([
      ['Guest in 204 asks for a late checkout', 'sent', false],
      ['Yes, until 2 pm', 'pending', true],
    ]);
  });

  it('replies: Reply fills the preview, the send carries reply_to, then the preview clears', async () => {
    const { el, fake } = await openWindow();
    const { list, composer } = parts(el);
    const bubble = list.shadowRoot!.querySelector('staff-chat-message-bubble')!;
    await bubble.updateComplete;
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('[part="reply-button"]')!.click();
    await el.updateComplete;
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part="reply-preview"]')!.textContent).to.contain('Replying to Bob Porter');
    // Reply moves focus to the composer, so typing goes straight there.
    await waitUntil(() => composer.shadowRoot!.activeElement?.tagName === 'TEXTAREA');
    await sendKeys({ type: 'On it' });
    await sendKeys({ press: 'Enter' });
    const [call] = callsTo(fake, 'sendMessage');
    expect(call![1]).to.equal('On it');
    expect((call![2] as { id: number }).id).to.equal(5);
    await composer.updateComplete;
    expect(composer.shadowRoot!.querySelector('[part="reply-preview"]')).to.equal(null);
  });

  it('lets the host page veto a send through the composed staff-chat-message-send event', async () => {
    const { el, fake } = await openWindow();
    const veto = (event: StaffChatMessageSendEvent) => event.preventDefault();
    document.addEventListener('staff-chat-message-send', veto);
    try {
      parts(el).composer.focus();
      await sendKeys({ type: 'blocked' });
      await sendKeys({ press: 'Enter' });
    } finally {
      document.removeEventListener('staff-chat-message-send', veto);
    }
    expect(callsTo(fake, 'sendMessage')).to.deep.equal([]);
  });

  it('labels a quote "You" by the quoted sender’s id, not by a name, when the original is not loaded', async () => {
    const fake = createFakeSession();
    fake.conversations.set([conversation(1, bob)]);
    // Neither original (ids 1 and 2) is in the view: only the preview's sender_id can tell.
    const renamed = { id: 1, message: 'Key for 310?', sender_id: ME.id, sender_name: 'Alice F. (old name)' };
    const namesake = { id: 2, message: 'Lunch at 1?', sender_id: 'alice-2', sender_name: ME.full_name };
    fake.view(1).set({
      messages: [
        chatMessage(5, 'Here it is', { reply_to: 1, reply_to_message: renamed }),
        chatMessage(6, 'Yes', { reply_to: 2, reply_to_message: namesake }),
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
    const list = parts(el).list;
    await waitUntil(() => list.shadowRoot!.querySelectorAll('staff-chat-message-bubble').length === 2);
    const bubbles = [...list.shadowRoot!.querySelectorAll('staff-chat-message-bubble')];
    await Promise.all(bubbles.map((b) => b.updateComplete));
    const labels = bubbles.map((b) => b.shadowRoot!.querySelector('[part="quote"] b')!.textContent);
    expect(labels).to.deep.equal(['You', ME.full_name]);
  });

  it('closes through the session', async () => {
    const { el, fake } = await openWindow();
    parts(el).root.querySelector<HTMLButtonElement>('[part="close-button"]')!.click();
    expect(callsTo(fake, 'closeConversation')).to.deep.equal([[1]]);
  });

  it('titles a group by its title and head count', async () => {
    const fake = createFakeSession();
    fake.conversations.set([
      conversation(2, bob, { is_group: true, title: 'Night shift', participants: [bob, staff('carl', 'Carl Chef')] }),
    ]);
    const el = await sessionFixture<StaffChatChatWindow>(
      fake.session,
      html`<staff-chat-chat-window conversation-id="2"></staff-chat-chat-window>`,
    );
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Night shift');
    expect(el.shadowRoot!.querySelector('.subtitle')!.textContent).to.equal('2 members');
  });
});
