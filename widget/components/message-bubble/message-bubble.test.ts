import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { ReplyEvent, RetryEvent } from '../internal-events.js';
import { chatMessage } from '../../testing/fake-session.js';
import type { StaffChatMessageBubble } from './message-bubble.js';

describe('<staff-chat-message-bubble>', () => {
  it('renders the text, the time and, when asked, the sender', async () => {
    const m = chatMessage(3, 'Lift 2 is back in service');
    const el = await fixture<StaffChatMessageBubble>(
      html`<staff-chat-message-bubble .message=${m} show-sender></staff-chat-message-bubble>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('[part="text"]')!.textContent).to.equal('Lift 2 is back in service');
    expect(root.querySelector('.sender')!.textContent).to.equal('Bob Porter');
    expect(root.querySelector('time')!.getAttribute('datetime')).to.equal(m.timestamp);
  });

  it('marks a forwarded copy with its original sender', async () => {
    const m = chatMessage(5, 'Pool closed 9–11', {
      forwarded_from: { message_id: 2, conversation_id: 9, sender_id: 'carla', sender_name: 'Carla Mendes' },
    });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m}></staff-chat-message-bubble>`);
    expect(el.shadowRoot!.querySelector('.forwarded')!.textContent).to.equal('Forwarded · Carla Mendes');
    const plain = await fixture<StaffChatMessageBubble>(
      html`<staff-chat-message-bubble .message=${chatMessage(6, 'hi')}></staff-chat-message-bubble>`,
    );
    expect(plain.shadowRoot!.querySelector('.forwarded')).to.equal(null);
  });

  it('is accessible', async () => {
    const el = await fixture<StaffChatMessageBubble>(
      html`<staff-chat-message-bubble .message=${chatMessage(3, 'hello', { status: 'failed', client_id: 'c1', error: 'Offline' })}></staff-chat-message-bubble>`,
    );
    await expect(el).to.be.accessible();
  });

  it('renders markup in the text as text, never as HTML', async () => {
    const evil = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 1"><b>bold</b>';
    const m = chatMessage(4, evil, {
      reply_to_message: { id: 1, message: '<img src=x onerror="window.__pwned = 2">', sender_id: 'eve', sender_name: '<i>Eve</i>' },
    });
    const el = await fixture<StaffChatMessageBubble>(
      html`<staff-chat-message-bubble .message=${m} show-sender></staff-chat-message-bubble>`,
    );
    const root = el.shadowRoot!;
    expect(root.querySelector('[part="text"]')!.textContent).to.equal(evil);
    expect(root.querySelector('[part="quote"]')!.textContent).to.contain('<i>Eve</i>');
    expect(root.querySelector('[part="text"]')!.childElementCount).to.equal(0);
    expect(root.querySelectorAll('script, img, i')).to.have.length(0);
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });

  it('shows a pending message as sending, with no reply action', async () => {
    const m = chatMessage(-1, 'on my way', { status: 'pending', client_id: 'c1' });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m} mine></staff-chat-message-bubble>`);
    expect(el.getAttribute('status')).to.equal('pending');
    expect(el.shadowRoot!.textContent).to.contain('Sending…');
    expect(el.shadowRoot!.querySelector('[part="reply-button"]')).to.equal(null);
  });

  it('shows a failed message with its reason and a Retry that names its client_id', async () => {
    const m = chatMessage(-2, 'on my way', { status: 'failed', client_id: 'c-42', error: 'Could not reach the chat server.' });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m} mine></staff-chat-message-bubble>`);
    const failed = el.shadowRoot!.querySelector('[part="failed"]')!;
    expect(failed.textContent).to.contain('Not sent');
    expect(failed.textContent).to.contain('Could not reach the chat server.');
    const retry = oneEvent<RetryEvent>(el, 'retry');
    failed.querySelector('button')!.click();
    expect((await retry).clientId).to.equal('c-42');
  });

  it('says when a failed message will be tried again by itself, and still offers Retry', async () => {
    const m = chatMessage(-3, 'on my way', {
      status: 'failed',
      client_id: 'c-43',
      error: 'Could not reach the chat server.',
      retrying: true,
    });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m} mine></staff-chat-message-bubble>`);
    const failed = el.shadowRoot!.querySelector('[part="failed"]')!;
    expect(failed.textContent).to.contain('Could not reach the chat server.');
    expect(failed.textContent).to.contain('Trying again automatically.');
    expect(failed.querySelector('button')!.textContent).to.equal('Retry');
    el.message = { ...m, retrying: false };
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="failed"]')!.textContent).not.to.contain('automatically');
  });

  it('quotes the message it replies to and offers Reply', async () => {
    const m = chatMessage(8, 'Done', {
      reply_to: 5,
      reply_to_message: { id: 5, message: 'Towels for 118?', sender_id: 'alice', sender_name: 'Alice Front' },
    });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m}></staff-chat-message-bubble>`);
    const quote = el.shadowRoot!.querySelector('[part="quote"]')!;
    expect(quote.textContent).to.contain('Alice Front');
    expect(quote.textContent).to.contain('Towels for 118?');
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="reply-button"]')!;
    expect(button.getAttribute('aria-label')).to.equal('Reply to Bob Porter');
    const reply = oneEvent<ReplyEvent>(el, 'reply');
    button.click();
    expect((await reply).message.id).to.equal(8);
  });

  it('shows a deleted message without its text', async () => {
    const m = chatMessage(9, 'secret', { is_deleted: true });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m}></staff-chat-message-bubble>`);
    expect(el.shadowRoot!.textContent).to.contain('This message was deleted');
    expect(el.shadowRoot!.textContent).not.to.contain('secret');
  });

  it('links only safe attachment URLs', async () => {
    const m = chatMessage(10, 'files', {
      attachments: [
        { id: 1, file_name: 'plan.pdf', file_type: 'pdf', file_size: 10, mime_type: 'application/pdf', file_url: '/files/plan.pdf' },
        { id: 2, file_name: 'bad.pdf', file_type: 'pdf', file_size: 10, mime_type: 'application/pdf', file_url: 'javascript:alert(1)' },
      ],
    });
    const el = await fixture<StaffChatMessageBubble>(html`<staff-chat-message-bubble .message=${m}></staff-chat-message-bubble>`);
    // Rendered by <staff-chat-attachments> (its own tests cover thumbnails and chips).
    const files = el.shadowRoot!.querySelector('staff-chat-attachments')!;
    await files.updateComplete;
    const links = [...files.shadowRoot!.querySelectorAll('a')];
    expect(links.map((a) => new URL(a.href).pathname)).to.deep.equal(['/files/plan.pdf']);
    expect(files.shadowRoot!.textContent).to.contain('bad.pdf');
  });
});
