import { expect, fixture, html } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import type { StaffChatConnectionStatus } from './connection-status.js';

describe('<staff-chat-connection-status>', () => {
  it('renders a dot and a label for the state', async () => {
    const el = await fixture<StaffChatConnectionStatus>(
      html`<staff-chat-connection-status state="connected"></staff-chat-connection-status>`,
    );
    expect(el.shadowRoot!.querySelector('[part="dot"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Connected');
    el.state = 'unavailable';
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="label"]')!.textContent).to.equal('Offline — messages will sync when you’re back');
  });

  it('as a banner, is hidden while live updates work and says so while the session polls instead', async () => {
    const el = await fixture<StaffChatConnectionStatus>(
      html`<staff-chat-connection-status banner state="connected"></staff-chat-connection-status>`,
    );
    expect(getComputedStyle(el).display).to.equal('none');
    expect(el.shadowRoot!.querySelector('[part="banner"]')).to.equal(null);
    for (const state of ['unavailable', 'failed'] as const) {
      el.state = state;
      await el.updateComplete;
      expect(getComputedStyle(el).display).to.equal('block');
      const banner = el.shadowRoot!.querySelector('[part="banner"]')!;
      expect(banner.getAttribute('role')).to.equal('status');
      expect(banner.textContent).to.contain('Checking for new messages regularly');
    }
    el.state = 'connecting';
    await el.updateComplete;
    expect(getComputedStyle(el).display).to.equal('none');
  });

  it('is accessible as a banner', async () => {
    const el = await fixture<StaffChatConnectionStatus>(
      html`<staff-chat-connection-status banner state="unavailable"></staff-chat-connection-status>`,
    );
    await expect(el).to.be.accessible();
  });

  it('is accessible', async () => {
    const el = await fixture<StaffChatConnectionStatus>(
      html`<staff-chat-connection-status state="connecting"></staff-chat-connection-status>`,
    );
    await expect(el).to.be.accessible();
  });
});
