import { expect, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../define.js';
import '../define-lazy.js';
import { chatMessage, createFakeSession } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { ConversationSelectEvent } from '../internal-events.js';
import type { StaffChatPanel } from '../panel/panel.js';
import type { StaffChatUrgentBanner } from './urgent-banner.js';

const urgent = (id: number, conversationId: number) =>
  chatMessage(id, `Urgent ${id}`, { conversation_id: conversationId, requires_acknowledgement: true });

describe('<staff-chat-urgent-banner>', () => {
  it('shows nothing while no urgent message waits', async () => {
    const fake = createFakeSession();
    const el = await sessionFixture<StaffChatUrgentBanner>(fake.session, html`<staff-chat-urgent-banner></staff-chat-urgent-banner>`);
    expect(el.shadowRoot!.querySelector('.banner')).to.equal(null);
  });

  it("counts what waits, opens the oldest one's conversation, and goes once all are acknowledged", async () => {
    const fake = createFakeSession();
    fake.pendingAcknowledgements.set([urgent(5, 3)]);
    const el = await sessionFixture<StaffChatUrgentBanner>(fake.session, html`<staff-chat-urgent-banner></staff-chat-urgent-banner>`);
    const banner = () => el.shadowRoot!.querySelector<HTMLElement>('.banner');
    expect(banner()!.textContent).to.contain('1 urgent message needs your acknowledgement');
    await expect(el).to.be.accessible();

    fake.pendingAcknowledgements.set([urgent(5, 3), urgent(9, 4)]);
    await waitUntil(() => banner()!.textContent.includes('2 urgent messages need your acknowledgement'));
    const selected = oneEvent<ConversationSelectEvent>(el, 'conversation-select');
    banner()!.querySelector('button')!.click();
    expect((await selected).conversationId).to.equal(3);

    fake.pendingAcknowledgements.set([]);
    await waitUntil(() => banner() === null);
  });

  it('sits in the panel, whose selection opens the conversation', async () => {
    const fake = createFakeSession();
    fake.pendingAcknowledgements.set([urgent(5, 3)]);
    const panel = await sessionFixture<StaffChatPanel>(fake.session, html`<staff-chat-panel></staff-chat-panel>`);
    const el = panel.shadowRoot!.querySelector<StaffChatUrgentBanner>('staff-chat-urgent-banner')!;
    await el.updateComplete;
    const selected = oneEvent<ConversationSelectEvent>(panel, 'conversation-select');
    el.shadowRoot!.querySelector<HTMLButtonElement>('.banner button')!.click();
    expect((await selected).conversationId).to.equal(3);
  });
});
