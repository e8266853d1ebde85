/**
 * Edit, delete, reactions, "seen" and unread badges through the demo portal in Debian's Chromium: Anna
 * in one browser, Carla in another with two pages (two tabs, one person), everything live.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { ConversationList } from '../../contract/index.js';
import { openConversation, useDemoPortal } from './support/portal.js';

const HOTEL = 'seaview';
const CARLA = { id: 'carla', full_name: 'Carla Mendes' };

describe('the demo portal: edit, delete, react, seen and unread badges', () => {
  const portal = useDemoPortal();

  async function openPortal(context: BrowserContext, staffId: string): Promise<Page> {
    const page = await context.newPage();
    page.on('pageerror', (error) => assert.fail(`page error as ${staffId}: ${error.message}`));
    await page.goto(`${portal.stack.server.url}/?as=${staffId}`);
    return page;
  }

  async function send(window: Locator, text: string): Promise<void> {
    await window.getByRole('textbox', { name: 'Message' }).fill(text);
    await window.getByRole('textbox', { name: 'Message' }).press('Enter');
  }

  const bubble = (window: Locator, text: string) => window.locator('staff-chat-message-bubble').filter({ hasText: text });

  /** The total on the (closed) launcher, from its label "Open staff chat, N unread". */
  async function launcherTotal(page: Page): Promise<number> {
    const label = (await page.locator('staff-chat-launcher button').getAttribute('aria-label')) ?? '';
    return Number(/, (\d+) unread/.exec(label)?.[1] ?? 0);
  }

  /** Polls until `read()` gives `expected` (the value arrives over the socket), failing after a deadline. */
  async function eventually<T>(read: () => Promise<T>, expected: T, what: string): Promise<void> {
    const deadline = Date.now() + 10_000;
    let last = await read();
    while (last !== expected && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      last = await read();
    }
    assert.equal(last, expected, what);
  }

  /** Carla's unread total as the server counts it. */
  async function carlasUnreadOnServer(): Promise<number> {
    const { body } = await portal.stack.call<ConversationList>(
      portal.stack.token(HOTEL, CARLA),
      'GET',
      `/staff_chat/${HOTEL}/conversations/`,
    );
    return body.results.reduce((total, c) => total + c.unread_count, 0);
  }

  test("Anna edits and deletes, Carla reacts and reads; both see it live, and Carla's badge follows in her other tab", async () => {
    const anna = await openPortal(await portal.browser.newContext(), 'anna');
    const carlasBrowser = await portal.browser.newContext();
    const carla = await openPortal(carlasBrowser, 'carla');
    const carlasOtherTab = await openPortal(carlasBrowser, 'carla');

    const carlasWindow = await openConversation(carla, 'Anna Kovács');
    const annasWindow = await openConversation(anna, 'Carla Mendes');
    await annasWindow.getByRole('log').getByText('214 should be done by 10:30').waitFor();
    await carlasWindow.getByRole('log').getByText('214 should be done by 10:30').waitFor();

    // Anna edits: Carla sees the new text marked "edited".
    const text = `Towels for 118 ${Date.now()}`;
    await send(annasWindow, text);
    await bubble(carlasWindow, text).waitFor();
    const annasBubble = bubble(annasWindow, text);
    await annasBubble.hover();
    await annasBubble.getByRole('button', { name: 'Message actions' }).click();
    await annasBubble.getByRole('button', { name: 'Edit' }).click();
    const edited = `${text} and soap`;
    // While editing, the text is in the field, not in the bubble's text: find the field in the window.
    const field = annasWindow.getByRole('textbox', { name: 'Edit message' });
    assert.equal(await field.inputValue(), text);
    await field.fill(edited);
    await field.press('Enter');
    const carlasCopy = bubble(carlasWindow, edited);
    await carlasCopy.locator('.meta', { hasText: 'edited' }).waitFor();

    // Carla reacts: Anna sees the count and who reacted.
    await carlasCopy.hover();
    await carlasCopy.getByRole('button', { name: 'Add reaction' }).click();
    await carlasCopy.getByRole('button', { name: 'React with 👍' }).click();
    const chip = bubble(annasWindow, edited).locator('[part="reactions"] button', { hasText: '👍 1' });
    await chip.waitFor();
    assert.equal(await chip.getAttribute('title'), 'Carla Mendes');

    // Carla has the conversation open and in view, so she has read it: Anna sees "Seen".
    await annasWindow.locator('[part="seen-by"]', { hasText: 'Seen' }).waitFor();

    // Anna deletes: Carla sees the placeholder, and the text is gone.
    const doomed = `Wrong room, ignore ${Date.now()}`;
    await send(annasWindow, doomed);
    await bubble(carlasWindow, doomed).waitFor();
    const doomedBubble = bubble(annasWindow, doomed);
    await doomedBubble.hover();
    await doomedBubble.getByRole('button', { name: 'Message actions' }).click();
    await doomedBubble.getByRole('button', { name: 'Delete' }).click();
    await doomedBubble.getByRole('alertdialog').getByRole('button', { name: 'Delete' }).click();
    await carlasWindow.locator('staff-chat-message-bubble .deleted', { hasText: 'This message was deleted' }).waitFor();
    await eventually(() => bubble(carlasWindow, doomed).count(), 0, 'the deleted text is gone from Carla’s window');

    // Unread badge in Carla's other tab: up with a new message while her window is closed, back once she reads it.
    await carla.getByRole('button', { name: 'Close conversation with Anna Kovács' }).click();
    const base = await carlasUnreadOnServer();
    await eventually(() => launcherTotal(carlasOtherTab), base, 'the other tab starts at the server’s count');
    await send(annasWindow, `Are you free at 3? ${Date.now()}`);
    await eventually(() => launcherTotal(carlasOtherTab), base + 1, 'the badge goes up in the other tab');
    await carla
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: /Anna Kovács/ })
      .click();
    await eventually(() => launcherTotal(carlasOtherTab), base, 'reading in one tab clears the badge in the other');
    assert.equal(await carlasUnreadOnServer(), base);
  });

  test('Carla forms a department group from the directory and adds Anna later; Anna sees it live', async () => {
    const carla = await openPortal(await portal.browser.newContext(), 'carla');
    const anna = await openPortal(await portal.browser.newContext(), 'anna');
    await anna.getByRole('button', { name: /Open staff chat/ }).click();
    await carla.getByRole('button', { name: /Open staff chat/ }).click();
    await carla.getByRole('tab', { name: 'New chat' }).click();
    await carla.getByRole('button', { name: 'New group' }).click();
    await carla.getByRole('checkbox', { name: /Dev Patel/ }).check();
    const title = `Housekeeping ${Date.now()}`;
    await carla.getByRole('textbox', { name: 'Group name' }).fill(title);
    await carla.getByRole('button', { name: 'Create group' }).click();
    const groupWindow = carla.getByRole('region', { name: `Conversation: ${title}` });
    await send(groupWindow, 'Linen count at 4, please');

    await groupWindow.getByRole('button', { name: 'Add people' }).click();
    await groupWindow.getByRole('checkbox', { name: /Anna Kovács/ }).check();
    await groupWindow.getByRole('button', { name: 'Add', exact: true }).click();
    await anna
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: new RegExp(title) })
      .click();
    const annasGroup = anna.getByRole('region', { name: `Conversation: ${title}` });
    await annasGroup.getByRole('log').getByText('Linen count at 4, please').waitFor();
  });
});
