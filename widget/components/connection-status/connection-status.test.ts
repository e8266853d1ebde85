import { expect, fixture, html } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChatConnectionStatus } from './connection-status.js';

describe('<staff-chat-connection-status>', () => {
  it('renders a dot and a label for the state', async () => {
    const el = await fixture<StaffChatConnectionStatus>(html`<staff-chat-connection-status state="connected"></staff-chat-connection-status>`);
    expect(el.shadowRoot!.querySelector('[part="dot"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Connected');
    el.state = 'unavailable';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Offline — messages will sync when you’re back');
  });

  it('is accessible', async () => {
    const el = await fixture<StaffChatConnectionStatus>(html`<staff-chat-connection-status state="connecting"></staff-chat-connection-status>`);
    await expect(el).to.be.accessible();
  });
});
