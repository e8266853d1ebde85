/**
 * Mentions through the demo portal in Debian's Chromium, two colleagues in two browsers: Carla picks
 * Anna from the composer's @ picker with the keyboard and sends; Anna, who muted that conversation and
 * is looking at another window, gets the @ badge on her launcher and on the row, and a desktop
 * notification (the page's Notification is a recorder, permission granted); reading clears the badge.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { Conversation, ConversationList } from '../../contract/index.js';
import { openConversation, openPortalAs, useDemoPortal } from './support/portal.js';

const HOTEL = 'seaview';
const ANNA = { id: 'anna', full_name: 'Anna Kovács' };

/**
 * Runs in Anna's page before the widget: Notification records what it is asked to show, with permission
 * granted; desktop alerts are switched on (as the settings menu would save them); and the page reports
 * no focus, as when the portal sits behind another window (alerts are for a person who is not looking).
 * A string, so the test's compiler cannot add helpers the page does not have.
 */
const STUB_NOTIFICATIONS = `
  window.shownNotifications = [];
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options = {}) { window.shownNotifications.push({ title, body: options.body ?? '', tag: options.tag ?? '' }); }
  };
  localStorage.setItem('staff-chat:alerts', JSON.stringify({ desktop: true, sound: false }));
  document.hasFocus = () => false;
`;

describe('the demo portal: mentions', () => {
  const portal = useDemoPortal();

  /** Anna's launcher label ("Open staff chat, 3 unread, you were mentioned"). */
  const launcherLabel = (page: Page) => page.locator('staff-chat-launcher button').getAttribute('aria-label');

  test('Carla mentions Anna with the @ picker; Anna gets the @ badge and a notification through her mute; reading clears it', async () => {
    const annaToken = portal.stack.token(HOTEL, ANNA);
    const { body: list } = await portal.stack.call<ConversationList>(annaToken, 'GET', `/staff_chat/${HOTEL}/conversations/`);
    const withCarla = list.results.find((c) => !c.is_group && c.participants.some((p) => p.id === 'carla'));
    assert.ok(withCarla, 'the demo has a 1:1 of Anna and Carla');
    const muted = await portal.stack.call<Conversation>(annaToken, 'POST', `/staff_chat/${HOTEL}/conversations/${withCarla.id}/mute/`);
    assert.equal(muted.body.is_muted, true);

    const annasContext = await portal.browser.newContext();
    await annasContext.addInitScript({ content: STUB_NOTIFICATIONS });
    const anna = await annasContext.newPage();
    anna.on('pageerror', (error) => assert.fail(`page error as anna: ${error.message}`));
    const annasList = anna.waitForResponse(
      (response) => response.request().method() === 'GET' && response.url().endsWith('/conversations/'),
    );
    await anna.goto(`${portal.stack.server.url}/?as=anna`);
    await annasList;
    await anna.locator('staff-chat-launcher button').waitFor();
    // The demo may hold other unread mentions of Anna: what follows looks at Carla's conversation.
    assert.equal(withCarla.mention_count, 0, 'no mention of Anna from Carla before');

    const carla = await openPortalAs(portal.browser, portal.stack.server.url, 'carla');
    const chat = await openConversation(carla, 'Anna Kovács');
    const field = chat.getByRole('textbox', { name: 'Message' });
    const stamp = Date.now();
    await field.pressSequentially(`Is 214 ready ${stamp}? @ko`);
    const picker = chat.getByRole('listbox', { name: 'People to mention' });
    await picker.getByRole('option', { name: /Anna Kovács/, selected: true }).waitFor();
    await field.press('Enter');
    await picker.waitFor({ state: 'detached' });
    assert.equal(await field.inputValue(), `Is 214 ready ${stamp}? @Anna Kovács `);
    await field.press('Enter');

    // Carla's own bubble shows the name highlighted, once the server has stored the mention.
    const sent = chat.locator('staff-chat-message-bubble').filter({ hasText: String(stamp) });
    await sent.locator('.mention').filter({ hasText: '@Anna Kovács' }).waitFor();

    // Anna: the @ on the closed launcher and in its label, and a notification although she muted Carla.
    await anna.locator('staff-chat-launcher .at').waitFor();
    assert.match((await launcherLabel(anna)) ?? '', /, you were mentioned/);
    const notification = await anna.waitForFunction(() => {
      const shown = (globalThis as unknown as { shownNotifications: { title: string; body: string; tag: string }[] }).shownNotifications;
      return shown.find((n) => n.title === 'Carla Mendes mentioned you' && n.body.includes('@Anna Kovács'));
    });
    const { body, tag } = (await notification.jsonValue()) as { body: string; tag: string };
    assert.match(body, new RegExp(`Is 214 ready ${stamp}\\? @Anna Kovács`));
    assert.equal(tag, `staff-chat-${withCarla.id}`);

    // The row shows the @ apart from the unread count; reading the conversation clears both.
    await anna.getByRole('button', { name: /Open staff chat/ }).click();
    const row = anna.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /Carla Mendes/ });
    await row.locator('[part="mention-badge"]').waitFor();
    await row.click();
    const annasWindow = anna.getByRole('region', { name: 'Conversation: Carla Mendes' });
    await annasWindow.locator('.mention.me').filter({ hasText: '@Anna Kovács' }).waitFor();
    // Read means looked at: her page has focus again (the stub said otherwise until now).
    await anna.evaluate('document.hasFocus = () => true; window.dispatchEvent(new Event("focus"))');
    await row.locator('[part="mention-badge"]').waitFor({ state: 'detached' });
    const { body: after } = await portal.stack.call<ConversationList>(annaToken, 'GET', `/staff_chat/${HOTEL}/conversations/`);
    assert.equal(after.results.find((c) => c.id === withCarla.id)?.mention_count, 0, 'read on the server too');
  });
});
