import { expect, fixture, html } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChatLauncher } from './launcher.js';

describe('<staff-chat-launcher>', () => {
  it('renders a labelled button without a badge when nothing is unread', async () => {
    const el = await fixture<StaffChatLauncher>(html`<staff-chat-launcher></staff-chat-launcher>`);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).to.equal('Open staff chat');
    expect(button.getAttribute('aria-expanded')).to.equal('false');
    expect(el.shadowRoot!.querySelector('[part="badge"]')).to.equal(null);
  });

  it('is accessible', async () => {
    const el = await fixture<StaffChatLauncher>(html`<staff-chat-launcher unread="3"></staff-chat-launcher>`);
    await expect(el).to.be.accessible();
  });

  it('shows the unread count in a badge and in its label', async () => {
    const el = await fixture<StaffChatLauncher>(html`<staff-chat-launcher unread="3"></staff-chat-launcher>`);
    expect(el.shadowRoot!.querySelector('[part="badge"]')!.textContent).to.equal('3');
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Open staff chat, 3 unread');
    el.unread = 250;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="badge"]')!.textContent).to.equal('99+');
  });

  it('says it closes the chat when expanded', async () => {
    const el = await fixture<StaffChatLauncher>(html`<staff-chat-launcher expanded></staff-chat-launcher>`);
    const button = el.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(button.getAttribute('aria-label')).to.equal('Close staff chat');
  });

  it('shows an @ apart from the unread count while a mention is unread, and says so in its label', async () => {
    const el = await fixture<StaffChatLauncher>(html`<staff-chat-launcher unread="3" mentioned></staff-chat-launcher>`);
    const at = el.shadowRoot!.querySelector('.at')!;
    expect(at.textContent).to.equal('@');
    expect(el.shadowRoot!.querySelector('[part="badge"]')!.textContent).to.equal('3');
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Open staff chat, 3 unread, you were mentioned');
    expect(getComputedStyle(at).backgroundColor).to.not.equal(
      getComputedStyle(el.shadowRoot!.querySelector('[part="badge"]')!).backgroundColor,
    );
    await expect(el).to.be.accessible();
    el.mentioned = false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.at')).to.equal(null);
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Open staff chat, 3 unread');
  });

  it('shows a "!" beside the count while an urgent message waits, and says so in its label', async () => {
    const el = await fixture<StaffChatLauncher>(html`<staff-chat-launcher unread="2" urgent></staff-chat-launcher>`);
    expect(el.shadowRoot!.querySelector('[part="urgent"]')!.textContent).to.equal('!');
    expect(el.shadowRoot!.querySelector('[part="badge"]')!.textContent).to.equal('2');
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal(
      'Open staff chat, 2 unread. An urgent message needs your acknowledgement',
    );
    await expect(el).to.be.accessible();
    el.urgent = false;
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="urgent"]')).to.equal(null);
    expect(el.shadowRoot!.querySelector('button')!.getAttribute('aria-label')).to.equal('Open staff chat, 2 unread');
  });
});
