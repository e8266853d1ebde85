/**
 * Attachments end to end through the demo portal, in Debian's Chromium: Anna sends a photo and a PDF
 * with the attach button and watches each upload's progress bar (her upload bandwidth is throttled so
 * the bar is visible), and Carla, in another browser context, sees a thumbnail that really loads from its
 * signed URL, a larger preview on click, and a PDF chip with name and size.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { PDF, PNG } from '../../server/testing/sample-files.js';
import { startStack, type Stack } from '../support/stack.js';
import { launchChromium, openPortalAs as openPortal, openConversation } from './support/portal.js';

/** A real PNG that is big enough to take a moment: bytes after IEND are ignored by image decoders. */
const PHOTO = Buffer.concat([PNG, Buffer.alloc(256 * 1024)]);

describe('attachments between two staff in two windows', { timeout: 60_000 }, () => {
  let stack: Stack;
  let browser: Browser;
  let anna: Page;
  let carla: Page;

  before(async () => {
    stack = await startStack({}, { demo: true });
    browser = await launchChromium();
    anna = await openPortalAs('anna');
    carla = await openPortalAs('carla');
  });

  after(async () => {
    await browser?.close();
    await stack?.close();
  });

  const openPortalAs = (staffId: string) => openPortal(browser, stack.server.url, staffId);

  test('Anna sends a photo and a PDF with visible progress; Carla sees a thumbnail and a PDF chip', async () => {
    const carlasWindow = await openConversation(carla, 'Anna Kovács');
    const annasWindow = await openConversation(anna, 'Carla Mendes');

    // About 2 s for the photo, so the progress bar can be seen moving.
    const cdp = await anna.context().newCDPSession(anna);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: 128 * 1024,
    });

    const stamp = Date.now();
    const photoName = `lobby-${stamp}.png`;
    const pdfName = `checklist-${stamp}.pdf`;
    const chooser = anna.waitForEvent('filechooser');
    await annasWindow.getByRole('button', { name: 'Attach files' }).click();
    await (
      await chooser
    ).setFiles([
      { name: photoName, mimeType: 'image/png', buffer: PHOTO },
      { name: pdfName, mimeType: 'application/pdf', buffer: PDF },
    ]);

    const bar = annasWindow.getByRole('progressbar', { name: `Uploading ${photoName}` });
    await bar.waitFor();
    const seen = new Set<string>();
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const value = await bar.evaluate((node) => (node as HTMLProgressElement).value, undefined, { timeout: 200 }).catch(() => null);
      if (value === null) break; // the upload finished and its row left
      seen.add(value > 0 && value < 1 ? 'partway' : String(value));
      await anna.waitForTimeout(50);
    }
    assert.ok(seen.has('partway'), `the photo's progress bar showed a partial upload (saw ${[...seen].join(', ')})`);
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

    // Anna's own window shows both, once each (the upload answer and the realtime echo merge).
    await annasWindow.locator('staff-chat-attachments a.chip').filter({ hasText: pdfName }).waitFor();
    assert.equal(await annasWindow.getByRole('list', { name: 'Uploads' }).count(), 0, 'the finished uploads leave the tray');

    // Carla, live: a thumbnail that loads through its signed URL, and a chip with name and size.
    const thumbnail = carlasWindow.getByRole('img', { name: photoName });
    await thumbnail.waitFor();
    await assert.doesNotReject(
      thumbnail.evaluate((img: HTMLImageElement) => (img.complete ? Promise.resolve() : new Promise((resolve) => (img.onload = resolve)))),
    );
    assert.equal(await thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth), 1, 'the image decoded');
    const chip = carlasWindow.locator('staff-chat-attachments a.chip').filter({ hasText: pdfName });
    assert.match(await chip.innerText(), /checklist-\d+\.pdf\s*\d+ bytes/);
    const href = await chip.getAttribute('href');
    const download = await carla.request.get(new URL(href!, stack.server.url).href);
    assert.equal(download.status(), 200);
    assert.equal(download.headers()['content-disposition']?.startsWith('attachment;'), true);
    assert.deepEqual(Buffer.from(await download.body()), PDF);

    await thumbnail.click();
    const preview = carla.getByRole('dialog', { name: photoName });
    await preview.waitFor();
    await carla.screenshot({ path: 'test/e2e/attachments-last-run.png' });
    await carla.keyboard.press('Escape');
    await preview.waitFor({ state: 'detached' });
  });
});
