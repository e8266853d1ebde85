import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../define.js';
import '../define-lazy.js';
import type { ComposeEvent } from '../internal-events.js';
import { conversation, ME, staff } from '../../testing/fixtures.js';
import type { StaffChatComposer } from './composer.js';
import { activeQuery, insertMention, matchCandidates, mentionCandidates, mentionsInText } from './mention-query.js';

const group = conversation(4, {
  is_group: true,
  title: 'Morning shift',
  participants: [ME, staff('anna', 'Anna Kovács'), staff('ben', 'Ben Ode', 'Front desk'), staff('carla', 'Carla Reyes', 'Housekeeping')],
});

const field = (el: StaffChatComposer) => el.shadowRoot!.querySelector('textarea')!;
const listbox = (el: StaffChatComposer) => el.shadowRoot!.querySelector<HTMLElement>('[role="listbox"]');
const options = (el: StaffChatComposer) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')];
const activeOption = (el: StaffChatComposer) => el.shadowRoot!.getElementById(field(el).getAttribute('aria-activedescendant') ?? '');

async function composer(): Promise<StaffChatComposer> {
  const el = await fixture<StaffChatComposer>(
    html`<staff-chat-composer conversation-id="4" .mentionables=${mentionCandidates(group, ME.id)}></staff-chat-composer>`,
  );
  el.focus();
  return el;
}

async function type(el: StaffChatComposer, keys: string): Promise<void> {
  await sendKeys({ type: keys });
  await el.updateComplete;
}

async function press(el: StaffChatComposer, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
}

