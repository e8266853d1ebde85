import { expect, fixture, html } from '@open-wc/testing';
import './testing/process-shim.js';
import './define.js';
import { createFakeSession } from './testing/fake-session.js';
import type { StaffChat } from './staff-chat.js';

/**
 * A portal's CSS is hostile by accident: global button rules, big fonts, `!important`. None of it may
 * reach inside the widget, and none of the widget's rules may reach the portal.
 */
describe('style isolation', () => {
  let hostile: HTMLStyleElement;

  beforeEach(() => {
    hostile = document.createElement('style');
    hostile.textContent = `
      body { font: 40px serif; color: rgb(255, 0, 0); }
      button { background: rgb(255, 0, 0) !important; border-radius: 0 !important; }
      .launcher, .badge, [part] { display: none !important; }
    `;
    document.head.append(hostile);
  });

  afterEach(() => hostile.remove());

  async function mount() {
    const session = createFakeSession().session;
    const el = await fixture<StaffChat>(html`
      <div>
        <button id="portal-button">Portal</button>
        <staff-chat hotel="grand" token="t" .createSession=${() => session}></staff-chat>
      </div>
    `);
    const chat = el.querySelector('staff-chat')!;
    await chat.updateComplete;
    const launcher = chat.shadowRoot!.querySelector('staff-chat-launcher')!;
    await launcher.updateComplete;
    return { page: el, chat, button: launcher.shadowRoot!.querySelector('button')! };
  }

  it('keeps the portal’s selectors and inherited fonts out of the widget', async () => {
    const { button } = await mount();
    const style = getComputedStyle(button);
    expect(style.display).not.to.equal('none');
    expect(style.backgroundColor).not.to.equal('rgb(255, 0, 0)');
    expect(style.fontSize).not.to.equal('40px');
    expect(style.fontFamily).not.to.equal('serif');
  });

  it('keeps the widget’s rules out of the portal', async () => {
    const { page } = await mount();
    const portalButton = page.querySelector<HTMLButtonElement>('#portal-button')!;
    // The portal's own (hostile) rule still applies to its own button, and nothing of ours does.
    expect(getComputedStyle(portalButton).backgroundColor).to.equal('rgb(255, 0, 0)');
    expect(getComputedStyle(portalButton).fontSize).not.to.equal('14px');
  });
});
