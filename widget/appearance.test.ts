import { expect, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import './testing/process-shim.js';
import './define.js';
import './components/define-lazy.js';
import { backgroundOf, contrast, textColorOf, textContrast, toRgba } from './testing/contrast.js';
import { bubbleOf, deep, find, mount, openConversation, richSession, type Look } from './testing/rich-state.js';
import type { StaffChat } from './staff-chat.js';

/*
 * What a person sees, pinned finding by finding: computed colours and their contrast, geometry, focus
 * and text. The axe audit (a11y-audit.test.ts) sweeps every state; these say exactly what went wrong.
 */

const AA = 4.5;
const LIGHT: Look = { theme: 'light', dir: 'ltr' };
const DARK: Look = { theme: 'dark', dir: 'ltr' };

/** HSL hue in degrees, or null for a grey. */
function hueOf([r, g, b]: readonly number[]): number | null {
  const [max, min] = [Math.max(r!, g!, b!), Math.min(r!, g!, b!)];
  if (max - min < 12) return null;
  const d = max - min;
  const h = max === r ? ((g! - b!) / d) % 6 : max === g ? (b! - r!) / d + 2 : (r! - g!) / d + 4;
  return (h * 60 + 360) % 360;
}
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

const same = (a: readonly number[], b: readonly number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 2);
const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe('appearance: one’s own messages on the accent', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  for (const look of [LIGHT, DARK]) {
    it(`a file's name, size and icon are readable on an own message (${look.theme})`, async () => {
      const el = await openConversation(richSession(), look);
      const files = (await bubbleOf(el, 8)).shadowRoot!.querySelector('staff-chat-attachments')!.shadowRoot!;
      const name = files.querySelector('.name')!;
      expect(name.textContent).to.equal('floor-plan-2nd-floor.pdf');
      expect(textContrast(name)).to.be.at.least(AA);
      expect(textContrast(files.querySelector('.size')!)).to.be.at.least(AA);
      const icon = files.querySelector('[part="file"] svg')!.getBoundingClientRect();
      expect(icon.width).to.be.greaterThan(10);
    });

    it(`reaction counts, times, "edited" and the deleted placeholder reach 4.5:1 on own messages (${look.theme})`, async () => {
      const el = await openConversation(richSession(), look);
      const own = (await bubbleOf(el, 5)).shadowRoot!;
      for (const chip of own.querySelectorAll('.chip')) expect(textContrast(chip), chip.textContent).to.be.at.least(AA);
      expect(textContrast(own.querySelector('time')!)).to.be.at.least(AA);
      expect(textContrast(own.querySelector('.meta span')!)).to.be.at.least(AA);
      const deleted = (await bubbleOf(el, 7)).shadowRoot!;
      expect(deleted.querySelector('[part="text"]')!.textContent).to.equal('This message was deleted');
      expect(textContrast(deleted.querySelector('[part="text"]')!)).to.be.at.least(AA);
      expect(textContrast(deleted.querySelector('time')!)).to.be.at.least(AA);
    });

    it(`a deleted own message is an outlined placeholder, not an accent bubble (${look.theme})`, async () => {
      const el = await openConversation(richSession(), look);
      const accent = backgroundOf((await bubbleOf(el, 9)).shadowRoot!.querySelector('.bubble')!);
      const gone = (await bubbleOf(el, 7)).shadowRoot!.querySelector('.bubble')!;
      const style = getComputedStyle(gone);
      expect(toRgba(style.backgroundColor)[3]).to.equal(0);
      expect(same(backgroundOf(gone), accent)).to.equal(false);
      expect(style.borderTopStyle).to.equal('dashed');
      expect(style.fontStyle).to.equal('italic');
    });

    it(`edit mode: a styled text box, visible Save and Cancel, and the whole message in view (${look.theme})`, async () => {
      const el = await openConversation(richSession(), look);
      const bubble = await bubbleOf(el, 5);
      const log = deep<HTMLElement>(el, '[role="log"]')!;
      // Scroll so the message's top sits above the list's top edge, under the window's header.
      log.scrollTop += bubble.getBoundingClientRect().top - log.getBoundingClientRect().top + 12;
      bubble.startEdit();
      await bubble.updateComplete;
      const root = bubble.shadowRoot!;
      const box = root.querySelector<HTMLTextAreaElement>('textarea.edit')!;
      expect(root.activeElement).to.equal(box);
      const boxStyle = getComputedStyle(box);
      expect(boxStyle.borderTopStyle).to.equal('solid');
      expect(parseFloat(boxStyle.borderTopLeftRadius)).to.be.greaterThan(0);
      expect(boxStyle.fontFamily).to.equal(getComputedStyle(root.querySelector('.bubble')!).fontFamily);
      expect(textContrast(box)).to.be.at.least(AA);
      const buttons = [...root.querySelectorAll<HTMLButtonElement>('.edit-actions button')];
      expect(buttons.map((b) => b.textContent)).to.deep.equal(['Save', 'Cancel']);
      for (const button of buttons) {
        expect(textContrast(button), button.textContent).to.be.at.least(AA);
        expect(same(backgroundOf(button), backgroundOf(root.querySelector('.bubble')!))).to.equal(false);
      }
      await waitUntil(
        () => root.querySelector('.bubble')!.getBoundingClientRect().top >= log.getBoundingClientRect().top - 0.5,
        'the top of the edited message is below the list’s top edge',
      );
      const header = deep<HTMLElement>(el, 'header[part="header"]')!.getBoundingClientRect();
      expect(root.querySelector('.bubble')!.getBoundingClientRect().top).to.be.at.least(header.bottom - 0.5);
    });
  }
});

