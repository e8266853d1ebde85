import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { ComposeEvent } from '../internal-events.js';
import type { StaffChatComposer } from './composer.js';

// "Needs acknowledgement": a toggle in the composer that sends the next message as urgent.

const toggle = (el: StaffChatComposer) => el.shadowRoot!.querySelector<HTMLButtonElement>('[part="urgent-button"]')!;

async function send(el: StaffChatComposer, text: string): Promise<ComposeEvent> {
  el.shadowRoot!.querySelector('textarea')!.focus();
  await sendKeys({ type: text });
  await el.updateComplete;
  const composed = oneEvent<ComposeEvent>(el, 'compose');
  await sendKeys({ press: 'Enter' });
  return composed;
}

describe('<staff-chat-composer> "Needs acknowledgement"', () => {
  it('is a named toggle button, not pressed at first', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    expect(toggle(el).getAttribute('aria-label')).to.equal('Needs acknowledgement');
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('false');
    expect(el.shadowRoot!.querySelector('.urgent-note')).to.equal(null);
  });

  it('pressed, says so in words and sends the next message as urgent, then turns itself off', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    toggle(el).click();
    await el.updateComplete;
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('true');
    const note = el.shadowRoot!.querySelector('.urgent-note')!;
    expect(note.textContent).to.contain('asked to acknowledge');
    expect(el.shadowRoot!.querySelector('textarea')!.getAttribute('aria-describedby')).to.equal(note.id);
    await expect(el).to.be.accessible();

    const first = await send(el, 'VIP arriving early, 214 must be ready');
    expect(first.requiresAcknowledgement).to.equal(true);
    await el.updateComplete;
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('false');
    const second = await send(el, 'Thanks');
    expect(second.requiresAcknowledgement).to.equal(false);
  });

  it('a second press takes it back before sending', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="7"></staff-chat-composer>`);
    toggle(el).click();
    await el.updateComplete;
    toggle(el).click();
    await el.updateComplete;
    expect(toggle(el).getAttribute('aria-pressed')).to.equal('false');
    expect((await send(el, 'Never mind')).requiresAcknowledgement).to.equal(false);
  });
});
