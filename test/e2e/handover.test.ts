/**
 * Department channels and shift handover, end to end through the demo portal in Debian's Chromium:
 * Carla writes a handover note in the Housekeeping channel from its form; Hana, new in Housekeeping and
 * signing in for the first time, finds the channel and the note pinned at its top and ticks an item;
 * Carla and Dev see it ticked live, with who ticked it.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import { openPortalAs as openPortal, useDemoPortal } from './support/portal.js';

describe('the demo portal: a department channel and its handover note, three staff', () => {
  const portal = useDemoPortal();

  const openPortalAs = (staffId: string) => openPortal(portal.browser, portal.stack.server.url, staffId);

  /** Opens the launcher and the department channel named `name` from the list's Departments section. */
  async function openDepartment(page: Page, name: string): Promise<Locator> {
    await page.getByRole('button', { name: /Open staff chat/ }).click();
    await page
      .getByRole('list', { name: 'Departments' })
      .getByRole('button', { name: new RegExp(name) })
      .click();
    return page.getByRole('region', { name: `Conversation: ${name}` });
  }

  const pinned = (window: Locator) => window.getByRole('region', { name: 'Current handover' });

  test('a newcomer sees the channel and the current note, ticks an item, and the others see it live', async () => {
    const stamp = Date.now();
    const summary = `Late shift ${stamp}: wedding block done, two rooms left`;
    const items = [`Restock trolley 2 ${stamp}`, `Room 214 extra cot ${stamp}`, `Report the lift 2 noise ${stamp}`];

    const carla = await openPortalAs('carla');
    const dev = await openPortalAs('dev');
    const carlasWindow = await openDepartment(carla, 'Housekeeping');
    // The form, by keyboard: Enter in an item adds the next one.
    await pinned(carlasWindow).getByRole('button', { name: 'Handover note' }).click();
    const form = carlasWindow.getByRole('form', { name: 'New handover note' });
    await form.getByRole('textbox', { name: 'Summary' }).fill(summary);
    for (const [index, item] of items.entries()) {
      const field = form.getByRole('textbox', { name: `Item ${index + 1}`, exact: true });
      await field.fill(item);
      if (index < items.length - 1) await field.press('Enter');
    }
    await form.getByRole('button', { name: 'Send handover note' }).click();
    await form.waitFor({ state: 'detached' });
    await pinned(carlasWindow).getByText(summary).waitFor();
    // It is a message of the channel too, shown as its checklist.
    await carlasWindow
      .getByRole('log')
      .locator('staff-chat-message-bubble')
      .filter({ hasText: summary })
      .getByRole('checkbox', { name: items[0] })
      .waitFor();

    const devsWindow = await openDepartment(dev, 'Housekeeping');
    await pinned(devsWindow).getByText(summary).waitFor();

    // Hana has never signed in: her first visit puts her in the channel, with its current note pinned.
    const hana = await openPortalAs('hana');
    const hanasWindow = await openDepartment(hana, 'Housekeeping');
    const hanasNote = pinned(hanasWindow);
    await hanasNote.getByText(summary).waitFor();
    for (const item of items) assert.equal(await hanasNote.getByRole('checkbox', { name: item }).isChecked(), false, item);

    await hanasNote.getByRole('checkbox', { name: items[1] }).check();

    for (const [who, window] of [
      ['Carla', carlasWindow],
      ['Dev', devsWindow],
    ] as const) {
      const box = pinned(window).getByRole('checkbox', { name: items[1] });
      await box.and(window.locator(':checked')).waitFor();
      assert.equal(await pinned(window).getByRole('checkbox', { name: items[0] }).isChecked(), false, `${who}: only the ticked item`);
      await pinned(window)
        .getByText(/Ticked by Hana Sato/)
        .waitFor();
    }
    // And the bubble in the list follows the same tick.
    await carlasWindow
      .getByRole('log')
      .locator('staff-chat-message-bubble')
      .filter({ hasText: summary })
      .getByRole('checkbox', { name: items[1] })
      .and(carlasWindow.locator(':checked'))
      .waitFor();
  });
});
