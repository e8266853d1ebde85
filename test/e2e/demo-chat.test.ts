/**
 * End to end through the demo portal, in Debian's Chromium: two staff in two browser windows (separate
 * contexts, so separate storage and sockets), a message travelling live, a quoted reply, and a reload
 * that shows every message exactly once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { ENGINES, startStack, type Stack } from '../support/stack.js';
import { launchChromium, openPortalAs as openPortal, openConversation } from './support/portal.js';

// Once with the embedded hub, once through a real soketi.
for (const engine of ENGINES)
  describe(`the demo portal, two staff in two windows (${engine})`, () => {
    let stack: Stack;
    let browser: Browser;
    let anna: Page;
    let carla: Page;

    before(async () => {
      stack = await startStack({}, { demo: true, engine });
      browser = await launchChromium();
      anna = await openPortalAs('anna');
      carla = await openPortalAs('carla');
    });

    after(async () => {
      await browser?.close();
      await stack?.close();
    });

    const openPortalAs = (staffId: string) => openPortal(browser, stack.server.url, staffId);

    test('A sends, B sees it without reloading; B replies with a quote and A sees the quote', async () => {
      const carlasWindow = await openConversation(carla, 'Anna Kovács');
      const annasWindow = await openConversation(anna, 'Carla Mendes');

      const text = `Can 118 get fresh towels? ${Date.now()}`;
      await annasWindow.getByRole('textbox', { name: 'Message' }).fill(text);
      await annasWindow.getByRole('textbox', { name: 'Message' }).press('Enter');
      assert.equal(await annasWindow.getByRole('textbox', { name: 'Message' }).inputValue(), '', 'the composer is cleared on send');

      const arrived = carlasWindow.getByRole('log').getByText(text);
      await arrived.waitFor();

      await arrived.hover();
      await carlasWindow.locator('staff-chat-message-bubble').filter({ hasText: text }).getByRole('button', { name: /Reply/ }).click();
      const reply = `On it, towels by 11 ${Date.now()}`;
      await carlasWindow.getByRole('textbox', { name: 'Message' }).fill(reply);
      await carlasWindow.getByRole('textbox', { name: 'Message' }).press('Enter');

      const replyBubble = annasWindow.locator('staff-chat-message-bubble').filter({ hasText: reply });
      await replyBubble.waitFor();
      // innerText stops at a shadow root; a CSS locator pierces it.
      assert.ok((await replyBubble.locator('.quote').innerText()).includes(text), 'Anna sees Carla’s reply quoting her message');

      // After a reload each message is shown exactly once (no optimistic copy left behind, no echo).
      await anna.reload();
      const reloaded = await openConversation(anna, 'Carla Mendes');
      await reloaded.locator('staff-chat-message-bubble').filter({ hasText: reply }).waitFor();
      assert.equal(
        await reloaded.locator('staff-chat-message-bubble').filter({ hasText: text }).count(),
        2,
        'the message, and the reply quoting it',
      );
      assert.equal(await reloaded.locator('staff-chat-message-bubble').filter({ hasText: reply }).count(), 1);
      await anna.screenshot({ path: 'test/e2e/last-run.png' });
    });
  });
