/**
 * Presence and typing end to end through the demo portal, in Debian's Chromium: two staff in two
 * browser windows see each other online, see each other typing, and see the other go offline when
 * their page closes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator, Page } from 'playwright-core';
import { ENGINES, startStack, type Stack } from '../support/stack.js';
import { launchChromium } from './support/portal.js';

// Once with the embedded hub, once through a real soketi.
for (const engine of ENGINES)
  describe(`the demo portal: who is online and who is typing (${engine})`, () => {
    let stack: Stack;
    let browser: Browser;

    before(async () => {
      stack = await startStack({}, { demo: true, engine });
      browser = await launchChromium();
    });

    after(async () => {
      await browser?.close();
      await stack?.close();
    });

    async function openPortalAs(staffId: string): Promise<Page> {
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (error) => assert.fail(`page error as ${staffId}: ${error.message}`));
      await page.goto(`${stack.server.url}/?as=${staffId}`);
      await page.getByRole('button', { name: /Open staff chat/ }).click();
      return page;
    }

    const row = (page: Page, name: string | RegExp): Locator =>
      page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: typeof name === 'string' ? new RegExp(name) : name });

    test('B sees A online and typing, then offline once A closes the page', async () => {
      const carla = await openPortalAs('carla');
      const annasRow = row(carla, 'Anna Kovács');
      await annasRow.waitFor();
      assert.equal(await annasRow.locator('[part="presence-dot"]').count(), 0, 'Anna has not opened the portal yet');

      const anna = await openPortalAs('anna');
      // The dot, and its text alternative in the row's accessible name.
      await annasRow.locator('[part="presence-dot"]').waitFor();
      // (Chromium puts a space before the visually hidden text.)
      await row(carla, /Anna Kovács\s*, online/).waitFor();
      await row(anna, /Carla Mendes\s*, online/).waitFor();

      await row(carla, 'Anna Kovács').click();
      const carlasWindow = carla.getByRole('region', { name: 'Conversation: Anna Kovács' });
      await carlasWindow.locator('header [part="presence-dot"]').waitFor();
      await row(anna, 'Carla Mendes').click();
      const annasWindow = anna.getByRole('region', { name: 'Conversation: Carla Mendes' });
      const annasBox = annasWindow.getByRole('textbox', { name: 'Message' });
      // Both windows hold the conversation channel before Anna types (client events need a subscriber).
      await annasWindow.getByRole('log').getByText('214 should be done by 10:30').waitFor();
      await carlasWindow.getByRole('log').getByText('214 should be done by 10:30').waitFor();

      await annasBox.pressSequentially('Lift 2 is');
      const typingLine = carlasWindow.locator('[part="typing"]');
      await typingLine.getByText('Anna is typing…').waitFor();
      assert.equal(await anna.locator('staff-chat').locator('[part="typing"]').first().innerText(), '', 'Anna does not see herself typing');

      await annasBox.pressSequentially(' fixed');
      await annasBox.press('Enter');
      await carlasWindow.getByRole('log').getByText('Lift 2 is fixed').waitFor();
      await carla.waitForFunction(
        () => {
          const line = document
            .querySelector('staff-chat')
            ?.shadowRoot?.querySelector('staff-chat-chat-window')
            ?.shadowRoot?.querySelector('[part="typing"]');
          return line?.textContent === '';
        },
        undefined,
        { timeout: 5000 },
      );

      await anna.context().close();
      await carlasWindow.locator('header [part="presence-dot"]').waitFor({ state: 'detached' });
      await row(carla, 'Anna Kovács').locator('[part="presence-dot"]').waitFor({ state: 'detached' });
    });
  });
