/**
 * Set-up mistakes a portal's developers make, as the person in front of the widget meets them: each is
 * said in a sentence that names what is wrong, not "check your connection". The portal page is served
 * from its own origin (Playwright answers for it), the chat server from another, as in production.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { signStaffToken } from '../../server/auth/token.js';
import { JWT_SECRET, startStack, type Stack } from '../support/stack.js';
import { launchChromium } from './support/portal.js';

/**
 * A portal of its own on loopback (another port, so another origin) that serves `pages[path]`. Chromium
 * lets only a page that itself came from loopback call a loopback server, so Playwright's routing won't do.
 */
async function startPortal(pages: Map<string, string>): Promise<{ origin: string; server: Server }> {
  const server = createServer((request, response) => {
    const page = pages.get(request.url ?? '');
    response.writeHead(page ? 200 : 404, { 'content-type': 'text/html' }).end(page ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('set-up mistakes, in words', { timeout: 90_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let chatServer: string;
  const pages = new Map<string, string>();
  let allowed: Awaited<ReturnType<typeof startPortal>>;
  let other: Awaited<ReturnType<typeof startPortal>>;

  before(async () => {
    allowed = await startPortal(pages);
    other = await startPortal(pages);
    stack = await startStack({ STAFF_CHAT_ALLOWED_ORIGINS: allowed.origin }, { demo: true });
    // localhost, not 127.0.0.1: the chat server is another origin than either portal, as in production.
    chatServer = `http://localhost:${stack.server.port}`;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await stack?.close();
    allowed?.server.close();
    other?.server.close();
  });

  /** A portal at `origin` that embeds the widget with `attributes`, the panel opened. */
  async function portal(origin: string, attributes: Record<string, string>): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
    const attrs = Object.entries({ 'api-base': `${chatServer}/api`, ...attributes })
      .map(([name, value]) => `${name}="${value}"`)
      .join(' ');
    const path = `/portal-${pages.size}.html`;
    pages.set(
      path,
      `<!doctype html><html lang="en"><title>Portal</title><script type="module" src="${chatServer}/staff-chat.js"></script><staff-chat ${attrs}></staff-chat>`,
    );
    await page.goto(`${origin}${path}`);
    await page.getByRole('button', { name: /Open staff chat/ }).click();
    return page;
  }

  const token = (hotel: string, sub: string, exp?: number) =>
    signStaffToken({ sub, hotel, name: `Name of ${sub}`, ...(exp !== undefined && { exp }) }, JWT_SECRET);

  test('a portal origin missing from STAFF_CHAT_ALLOWED_ORIGINS is named, with the setting', async () => {
    const page = await portal(other.origin, { hotel: 'seaview', token: token('seaview', 'anna') });
    await page.getByText(`does not accept this portal (${other.origin})`).waitFor();
    assert.match(await page.getByText('does not accept this portal').innerText(), /STAFF_CHAT_ALLOWED_ORIGINS/);
    assert.equal(await page.getByText(/Check your connection/).count(), 0);
  });

  test('a hotel attribute that differs from the token says so', async () => {
    const page = await portal(allowed.origin, { hotel: 'grand', token: token('seaview', 'anna') });
    await page.getByText('set up for a different hotel than your sign-in').waitFor();
    assert.equal(await page.getByText(/do not have access/).count(), 0);
  });

  test('an expired token with no tokenProvider says to reload', async () => {
    const page = await portal(allowed.origin, { hotel: 'seaview', token: token('seaview', 'anna', Math.floor(Date.now() / 1000) - 60) });
    await page.getByText('Your sign-in has expired. Reload the page to sign in again.').waitFor();
  });

  test('a hotel where no one else has opened the chat yet says so, not "no one matches"', async () => {
    const page = await portal(allowed.origin, { hotel: 'lonely-inn', token: token('lonely-inn', 'first') });
    await page.getByRole('tab', { name: 'New chat' }).click();
    await page.getByText('No colleagues here yet.').waitFor();
    assert.equal(await page.getByText('No one matches that search.').count(), 0);
  });
});
