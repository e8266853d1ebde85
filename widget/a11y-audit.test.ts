import { expect, waitUntil } from '@open-wc/testing';
import type { WritableAtom } from 'nanostores';
import './testing/process-shim.js';
import './define.js';
import './components/define-lazy.js';
import { auditProblems } from './testing/axe-audit.js';
import {
  bubbleOf,
  find,
  linkSession,
  mentionSession,
  mount,
  openConversation,
  richSession,
  urgentSession,
  type Look,
} from './testing/rich-state.js';
import type { UploadItem } from './state/session.js';
import type { StaffChat } from './staff-chat.js';
import type { StaffChatMessageSearch } from './components/message-search/message-search.js';
import { departmentSession } from './testing/handover-fakes.js';

/*
 * The accessibility and contrast audit: axe-core (WCAG 2.x A/AA and best practices, colour contrast
 * included) over every state a person can bring the widget into, in both themes and both directions.
 * Each state must have no violation at all, and no contrast check axe could not decide.
 */

async function expectNoProblems(el: StaffChat, options: { overlay?: boolean } = {}): Promise<void> {
  // Two frames: the message list measures its rows and lays them out after its first update.
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  expect(await auditProblems(el, options)).to.deep.equal([]);
}

const LOOKS: Look[] = [
  { theme: 'light', dir: 'ltr' },
  { theme: 'dark', dir: 'ltr' },
  { theme: 'light', dir: 'rtl' },
  { theme: 'dark', dir: 'rtl' },
];

