import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { HANDOVER_ITEM_MAX_LENGTH, HANDOVER_MAX_ITEMS } from '../../../contract/index.js';
import '../../testing/process-shim.js';
import '../define-lazy.js';
import type { HandoverComposeEvent } from './handover-events.js';
import type { StaffChatHandoverComposer } from './handover-composer.js';

const root = (el: StaffChatHandoverComposer) => el.shadowRoot!;
const summary = (el: StaffChatHandoverComposer) => root(el).querySelector('textarea')!;
const items = (el: StaffChatHandoverComposer) => [...root(el).querySelectorAll<HTMLInputElement>('li input')];
const button = (el: StaffChatHandoverComposer, selector: string) => root(el).querySelector<HTMLButtonElement>(selector)!;
const problem = (el: StaffChatHandoverComposer) => root(el).querySelector('.problem')!.textContent.trim();
const focused = (el: StaffChatHandoverComposer) => root(el).activeElement;

async function composer(): Promise<StaffChatHandoverComposer> {
  const el = await fixture<StaffChatHandoverComposer>(
    html`<staff-chat-handover-composer summary-max="100"></staff-chat-handover-composer>`,
  );
  el.focus();
  await el.updateComplete;
  return el;
}

/** Sets a field as typing would (for values typing cannot reach, past a maxlength). */
async function setValue(el: StaffChatHandoverComposer, field: HTMLInputElement | HTMLTextAreaElement, value: string): Promise<void> {
  field.value = value;
  field.dispatchEvent(new InputEvent('input'));
  await el.updateComplete;
}

/** Submits the form; resolves with the compose event, or null if none came. */
async function submit(el: StaffChatHandoverComposer): Promise<HandoverComposeEvent | null> {
  let composed: HandoverComposeEvent | null = null;
  const listener = (event: Event) => (composed = event as HandoverComposeEvent);
  el.addEventListener('handover-compose', listener);
  button(el, 'button.send').click();
  await el.updateComplete;
  el.removeEventListener('handover-compose', listener);
  return composed;
}

