import { expect, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './testing/process-shim.js';
import './define.js';
import './components/define-lazy.js';
import { deep, find, mount, richSession } from './testing/rich-state.js';
import type { StaffChat } from './staff-chat.js';

/*
 * A whole <staff-chat> driven from the keyboard alone: whatever opens takes focus, and Escape closes
 * the innermost open thing and gives focus back to what opened it.
 */

const LOOK = { theme: 'light', dir: 'ltr' } as const;

/**
 * The tags (and, for the last, the element) along the focus chain: focus lives inside shadow roots,
 * where each root's activeElement is the host of the next one.
 */
function focusChain(): Element[] {
  const chain: Element[] = [];
  let active: Element | null = document.activeElement;
  while (active) {
    chain.push(active);
    active = active.shadowRoot?.activeElement ?? null;
  }
  return chain;
}

const focused = (): Element | undefined => focusChain().at(-1);
const chainTags = (): string[] => focusChain().map((e) => e.tagName.toLowerCase());

async function launcherButton(el: StaffChat): Promise<HTMLButtonElement> {
  const launcher = await find(el, 'staff-chat-launcher');
  return launcher.shadowRoot!.querySelector('button')!;
}

/** Opens the panel from the keyboard: focus on the launcher, then Enter. */
async function openPanelWithEnter(el: StaffChat): Promise<void> {
  (await launcherButton(el)).focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => focused()?.getAttribute('role') === 'tab', 'focus moves into the panel');
}

/** Opens the group "Front desk" from its row in the panel, with Enter. */
async function openGroupFromRow(el: StaffChat): Promise<HTMLButtonElement> {
  await openPanelWithEnter(el);
  const row = await find<HTMLButtonElement>(el, '[part="row"]');
  row.focus();
  await sendKeys({ press: 'Enter' });
  await waitUntil(() => focused()?.tagName === 'TEXTAREA', 'focus moves to the new window’s composer');
  return row;
}