describe('accessibility and contrast audit (axe-core)', function (this: { timeout(ms: number): void }) {
  this.timeout(30_000);

  for (const look of LOOKS) {
    describe(`${look.theme}, ${look.dir}`, () => {
      it('the launcher, with an unread badge', async () => {
        await expectNoProblems(await mount(richSession(), look));
      });

      it('the panel: conversation list (own file and deleted previews, unread, typing, online)', async () => {
        const el = await mount(richSession(), look, { open: true });
        await find(el, '[part="row"]');
        await expectNoProblems(el);
      });

      it('the panel: settings menu', async () => {
        const el = await mount(richSession(), look, { open: true });
        (await find<HTMLButtonElement>(el, 'button.settings')).click();
        await find(el, '.menu input');
        await expectNoProblems(el, { overlay: true });
      });

      it('the panel: directory, then a new group', async () => {
        const el = await mount(richSession(), look, { open: true });
        (await find<HTMLButtonElement>(el, '#tab-new')).click();
        await find(el, '[part="person"]');
        await expectNoProblems(el);
        (await find<HTMLButtonElement>(el, '.new-group')).click();
        await find(el, 'input[name="title"]');
        await expectNoProblems(el);
      });

      it('the panel: an error with Retry', async () => {
        const fake = richSession();
        fake.status.set('error');
        fake.errorInfo.set({ message: 'The chat server could not be reached.', code: 'network' });
        const el = await mount(fake, look, { open: true });
        await find(el, '.problem button');
        await expectNoProblems(el);
      });

      it('the panel: message search with results, then nothing found, then a failure with Retry', async () => {
        const fake = richSession();
        const result = (message_id: number, conversation_id: number, snippet: string, highlights: [number, number][]) => ({
          message_id,
          conversation_id,
          sender_id: 'bob',
          sender_name: 'Bob Porter',
          timestamp: '2025-01-01T12:00:00.000Z',
          is_edited: false,
          snippet,
          highlights,
        });
        fake.searchAnswer = async () => ({
          results: [
            result(3, 1, '…the guest in 204 asked for towels and a late checkout', [[28, 34]]),
            result(2, 3, 'Towels are in lift 2', [[0, 6]]),
          ],
          count: 2,
          has_more: true,
          next_cursor: '2',
        });
        const el = await mount(fake, look, { open: true });
        (await find<HTMLButtonElement>(el, '.header button.search')).click();
        const box = await find<StaffChatMessageSearch>(el, 'staff-chat-message-search');
        await waitUntil(() => (box as unknown as { store: unknown }).store !== null, 'the search store is here');
        const inBox = (selector: string) => waitUntil(() => box.shadowRoot!.querySelector(selector), `${selector} in the search`);
        const search = (text: string) => {
          const input = box.shadowRoot!.querySelector('input')!;
          input.value = text;
          input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        };
        search('towels');
        await inBox('mark');
        await inBox('.more');
        await expectNoProblems(el);
        fake.searchAnswer = async () => ({ results: [], count: 0, has_more: false, next_cursor: null });
        search('zebra');
        await inBox('.note');
        await expectNoProblems(el);
        fake.searchAnswer = async () => {
          throw new Error('offline');
        };
        search('towels again');
        await inBox('[role="alert"] button');
        await expectNoProblems(el);
      });

      it('a conversation: a search result shown and highlighted, with the search bar open', async () => {
        const fake = richSession();
        const el = await openConversation(fake, look);
        (await find<HTMLButtonElement>(el, 'button.search[aria-expanded]')).click();
        await find(el, 'staff-chat-message-search');
        fake.search.openAt(1, 3);
        await find(el, '.message.highlight');
        await expectNoProblems(el);
      });

      it('a conversation: own and others’ messages, reactions, attachments, a quote, deletions, a failure, seen by, typing', async () => {
        await expectNoProblems(await openConversation(richSession(), look));
      });

      it('a conversation: links in own and others’ messages, one of them focused', async () => {
        const el = await openConversation(linkSession(), look);
        const theirs = await bubbleOf(el, 3);
        const own = await bubbleOf(el, 6);
        await Promise.all([theirs.updateComplete, own.updateComplete]);
        expect(theirs.shadowRoot!.querySelector('a'), 'a link on another’s bubble').to.exist;
        own.shadowRoot!.querySelector('a')!.focus();
        await expectNoProblems(el);
      });

      it('mentions: highlighted names in own and others’ messages, the @ badges of the launcher and the row', async () => {
        const el = await openConversation(mentionSession(), look);
        await find(el, '.mention.me');
        await find(el, '.badge.at');
        await expectNoProblems(el);
        const panel = await mount(mentionSession(), look, { open: true });
        await find(panel, '.badge.mention');
        await expectNoProblems(panel);
      });

      it('mentions: the composer’s @ picker open', async () => {
        const el = await openConversation(mentionSession(), look);
        const composer = await find<HTMLElement>(el, 'staff-chat-composer');
        const field = composer.shadowRoot!.querySelector('textarea')!;
        field.focus();
        field.value = 'Towels @';
        field.setSelectionRange(8, 8);
        field.dispatchEvent(new Event('input'));
        await find(el, '[part="mention-picker"] [aria-selected="true"]');
        await expectNoProblems(el, { overlay: true });
      });

      it('a conversation: editing an own message', async () => {
        const el = await openConversation(richSession(), look);
        (await bubbleOf(el, 9)).startEdit();
        await find(el, 'textarea.edit');
        await expectNoProblems(el);
      });

      it('a conversation: the reaction picker, the actions menu and the delete confirmation', async () => {
        const el = await openConversation(richSession(), look);
        const bubble = await bubbleOf(el, 9);
        bubble.shadowRoot!.querySelector<HTMLButtonElement>('.act')!.click();
        await find(el, '.panel.pick:popover-open');
        await expectNoProblems(el, { overlay: true });
        const acts = bubble.shadowRoot!.querySelectorAll<HTMLButtonElement>('.act');
        acts[acts.length - 1]!.click();
        await find(el, '.panel.menu:popover-open');
        await expectNoProblems(el, { overlay: true });
        (await find<HTMLButtonElement>(el, '.panel.menu button:last-child')).click();
        await find(el, '.panel.confirm:popover-open');
        await expectNoProblems(el, { overlay: true });
      });

      it('a conversation: the reply bar and the upload tray', async () => {
        const fake = richSession();
        const uploads: UploadItem[] = [
          { key: 'u1', conversationId: 1, name: 'invoice-0815.pdf', size: 120_000, progress: 0.4, status: 'uploading', error: null },
          {
            key: 'u2',
            conversationId: 1,
            name: 'huge.mov',
            size: 90_000_000,
            progress: 0,
            status: 'failed',
            error: 'huge.mov is too large: at most 10 MB.',
          },
        ];
        (fake.session.$uploads as WritableAtom<UploadItem[]>).set(uploads);
        const el = await openConversation(fake, look);
        const theirs = await bubbleOf(el, 3);
        theirs.shadowRoot!.querySelector<HTMLButtonElement>('[part="reply-button"]')!.click();
        await find(el, '[part="reply-preview"]');
        await find(el, 'progress');
        await expectNoProblems(el);
      });

      it('a conversation: add people', async () => {
        const el = await openConversation(richSession(), look);
        (await find<HTMLButtonElement>(el, 'button.add')).click();
        await find(el, 'staff-chat-staff-directory[picking]');
        await find(el, '[part="person"] input');
        await expectNoProblems(el);
      });

      it('a conversation: the pinned bar, its list and a notice', async () => {
        const fake = richSession();
        const pinned = fake
          .view(1)
          .get()
          .messages.filter((m) => m.id === 3 || m.id === 9);
        fake.pins(1).set({
          pins: pinned.map((m) => ({ conversation_id: 1, message_id: m.id, pinned_by: m.sender_info, pinned_at: m.timestamp, message: m })),
          loading: false,
          loaded: true,
          error: null,
        });
        fake.housekeepingResult = { code: 'too_many_pins', message: 'too many' };
        const el = await openConversation(fake, look);
        await find(el, '[part="pinned-bar"]');
        // At this test page's width the docked window's far end lies under the open panel, where the
        // bar's count sits: axe cannot decide a covered text's contrast (the count uses accent text on
        // the background, as the checked chips and buttons do), so covered text is left out here.
        await expectNoProblems(el, { overlay: true });
        const count = await find<HTMLButtonElement>(el, '[part="pinned-bar"] .count');
        count.click();
        await find(el, '[part="pins-list"]');
        await expectNoProblems(el, { overlay: true });
        count.click();
        const bubble = await bubbleOf(el, 9);
        const acts = bubble.shadowRoot!.querySelectorAll<HTMLButtonElement>('.act');
        acts[acts.length - 1]!.click();
        (await find<HTMLButtonElement>(el, '.panel.menu .pin')).click();
        await find(el, '[part="notice"]');
        await expectNoProblems(el, { overlay: true });
      });

      it('a conversation: the conversation menu, and "Forward to"', async () => {
        const el = await openConversation(richSession(), look);
        const open = await find<HTMLButtonElement>(el, '[part="menu-button"]:not(:disabled)');
        open.click();
        await find(el, '.popover [role="menu"]');
        await expectNoProblems(el, { overlay: true });
        open.click();
        const bubble = await bubbleOf(el, 9);
        const acts = bubble.shadowRoot!.querySelectorAll<HTMLButtonElement>('.act');
        acts[acts.length - 1]!.click();
        (await find<HTMLButtonElement>(el, '.panel.menu .forward')).click();
        await find(el, '[part="forward-picker"] input');
        await expectNoProblems(el);
      });

      it('a conversation: the offline banner', async () => {
        const fake = richSession();
        fake.connection.set('unavailable');
        const el = await openConversation(fake, look);
        await find(el, '[part="banner"]');
        await expectNoProblems(el);
      });

      it('urgent messages: the launcher\'s "!" and the panel\'s banner', async () => {
        const closed = await mount(urgentSession(), look);
        await find(closed, '.badge[part="urgent"]');
        await expectNoProblems(closed);
        const el = await mount(urgentSession(), look, { open: true });
        await find(el, '[part="banner"] button');
        await expectNoProblems(el);
      });

      it('urgent messages: Acknowledge, "Acknowledged by" open on own and others\' bubbles, the composer\'s toggle pressed', async () => {
        const el = await openConversation(urgentSession(), look);
        for (const id of [3, 5]) {
          const bubble = await bubbleOf(el, id);
          bubble.shadowRoot!.querySelector<HTMLElement>('.ack-by summary')!.click();
          await bubble.updateComplete;
        }
        await find(el, '.ack-button');
        (await find<HTMLButtonElement>(el, '[part="urgent-button"]')).click();
        await find(el, '.urgent-note');
        await expectNoProblems(el);
      });

      it('the inline layout with a conversation open', async () => {
        const el = await openConversation(richSession(), look, 'inline');
        await find(el, '[part="row"]');
        await expectNoProblems(el);
      });

      it('a department channel: the pinned handover note, past handovers, the handover form, checklists on both bubbles', async () => {
        const fake = departmentSession();
        const el = await mount(fake, look);
        const own = await find<HTMLElement>(el, 'staff-chat-message-bubble[mine]');
        await find(await find(own, 'staff-chat-handover-checklist'), 'input');
        await find(el, '.body staff-chat-handover-checklist');
        await expectNoProblems(el);
        (await find<HTMLButtonElement>(el, 'button.past-toggle')).click();
        await find(el, '.past li');
        await expectNoProblems(el);
        (await find<HTMLButtonElement>(el, 'button.new')).click();
        (await find<HTMLButtonElement>(await find(el, 'staff-chat-handover-composer'), 'button.send')).click();
        await find(el, '.problem:not(:empty)');
        await expectNoProblems(el);
      });
    });
  }
});
