import type { ConversationList, MessagePage } from './contract/index.js';
import { startStack } from './test/support/stack.js';
import { launchChromium } from './test/e2e/support/portal.js';

const OUT = '/work/wt/shots/pinsui';
const HOTEL = 'seaview';
const stack = await startStack({}, { demo: true });
const browser = await launchChromium();
const anna = stack.token(HOTEL, { id: 'anna', full_name: 'Anna Kovács' });
const { body: list } = await stack.call<ConversationList>(anna, 'GET', `/staff_chat/${HOTEL}/conversations/`);
const withCarla = list.results.find((c) => !c.is_group && c.participants.some((p) => p.id === 'carla'))!;
const { body: page } = await stack.call<MessagePage>(anna, 'GET', `/staff_chat/${HOTEL}/conversations/${withCarla.id}/messages/`);
for (const m of page.messages.slice(-3, -1)) await stack.call(anna, 'POST', `/staff_chat/${HOTEL}/messages/${m.id}/pin/`);
const only = process.argv[2];
for (const theme of ['light', 'dark'] as const) {
  for (const [device, width, height] of [['phone', 390, 780], ['desktop', 1280, 800]] as const) {
    for (const lang of ['en', 'ar']) {
      const name = `${theme}-${device}-${lang}`;
      if (only && !name.includes(only)) continue;
      const context = await browser.newContext({ colorScheme: theme, viewport: { width, height } });
      const p = await context.newPage();
      await p.goto(`${stack.server.url}/?as=anna`);
      await p.evaluate((l) => document.querySelector('staff-chat')!.setAttribute('lang', l), lang);
      await p.locator('staff-chat-launcher button').click();
      await p.locator('staff-chat-conversation-list [part="row"]').filter({ hasText: 'Carla' }).click();
      const window = p.locator('staff-chat-chat-window');
      await window.locator('[part="pinned-bar"]').waitFor();
      await p.waitForTimeout(300);
      await p.screenshot({ path: `${OUT}/pinned-bar-${name}.png` });
      await window.locator('staff-chat-pinned-bar .count').click();
      await p.waitForTimeout(200);
      await p.screenshot({ path: `${OUT}/pins-list-${name}.png` });
      await p.keyboard.press('Escape');
      await window.locator('staff-chat-conversation-menu .open').click();
      await p.waitForTimeout(200);
      await p.screenshot({ path: `${OUT}/conversation-menu-${name}.png` });
      await p.keyboard.press('Escape');
      if (await window.locator('staff-chat-message-bubble').last().isVisible()) {
        const b = window.locator('staff-chat-message-bubble').nth(-2);
        await b.hover();
        await b.locator('.act').last().click();
        await p.waitForTimeout(200);
        await p.screenshot({ path: `${OUT}/message-menu-${name}.png` });
        await p.keyboard.press('Escape');
      }
      if (process.env.FORWARD) {
        const b = window.locator('staff-chat-message-bubble').nth(-2);
        await b.hover();
        await b.locator('.act').last().click();
        await p.locator('staff-chat-message-bubble button.forward').first().click();
        await p.waitForTimeout(300);
        await p.screenshot({ path: `${OUT}/forward-picker-${name}.png` });
      }
      await context.close();
    }
  }
}
await browser.close();
await stack.close();
process.exit(0);
