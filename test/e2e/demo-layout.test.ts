/**
 * The demo as a person opens it on a phone and with four colleagues side by side: nothing is pushed
 * off the screen, and every frame shows the widget's own title and tabs under the portal's bar.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { startStack, type Stack } from '../support/stack.js';
import { launchChromium } from './support/portal.js';

describe('the demo fits a phone and four side-by-side frames', { timeout: 60_000 }, () => {
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

  test('on a 390 px phone the portal is no wider than the screen and the chat button is on it', async () => {
    const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    await page.goto(`${stack.server.url}/?as=anna`);
    const launcher = page.getByRole('button', { name: /Open staff chat/ });
    await launcher.waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), 390);
    const box = await launcher.boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844, JSON.stringify(box));
  });

  test("with four frames at 1280 px, each frame shows the widget's title and tabs below the portal bar", async () => {
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(`${stack.server.url}/demo/side-by-side.html?n=4`);
    const frames = page.locator('iframe');
    await frames.nth(3).waitFor();
    for (let n = 0; n < 4; n++) {
      const frame = frames.nth(n).contentFrame();
      const title = frame.getByRole('heading', { name: 'Staff chat' });
      await title.waitFor();
      await frame.getByRole('tab', { name: /Chats/ }).waitFor();
      const [bar, heading] = await Promise.all([frame.locator('.topbar').boundingBox(), title.boundingBox()]);
      assert.ok(bar && heading, `frame ${n}: both laid out`);
      assert.ok(
        heading.y >= bar.y + bar.height,
        `frame ${n}: the title (y ${heading.y}) is under the portal bar (bottom ${bar.y + bar.height})`,
      );
      assert.ok(bar.height < 60, `frame ${n}: the portal bar is one line (${bar.height} px)`);
    }
  });
});