describe('appearance: icons, the reaction picker and emoji', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);

  it('settings, reaction and actions buttons are drawn icons, not text glyphs', async () => {
    const el = await openConversation(richSession(), LIGHT);
    el.open = true;
    const settings = await find<HTMLButtonElement>(el, 'button.settings');
    const acts = [...(await bubbleOf(el, 9)).shadowRoot!.querySelectorAll<HTMLButtonElement>('.act')];
    expect(acts).to.have.length(2);
    for (const button of [settings, ...acts]) {
      expect(button.textContent.trim(), button.getAttribute('aria-label')!).to.equal('');
      expect(button.querySelector('svg[aria-hidden="true"]')).to.exist;
    }
  });

  it('the picker overlays the messages instead of pushing them down, and works from the keyboard', async () => {
    const el = await openConversation(richSession(), LIGHT);
    const bubble = await bubbleOf(el, 9);
    const root = bubble.shadowRoot!;
    const opener = root.querySelector<HTMLButtonElement>('.act')!;
    const before = bubble.getBoundingClientRect().height;
    opener.focus();
    await sendKeys({ press: 'Enter' });
    await bubble.updateComplete;
    const picker = root.querySelector<HTMLElement>('.panel.pick')!;
    expect(picker.matches(':popover-open')).to.equal(true);
    expect(bubble.getBoundingClientRect().height).to.equal(before);
    expect(opener.getAttribute('aria-expanded')).to.equal('true');
    // It sits beside its button, inside the viewport, on one grid rather than a wrapped strip.
    const box = picker.getBoundingClientRect();
    expect(box.top).to.be.at.least(0);
    expect(box.bottom).to.be.at.most(innerHeight);
    expect(
      Math.abs(box.bottom - opener.getBoundingClientRect().top) < 12 || Math.abs(box.top - opener.getBoundingClientRect().bottom) < 12,
    ).to.equal(true);
    const emoji = [...picker.querySelectorAll<HTMLButtonElement>('button')];
    expect(emoji).to.have.length(10);
    expect(root.activeElement).to.equal(emoji[0]);
    await sendKeys({ press: 'Tab' });
    expect(root.activeElement).to.equal(emoji[1]);
    await sendKeys({ press: 'Escape' });
    await bubble.updateComplete;
    expect(root.querySelector('.panel')).to.equal(null);
    expect(root.activeElement).to.equal(opener);
    // Escape closed only the picker, not the window around it.
    expect(deep(el, 'staff-chat-chat-window')).to.exist;
  });

  it('every emoji of the picker and the chips is drawn in colour, with a colour emoji font first', async () => {
    const el = await openConversation(richSession(), LIGHT);
    const bubble = await bubbleOf(el, 9);
    bubble.shadowRoot!.querySelector<HTMLButtonElement>('.act')!.click();
    await bubble.updateComplete;
    const chip = (await bubbleOf(el, 5)).shadowRoot!.querySelector('.chip .emoji')!;
    const drawn = [...bubble.shadowRoot!.querySelectorAll<HTMLElement>('.panel.pick button'), chip];
    expect(getComputedStyle(chip).fontFamily).to.match(/^"Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji"/);
    expect(getComputedStyle(el).fontFamily).to.contain('"Noto Color Emoji"');
    const canvas = Object.assign(document.createElement('canvas'), { width: 40, height: 40 });
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    for (const button of drawn) {
      // Drawn as the element draws it: its own font stack, in black, so any colour comes from the font.
      context.clearRect(0, 0, 40, 40);
      context.font = `28px ${getComputedStyle(button).fontFamily}`;
      context.fillStyle = '#000';
      context.fillText(button.textContent.trim(), 2, 32);
      const pixels = context.getImageData(0, 0, 40, 40).data;
      let coloured = 0;
      for (let i = 0; i < pixels.length; i += 4)
        if (
          pixels[i + 3]! > 128 &&
          Math.max(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) - Math.min(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!) > 60
        )
          coloured++;
      expect(coloured, `${button.textContent.trim()} has colour`).to.be.greaterThan(20);
    }
  });
});