describe('<staff-chat-handover-composer>', () => {
  it('renders a named form: a summary, one checklist item with its remove button, add and send', async () => {
    const el = await composer();
    expect(root(el).querySelector('form')!.getAttribute('aria-label')).to.equal('New handover note');
    expect(summary(el).closest('label')!.textContent).to.include('Summary');
    expect(items(el).map((input) => input.getAttribute('aria-label'))).to.deep.equal(['Item 1']);
    expect(items(el)[0]!.maxLength).to.equal(HANDOVER_ITEM_MAX_LENGTH);
    expect(button(el, 'button.remove').getAttribute('aria-label')).to.equal('Remove item 1');
    expect(button(el, 'button.send').textContent.trim()).to.equal('Send handover note');
    expect(focused(el), 'the summary has the focus').to.equal(summary(el));
  });

  it('is accessible', async () => {
    await expect(await composer()).to.be.accessible();
  });

  it('is filled by keyboard: Tab to the first item, Enter adds the next, Backspace in an empty one removes it', async () => {
    const el = await composer();
    await sendKeys({ type: 'Quiet night, two rooms left' });
    await sendKeys({ press: 'Tab' });
    expect(focused(el)).to.equal(items(el)[0]);
    await sendKeys({ type: 'Restock trolley 2' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(items(el)).to.have.length(2);
    expect(focused(el), 'the new item has the focus').to.equal(items(el)[1]);
    await sendKeys({ type: 'Room 214 extra cot' });
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(items(el)).to.have.length(3);
    await sendKeys({ press: 'Backspace' });
    await el.updateComplete;
    expect(items(el)).to.have.length(2);
    expect(focused(el), 'back in the item before').to.equal(items(el)[1]);

    const composed = await submit(el);
    expect(composed?.summary).to.equal('Quiet night, two rooms left');
    expect(composed?.items).to.deep.equal(['Restock trolley 2', 'Room 214 extra cot']);
  });

  it('adds and removes items with the buttons; blank ones are left out of what is sent', async () => {
    const el = await composer();
    await setValue(el, summary(el), 'Day shift');
    button(el, 'button.add').click();
    button(el, 'button.add').click();
    await el.updateComplete;
    expect(items(el)).to.have.length(3);
    await setValue(el, items(el)[0]!, '  first  ');
    await setValue(el, items(el)[2]!, 'third');
    root(el).querySelectorAll<HTMLButtonElement>('button.remove')[0]!.click();
    await el.updateComplete;
    expect(items(el).map((input) => input.value)).to.deep.equal(['', 'third']);
    expect((await submit(el))?.items).to.deep.equal(['third']);
  });

  it('says what is missing, marks the field and moves the focus there, and sends nothing', async () => {
    const el = await composer();
    expect(await submit(el)).to.equal(null);
    expect(problem(el)).to.equal('Write a short summary of the shift.');
    expect(summary(el).getAttribute('aria-invalid')).to.equal('true');
    expect(root(el).querySelector('.problem')!.getAttribute('role')).to.equal('alert');

    await setValue(el, summary(el), 'Night shift');
    expect(problem(el), 'typing clears it').to.equal('');
    expect(await submit(el)).to.equal(null);
    expect(problem(el)).to.equal('Add at least one item to the checklist.');
    expect(items(el)[0]!.getAttribute('aria-invalid')).to.equal('true');
    await el.updateComplete;
    expect(focused(el)).to.equal(items(el)[0]);
  });

  it('refuses an item longer than the limit, naming it', async () => {
    const el = await composer();
    await setValue(el, summary(el), 'Night shift');
    await setValue(el, items(el)[0]!, 'fine');
    button(el, 'button.add').click();
    await el.updateComplete;
    await setValue(el, items(el)[1]!, 'x'.repeat(HANDOVER_ITEM_MAX_LENGTH + 1));
    expect(await submit(el)).to.equal(null);
    expect(problem(el)).to.equal(`Item 2 is longer than ${HANDOVER_ITEM_MAX_LENGTH} characters.`);
    expect(items(el)[1]!.getAttribute('aria-invalid')).to.equal('true');
  });

  it(`stops at ${HANDOVER_MAX_ITEMS} items, saying so`, async () => {
    const el = await composer();
    for (let n = 1; n < HANDOVER_MAX_ITEMS; n += 1) button(el, 'button.add').click();
    await el.updateComplete;
    expect(items(el)).to.have.length(HANDOVER_MAX_ITEMS);
    expect(button(el, 'button.add').getAttribute('aria-disabled')).to.equal('true');
    expect(problem(el)).to.equal('');
    button(el, 'button.add').click();
    await el.updateComplete;
    expect(items(el)).to.have.length(HANDOVER_MAX_ITEMS);
    expect(problem(el)).to.equal(`A handover note can have at most ${HANDOVER_MAX_ITEMS} items.`);
    // Enter in the last item cannot add one either.
    items(el).at(-1)!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(items(el)).to.have.length(HANDOVER_MAX_ITEMS);
  });

  it('refuses a summary over the message length limit', async () => {
    const el = await composer();
    await setValue(el, summary(el), 'y'.repeat(101));
    await setValue(el, items(el)[0]!, 'an item');
    expect(await submit(el)).to.equal(null);
    expect(problem(el)).to.equal('The summary is longer than 100 characters.');
  });

  it('shows the failure it is given, and sends nothing while busy', async () => {
    const el = await composer();
    await setValue(el, summary(el), 'Night shift');
    await setValue(el, items(el)[0]!, 'an item');
    el.error = 'You are sending messages too quickly.';
    el.busy = true;
    await el.updateComplete;
    expect(problem(el)).to.equal('You are sending messages too quickly.');
    expect(button(el, 'button.send').disabled).to.be.true;
    expect(await submit(el)).to.equal(null);
  });

  it('closes on Escape and on Cancel, without sending', async () => {
    const el = await composer();
    setTimeout(() => void sendKeys({ press: 'Escape' }));
    await oneEvent(el, 'handover-cancel');
    setTimeout(() => button(el, 'button.cancel').click());
    await oneEvent(el, 'handover-cancel');
  });
});
