import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChatMessageSendEvent } from '../../events.js';
import type { ComposeEvent } from '../internal-events.js';
import { chatMessage } from '../../testing/fake-session.js';
import type { StaffChatComposer } from './composer.js';

function textarea(el: StaffChatComposer): HTMLTextAreaElement {
  return el.shadowRoot!.querySelector('textarea')!;
}

function sendButton(el: StaffChatComposer): HTMLButtonElement {
  return el.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
}

async function typeText(el: StaffChatComposer, text: string): Promise<void> {
  el.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
}

describe('<staff-chat-composer>', () => {
  it('renders a labelled text field and a disabled send button', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    expect(textarea(el).getAttribute('aria-label')).to.equal('Message');
    expect(sendButton(el).disabled).to.be.true;
  });

  it('is accessible', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    await expect(el).to.be.accessible();
  });

  it('sends on Enter and clears the field', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    await typeText(el, 'Room 204 is ready');
    expect(sendButton(el).disabled).to.be.false;
    const composed = oneEvent<ComposeEvent>(el, 'compose');
    await sendKeys({ press: 'Enter' });
    expect((await composed).text).to.equal('Room 204 is ready');
    await el.updateComplete;
    expect(textarea(el).value).to.equal('');
    expect(sendButton(el).disabled).to.be.true;
  });

  it('inserts a new line on Shift+Enter instead of sending', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    let sent = 0;
    el.addEventListener('compose', () => sent++);
    await typeText(el, 'first line');
    await sendKeys({ press: 'Shift+Enter' });
    await sendKeys({ type: 'second line' });
    await el.updateComplete;
    expect(sent).to.equal(0);
    expect(textarea(el).value).to.equal('first line\nsecond line');
  });

  it('does not send blank text', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    let sent = 0;
    el.addEventListener('compose', () => sent++);
    await typeText(el, '   ');
    await sendKeys({ press: 'Enter' });
    expect(sent).to.equal(0);
  });

  it('fires a cancelable staff-chat-message-send first, and keeps the draft when the host cancels it', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    const seen: StaffChatMessageSendEvent[] = [];
    const veto = (event: StaffChatMessageSendEvent) => {
      seen.push(event);
      event.preventDefault();
    };
    document.addEventListener('staff-chat-message-send', veto);
    let sent = 0;
    el.addEventListener('compose', () => sent++);
    try {
      await typeText(el, 'not this one');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
    } finally {
      document.removeEventListener('staff-chat-message-send', veto);
    }
    expect(seen).to.have.length(1);
    expect(seen[0]!.detail).to.deep.equal({ conversationId: 7, text: 'not this one' });
    expect(seen[0]!.bubbles && seen[0]!.composed && seen[0]!.cancelable).to.be.true;
    expect(sent).to.equal(0);
    expect(textarea(el).value).to.equal('not this one');
  });

  it('shows who is being replied to, and cancels the reply', async () => {
    const replyTo = chatMessage(12, 'Can someone check the minibar in 310?');
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7" .replyTo=${replyTo}></staff-chat-composer>`);
    const bar = el.shadowRoot!.querySelector('[part="reply-preview"]')!;
    expect(bar.textContent).to.contain('Replying to Bob Porter');
    expect(bar.textContent).to.contain('Can someone check the minibar in 310?');
    await expect(el).to.be.accessible();
    const cancelled = oneEvent(el, 'reply-cancel');
    bar.querySelector<HTMLButtonElement>('button[aria-label="Cancel reply"]')!.click();
    await cancelled;
  });

  it('cancels the reply with Escape', async () => {
    const el = await fixture<StaffChatComposer>(
      html`<staff-chat-composer conversation-id="7" .replyTo=${chatMessage(12, 'hi')}></staff-chat-composer>`,
    );
    el.focus();
    const cancelled = oneEvent(el, 'reply-cancel');
    await sendKeys({ press: 'Escape' });
    await cancelled;
  });
});
