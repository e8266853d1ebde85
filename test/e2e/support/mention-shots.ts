/**
 * `npx tsx test/e2e/support/mention-shots.ts [dir]`: screenshots of mentions through the demo (after
 * `npm run build`): the @ badge on the launcher, a conversation with mentions on own and others'
 * bubbles, and the composer's @ picker open; light and dark, phone and desktop, English and Arabic.
 * Not a test: a way to look at it (the mentions e2e test checks it).
 */
import type { ConversationList } from '../../../contract/index.js';
import { startStack } from '../../support/stack.js';
import { launchChromium } from './portal.js';

const dir = process.argv[2] ?? 'shots';
const HOTEL = 'seaview';
const stack = await startStack({}, { demo: true });
const browser = await launchChromium();
/** A token as the demo portal gets it (with the department and role claims, which sign-in keeps in step). */
async function token(staffId: string): Promise<string> {
  const response = await fetch(`${stack.server.url}/api/staff_chat/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ hotel: HOTEL, staff_id: staffId }),
  });
  return ((await response.json()) as { token: string }).token;
}
const carla = await token('carla');
const anna = await token('anna');
const grace = await token('grace');

try {
  const { body } = await stack.call<ConversationList>(anna, 'GET', `/staff_chat/${HOTEL}/conversations/`);
  const direct = body.results.find((c) => !c.is_group && c.participants.some((p) => p.id === 'carla'))!;
  const briefing = body.results.find((c) => c.title === 'Morning briefing')!;
  const send = (who: string, id: number, message: string, extra: object) =>
    stack.call(who, 'POST', `/staff_chat/${HOTEL}/conversations/${id}/send-message/`, { message, ...extra });
  await send(anna, direct.id, 'On it, @Carla Mendes: the cot goes up with Dev.', { mentions: ['carla'] });
  await send(grace, briefing.id, '@Housekeeping the fourth floor first; @Anna Kovács please hold late checkouts.', {
    mentions: ['anna'],
    mention_departments: ['Housekeeping'],
  });
  await send(anna, briefing.id, 'Will do. @Erik Lindqvist, lift 2 is noisy again.', { mentions: ['erik'] });

  for (const scheme of ['light', 'dark'] as const) {
    for (const [device, viewport] of [
      ['phone', { width: 390, height: 780 }],
      ['desktop', { width: 1280, height: 800 }],
    ] as const) {
      for (const lang of ['en', 'ar']) {
        const name = `${scheme}-${device}-${lang}`;
        await send(carla, direct.id, `@Anna Kovács is 214 ready? (${name})`, { mentions: ['anna'] });
        const context = await browser.newContext({ viewport, colorScheme: scheme });
        const page = await context.newPage();
        await page.goto(`${stack.server.url}/?as=anna`);
        await page.evaluate((l) => document.querySelector('staff-chat')?.setAttribute('lang', l), lang);
        await page.locator('staff-chat-launcher .at').waitFor();
        await page.screenshot({ path: `${dir}/${name}-launcher.png` });
        await page.locator('staff-chat-launcher button').click();
        const row = page.locator('[part="row"]').filter({ hasText: 'Carla Mendes' });
        await row.locator('[part="mention-badge"]').waitFor();
        await page.screenshot({ path: `${dir}/${name}-list.png` });
        await row.click();
        const window = page.locator('staff-chat-chat-window');
        await window.locator('.mention.me').last().waitFor();
        await page.screenshot({ path: `${dir}/${name}-direct.png` });
        await window.screenshot({ path: `${dir}/${name}-direct-window.png` });
        const field = window.locator('textarea');
        await field.pressSequentially('Thanks @');
        await window.locator('[part="mention-picker"]').waitFor();
        await page.screenshot({ path: `${dir}/${name}-picker.png` });
        await context.close();
      }
    }
  }
  // The group, with a department mention, on a desktop in both themes.
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    const page = await context.newPage();
    await page.goto(`${stack.server.url}/?as=carla`);
    await page.locator('staff-chat-launcher button').click();
    await page.locator('[part="row"]').filter({ hasText: 'Morning briefing' }).click();
    const window = page.locator('staff-chat-chat-window');
    await window.locator('.mention.me').first().waitFor();
    await window.screenshot({ path: `${dir}/${scheme}-desktop-en-group-window.png` });
    await window.locator('textarea').pressSequentially('@');
    await window.locator('[part="mention-picker"]').waitFor();
    await page.screenshot({ path: `${dir}/${scheme}-desktop-en-group-picker.png` });
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
