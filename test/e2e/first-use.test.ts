/**
 * What every portal page pays: the drop-in script and its shared chunk keep the launcher's unread badge
 * live, and the chunk with the panel, the chat windows and the conversation features loads only once
 * the person opens the chat (DESIGN.md "Budgets"). Through the built bundle, in Debian's Chromium.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useDemoPortal } from './support/portal.js';

describe('the chat on a portal page, before and after first use', () => {
  const portal = useDemoPortal();

  /** Opens the portal as one of the demo staff, once the badge shows what the server said on load. */
  async function openPortalAs(staffId: string): Promise<{ page: Page; scripts: string[]; unreadOnLoad: number }> {
    const page = await (await portal.browser.newContext()).newPage();
    const scripts: string[] = [];
    page.on('pageerror', (error) => assert.fail(`page error as ${staffId}: ${error.message}`));
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const list = page.waitForResponse((response) => response.request().method() === 'GET' && response.url().endsWith('/conversations/'));
    await page.goto(`${portal.stack.server.url}/?as=${staffId}`);
    const { results } = (await (await list).json()) as { results: { unread_count: number }[] };
    const unreadOnLoad = results.reduce((total, conversation) => total + conversation.unread_count, 0);
    // Reading the badge before the list has reached it would count from 0 (the race CI once lost).
    await waitForUnread(page, unreadOnLoad);
    return { page, scripts, unreadOnLoad };
  }

  const waitForUnread = (page: Page, count: number) =>
    page.waitForFunction((expected) => {
      const label =
        document
          .querySelector('staff-chat')
          ?.shadowRoot?.querySelector('staff-chat-launcher')
          ?.shadowRoot?.querySelector('button')
          ?.getAttribute('aria-label') ?? '';
      return Number(/(\d+) unread/.exec(label)?.[1] ?? 0) === expected;
    }, count);

  // Carla, because no urgent message of the demo waits for her: a page where one does loads the chat code
  // at once, to remind (state/urgent/pending.ts), and the demo seeds one for Anna.
  test('the badge follows new messages without the chat code; opening the chat loads it', async () => {
    const carla = await openPortalAs('carla');
    const launcher = carla.page.getByRole('button', { name: /Open staff chat/ });

    const anna = await openPortalAs('anna');
    await anna.page.getByRole('button', { name: /Open staff chat/ }).click();
    await anna.page
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: /Carla Mendes/ })
      .click();
    const composer = anna.page.getByRole('region', { name: 'Conversation: Carla Mendes' }).getByRole('textbox', { name: 'Message' });
    await composer.fill(`Is 204 ready? ${Date.now()}`);
    await composer.press('Enter');

    await waitForUnread(carla.page, carla.unreadOnLoad + 1);
    const lazy = (scripts: string[]) => scripts.filter((path) => path.includes('/chunks/first-use-'));
    assert.deepEqual(lazy(carla.scripts), [], `loaded only ${carla.scripts.join(', ')}`);
    assert.equal(lazy(anna.scripts).length, 1, 'the chat code loads once the chat is opened');

    await launcher.click();
    await carla.page.getByRole('list', { name: 'Conversations' }).waitFor();
    assert.equal(lazy(carla.scripts).length, 1);
  });
});
