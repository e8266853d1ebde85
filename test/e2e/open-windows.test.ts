/**
 * Open chat windows survive a reload, in Debian's Chromium through the demo portal: two windows opened,
 * the page reloaded, both are back; the next person signing in in the same tab gets none of them.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { openPortalAs, openConversation, useDemoPortal } from './support/portal.js';

describe('open chat windows across a reload', () => {
  const portal = useDemoPortal();

  /** The names of the docked windows, in their order on screen. */
  const openWindows = (page: Page) =>
    page
      .locator('staff-chat-chat-window')
      .evaluateAll((windows) => windows.map((w) => w.shadowRoot?.querySelector('section')?.getAttribute('aria-label') ?? ''));

  test('two open windows are back after a reload, and not for the next person in the tab', async () => {
    const anna = await openPortalAs(portal.browser, portal.stack.server.url, 'anna');
    await openConversation(anna, 'Carla Mendes');
    await anna
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: /Ben Okafor/ })
      .click();
    const expected = ['Conversation: Carla Mendes', 'Conversation: Ben Okafor'];
    assert.deepEqual(await openWindows(anna), expected);

    await anna.reload();
    const bens = anna.getByRole('region', { name: 'Conversation: Ben Okafor' });
    await bens.getByRole('log').locator('staff-chat-message-bubble').first().waitFor();
    await anna
      .getByRole('region', { name: 'Conversation: Carla Mendes' })
      .getByRole('log')
      .locator('staff-chat-message-bubble')
      .first()
      .waitFor();
    assert.deepEqual(await openWindows(anna), expected, 'both windows, in their order');

    // Ben signs in in the same tab (a shared front-desk machine): Anna's windows are hers only.
    await anna.goto(`${portal.stack.server.url}/?as=ben`);
    await anna.getByRole('button', { name: /Open staff chat/ }).waitFor();
    await anna.getByRole('button', { name: /Open staff chat/ }).click();
    await anna.getByRole('list', { name: 'Conversations' }).waitFor();
    assert.deepEqual(await openWindows(anna), []);
  });
});