describe('appearance: the directory', () => {
  for (const dir of ['ltr', 'rtl'] as const) {
    it(`the search icon sits inside its field, clear of "New group" (${dir})`, async () => {
      const el = await mount(richSession(), { theme: 'light', dir }, { open: true });
      (await find<HTMLButtonElement>(el, '#tab-new')).click();
      const input = (await find<HTMLInputElement>(el, 'input[type="search"]')).getBoundingClientRect();
      const icon = deep(el, '.field svg')!.getBoundingClientRect();
      const group = deep(el, '.new-group')!.getBoundingClientRect();
      expect(icon.top).to.be.at.least(input.top);
      expect(icon.bottom).to.be.at.most(input.bottom);
      expect(Math.abs((icon.top + icon.bottom) / 2 - (input.top + input.bottom) / 2)).to.be.below(1.5);
      expect(icon.left).to.be.at.least(input.left);
      expect(icon.right).to.be.at.most(input.right);
      // The icon is at the start side of the field: left in LTR, right in RTL.
      if (dir === 'ltr') expect(icon.left - input.left).to.be.below(input.width / 4);
      else expect(input.right - icon.right).to.be.below(input.width / 4);
      expect(overlaps(icon, group)).to.equal(false);
    });
  }
});

describe('appearance: theme and accent', function (this: { timeout(ms: number): void }) {
  this.timeout(20_000);
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  const panelBackground = async (el: StaffChat) => backgroundOf(await find(el, '[role="tablist"]'));

  it('theme="dark" and theme="light" win over the OS; auto follows it', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const dark = await mount(richSession(), DARK, { open: true });
    expect(contrast(await panelBackground(dark), [0, 0, 0, 1])).to.be.below(1.5);
    await emulateMedia({ colorScheme: 'dark' });
    const light = await mount(richSession(), LIGHT, { open: true });
    expect(contrast(await panelBackground(light), [255, 255, 255, 1])).to.be.below(1.1);
    const auto = await mount(richSession(), { theme: 'auto', dir: 'ltr' }, { open: true });
    expect(contrast(await panelBackground(auto), [0, 0, 0, 1])).to.be.below(1.5);
    await emulateMedia({ colorScheme: 'light' });
    await waitUntil(async () => contrast(await panelBackground(auto), [255, 255, 255, 1]) < 1.1, 'auto turns light with the OS');
  });

  it('defaults to theme="auto"', () => {
    expect(document.createElement('staff-chat').theme).to.equal('auto');
  });

  // Accents a portal might choose: light ones need dark text, dark ones white text.
  const ACCENTS = ['#2563eb', '#0f766e', '#facc15', '#7c3aed', '#dc2626', '#be185d', '#f0abfc', '#22c55e', '#ea580c', '#06b6d4'];

  for (const look of [LIGHT, DARK]) {
    it(`every accent-derived colour follows --staff-chat-accent, readably (${look.theme})`, async () => {
      const el = await openConversation(richSession(), look);
      el.open = true;
      for (const accent of ACCENTS) {
        el.style.setProperty('--staff-chat-accent', accent);
        await el.updateComplete;
        const tab = await find<HTMLElement>(el, '[role="tab"][aria-selected="true"]');
        const tabStyle = getComputedStyle(tab);
        const header = deep<HTMLElement>(el, 'header[part="header"]')!;
        const own = (await bubbleOf(el, 9)).shadowRoot!;
        const avatar = deep<HTMLElement>(el, '[part="row"] .avatar')!;
        const sender = deep<HTMLElement>(el, '.sender')!;
        // Text on the accent (own messages, the header) and the accent as text (tab, names) both read.
        expect(textContrast(own.querySelector('[part="text"]')!), `own message text on ${accent}`).to.be.at.least(AA);
        expect(textContrast(header.querySelector('h2')!), `header on ${accent}`).to.be.at.least(AA);
        expect(textContrast(tab), `selected tab on ${accent}`).to.be.at.least(AA);
        expect(textContrast(sender), `sender name on ${accent}`).to.be.at.least(AA);
        expect(textContrast(avatar), `avatar on ${accent}`).to.be.at.least(AA);
        // And each is the accent, or a lighter or darker shade of it: none stays the default blue.
        const rgba = toRgba(accent);
        const hue = hueOf(rgba)!;
        const follows = (colour: readonly number[]) => {
          const h = hueOf(colour);
          return h !== null && hueDistance(h, hue) < 25;
        };
        expect(same(toRgba(tabStyle.borderBottomColor), rgba), `tab underline is ${accent}`).to.equal(true);
        expect(same(backgroundOf(header), rgba), `header is ${accent}`).to.equal(true);
        expect(follows(textColorOf(tab)), `tab text follows ${accent}`).to.equal(true);
        expect(follows(backgroundOf(avatar)), `avatar follows ${accent}`).to.equal(true);
        expect(follows(textColorOf(avatar)), `avatar initials follow ${accent}`).to.equal(true);
        const row = deep<HTMLElement>(el, '[part="row"]')!;
        row.focus();
        expect(getComputedStyle(row).outlineStyle, 'a focused row shows its ring').to.equal('solid');
        expect(follows(toRgba(getComputedStyle(row).outlineColor)), `focus ring follows ${accent}`).to.equal(true);
      }
    });
  }
});

