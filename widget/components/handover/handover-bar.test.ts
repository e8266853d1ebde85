import { expect, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { ApiError } from '../../api/api-error.js';
import '../../testing/process-shim.js';
import '../define-lazy.js';
import { CHANNEL_ID, handoverFixture, handoverNote, item, type HandoverFixture } from '../../testing/handover-fakes.js';
import { sessionFixture } from '../../testing/session-provider.js';
import type { StaffChatHandoverBar } from './handover-bar.js';
import type { StaffChatHandoverChecklist } from './handover-checklist.js';

const CURRENT = `/conversations/${CHANNEL_ID}/handover/`;
const note = () =>
  handoverNote(40, 'Late shift: <b>wedding</b> block done', [
    item(401, 'Restock trolley 2'),
    item(402, 'Room 214 extra cot'),
    item(403, 'Lift 2 noise'),
  ]);

async function bar(fixture: HandoverFixture): Promise<StaffChatHandoverBar> {
  const el = await sessionFixture<StaffChatHandoverBar>(
    fixture.fake.session,
    html`<staff-chat-handover-bar conversation-id=${CHANNEL_ID}></staff-chat-handover-bar>`,
  );
  await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-handover-checklist, .note:not(:empty)'), 'the bar has loaded');
  return el;
}

/** The pinned note's checklist, once it shows `count` items. */
async function checklistOf(el: StaffChatHandoverBar, scope = '.body > staff-chat-handover-checklist'): Promise<StaffChatHandoverChecklist> {
  await waitUntil(() => el.shadowRoot!.querySelector(scope), `${scope} is rendered`);
  return el.shadowRoot!.querySelector<StaffChatHandoverChecklist>(scope)!;
}

const boxes = (checklist: StaffChatHandoverChecklist) => [
  ...checklist.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
];
const labels = (checklist: StaffChatHandoverChecklist) =>
  [...checklist.shadowRoot!.querySelectorAll('label')].map((label) => label.textContent);
const text = (root: Element) => root.shadowRoot!.textContent.replace(/\s+/g, ' ');

describe('<staff-chat-handover-bar>', () => {
  it('pins the current note: its summary as text, who wrote it, and its checklist as real checkboxes', async () => {
    const fixture = handoverFixture({ [`GET ${CURRENT}`]: { handover: note() } });
    const el = await bar(fixture);
    const section = el.shadowRoot!.querySelector('section')!;
    expect(section.getAttribute('aria-label')).to.equal('Current handover');
    const summary = el.shadowRoot!.querySelector('.summary')!;
    expect(summary.textContent, 'HTML in it stays text').to.equal('Late shift: <b>wedding</b> block done');
    expect(summary.querySelector('b')).to.equal(null);
    expect(text(el)).to.include('Carla Mendes').and.include('0 of 3 done');
    const checklist = await checklistOf(el);
    await waitUntil(() => boxes(checklist).every((box) => !box.disabled), 'the checkboxes act once the store is there');
    expect(labels(checklist)).to.deep.equal(['Restock trolley 2', 'Room 214 extra cot', 'Lift 2 noise']);
    expect(boxes(checklist).map((box) => box.checked)).to.deep.equal([false, false, false]);
    // Each checkbox is named by its item's text.
    expect(boxes(checklist)[1]!.labels![0]!.textContent).to.equal('Room 214 extra cot');
  });

  it('is accessible, with and without a note', async () => {
    await expect(await bar(handoverFixture({ [`GET ${CURRENT}`]: { handover: note() } }))).to.be.accessible();
    const empty = await bar(handoverFixture({ [`GET ${CURRENT}`]: { handover: null } }));
    expect(text(empty)).to.include('No handover note yet.');
    await expect(empty).to.be.accessible();
  });

  it('ticks an item by keyboard: shown at once, then with who and when from the server', async () => {
    const fixture = handoverFixture({
      [`GET ${CURRENT}`]: { handover: note() },
      'PATCH /messages/40/handover/items/402/': (body: unknown) => ({
        conversation_id: CHANNEL_ID,
        message_id: 40,
        item: {
          ...item(402, 'Room 214 extra cot', { by: 'Mia Manager', at: new Date().toISOString() }),
          checked: (body as { checked: boolean }).checked,
        },
      }),
    });
    const el = await bar(fixture);
    const checklist = await checklistOf(el);
    await waitUntil(() => !boxes(checklist)[1]!.disabled);
    boxes(checklist)[1]!.focus();
    await sendKeys({ press: 'Space' });
    expect((await fixture.called('PATCH /messages/40/handover/items/402/')).body).to.deep.equal({ checked: true });
    await waitUntil(() => text(checklist).includes('Ticked by Mia Manager'), 'who ticked it');
    expect(boxes(checklist).map((box) => box.checked)).to.deep.equal([false, true, false]);
    expect(text(checklist)).to.include('1 of 3 done');
    // The description of the checkbox says who ticked it.
    const by = checklist.shadowRoot!.getElementById(boxes(checklist)[1]!.getAttribute('aria-describedby')!);
    expect(by?.textContent).to.include('Mia Manager');
  });

  it('puts an item back when the server refuses the tick, and says why', async () => {
    const fixture = handoverFixture({
      [`GET ${CURRENT}`]: { handover: note() },
      'PATCH /messages/40/handover/items/401/': new ApiError(409, 'message_deleted', 'A deleted handover note cannot be ticked.'),
    });
    const el = await bar(fixture);
    const checklist = await checklistOf(el);
    await waitUntil(() => !boxes(checklist)[0]!.disabled);
    boxes(checklist)[0]!.click();
    await fixture.called('PATCH /messages/40/handover/items/401/');
    await waitUntil(() => fixture.fake.errorInfo.get() !== null, 'the failure is reported');
    await checklist.updateComplete;
    expect(boxes(checklist)[0]!.checked).to.be.false;
  });

  it('shows a colleague’s tick and untick live (handover_item_changed), with who and when', async () => {
    const fixture = handoverFixture({ [`GET ${CURRENT}`]: { handover: note() } });
    const el = await bar(fixture);
    const checklist = await checklistOf(el);
    fixture.push('handover_item_changed', {
      conversation_id: CHANNEL_ID,
      message_id: 40,
      item: item(403, 'Lift 2 noise', { by: 'Dev Patel', at: new Date().toISOString() }),
    });
    await waitUntil(() => boxes(checklist)[2]!.checked, 'ticked live');
    expect(text(checklist)).to.include('Ticked by Dev Patel');
    expect(text(el)).to.include('1 of 3 done');
    fixture.push('handover_item_changed', { conversation_id: CHANNEL_ID, message_id: 40, item: item(403, 'Lift 2 noise') });
    await waitUntil(() => !boxes(checklist)[2]!.checked, 'unticked live');
    expect(text(checklist)).not.to.include('Ticked by');
    // A tick of another note's item changes nothing here.
    fixture.push('handover_item_changed', {
      conversation_id: CHANNEL_ID,
      message_id: 39,
      item: item(401, 'Restock trolley 2', { by: 'Dev Patel', at: new Date().toISOString() }),
    });
    fixture.push('handover_item_changed', {
      conversation_id: CHANNEL_ID,
      message_id: 40,
      item: item(401, 'Restock trolley 2', { by: 'Dev Patel', at: new Date().toISOString() }),
    });
    await waitUntil(() => boxes(checklist)[0]!.checked);
    expect(boxes(checklist).map((box) => box.checked)).to.deep.equal([true, false, false]);
  });

  it('shows the viewer’s own edit of the pinned summary, as the message list has it', async () => {
    const fixture = handoverFixture({ [`GET ${CURRENT}`]: { handover: note() } });
    const el = await bar(fixture);
    await checklistOf(el);
    fixture.fake.view(CHANNEL_ID).set({
      messages: [{ ...note(), message: 'Late shift (corrected)', is_edited: true, status: 'sent' }],
      loading: false,
      hasMore: false,
      error: null,
      loaded: true,
    });
    await waitUntil(() => el.shadowRoot!.querySelector('.summary')?.textContent === 'Late shift (corrected)', 'the edit shows');
  });

  it('replaces the pinned note when the next shift’s note arrives', async () => {
    const fixture = handoverFixture({ [`GET ${CURRENT}`]: { handover: note() } });
    const el = await bar(fixture);
    await checklistOf(el);
    fixture.push('message_created', handoverNote(55, 'Night shift: all quiet', [item(551, 'Check the minibar in 118')]));
    await waitUntil(() => el.shadowRoot!.querySelector('.summary')?.textContent === 'Night shift: all quiet', 'the new note is pinned');
    expect(labels(await checklistOf(el))).to.deep.equal(['Check the minibar in 118']);
    // An ordinary message does not.
    fixture.push('message_created', handoverNote(56, 'just a message', [], { kind: 'text', handover: null }));
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.summary')!.textContent).to.equal('Night shift: all quiet');
  });

  it('lists past handovers on demand, page by page, without the pinned one', async () => {
    const older = handoverNote(20, 'Morning shift', [
      item(201, 'Lost and found to the desk', { by: 'Dev Patel', at: new Date().toISOString() }),
    ]);
    const oldest = handoverNote(10, 'Night before', [item(101, 'Fix the lobby clock')]);
    const fixture = handoverFixture({
      [`GET ${CURRENT}`]: { handover: note() },
      [`GET /conversations/${CHANNEL_ID}/handovers/?limit=10`]: { results: [note(), older], count: 2, has_more: true },
      [`GET /conversations/${CHANNEL_ID}/handovers/?limit=10&before_id=20`]: { results: [oldest], count: 1, has_more: false },
    });
    const el = await bar(fixture);
    const toggle = el.shadowRoot!.querySelector<HTMLButtonElement>('button.past-toggle')!;
    expect(toggle.textContent.trim()).to.equal('Past handovers');
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.past li').length === 1, 'the first page');
    expect(toggle.getAttribute('aria-expanded')).to.equal('true');
    const past = el.shadowRoot!.querySelector('.past ol')!;
    expect(past.getAttribute('aria-label')).to.equal('Past handovers');
    expect(past.textContent).to.include('Morning shift').and.not.include('Late shift');
    const pastChecklist = await checklistOf(el, '.past li staff-chat-handover-checklist');
    expect(text(pastChecklist)).to.include('Ticked by Dev Patel');

    el.shadowRoot!.querySelector<HTMLButtonElement>('button.older')!.click();
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.past li').length === 2, 'the older page');
    expect(el.shadowRoot!.querySelector('.past')!.textContent).to.include('Night before');
    expect(el.shadowRoot!.querySelector('button.older'), 'nothing older').to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('says so when there are no past handovers', async () => {
    const fixture = handoverFixture({
      [`GET ${CURRENT}`]: { handover: note() },
      [`GET /conversations/${CHANNEL_ID}/handovers/?limit=10`]: { results: [note()], count: 1, has_more: false },
    });
    const el = await bar(fixture);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.past-toggle')!.click();
    await waitUntil(() => text(el).includes('No earlier handovers.'));
  });

  it('sends a new note from its form as a handover message, then pins it', async () => {
    const stored = handoverNote(60, 'Day shift', [item(601, 'Rooms 301 to 310'), item(602, 'Towels to the spa')], { sender_id: 'me' });
    const fixture = handoverFixture({
      [`GET ${CURRENT}`]: { handover: note() },
      [`POST /conversations/${CHANNEL_ID}/send-message/`]: stored,
    });
    const storedIds: number[] = [];
    fixture.router.on('stored', ({ messages }) => storedIds.push(...messages.map((m) => m.id)));
    const el = await bar(fixture);
    const open = el.shadowRoot!.querySelector<HTMLButtonElement>('button.new')!;
    expect(open.textContent).to.include('Handover note');
    open.click();
    await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-handover-composer'));
    const form = el.shadowRoot!.querySelector('staff-chat-handover-composer')!;
    await form.updateComplete;
    await sendKeys({ type: 'Day shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'Rooms 301 to 310' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ type: 'Towels to the spa' });
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.send')!.click();

    const sent = await fixture.called(`POST /conversations/${CHANNEL_ID}/send-message/`);
    expect(sent.body).to.include({ message: 'Day shift' });
    expect((sent.body as { handover_items: string[] }).handover_items).to.deep.equal(['Rooms 301 to 310', 'Towels to the spa']);
    expect((sent.body as { client_id: string }).client_id, 'a client_id, so a retry cannot store it twice').to.be.a('string');
    await waitUntil(() => !el.shadowRoot!.querySelector('staff-chat-handover-composer'), 'the form closes');
    await waitUntil(() => el.shadowRoot!.querySelector('.summary')?.textContent === 'Day shift', 'the new note is pinned');
    // And it goes where any stored message goes (history.ts puts it in the conversation's list).
    expect(storedIds).to.deep.equal([60]);
    expect(el.shadowRoot!.activeElement, 'the focus is back on the button').to.equal(open);
  });

  it('keeps the form as typed, with the server’s reason, when sending fails', async () => {
    const fixture = handoverFixture({
      [`GET ${CURRENT}`]: { handover: null },
      [`POST /conversations/${CHANNEL_ID}/send-message/`]: new ApiError(
        409,
        'not_a_department_channel',
        'Handover notes can only be sent in a department channel.',
      ),
    });
    const el = await bar(fixture);
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.new')!.click();
    await waitUntil(() => el.shadowRoot!.querySelector('staff-chat-handover-composer'));
    const form = el.shadowRoot!.querySelector('staff-chat-handover-composer')!;
    await form.updateComplete;
    await sendKeys({ type: 'Day shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: 'One thing' });
    form.shadowRoot!.querySelector<HTMLButtonElement>('button.send')!.click();
    await waitUntil(
      () => form.shadowRoot!.querySelector('.problem')?.textContent?.includes('only be sent in a department channel'),
      'the reason shows',
    );
    expect(form.shadowRoot!.querySelector('textarea')!.value).to.equal('Day shift');
    expect(el.shadowRoot!.querySelector('staff-chat-handover-composer')).to.equal(form);
  });
});
