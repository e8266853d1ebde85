import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../testing/process-shim.js';
import '../../define.js';
import '../define-lazy.js';
import { ME, staff } from '../../testing/fake-session.js';
import { conversation } from '../../testing/fixtures.js';
import { CHANNEL_ID, departmentChannel, handoverFixture, handoverNote, item } from '../../testing/handover-fakes.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatChatWindow } from '../chat-window/chat-window.js';
import type { StaffChatConversationList } from '../conversation-list/conversation-list.js';
import type { StaffChatMessageBubble } from '../message-bubble/message-bubble.js';
import type { StaffChatHandoverChecklist } from './handover-checklist.js';

/*
 * A department channel where the rest of the widget shows it: its own section in the conversation
 * list, its window (the pinned note, no "Add people") and a handover message in the message list.
 */

const bob = staff('bob', 'Bob Porter', 'Concierge');
const CURRENT = `/conversations/${CHANNEL_ID}/handover/`;

describe('a department channel', () => {
  describe('in the conversation list', () => {
    it('comes first, in a "Departments" section of its own, said to be a department channel', async () => {
      const fixture = handoverFixture();
      const now = new Date().toISOString();
      fixture.fake.conversations.set([
        conversation(1, {
          title: null,
          participants: [ME, bob],
          last_message: { id: 9, sender_id: 'bob', sender_name: 'Bob Porter', message: 'Taxi at 6', timestamp: now },
        }),
        departmentChannel({ unread_count: 2 }),
        conversation(2, { title: 'Front desk', is_group: true, kind: 'group', participants: [ME, bob] }),
      ]);
      const el = await sessionFixture<StaffChatConversationList>(
        fixture.fake.session,
        html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
      );
      const lists = [...el.shadowRoot!.querySelectorAll('ul')];
      expect(lists).to.have.length(2);
      const heading = el.shadowRoot!.getElementById(lists[0]!.getAttribute('aria-labelledby')!)!;
      expect(heading.textContent).to.equal('Departments');
      const department = lists[0]!.querySelector('[part="row"]')!;
      expect(department.querySelector('.name')!.textContent).to.equal('Housekeeping');
      expect(department.querySelector('.dept')!.textContent).to.equal('Department channel · 3 members');
      expect(department.querySelector('.avatar.department svg'), 'a department icon, not initials').to.exist;
      expect(lists[1]!.getAttribute('aria-label')).to.equal('Conversations');
      expect([...lists[1]!.querySelectorAll('.name')].map((name) => name.textContent)).to.deep.equal(['Bob Porter', 'Front desk']);
      await expect(el).to.be.accessible();
    });

    it('is one list to the arrow keys: down from the department channel reaches the conversations', async () => {
      const fixture = handoverFixture();
      fixture.fake.conversations.set([conversation(1, { participants: [ME, bob] }), departmentChannel()]);
      const el = await sessionFixture<StaffChatConversationList>(
        fixture.fake.session,
        html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
      );
      const rows = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="row"]')];
      expect(rows.map((row) => row.querySelector('.name')!.textContent)).to.deep.equal(['Housekeeping', 'Bob Porter']);
      rows[0]!.focus();
      await sendKeys({ press: 'ArrowDown' });
      expect(el.shadowRoot!.activeElement).to.equal(rows[1]);
      await sendKeys({ press: 'Home' });
      expect(el.shadowRoot!.activeElement).to.equal(rows[0]);
    });

    it('keeps one plain list when there is no department channel', async () => {
      const fixture = handoverFixture();
      fixture.fake.conversations.set([conversation(1, { participants: [ME, bob] })]);
      const el = await sessionFixture<StaffChatConversationList>(
        fixture.fake.session,
        html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
      );
      expect(el.shadowRoot!.querySelectorAll('ul')).to.have.length(1);
      expect(el.shadowRoot!.querySelector('h3')).to.equal(null);
    });
  });

  describe('in its window', () => {
    async function channelWindow(
      messages = [handoverNote(40, 'Late shift <i>done</i>', [item(401, 'Restock <b>trolley</b> 2'), item(402, 'Room 214 cot')])],
    ) {
      const fixture = handoverFixture({ [`GET ${CURRENT}`]: { handover: messages.at(-1) ?? null } });
      fixture.fake.view(CHANNEL_ID).set({
        messages: messages.map((m) => ({ ...m, status: 'sent' as const })),
        loading: false,
        hasMore: false,
        error: null,
        loaded: true,
      });
      const el = await sessionFixture<StaffChatChatWindow>(
        fixture.fake.session,
        html`<staff-chat-chat-window conversation-id=${CHANNEL_ID}></staff-chat-chat-window>`,
      );
      return { fixture, el };
    }

    async function bubbleChecklist(el: StaffChatChatWindow): Promise<StaffChatHandoverChecklist> {
      const list = el.shadowRoot!.querySelector('staff-chat-message-list')!;
      await waitUntil(
        () => list.shadowRoot!.querySelector('staff-chat-message-bubble')?.shadowRoot?.querySelector('staff-chat-handover-checklist'),
        'the bubble shows a checklist',
      );
      return list
        .shadowRoot!.querySelector<StaffChatMessageBubble>('staff-chat-message-bubble')!
        .shadowRoot!.querySelector('staff-chat-handover-checklist')!;
    }

    it('pins the current note above the messages, and offers no "Add people"', async () => {
      const { el } = await channelWindow();
      const root = el.shadowRoot!;
      expect(root.querySelector('h2')!.textContent).to.equal('Housekeeping');
      expect(root.querySelector('.subtitle')!.textContent).to.equal('Department channel · 3 members');
      expect(root.querySelector('button.add'), 'nobody is added by hand').to.equal(null);
      const bar = root.querySelector('staff-chat-handover-bar')!;
      expect(bar, 'the pinned note').to.exist;
      expect(
        bar.compareDocumentPosition(root.querySelector('staff-chat-message-list')!) & Node.DOCUMENT_POSITION_FOLLOWING,
      ).to.be.greaterThan(0);
      await waitUntil(() => bar.shadowRoot!.querySelector('.summary'));
      await expect(el).to.be.accessible();
    });

    it('shows a handover message as its checklist, text never parsed as HTML', async () => {
      const { el } = await channelWindow();
      const checklist = await bubbleChecklist(el);
      const labels = [...checklist.shadowRoot!.querySelectorAll('label')];
      expect(labels.map((label) => label.textContent)).to.deep.equal(['Restock <b>trolley</b> 2', 'Room 214 cot']);
      expect(checklist.shadowRoot!.querySelector('b')).to.equal(null);
      expect(checklist.shadowRoot!.querySelectorAll('input[type="checkbox"]')).to.have.length(2);
      const bubble = el
        .shadowRoot!.querySelector('staff-chat-message-list')!
        .shadowRoot!.querySelector<StaffChatMessageBubble>('staff-chat-message-bubble')!;
      expect(bubble.shadowRoot!.querySelector('[part="text"]')!.textContent).to.equal('Late shift <i>done</i>');
      expect(bubble.shadowRoot!.querySelector('i')).to.equal(null);
    });

    it('ticks live in the message list too, and a tick there reaches the pinned note', async () => {
      const { fixture, el } = await channelWindow();
      fixture.answers['PATCH /messages/40/handover/items/402/'] = {
        conversation_id: CHANNEL_ID,
        message_id: 40,
        item: item(402, 'Room 214 cot', { by: 'Mia Manager', at: new Date().toISOString() }),
      };
      const checklist = await bubbleChecklist(el);
      fixture.push('handover_item_changed', {
        conversation_id: CHANNEL_ID,
        message_id: 40,
        item: item(401, 'Restock <b>trolley</b> 2', { by: 'Dev Patel', at: new Date().toISOString() }),
      });
      const bubbleBoxes = () => [
        ...el
          .shadowRoot!.querySelector('staff-chat-message-list')!
          .shadowRoot!.querySelector('staff-chat-message-bubble')!
          .shadowRoot!.querySelector('staff-chat-handover-checklist')!
          .shadowRoot!.querySelectorAll<HTMLInputElement>('input'),
      ];
      await waitUntil(() => bubbleBoxes()[0]!.checked, 'the bubble follows the event');
      expect(checklist.shadowRoot!.textContent).to.include('Ticked by Dev Patel');

      await waitUntil(() => !bubbleBoxes()[1]!.disabled);
      bubbleBoxes()[1]!.click();
      await fixture.called('PATCH /messages/40/handover/items/402/');
      const bar = el.shadowRoot!.querySelector('staff-chat-handover-bar')!;
      const pinnedBoxes = () => [
        ...(bar.shadowRoot!.querySelector('staff-chat-handover-checklist')?.shadowRoot?.querySelectorAll<HTMLInputElement>('input') ?? []),
      ];
      await waitUntil(() => pinnedBoxes().length === 2 && pinnedBoxes().every((box) => box.checked), 'the pinned note shows both ticks');
    });
  });
});
