import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { Conversation } from '../../../contract/index.js';
import type { StaffChatChatWindow } from '../chat-window/chat-window.js';
import { callsTo, conversation, createFakeSession, ME, staff } from '../../testing/fake-session.js';
import { auditProblems } from '../../testing/axe-audit.js';
import { sessionFixture } from '../../testing/session-provider.js';

// The conversation menu in a chat window's header: what it offers for each kind and role, the
// keyboard, confirmations, and a refusal said in words.

const bob = staff('bob', 'Bob Porter');
const cara = staff('cara', 'Cara Lind');

async function openWindow(extra: Partial<Conversation> = {}, role: string | null = null) {
  const fake = createFakeSession();
  fake.me.set({ ...fake.me.get()!, role });
  fake.conversations.set([conversation(1, bob, extra)]);
  const el = await sessionFixture<StaffChatChatWindow>(
    fake.session,
    html`<staff-chat-chat-window conversation-id="1"></staff-chat-chat-window>`,
  );
  const menu = el.shadowRoot!.querySelector('staff-chat-conversation-menu')!;
  await waitUntil(() => !menu.shadowRoot!.querySelector<HTMLButtonElement>('.open')?.disabled);
  const button = menu.shadowRoot!.querySelector<HTMLButtonElement>('.open')!;
  const items = () => [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"]')].map((b) => b.textContent.trim());
  const itemNamed = (label: string) =>
    [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="menuitem"], .actions button')].find(
      (b) => b.textContent.trim() === label,
    )!;
  const openMenu = async () => {
    button.click();
    await menu.updateComplete;
  };
  return { fake, el, menu, button, items, itemNamed, openMenu };
}

const group = { is_group: true, kind: 'group' as const, title: 'Front desk', participants: [ME, bob, cara] };

describe('conversation menu', () => {
  it('is a named menu button; a 1:1 offers Mute and Archive only', async () => {
    const { button, items, openMenu, menu } = await openWindow();
    expect(button.getAttribute('aria-label')).to.equal('Conversation options');
    expect(button.getAttribute('aria-haspopup')).to.equal('menu');
    await openMenu();
    expect(button.getAttribute('aria-expanded')).to.equal('true');
    expect(menu.shadowRoot!.querySelector('[role="menu"]')!.getAttribute('aria-label')).to.equal('Conversation options');
    expect(items()).to.deep.equal(['Mute', 'Archive']);
  });

  it('mutes and unmutes', async () => {
    const { fake, itemNamed, openMenu, items } = await openWindow();
    await openMenu();
    itemNamed('Mute').click();
    expect(callsTo(fake, 'setMuted')).to.deep.equal([[1, true]]);
    fake.conversations.set([conversation(1, bob, { is_muted: true })]);
    await openMenu();
    expect(items()[0]).to.equal('Unmute');
  });

  it('archives', async () => {
    const { fake, itemNamed, openMenu } = await openWindow();
    await openMenu();
    itemNamed('Archive').click();
    expect(callsTo(fake, 'setArchived')).to.deep.equal([[1, true]]);
  });

  it('moves with the arrow keys, Home and End; Escape closes and gives focus back', async () => {
    const { menu, button, openMenu } = await openWindow({ ...group, created_by: ME.id });
    await openMenu();
    const active = () => (menu.shadowRoot!.activeElement as HTMLElement | null)?.textContent?.trim();
    expect(active()).to.equal('Mute', 'focus moves to the first item');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal('Archive');
    await sendKeys({ press: 'End' });
    expect(active()).to.equal('Leave group');
    await sendKeys({ press: 'ArrowDown' });
    expect(active()).to.equal('Mute', 'wraps around');
    await sendKeys({ press: 'ArrowUp' });
    expect(active()).to.equal('Leave group');
    await sendKeys({ press: 'Home' });
    expect(active()).to.equal('Mute');
    await sendKeys({ press: 'Escape' });
    await menu.updateComplete;
    expect(menu.shadowRoot!.querySelector('[role="menu"]')).to.equal(null);
    expect(menu.shadowRoot!.activeElement).to.equal(button);
  });

  it('a group: leaving needs the confirmation', async () => {
    const { fake, menu, itemNamed, openMenu, items } = await openWindow(group);
    await openMenu();
    expect(items(), 'not the creator, no role: no "Remove people"').to.deep.equal(['Mute', 'Archive', 'Leave group']);
    itemNamed('Leave group').click();
    await menu.updateComplete;
    const dialog = menu.shadowRoot!.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).to.contain('Leave this group?');
    expect(callsTo(fake, 'leave')).to.deep.equal([]);
    itemNamed('Leave').click();
    expect(callsTo(fake, 'leave')).to.deep.equal([[1]]);
  });

  it('the creator (or staff with a role) can remove someone, after the confirmation', async () => {
    const { fake, menu, itemNamed, openMenu, items } = await openWindow({ ...group, created_by: ME.id });
    await openMenu();
    expect(items()).to.deep.equal(['Mute', 'Archive', 'Remove people', 'Leave group']);
    itemNamed('Remove people').click();
    await menu.updateComplete;
    expect(items()).to.deep.equal(['Remove Bob Porter', 'Remove Cara Lind']);
    itemNamed('Remove Cara Lind').click();
    await menu.updateComplete;
    expect(menu.shadowRoot!.querySelector('[role="alertdialog"]')!.textContent).to.contain('Remove Cara Lind from this group?');
    itemNamed('Remove').click();
    expect(callsTo(fake, 'removeParticipant')).to.deep.equal([[1, 'cara']]);
    const withRole = await openWindow(group, 'Manager');
    await withRole.openMenu();
    expect(withRole.items()).to.include('Remove people');
  });

  it('says a refused removal in words', async () => {
    const { fake, el, menu, itemNamed, openMenu } = await openWindow(group, 'Manager');
    fake.housekeepingResult = { code: 'not_allowed', message: "Only the group's creator or a chat admin can remove people." };
    await openMenu();
    itemNamed('Remove people').click();
    await menu.updateComplete;
    itemNamed('Remove Bob Porter').click();
    await menu.updateComplete;
    itemNamed('Remove').click();
    await waitUntil(() => el.shadowRoot!.querySelector('[part="notice"]'));
    expect(el.shadowRoot!.querySelector('[part="notice"]')!.textContent).to.contain(
      'Only the group’s creator or a chat admin can remove people.',
    );
  });

  it('a department channel is neither left nor edited by hand', async () => {
    const { items, openMenu } = await openWindow({ ...group, kind: 'department', department: 'Housekeeping', created_by: ME.id });
    await openMenu();
    expect(items()).to.deep.equal(['Mute', 'Archive']);
  });

  it('is accessible, open', async () => {
    const { menu, openMenu } = await openWindow(group);
    await openMenu();
    expect(await auditProblems(menu, { overlay: true })).to.deep.equal([]);
  });
});
