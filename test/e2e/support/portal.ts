/**
 * What every end-to-end test does in the demo portal: Debian's Chromium (never a downloaded browser),
 * a portal page per colleague in its own browser context (its own storage and socket), and opening a
 * conversation the way a person does: the launcher, then the row in the list.
 */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { startStack, type Stack } from '../../support/stack.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps dialling Google, which this network refuses.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

/**
 * The demo server and a Chromium for the enclosing `describe`: started before its first test, closed
 * after its last. Read `stack` and `browser` inside tests (they exist once `before` has run).
 */
export function useDemoPortal(): { readonly stack: Stack; readonly browser: Browser } {
  const portal = {} as { stack: Stack; browser: Browser };
  before(async () => {
    portal.stack = await startStack({}, { demo: true });
    portal.browser = await launchChromium();
  });
  after(async () => {
    await (portal.browser as Browser | undefined)?.close();
    await (portal.stack as Stack | undefined)?.close();
  });
  return portal;
}

/**
 * A new browser context on the portal, acting as `staffId`; any uncaught page error fails the test, and
 * so does anything the page's Content-Security-Policy refuses (the demo runs under a strict one, as a
 * careful portal would).
 */
export async function openPortalAs(browser: Browser, baseUrl: string, staffId: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  page.on('pageerror', (error) => assert.fail(`page error as ${staffId}: ${error.message}`));
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) assert.fail(`CSP refused something as ${staffId}: ${message.text()}`);
  });
  await page.goto(`${baseUrl}/?as=${staffId}`);
  return page;
}

/** Opens the launcher's panel and the conversation named `name`; returns its chat window. */
export async function openConversation(page: Page, name: string): Promise<Locator> {
  await page.getByRole('button', { name: /Open staff chat/ }).click();
  await page
    .getByRole('list', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(name) })
    .click();
  return page.getByRole('region', { name: `Conversation: ${name}` });
}