describe('keyboard: focus follows what opens, Escape closes the innermost thing', () => {
  it('opening the panel with Enter on the launcher moves focus to its selected tab', async () => {
    const el = await mount(richSession(), LOOK);
    (await launcherButton(el)).focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.getAttribute('role') === 'tab', 'focus moves into the panel');
    expect(el.open).to.equal(true);
    expect(chainTags()).to.deep.equal(['staff-chat', 'staff-chat-panel', 'button']);
    expect(focused()!.getAttribute('aria-selected')).to.equal('true');
    expect(focused()!.id).to.equal('tab-chats');
    // The next Tab stays inside the widget instead of leaving for the host page.
    await sendKeys({ press: 'Tab' });
    expect(document.activeElement).to.equal(el);
  });

  it('opening a chat window from its row moves focus to the window’s composer', async () => {
    const el = await mount(richSession(), LOOK);
    await openGroupFromRow(el);
    expect(chainTags()).to.deep.equal(['staff-chat', 'staff-chat-chat-window', 'staff-chat-composer', 'textarea']);
    expect(el.shadowRoot!.activeElement!.getAttribute('conversation-id')).to.equal('1');
  });

  it('opening "Add people" moves focus to its search field', async () => {
    const el = await mount(richSession(), LOOK);
    await openGroupFromRow(el);
    const add = await find<HTMLButtonElement>(el, 'button.add');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.getAttribute('part') === 'search', 'focus moves to the picker’s search');
    expect(chainTags()).to.deep.equal(['staff-chat', 'staff-chat-chat-window', 'staff-chat-staff-directory', 'input']);
    expect(add.getAttribute('aria-expanded')).to.equal('true');
  });

  it('Escape in "Add people" closes only the picker and gives focus back to its button', async () => {
    const el = await mount(richSession(), LOOK);
    await openGroupFromRow(el);
    const add = await find<HTMLButtonElement>(el, 'button.add');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.getAttribute('part') === 'search', 'focus moves to the picker’s search');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused() === add, 'focus returns to "Add people"');
    expect(deep(el, 'staff-chat-staff-directory[picking]')).to.equal(null);
    expect(add.getAttribute('aria-expanded')).to.equal('false');
    expect(deep(el, 'staff-chat-chat-window'), 'the window stays open').to.exist;
    expect(el.open, 'the panel stays open').to.equal(true);
  });

  it('"Add people" has a close button, reached with Tab, that closes only the picker and gives focus back to its opener', async () => {
    const el = await mount(richSession(), LOOK);
    await openGroupFromRow(el);
    const add = await find<HTMLButtonElement>(el, 'button.add');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.getAttribute('part') === 'search', 'focus moves to the picker’s search');
    await sendKeys({ press: 'Tab' });
    const close = focused();
    expect(close?.tagName).to.equal('BUTTON');
    expect(close?.getAttribute('aria-label')).to.equal('Close “Add people”');
    expect(close?.checkVisibility(), 'the button is visible').to.equal(true);
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused() === add, 'focus returns to "Add people"');
    expect(deep(el, 'staff-chat-staff-directory[picking]')).to.equal(null);
    expect(add.getAttribute('aria-expanded')).to.equal('false');
    expect(deep(el, 'staff-chat-chat-window'), 'the window stays open').to.exist;
  });

  it('Escape in a search with text only empties it; the next Escape closes the panel', async () => {
    const el = await mount(richSession(), LOOK);
    await openPanelWithEnter(el);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focused()?.id === 'tab-new', 'the "New chat" tab is selected');
    const search = await find<HTMLInputElement>(el, 'input[part="search"]');
    search.focus();
    await sendKeys({ type: 'carla' });
    expect(search.value).to.equal('carla');
    await sendKeys({ press: 'Escape' });
    expect(search.value, 'the search is empty').to.equal('');
    expect(el.open, 'the panel stays open').to.equal(true);
    expect(focused(), 'focus stays in the field').to.equal(search);
    await sendKeys({ press: 'Escape' });
    const launcher = await launcherButton(el);
    await waitUntil(() => focused() === launcher, 'focus returns to the launcher');
    expect(el.open).to.equal(false);
  });

  it('Escape in "New group" leaves group mode first, then closes the panel', async () => {
    const el = await mount(richSession(), LOOK);
    await openPanelWithEnter(el);
    await sendKeys({ press: 'ArrowRight' });
    const newGroup = await find<HTMLButtonElement>(el, '.new-group');
    newGroup.click();
    const title = await find<HTMLInputElement>(el, 'input[name="title"]');
    title.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused() === newGroup, 'focus returns to "New group"');
    expect(newGroup.getAttribute('aria-pressed')).to.equal('false');
    expect(deep(el, 'input[name="title"]')).to.equal(null);
    expect(el.open, 'the panel stays open').to.equal(true);
    await sendKeys({ press: 'Escape' });
    expect(el.open).to.equal(false);
  });

  it('Escape in "Add people" with a search typed empties the search, then closes the picker', async () => {
    const el = await mount(richSession(), LOOK);
    await openGroupFromRow(el);
    const add = await find<HTMLButtonElement>(el, 'button.add');
    add.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => focused()?.getAttribute('part') === 'search', 'focus moves to the picker’s search');
    await sendKeys({ type: 'dan' });
    await sendKeys({ press: 'Escape' });
    const picker = await find(el, 'staff-chat-staff-directory[picking]');
    const search = picker.shadowRoot!.querySelector<HTMLInputElement>('input[part="search"]')!;
    expect(focused()).to.equal(search);
    expect(search.value).to.equal('');
    expect(deep(el, 'staff-chat-staff-directory[picking]'), 'the picker stays open').to.exist;
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused() === add, 'focus returns to "Add people"');
    expect(deep(el, 'staff-chat-chat-window'), 'the window stays open').to.exist;
  });

  it('Escape in a chat window closes it and gives focus back to the conversation row that opened it', async () => {
    const el = await mount(richSession(), LOOK);
    const row = await openGroupFromRow(el);
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused() === row, 'focus returns to the row');
    expect(el.shadowRoot!.querySelector('staff-chat-chat-window')).to.equal(null);
    expect(el.open, 'the panel stays open').to.equal(true);
    expect(chainTags()).to.deep.equal(['staff-chat', 'staff-chat-panel', 'staff-chat-conversation-list', 'button']);
  });

  it('Escape in a chat window whose row is gone (panel closed) gives focus to the launcher', async () => {
    const fake = richSession();
    fake.openIds.set([1]);
    const el = await mount(fake, LOOK);
    const composer = await find<HTMLTextAreaElement>(el, 'textarea[part="textarea"]');
    composer.focus();
    expect(focused()).to.equal(composer);
    await sendKeys({ press: 'Escape' });
    const launcher = await launcherButton(el);
    await waitUntil(() => focused() === launcher, 'focus returns to the launcher');
    expect(fake.openIds.get()).to.deep.equal([]);
  });

  it('Escape in the panel closes it and gives focus back to the launcher', async () => {
    const el = await mount(richSession(), LOOK);
    await openPanelWithEnter(el);
    await sendKeys({ press: 'Escape' });
    const launcher = await launcherButton(el);
    await waitUntil(() => focused() === launcher, 'focus returns to the launcher');
    expect(el.open).to.equal(false);
    expect(el.shadowRoot!.querySelector('staff-chat-panel')).to.equal(null);
  });

  it('Escape in the settings menu closes only the menu and gives focus back to its gear', async () => {
    const el = await mount(richSession(), LOOK);
    await openPanelWithEnter(el);
    const gear = await find<HTMLButtonElement>(el, 'button.settings');
    gear.focus();
    await sendKeys({ press: 'Enter' });
    const checkbox = await find<HTMLInputElement>(el, '.menu input');
    checkbox.focus();
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => focused() === gear, 'focus returns to the gear');
    expect(deep(el, '.menu')).to.equal(null);
    expect(el.open, 'the panel stays open').to.equal(true);
  });

  it('Escape in an image preview closes only the preview, not the window', async () => {
    const fake = richSession();
    fake.openIds.set([1]);
    const el = await mount(fake, LOOK);
    const thumb = await find<HTMLButtonElement>(el, 'button.thumb');
    thumb.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => deep<HTMLDialogElement>(el, 'dialog')?.open, 'the preview opens');
    await sendKeys({ press: 'Escape' });
    await waitUntil(() => !deep(el, 'dialog'), 'Escape closes the preview');
    expect(fake.openIds.get(), 'the window stays open').to.deep.equal([1]);
    expect(el.shadowRoot!.querySelector('staff-chat-chat-window')).to.exist;
  });
});