describe('appearance: right to left', () => {
  it('mirrors the layout, while each message keeps the direction of its own text', async () => {
    const el = await openConversation(richSession(), { theme: 'light', dir: 'rtl' });
    const own = (await bubbleOf(el, 9)).shadowRoot!;
    const theirs = (await bubbleOf(el, 3)).shadowRoot!;
    // One's own messages sit at the end: the left in RTL.
    expect(own.querySelector('.bubble')!.getBoundingClientRect().left).to.be.below(
      theirs.querySelector('.bubble')!.getBoundingClientRect().left,
    );
    expect(getComputedStyle(own.querySelector('.row')!).direction).to.equal('rtl');
    // English text stays left to right inside the mirrored bubble ("filter was full." ends with its full stop).
    expect(getComputedStyle(own.querySelector('[part="text"]')!).direction).to.equal('ltr');
    const quote = (await bubbleOf(el, 5)).shadowRoot!.querySelector('.quote span')!;
    expect(getComputedStyle(quote).direction).to.equal('ltr');
  });
});

describe('appearance: parts a portal can style', () => {
  it('forwards the inner elements’ parts, so staff-chat::part(…) reaches them at any depth', async () => {
    const parts = [
      'launcher',
      'launcher-badge',
      'panel-header',
      'tabs',
      'row',
      'row-badge',
      'connection-dot',
      'window-header',
      'bubble',
      'text',
      'quote',
      'reactions',
      'file',
      'thumbnail',
      'failed',
      'log',
      'textarea',
      'send-button',
      'attach-button',
      'seen-by',
    ];
    const style = document.createElement('style');
    style.textContent = parts.map((part) => `staff-chat::part(${part}) { outline: 3px dotted rgb(1, 2, 3); }`).join('\n');
    document.head.append(style);
    try {
      const fake = richSession();
      fake.openIds.set([1]);
      const el = await mount(fake, LIGHT, { open: true });
      await find(el, 'staff-chat-message-bubble[mine]');
      await find(el, '[part="row"]');
      for (const part of parts) {
        const name =
          {
            launcher: 'button',
            'launcher-badge': 'badge',
            'panel-header': 'header',
            'row-badge': 'badge',
            'connection-dot': 'dot',
            'window-header': 'header',
          }[part] ?? part;
        const target = [...deepAll(el, `[part~="${name}"]`)].find((node) => getComputedStyle(node).outlineStyle === 'dotted');
        expect(target, `::part(${part}) styles an element`).to.exist;
      }
    } finally {
      style.remove();
    }
  });
});

/** Every element matching `selector` under `root`, through open shadow roots. */
function* deepAll(root: Element | ShadowRoot, selector: string): Generator<Element> {
  const scope = root instanceof Element && root.shadowRoot ? root.shadowRoot : root;
  yield* scope.querySelectorAll(selector);
  for (const el of scope.querySelectorAll('*')) if (el.shadowRoot) yield* deepAll(el, selector);
}