describe('<staff-chat-composer> mentions', () => {
  it('offers the other participants, then the departments of a group, never the viewer', () => {
    const labels = mentionCandidates(group, ME.id).map((c) => `${c.kind}:${c.label}`);
    expect(labels).to.deep.equal([
      'staff:Anna Kovács',
      'staff:Ben Ode',
      'staff:Carla Reyes',
      'department:Front desk',
      'department:Housekeeping',
    ]);
    expect(mentionCandidates({ ...group, is_group: false }, ME.id).every((c) => c.kind === 'staff')).to.be.true;
  });

  it('finds the @ being typed only at a word start, and matches any word of a name, accents folded', () => {
    expect(activeQuery('hi @an', 6)).to.deep.equal({ start: 3, query: 'an' });
    expect(activeQuery('mail anna@grand', 15)).to.equal(null);
    expect(activeQuery('@ an', 4)).to.equal(null);
    const names = matchCandidates(mentionCandidates(group, ME.id), 'kovac').map((c) => c.label);
    expect(names).to.deep.equal(['Anna Kovács']);
  });

  it('opens a listbox on @, named and pointed at by the field, which keeps the focus', async () => {
    const el = await composer();
    expect(listbox(el)).to.equal(null);
    expect(field(el).getAttribute('aria-autocomplete')).to.equal('list');
    await type(el, 'Towels @');
    expect(listbox(el)?.getAttribute('aria-label')).to.equal('People to mention');
    expect(field(el).getAttribute('aria-controls')).to.equal(listbox(el)!.id);
    expect(options(el)).to.have.length(5);
    expect(activeOption(el)?.textContent).to.contain('Anna Kovács');
    expect(activeOption(el)?.getAttribute('aria-selected')).to.equal('true');
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
    expect(el.shadowRoot!.querySelector('[role="status"]')?.textContent).to.equal('5 suggestions');
    await expect(el).to.be.accessible();
  });

  it('moves with Down and Up (wrapping), narrows as one types, and chooses with Enter without sending', async () => {
    const el = await composer();
    let sent = 0;
    el.addEventListener('compose', () => sent++);
    await type(el, '@');
    await press(el, 'ArrowDown');
    expect(activeOption(el)?.textContent).to.contain('Ben Ode');
    await press(el, 'ArrowUp');
    await press(el, 'ArrowUp');
    expect(activeOption(el)?.textContent).to.contain('Housekeeping');
    await type(el, 'car');
    expect(options(el).map((o) => o.querySelector('.label')?.textContent)).to.deep.equal(['@Carla Reyes']);
    await press(el, 'Enter');
    expect(sent).to.equal(0);
    expect(field(el).value).to.equal('@Carla Reyes ');
    expect(field(el).selectionStart).to.equal('@Carla Reyes '.length);
    expect(listbox(el), 'closed after choosing').to.equal(null);
    expect(field(el).hasAttribute('aria-activedescendant')).to.be.false;
  });

  it('chooses with Tab too, and a department entry inserts @Department', async () => {
    const el = await composer();
    await type(el, 'hi @house');
    expect(activeOption(el)?.textContent).to.contain('Everyone in Housekeeping');
    await press(el, 'Tab');
    expect(field(el).value).to.equal('hi @Housekeeping ');
    expect(el.shadowRoot!.activeElement).to.equal(field(el));
  });

  it('Escape closes only the picker: the draft, the reply and the window stay', async () => {
    const el = await composer();
    let escapedOut = 0;
    const outer = (event: KeyboardEvent) => {
      if (event.key === 'Escape') escapedOut++;
    };
    document.addEventListener('keydown', outer);
    let cancelled = 0;
    el.addEventListener('reply-cancel', () => cancelled++);
    try {
      await type(el, 'ask @be');
      await press(el, 'Escape');
    } finally {
      document.removeEventListener('keydown', outer);
    }
    expect(listbox(el)).to.equal(null);
    expect(field(el).value).to.equal('ask @be');
    expect(escapedOut + cancelled).to.equal(0);
    await type(el, 'n');
    expect(listbox(el), 'stays closed for that @').to.equal(null);
    await type(el, ' @');
    expect(listbox(el), 'a new @ opens it again').to.not.equal(null);
  });

  it('chooses with a click and keeps the field focused', async () => {
    const el = await composer();
    await type(el, '@');
    options(el)[1]!.click();
    await el.updateComplete;
    expect(field(el).value).to.equal('@Ben Ode ');
  });

  it('sends the ids of the chosen people and departments still in the text, and no others', async () => {
    const el = await composer();
    await type(el, '@ann');
    await press(el, 'Enter');
    await type(el, 'and @ben');
    await press(el, 'Enter');
    await type(el, 'and @front');
    await press(el, 'Enter');
    // Ben's name is taken out again; Carla's is typed by hand, never chosen.
    const text = field(el).value.replace('@Ben Ode ', '') + 'and @Carla Reyes';
    field(el).value = text;
    field(el).dispatchEvent(new Event('input'));
    await el.updateComplete;
    const composed = oneEvent<ComposeEvent>(el, 'compose');
    el.send();
    const event = await composed;
    expect(event.text).to.equal('@Anna Kovács and and @Front desk and @Carla Reyes');
    expect(event.mentioned).to.deep.equal({ mentions: ['anna'], departments: ['Front desk'] });
  });

  it('choosing again inside a name already there replaces it whole', () => {
    const [anna] = mentionCandidates(group, ME.id);
    const text = 'hi @Anna Kovács how are you';
    expect(insertMention(text, { start: 3, query: 'Anna Kov' }, 11, anna!)).to.deep.equal({
      text: 'hi @Anna Kovács how are you',
      caret: 16,
    });
    expect(insertMention('hi @an', { start: 3, query: 'an' }, 6, anna!)).to.deep.equal({ text: 'hi @Anna Kovács ', caret: 16 });
  });

  it('keeps the mentions of a word-bounded name only', () => {
    const anna = mentionCandidates(group, ME.id)[0]!;
    expect(mentionsInText('@Anna Kovácsová', [anna]).mentions).to.deep.equal([]);
    expect(mentionsInText('(@anna kovács)', [anna]).mentions).to.deep.equal(['anna']);
  });

  it('scrolls a long list to the highlighted entry, and only the list', async () => {
    const crowd = conversation(5, {
      is_group: true,
      participants: [ME, ...'abcdefghijkl'.split('').map((l) => staff(l, `${l.toUpperCase()}lex ${l}`, null))],
    });
    const el = await fixture<StaffChatComposer>(
      html`<staff-chat-composer .mentionables=${mentionCandidates(crowd, ME.id)}></staff-chat-composer>`,
    );
    el.focus();
    const pageScroll = document.scrollingElement!.scrollTop;
    await type(el, '@');
    await press(el, 'ArrowUp');
    const list = listbox(el)!;
    const active = activeOption(el)!;
    expect(active.textContent).to.contain('Llex l');
    expect(list.scrollTop).to.be.greaterThan(0);
    expect(active.offsetTop + active.offsetHeight).to.be.at.most(list.scrollTop + list.clientHeight + 1);
    expect(document.scrollingElement!.scrollTop).to.equal(pageScroll);
  });

  it('has no picker without anyone to mention', async () => {
    const el = await fixture<StaffChatComposer>(html`<staff-chat-composer conversation-id="4"></staff-chat-composer>`);
    el.focus();
    await type(el, '@');
    expect(listbox(el)).to.equal(null);
    expect(field(el).hasAttribute('aria-autocomplete')).to.be.false;
  });
});
