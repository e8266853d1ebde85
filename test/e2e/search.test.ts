/**
 * Message search through the demo portal, in Debian's Chromium: Ben sends a word in his conversation
 * with Anna (through the API, followed by a page's worth of newer messages, so that it is not among
 * the messages a window loads first); Anna finds it from her panel's search and opening the result
 * shows that conversation scrolled to the message, highlighted, with focus on it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import type { ConversationList, Message } from '../../contract/index.js';
import { startStack, type Stack } from '../support/stack.js';
import { launchChromium, openPortalAs } from './support/portal.js';

const HOTEL = 'seaview';
const BEN = { id: 'ben', full_name: 'Ben Okafor' };

describe('the demo portal: message search', () => {
  let stack: Stack;
  let browser: Browser;

  before(async () => {
    // Ben sends a page's worth of messages at once, more than one person's burst allows.
    stack = await startStack({ STAFF_CHAT_RATE_LIMIT_MESSAGES: '0' }, { demo: true });
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  test('a word Ben sent is found from Anna’s panel, and the result opens the conversation at that message', async () => {
    const token = stack.token(HOTEL, BEN);
    const { body: list } = await stack.call<ConversationList>(token, 'GET', `/staff_chat/${HOTEL}/conversations/`);
    const withAnna = list.results.find((c) => !c.is_group && c.participants.some((p) => p.id === 'anna'));
    assert.ok(withAnna, 'the demo seeds a conversation of Ben and Anna');
    const path = `/staff_chat/${HOTEL}/conversations/${withAnna.id}/send-message/`;
    const word = `zanzibar${Date.now().toString(36)}`;
    const text = `The spare key for the ${word} suite is in the second drawer`;
    const sent = await stack.call<Message>(token, 'POST', path, { message: text });
    assert.equal(sent.status, 201);
    for (let i = 1; i <= 55; i += 1) {
      const { status } = await stack.call<Message>(token, 'POST', path, { message: `Room check ${i} done` });
      assert.equal(status, 201);
    }

    const anna = await openPortalAs(browser, stack.server.url, 'anna');
    await anna.getByRole('button', { name: /Open staff chat/ }).click();
    await anna.getByRole('button', { name: 'Search messages' }).click();
    const field = anna.getByRole('searchbox', { name: 'Search messages' });
    await field.fill(word);
    await field.press('Enter');

    const results = anna.getByRole('list', { name: 'Search results' });
    const hit = results.getByRole('button', { name: new RegExp(word) });
    await hit.waitFor();
    assert.equal(await results.getByRole('button').count(), 1, 'only that message has the word');
    assert.equal(await hit.locator('mark').innerText(), word, 'the matched word is marked');
    assert.match(await hit.locator('.sender').innerText(), /Ben Okafor/);
    await hit.click();

    const window = anna.getByRole('region', { name: 'Conversation: Ben Okafor' });
    const row = window.locator('.message').filter({ hasText: text });
    // Shown, highlighted, and focused: keyboard users land on it.
    await window.locator('.message.highlight').filter({ hasText: text }).waitFor();
    assert.ok(await row.isVisible(), 'the message is in view');
    const box = await row.boundingBox();
    const log = await window.getByRole('log').boundingBox();
    assert.ok(box && log && box.y + box.height > log.y && box.y < log.y + log.height, 'inside the message list’s viewport');
    await anna.waitForFunction(
      () => {
        let active: Element | null = document.activeElement;
        while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
        return active?.classList.contains('message') === true;
      },
      undefined,
      { timeout: 10_000 },
    );
    assert.ok(await row.evaluate((el) => el.matches(':focus')), 'focus is on that message');
  });
});
