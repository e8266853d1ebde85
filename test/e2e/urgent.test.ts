/**
 * An urgent message through the demo portal in Debian's Chromium: Anna sends one to the "Front Office"
 * group (Ben and Grace); each recipient's page keeps reminding them (the launcher's "!", the panel's
 * banner, a desktop notification again each time the clock passes the reminder interval) until they
 * acknowledge, and Anna sees "Acknowledged by 1 of 2" live once Ben has.
 *
 * The recipients' pages run on Playwright's fake clock (`page.clock`), so the minutes between two
 * reminders pass at once, and their Notification is a stub that counts what would have been shown.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { useDemoPortal } from './support/portal.js';

/** REMINDER_INTERVAL_MS of widget/state/urgent/reminders.ts (not imported: that module is the browser's). */
const REMINDER_INTERVAL_MS = 3 * 60_000;

/**
 * Run in the page before its scripts: desktop notifications switched on in the panel's settings, the
 * browser allowing them, and a Notification that records instead of showing. A string, so the test's
 * compiler adds nothing to it that the page lacks.
 */
const STUB_NOTIFICATIONS = `
  window.shownNotifications = [];
  localStorage.setItem('staff-chat:alerts', JSON.stringify({ desktop: true, sound: false }));
  function StubNotification(title, options) {
    window.shownNotifications.push([title, (options && options.body) || '']);
  }
  StubNotification.permission = 'granted';
  StubNotification.requestPermission = () => Promise.resolve('granted');
  StubNotification.prototype.close = () => {};
  Object.defineProperty(window, 'Notification', { value: StubNotification, configurable: true, writable: true });
`;

declare global {
  interface Window {
    /** What the stubbed Notification was asked to show: [title, body]. */
    shownNotifications: [string, string][];
  }
}

describe('the demo portal: an urgent message keeps reminding until acknowledged', () => {
  const portal = useDemoPortal();

  /** A portal page as `staffId`; a recipient's on the fake clock, with desktop alerts on and Notification stubbed. */
  async function openPortal(staffId: string, recipient: boolean): Promise<Page> {
    const page = await (await portal.browser.newContext()).newPage();
    page.on('pageerror', (error) => assert.fail(`page error as ${staffId}: ${error.message}`));
    if (recipient) {
      await page.clock.install();
      await page.addInitScript(STUB_NOTIFICATIONS);
    }
    await page.goto(`${portal.stack.server.url}/?as=${staffId}`);
    return page;
  }

  const shownCount = (page: Page) => page.evaluate(() => window.shownNotifications.length);
  const waitForShown = (page: Page, atLeast: number) => page.waitForFunction((count) => window.shownNotifications.length >= count, atLeast);
  const launcher = (page: Page) => page.locator('staff-chat-launcher button');

  /** The seeded "Front Office" group (Anna, Ben, Grace), not Front Office's department channel. */
  async function openFrontOfficeGroup(page: Page): Promise<Locator> {
    await page.getByRole('button', { name: /Open staff chat/ }).click();
    await page
      .getByRole('list', { name: 'Conversations' })
      .getByRole('button', { name: /Front Office/ })
      .filter({ hasText: '3 members' })
      .click();
    return page.getByRole('region', { name: 'Conversation: Front Office' });
  }

  test('Ben and Grace are reminded until each acknowledges; Anna sees who has, live', async () => {
    const anna = await openPortal('anna', false);
    const ben = await openPortal('ben', true);
    const grace = await openPortal('grace', true);
    for (const page of [anna, ben, grace]) await launcher(page).waitFor();

    const annasWindow = await openFrontOfficeGroup(anna);
    await annasWindow.getByRole('log', { name: 'Messages' }).getByText('print their late checkout confirmation').waitFor();
    const text = `VIP arriving early, 214 must be ready ${Date.now()}`;
    const toggle = annasWindow.getByRole('button', { name: 'Needs acknowledgement' });
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-pressed'), 'true');
    await annasWindow.getByRole('textbox', { name: 'Message' }).fill(text);
    await annasWindow.getByRole('textbox', { name: 'Message' }).press('Enter');
    const annasBubble = annasWindow.locator('staff-chat-message-bubble').filter({ hasText: text });
    await annasBubble.getByText('Acknowledged by 0 of 2').waitFor();

    // Ben has not opened the chat: the launcher says an urgent message waits, and the first reminder is shown.
    await ben.waitForFunction(() =>
      document
        .querySelector('staff-chat')
        ?.shadowRoot?.querySelector('staff-chat-launcher')
        ?.shadowRoot?.querySelector('button')
        ?.getAttribute('aria-label')
        ?.includes('urgent message'),
    );
    await waitForShown(ben, 1);
    await waitForShown(grace, 1);
    const [title, body] = (await ben.evaluate(() => window.shownNotifications.at(-1)))!;
    assert.equal(title, 'Urgent message: please acknowledge');
    assert.equal(body, `Anna Kovács: ${text}`);

    // Minutes pass: reminded again, and again.
    const beforeReminder = await shownCount(ben);
    await ben.clock.fastForward(REMINDER_INTERVAL_MS);
    await waitForShown(ben, beforeReminder + 1);
    await ben.clock.fastForward(REMINDER_INTERVAL_MS);
    await waitForShown(ben, beforeReminder + 2);

    // The panel's banner opens the conversation; Ben acknowledges there.
    await ben.getByRole('button', { name: /Open staff chat/ }).click();
    await ben.getByText('1 urgent message needs your acknowledgement').waitFor();
    await ben.getByRole('button', { name: 'Show' }).click();
    const bensWindow = ben.getByRole('region', { name: 'Conversation: Front Office' });
    const bensBubble = bensWindow.locator('staff-chat-message-bubble').filter({ hasText: text });
    await bensBubble.getByText('Urgent', { exact: true }).waitFor();
    await bensBubble.getByRole('button', { name: 'Acknowledge' }).click();
    await bensBubble.getByText(/^Acknowledged \d/).waitFor();
    await ben.getByText('1 urgent message needs your acknowledgement').waitFor({ state: 'detached' });

    // Anna sees it live, and who has not yet.
    await annasBubble.getByText('Acknowledged by 1 of 2').waitFor();
    await annasBubble.getByText('Acknowledged by 1 of 2').click();
    await annasBubble.getByRole('listitem').filter({ hasText: 'Ben Okafor' }).waitFor();
    await annasBubble.getByRole('listitem').filter({ hasText: 'Grace Liu' }).filter({ hasText: 'Not yet' }).waitFor();

    // Ben is no longer reminded; Grace, who has not acknowledged, still is.
    const bensTotal = await shownCount(ben);
    const gracesBefore = await shownCount(grace);
    await ben.clock.fastForward(REMINDER_INTERVAL_MS);
    await grace.clock.fastForward(REMINDER_INTERVAL_MS);
    await waitForShown(grace, gracesBefore + 1);
    // fastForward has run every timer that fell due on Ben's page: a reminder still running would have shown.
    assert.equal(await shownCount(ben), bensTotal, 'no reminder once acknowledged');
    const label = (await launcher(ben).getAttribute('aria-label')) ?? '';
    assert.ok(!label.includes('urgent'), `the launcher no longer says an urgent message waits: ${label}`);
  });
});
