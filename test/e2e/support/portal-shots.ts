/**
 * `npx tsx test/e2e/support/portal-shots.ts [dir]`: screenshots of the demo portal as a person sees it
 * (after `npm run build`): German and Arabic, a dark OS with `theme="light"` on the light portal and
 * `theme="dark"`, a phone and a desktop; each with the conversation list open and then a chat window.
 * Not a test: a way to look at it (widget/a11y-audit.test.ts, appearance*.test.ts and
 * staff-chat-lang.test.ts check what can be measured).
 */
import { startStack } from '../../support/stack.js';
import { launchChromium } from './portal.js';

interface Look {
  name: string;
  lang: string;
  /** The OS's colour scheme (what `theme="auto"` follows). */
  os: 'light' | 'dark';
  theme: 'auto' | 'light' | 'dark';
  viewport: { width: number; height: number };
}

const PHONE = { width: 390, height: 780 };
const DESKTOP = { width: 1280, height: 800 };
const LOOKS: Look[] = [
  { name: 'de-desktop', lang: 'de', os: 'light', theme: 'auto', viewport: DESKTOP },
  { name: 'ar-desktop', lang: 'ar', os: 'light', theme: 'auto', viewport: DESKTOP },
  { name: 'dark-os-theme-light-desktop', lang: 'en', os: 'dark', theme: 'light', viewport: DESKTOP },
  { name: 'theme-dark-desktop', lang: 'en', os: 'light', theme: 'dark', viewport: DESKTOP },
  { name: 'de-phone', lang: 'de', os: 'light', theme: 'auto', viewport: PHONE },
  { name: 'ar-phone-dark', lang: 'ar', os: 'dark', theme: 'auto', viewport: PHONE },
];

const dir = process.argv[2] ?? 'shots';
const stack = await startStack({}, { demo: true });
const browser = await launchChromium();
try {
  for (const look of LOOKS) {
    const context = await browser.newContext({ viewport: look.viewport, colorScheme: look.os });
    const page = await context.newPage();
    await page.goto(`${stack.server.url}/?as=anna`);
    await page.evaluate(({ lang, theme }) => {
      const chat = document.querySelector('staff-chat');
      chat?.setAttribute('lang', lang);
      chat?.setAttribute('theme', theme);
    }, look);
    await page.locator('staff-chat-launcher button').click();
    const row = page.locator('[part="row"]').filter({ hasText: 'Ben Okafor' });
    await row.waitFor();
    await page.screenshot({ path: `${dir}/${look.name}-list.png` });
    await row.click();
    await page.locator('staff-chat-chat-window textarea').waitFor();
    await page.screenshot({ path: `${dir}/${look.name}-window.png` });
    await context.close();
  }
} finally {
  await browser.close();
  await stack.close();
}
