/**
 * No message lost or shown twice, in Debian's Chromium through the demo portal: a message typed while
 * the server is down goes out once it is back; one typed before a reload goes out after the reload;
 * one whose answer was lost in a reload is not stored twice. Each time the database holds exactly one
 * row and the page shows exactly one bubble.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Locator } from 'playwright-core';
import type { Conversation, MessagePage } from '../../contract/index.js';
import { ENGINES, startRestartableStack, type RestartableStack } from '../support/stack.js';
import { launchChromium, openPortalAs as openPortal, openConversation } from './support/portal.js';

const HOTEL = 'seaview';
const ANNA = { id: 'anna', full_name: 'Anna Kovács' };
const SEND_MESSAGE = '**/send-message/**';
/** Backoff reaches a few seconds between attempts; leave room for two of them. */
const DELIVERY_TIMEOUT = 30_000;

// Once with the embedded hub, once through a real soketi.
for (const engine of ENGINES)
  describe(`the outbox, through outages and reloads (${engine})`, () => {
    let stack: RestartableStack;
    let browser: Browser;
    let conversationId: number;

    before(async () => {
      stack = await startRestartableStack({}, { demo: true, engine });
      browser = await launchChromium();
      const { body } = await stack.call<{ results: Conversation[] }>(
        stack.token(HOTEL, ANNA),
        'GET',
        `/staff_chat/${HOTEL}/conversations/`,
      );
      const withCarla = body.results.find((c) => !c.is_group && c.participants.some((p) => p.id === 'carla'));
      assert.ok(withCarla, 'the demo seeds a conversation between Anna and Carla');
      conversationId = withCarla.id;
    });

    after(async () => {
      await browser?.close();
      await stack?.close();
    });

    const openPortalAs = (staffId: string) => openPortal(browser, stack.url, staffId);

    async function send(window: Locator, text: string): Promise<void> {
      await window.getByRole('textbox', { name: 'Message' }).fill(text);
      await window.getByRole('textbox', { name: 'Message' }).press('Enter');
    }

    const bubbles = (window: Locator, text: string) => window.locator('staff-chat-message-bubble').filter({ hasText: text });

    /** How many stored messages of the conversation carry exactly this text. */
    async function rowsWith(text: string): Promise<number> {
      const { body } = await stack.call<MessagePage>(
        stack.token(HOTEL, ANNA),
        'GET',
        `/staff_chat/${HOTEL}/conversations/${conversationId}/messages/?limit=100`,
      );
      return body.messages.filter((m) => m.message === text).length;
    }

    test('a message typed while the server is down is sent once it is back, exactly once, and reaches the colleague', async () => {
      const anna = await openPortalAs('anna');
      const carla = await openPortalAs('carla');
      const annasWindow = await openConversation(anna, 'Carla Mendes');
      const carlasWindow = await openConversation(carla, 'Anna Kovács');
      await annasWindow.getByRole('log').locator('staff-chat-message-bubble').first().waitFor();

      await stack.stop();
      const text = `Typed during the outage ${Date.now()}`;
      await send(annasWindow, text);
      const failed = annasWindow.locator('staff-chat-message-bubble[status="failed"]').filter({ hasText: text });
      await failed.waitFor();
      const reason = await failed.locator('[part="failed"]').innerText();
      assert.match(reason, /Could not reach the chat server/, 'the bubble says why it is not sent');
      assert.match(reason, /Trying again automatically/);

      await stack.restart();
      await annasWindow
        .locator('staff-chat-message-bubble[status="sent"]')
        .filter({ hasText: text })
        .waitFor({ timeout: DELIVERY_TIMEOUT });
      // Carla's socket was closed by the shutdown too: she gets it live after reconnecting, or by catch-up.
      await bubbles(carlasWindow, text).waitFor({ timeout: DELIVERY_TIMEOUT });

      assert.equal(await rowsWith(text), 1, 'stored once');
      assert.equal(await bubbles(annasWindow, text).count(), 1, 'shown once to the sender');
      assert.equal(await bubbles(carlasWindow, text).count(), 1, 'shown once to the colleague');
      await anna.context().close();
      await carla.context().close();
    });

    test('a message that never left before a reload is sent after the reload, exactly once', async () => {
      const anna = await openPortalAs('anna');
      const annasWindow = await openConversation(anna, 'Carla Mendes');
      await anna.route(SEND_MESSAGE, (route) => route.abort('internetdisconnected'));
      const text = `Typed before the reload ${Date.now()}`;
      await send(annasWindow, text);
      await annasWindow.locator('staff-chat-message-bubble[status="failed"]').filter({ hasText: text }).waitFor();
      assert.equal(await rowsWith(text), 0, 'the server has not seen it');

      await anna.reload();
      const reloaded = await openConversation(anna, 'Carla Mendes');
      // Back from the outbox, still unsent (the network is still refusing it).
      await bubbles(reloaded, text).waitFor();
      await anna.unroute(SEND_MESSAGE);
      await reloaded.locator('staff-chat-message-bubble[status="sent"]').filter({ hasText: text }).waitFor({ timeout: DELIVERY_TIMEOUT });

      assert.equal(await rowsWith(text), 1, 'stored once');
      assert.equal(await bubbles(reloaded, text).count(), 1, 'shown once');
      await anna.reload();
      const again = await openConversation(anna, 'Carla Mendes');
      await bubbles(again, text).waitFor();
      assert.equal(await bubbles(again, text).count(), 1, 'shown once after another reload: nothing left in the outbox');
      assert.equal(await anna.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('staff-chat.outbox.')).length), 0);
      await anna.context().close();
    });

    test('a message the server stored but whose answer was lost in a reload is not stored or shown twice', async () => {
      const anna = await openPortalAs('anna');
      const annasWindow = await openConversation(anna, 'Carla Mendes');
      let reachedServer = 0;
      // The request reaches the server, which stores it; the answer never reaches the page.
      await anna.route(SEND_MESSAGE, async (route) => {
        await route.fetch();
        reachedServer += 1;
        await route.abort('connectionreset');
      });
      const text = `Answer lost in the reload ${Date.now()}`;
      await send(annasWindow, text);
      await annasWindow.locator('staff-chat-message-bubble[status="failed"]').filter({ hasText: text }).waitFor();
      assert.ok(reachedServer >= 1);
      assert.equal(await rowsWith(text), 1, 'the server stored it');

      await anna.reload();
      const reloaded = await openConversation(anna, 'Carla Mendes');
      await anna.unroute(SEND_MESSAGE);
      await reloaded.locator('staff-chat-message-bubble[status="sent"]').filter({ hasText: text }).waitFor({ timeout: DELIVERY_TIMEOUT });
      // The outbox may still resend it (same client_id): the server answers with the stored row.
      await anna.waitForFunction(() => !Object.keys(localStorage).some((k) => k.startsWith('staff-chat.outbox.')), null, {
        timeout: DELIVERY_TIMEOUT,
      });

      assert.equal(await rowsWith(text), 1, 'still stored once');
      assert.equal(await bubbles(reloaded, text).count(), 1, 'shown once');
      await anna.context().close();
    });
  });
