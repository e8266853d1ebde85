/**
 * Rendering in Debian's headless Chromium, through the real widget build (`dist/staff-chat.js`) served by
 * the server: a conversation of `--render-messages` messages (default 10,000) is opened in the inline
 * layout; timed from the click on it in the list to the first frame that shows its newest message.
 * Then `--live` messages (default 1,000) arrive live from a colleague through send-message/ and pusher-js,
 * and every frame's duration is recorded until the last one is shown. Counted: message elements in the
 * DOM (shadow roots included) after opening and after the live messages, and the page's JS heap after a
 * forced garbage collection (the "widget heap" row of the memory benchmark).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import type { Flags } from '../support/flags.js';
import { distDir } from '../support/paths.js';
import type { Row } from '../support/report.js';
import { seedHistory } from '../support/seed-history.js';
import { BENCH_HOTEL, inBatches, startBenchStack } from '../support/stack.js';
import { summarize } from '../support/stats.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The portal page is served by request interception, which Chromium treats as a public origin and
  // would then refuse the hub's WebSocket on 127.0.0.1 (local network access checks).
  '--disable-features=LocalNetworkAccessChecks',
];
const MEMBERS = ['r0', 'r1', 'r2'];
const LIVE_IN_FLIGHT = 4;
const TIMEOUT_MS = 120_000;

export async function runRender(flags: Flags, dataDir: string): Promise<Row[]> {
  if (!existsSync(join(distDir, 'staff-chat.js')))
    throw new Error('dist/staff-chat.js is missing: run `npm run build` first (`npm run bench` does)');
  const file = `${dataDir}/render.sqlite`;
  const seeded = await seedHistory(file, { total: flags.renderMessages, conversations: 1, memberIds: MEMBERS });
  const stack = await startBenchStack(`file:${file}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A portal page on the server's own origin (so no CORS), holding the drop-in script and the element.
    const portal = `http://127.0.0.1:${stack.port}/bench-render.html`;
    await page.route(portal, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><meta charset="utf-8"><title>render bench</title>
<body style="margin:0"><div style="width:1000px;height:800px">
<staff-chat layout="inline" api-base="/api" hotel="${BENCH_HOTEL}" token="${stack.token(MEMBERS[0]!)}" style="display:block;height:100%"></staff-chat>
</div><script type="module" src="/staff-chat.js"></script>`,
      }),
    );
    await page.goto(portal);
    await page.addScriptTag({ content: PAGE_HELPERS });
    const newest = `history message ${seeded.messages}:`;

    const item = page.getByRole('list', { name: 'Conversations' }).getByRole('button', { name: /history 0/ });
    await item.waitFor({ timeout: TIMEOUT_MS });
    await page.evaluate(() => window.benchMarkClicks());
    await item.click();
    const openMs = await page.evaluate(({ text, timeout }) => window.benchFirstFrameShowing(text, timeout), {
      text: newest,
      timeout: TIMEOUT_MS,
    });
    const afterOpen = await page.evaluate(() => window.benchCountMessages());

    // Live messages from a colleague, a few in flight as a busy group would send them.
    const colleague = stack.token(MEMBERS[1]!);
    const path = `/staff_chat/${BENCH_HOTEL}/conversations/${seeded.conversationId}/send-message/`;
    const lastLive = `live message ${flags.live}`;
    await page.evaluate(() => window.benchRecordFrames());
    const liveStarted = performance.now();
    await inBatches(
      Array.from({ length: flags.live }, (_, index) => index + 1),
      LIVE_IN_FLIGHT,
      (number) => stack.call(colleague, 'POST', path, { message: `live message ${number}`, client_id: `live-${number}` }),
    );
    const liveSentMs = performance.now() - liveStarted;
    const frames = await page.evaluate(({ text, timeout }) => window.benchFramesUntilShowing(text, timeout), {
      text: lastLive,
      timeout: TIMEOUT_MS,
    });
    const liveShownMs = performance.now() - liveStarted;
    const afterLive = await page.evaluate(() => window.benchCountMessages());

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    if (errors.length > 0) throw new Error(`the page threw: ${errors.join('; ')}`);

    const frameTimes = summarize(frames);
    const total = seeded.messages + flags.live;
    return [
      {
        bench: 'render',
        metric: `open ${seeded.messages.toLocaleString('en-US')}-message conversation: click to newest shown`,
        value: openMs,
        unit: 'ms',
        budget: { kind: 'below', limit: 50 },
      },
      {
        bench: 'render',
        metric: 'message elements in DOM after opening',
        value: afterOpen,
        unit: '',
        budget: { kind: 'below', limit: 200 },
      },
      {
        bench: 'render',
        metric: `${flags.live} live messages sent at ${Math.round(flags.live / (liveSentMs / 1000))}/s: all shown after`,
        value: liveShownMs / 1000,
        unit: 's',
      },
      { bench: 'render', metric: `frame time p50 while ${flags.live} live messages arrive`, value: frameTimes.p50, unit: 'ms' },
      {
        bench: 'render',
        metric: `frame time p99 while ${flags.live} live messages arrive`,
        value: frameTimes.p99,
        unit: 'ms',
        note: `max ${frameTimes.max.toFixed(1)} ms over ${frameTimes.count} frames`,
      },
      {
        bench: 'render',
        metric: `message elements in DOM after ${flags.live} live`,
        value: afterLive,
        unit: '',
        budget: { kind: 'below', limit: 200 },
      },
      {
        bench: 'memory',
        metric: `widget JS heap (${total.toLocaleString('en-US')} messages in conversation, after GC)`,
        value: heap.usedSize / 1e6,
        unit: 'MB',
      },
    ];
  } finally {
    await browser.close();
    await stack.close();
  }
}

declare global {
  interface Window {
    benchMarkClicks(): void;
    benchFirstFrameShowing(text: string, timeoutMs: number): Promise<number>;
    benchCountMessages(): number;
    benchRecordFrames(): void;
    benchFramesUntilShowing(text: string, timeoutMs: number): Promise<number[]>;
  }
}

/** Runs in the page: shadow-DOM-deep queries and frame timing with requestAnimationFrame. */
const PAGE_HELPERS = `
(() => {
  const bubbles = () => {
    const found = [];
    const walk = (root) => {
      for (const element of root.querySelectorAll('*')) {
        if (element.localName === 'staff-chat-message-bubble') found.push(element);
        if (element.shadowRoot) walk(element.shadowRoot);
      }
    };
    walk(document);
    return found;
  };
  const showing = (text) => bubbles().some((bubble) => (bubble.shadowRoot?.textContent ?? '').includes(text) || bubble.textContent.includes(text));
  let clickedAt = 0;
  window.benchMarkClicks = () => addEventListener('click', () => { clickedAt = performance.now(); }, { capture: true, once: true });
  window.benchCountMessages = () => bubbles().length;
  window.benchFirstFrameShowing = (text, timeoutMs) => new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const check = (frameAt) => {
      if (showing(text)) return resolve(frameAt - clickedAt);
      if (performance.now() > deadline) return reject(new Error('not shown in time: ' + text));
      requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  let frames = [];
  let recording = false;
  window.benchRecordFrames = () => {
    frames = [];
    recording = true;
    let last = 0;
    const tick = (at) => {
      if (!recording) return;
      if (last) frames.push(at - last);
      last = at;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  window.benchFramesUntilShowing = (text, timeoutMs) => new Promise((resolve, reject) => {
    const deadline = performance.now() + timeoutMs;
    const check = () => {
      if (showing(text)) { recording = false; return resolve(frames); }
      if (performance.now() > deadline) { recording = false; return reject(new Error('not shown in time: ' + text)); }
      setTimeout(check, 50);
    };
    check();
  });
})();
`;
