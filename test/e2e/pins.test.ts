/**
 * Pins and conversation housekeeping through the demo portal in Debian's Chromium: Anna pins a message
 * and Carla's open window shows it in its pinned bar, live; Carla mutes a group (no badge for it) and
 * archives a conversation, which a new message brings back.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { startStack, type Stack } from '../support/stack.js';
import { launchChromium, openConversation, openPortalAs } from './support/portal.js';

describe('the demo portal: pins, mute and archive', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    stack = await startStack({}, { demo: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const bubble = (window: Locator, text: string) => window.locator('staff-chat-message-bubble').filter({ hasText: text });

  async function send(window: Locator, text: string): Promise<void> {
    await window.getByRole('textbox', { name: 'Message' }).fill(text);
    await window.getByRole('textbox', { name: 'Message' }).press('Enter');
  }

  /** Chooses `item` in the conversation menu of `window`'s header. */
  async function conversationMenu(window: Locator, item: string): Promise<void> {
    await window.getByRole('button', { name: 'Conversation options' }).click();
    await window.page().getByRole('menuitem', { name: item }).click();
  }

  /** Opens `name` from the list when the panel is already open (openConversation opens the panel first). */
  async function openFromList(page: Page, name: string): Promise<Locator> {
    await page
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: new RegExp(name) })
      .click();
    return page.getByRole('region', { name: `Conversation: ${name}` });
  }

  /** The total on the launcher, from its label "Open staff chat, N unread" (or "Close staff chat…" while open). */
  async function launcherTotal(page: Page): Promise<number> {
    const label = (await page.locator('staff-chat-launcher button').getAttribute('aria-label')) ?? '';
    return Number(/, (\d+) unread/.exec(label)?.[1] ?? 0);
  }

  test("Anna pins a message; Carla's open window shows it in the pinned bar, live, and it jumps to the message", async () => {
    const anna = await openPortalAs(browser, stack.server.url, 'anna');
    const carla = await openPortalAs(browser, stack.server.url, 'carla');
    const carlasWindow = await openConversation(carla, 'Anna Kovács');
    const annasWindow = await openConversation(anna, 'Carla Mendes');
    // The demo seeds one pin here (the cot); Anna pins a second message.
    const text = 'They asked for an extra cot too.';
    await bubble(annasWindow, text).waitFor();
    await bubble(carlasWindow, text).waitFor();
    const carlasBar = carlasWindow.getByRole('region', { name: 'Pinned messages' });
    await carlasBar.getByRole('button', { name: '1 pinned' }).waitFor();

    const target = bubble(annasWindow, text);
    await target.hover();
    await target.getByRole('button', { name: 'Message actions' }).click();
    await anna.getByRole('button', { name: 'Pin', exact: true }).click();

    // Carla's open window shows it as the latest pin, live.
    await carlasBar.getByRole('button', { name: '2 pinned' }).waitFor();
    await carlasBar.locator('.latest').filter({ hasText: text }).waitFor();
    await annasWindow.getByRole('region', { name: 'Pinned messages' }).getByRole('button', { name: '2 pinned' }).waitFor();

    // The list names who pinned each; choosing the new pin shows its message, highlighted.
    await carlasBar.getByRole('button', { name: '2 pinned' }).click();
    const carlasList = carlasWindow.getByRole('list', { name: 'Pinned messages' });
    assert.equal(await carlasList.getByText('Pinned by Anna Kovács').count(), 2);
    await carlasList
      .getByRole('button', { name: new RegExp(text) })
      .first()
      .click();
    await carlasWindow.locator('staff-chat-message-list .message.highlight').filter({ hasText: text }).waitFor();

    // Carla unpins it from her message menu: Anna's bar is back to the seeded pin, live.
    const carlasBubble = bubble(carlasWindow, text);
    await carlasBubble.hover();
    await carlasBubble.getByRole('button', { name: 'Message actions' }).click();
    await carla.getByRole('button', { name: 'Unpin', exact: true }).click();
    await annasWindow.getByRole('region', { name: 'Pinned messages' }).getByRole('button', { name: '1 pinned' }).waitFor();
    await anna.context().close();
    await carla.context().close();
  });

  test('a muted group adds nothing to the badge; an archived conversation comes back with a new message', async () => {
    const anna = await openPortalAs(browser, stack.server.url, 'anna');
    const carla = await openPortalAs(browser, stack.server.url, 'carla');
    const carlasBriefing = await openConversation(carla, 'Morning briefing');
    await conversationMenu(carlasBriefing, 'Mute');
    const row = carla.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /Morning briefing/ });
    await row.locator('.muted').waitFor();
    await carla.getByRole('button', { name: 'Close conversation with Morning briefing' }).click();
    const before = await launcherTotal(carla);

    // Anna writes in the group: Carla's row counts it, quietly, and the launcher's total stays.
    const annasBriefing = await openConversation(anna, 'Morning briefing');
    await send(annasBriefing, `Lobby flowers arrive at 9 ${Date.now()}`);
    await row.locator('.badge.quiet').waitFor();
    assert.equal(await launcherTotal(carla), before, 'a muted conversation adds nothing to the badge');

    // Carla archives her conversation with Anna: out of her list until Anna writes again.
    const carlasWindow = await openFromList(carla, 'Anna Kovács');
    await conversationMenu(carlasWindow, 'Archive');
    const annaRow = carla.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /Anna Kovács/ });
    await annaRow.waitFor({ state: 'detached' });
    await annasBriefing.getByRole('button', { name: 'Close conversation with Morning briefing' }).click();
    const annasWindow = await openFromList(anna, 'Carla Mendes');
    await send(annasWindow, `Are you free at noon? ${Date.now()}`);
    await annaRow.waitFor();
    await anna.context().close();
    await carla.context().close();
  });
});
