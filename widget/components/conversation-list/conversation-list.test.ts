import { expect, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { ConversationSelectEvent } from '../internal-events.js';
import { conversation, createFakeSession, ME, staff } from '../../testing/fake-session.js';
import { sessionFixture } from '../../testing/session-provider.js';
import { setLocale } from '../../messages/locale.js';
import type { StaffChatConversationList } from './conversation-list.js';

const bob = staff('bob', 'Bob Porter', 'Concierge');
const carla = staff('carla', 'Carla Maid', 'Housekeeping');

function withConversations() {
  const fake = createFakeSession();
  fake.conversations.set([
    conversation(1, bob, {
      unread_count: 2,
      last_message: {
        id: 9,
        sender_id: 'bob',
        sender_name: 'Bob Porter',
        message: 'Taxi for 204 at 6',
        timestamp: new Date().toISOString(),
      },
    }),
    conversation(2, carla, {
      last_message: {
        id: 7,
        sender_id: ME.id,
        sender_name: ME.full_name,
        message: '<img src=x onerror=alert(1)>',
        timestamp: '2024-03-03T10:00:00Z',
      },
    }),
  ]);
  return fake;
}

function rows(el: StaffChatConversationList): HTMLButtonElement[] {
  return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="row"]')];
}

describe('<staff-chat-conversation-list>', () => {
  it('leaves archived conversations out, and marks a muted one: a bell, a grey count, named', async () => {
    const fake = withConversations();
    fake.conversations.set([
      { ...fake.conversations.get()[0]!, is_muted: true },
      { ...fake.conversations.get()[1]!, is_archived: true },
    ]);
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    expect(rows(el)).to.have.length(1);
    const [muted] = rows(el);
    expect(muted!.querySelector('.muted')!.textContent).to.equal('Muted');
    expect(muted!.querySelector('[part="badge"]')!.classList.contains('quiet')).to.equal(true);
    fake.conversations.set([
      { ...fake.conversations.get()[0]!, is_muted: false },
      { ...fake.conversations.get()[1]!, is_archived: false },
    ]);
    await el.updateComplete;
    expect(rows(el)).to.have.length(2);
    expect(rows(el)[0]!.querySelector('.muted')).to.equal(null);
  });

  it('renders each conversation with name, department, last message, time and unread count', async () => {
    const fake = withConversations();
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    const [first, second] = rows(el);
    expect(first!.querySelector('.name')!.textContent).to.equal('Bob Porter');
    expect(first!.querySelector('.dept')!.textContent).to.equal('Concierge');
    expect(first!.querySelector('.preview')!.textContent).to.equal('Taxi for 204 at 6');
    expect(first!.querySelector('time')).to.exist;
    expect(first!.querySelector('[part="badge"]')!.textContent).to.contain('2');
    expect(first!.querySelector('[part="badge"]')!.textContent).to.contain('2 unread messages');
    expect(second!.querySelector('.preview')!.textContent).to.equal('You: \u2068<img src=x onerror=alert(1)>\u2069');
    expect(second!.querySelector('img')).to.equal(null);
    expect(second!.querySelector('[part="badge"]')).to.equal(null);
  });

  it('says what an attachment-only or deleted last message was, instead of an empty "You:"', async () => {
    const fake = createFakeSession();
    const at = new Date().toISOString();
    fake.conversations.set([
      conversation(1, bob, {
        last_message: { id: 3, sender_id: ME.id, sender_name: ME.full_name, message: '', attachment_name: 'photo.jpg', timestamp: at },
      }),
      conversation(2, carla, {
        last_message: { id: 2, sender_id: ME.id, sender_name: ME.full_name, message: '', is_deleted: true, timestamp: at },
      }),
      conversation(3, staff('dan', 'Dan Bell'), {
        last_message: { id: 1, sender_id: 'dan', sender_name: 'Dan Bell', message: '', attachment_name: 'plan.pdf', timestamp: at },
      }),
    ]);
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    expect(rows(el).map((row) => row.querySelector('.preview')!.textContent)).to.deep.equal([
      'You: \u2068📎 photo.jpg\u2069',
      'You: \u2068Message deleted\u2069',
      '📎 plan.pdf',
    ]);
  });

  it("keeps the brackets and full stop of one's own English message with it in an Arabic list", async () => {
    await setLocale('ar');
    try {
      const fake = createFakeSession();
      const text = 'Noted (room 294).';
      fake.conversations.set([
        conversation(1, bob, {
          last_message: { id: 3, sender_id: ME.id, sender_name: ME.full_name, message: text, timestamp: new Date().toISOString() },
        }),
      ]);
      const el = await sessionFixture<StaffChatConversationList>(
        fake.session,
        html`<staff-chat-conversation-list dir="rtl"></staff-chat-conversation-list>`,
      );
      const preview = rows(el)[0]!.querySelector('.preview')!;
      const node = [...preview.childNodes].find((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.includes(text))!;
      const content = node.textContent!;
      /** Where one character of the message is drawn. */
      const leftOf = (index: number) => {
        const range = document.createRange();
        range.setStart(node, index);
        range.setEnd(node, index + 1);
        return range.getBoundingClientRect().left;
      };
      const start = content.indexOf(text);
      // Read left to right as English: "N" first, the full stop last, the bracket just before it.
      expect(leftOf(start + text.length - 1), 'full stop right of the N').to.be.greaterThan(leftOf(start));
      expect(leftOf(start + text.length - 1), 'full stop right of the bracket').to.be.greaterThan(leftOf(start + text.length - 2));
    } finally {
      await setLocale('en');
    }
  });

  it('is accessible', async () => {
    const el = await sessionFixture<StaffChatConversationList>(
      withConversations().session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    await expect(el).to.be.accessible();
  });

  it('shows an empty state sentence', async () => {
    const el = await sessionFixture<StaffChatConversationList>(
      createFakeSession().session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    expect(el.shadowRoot!.textContent).to.contain('No conversations yet');
  });

  it('tells its parent which conversation was chosen, and marks open ones current', async () => {
    const fake = withConversations();
    fake.openIds.set([2]);
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    expect(rows(el).map((r) => r.getAttribute('aria-current'))).to.deep.equal(['false', 'true']);
    const selected = oneEvent<ConversationSelectEvent>(el, 'conversation-select');
    rows(el)[0]!.click();
    expect((await selected).conversationId).to.equal(1);
  });

  it('moves between rows with the arrow keys and opens with Enter', async () => {
    const fake = withConversations();
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    rows(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[1]);
    await sendKeys({ press: 'ArrowDown' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[1]);
    await sendKeys({ press: 'Home' });
    expect(el.shadowRoot!.activeElement).to.equal(rows(el)[0]);
    const selected = oneEvent<ConversationSelectEvent>(el, 'conversation-select');
    await sendKeys({ press: 'Enter' });
    expect((await selected).conversationId).to.equal(1);
  });

  it('re-renders when a conversation is updated', async () => {
    const fake = withConversations();
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    fake.conversations.set([{ ...fake.conversations.get()[1]!, unread_count: 5 }, fake.conversations.get()[0]!]);
    await el.updateComplete;
    expect(rows(el)[0]!.querySelector('.name')!.textContent).to.equal('Carla Maid');
    expect(rows(el)[0]!.querySelector('[part="badge"]')!.textContent).to.contain('5');
  });

  it('shows an @ badge beside the unread count while an unread message mentions the viewer, gone once read', async () => {
    const fake = withConversations();
    fake.conversations.set(fake.conversations.get().map((c) => (c.id === 1 ? { ...c, mention_count: 1 } : c)));
    const el = await sessionFixture<StaffChatConversationList>(
      fake.session,
      html`<staff-chat-conversation-list></staff-chat-conversation-list>`,
    );
    const [first, second] = rows(el);
    const mention = first!.querySelector('[part="mention-badge"]')!;
    expect(mention.querySelector('[aria-hidden="true"]')!.textContent).to.equal('@');
    expect(mention.textContent).to.contain('You were mentioned once');
    expect(first!.querySelector('[part="badge"]')!.textContent).to.contain('2 unread messages');
    expect(second!.querySelector('[part="mention-badge"]')).to.equal(null);
    await expect(el).to.be.accessible();
    // Read here: the unread count drops to 0 at once, and the mention goes with it.
    fake.conversations.set(fake.conversations.get().map((c) => (c.id === 1 ? { ...c, unread_count: 0 } : c)));
    await el.updateComplete;
    expect(rows(el)[0]!.querySelector('[part="mention-badge"]')).to.equal(null);
  });
});
