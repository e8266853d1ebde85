import { expect, waitUntil } from '@open-wc/testing';
import '../../testing/process-shim.js';
import { CHANNEL_ID, handoverFixture, handoverNote, item } from '../../testing/handover-fakes.js';

const CURRENT = `GET /conversations/${CHANNEL_ID}/handover/`;
const state = (fixture: ReturnType<typeof handoverFixture>) => fixture.handovers.$handovers.get()[CHANNEL_ID];

describe('handover notes (state/handover/handovers.ts)', () => {
  it('pins the note before when the current one is deleted', async () => {
    const older = handoverNote(30, 'Early shift', [item(301, 'a')]);
    const current = handoverNote(40, 'Late shift', [item(401, 'b')]);
    const fixture = handoverFixture({ [CURRENT]: { handover: current } });
    await fixture.handovers.open(CHANNEL_ID);
    expect(state(fixture)?.current?.id).to.equal(40);
    fixture.answers[CURRENT] = { handover: older };
    const asked = fixture.calls.length;
    fixture.push('message_deleted', { ...current, is_deleted: true, message: '', handover: null });
    await fixture.called(CURRENT, asked);
    await waitUntil(() => state(fixture)?.current?.id === 30, 'the one before is pinned');
  });

  it('keeps the newer note when an older one arrives late, and lists a new one first in a loaded history', async () => {
    const current = handoverNote(40, 'Late shift', [item(401, 'b')]);
    const fixture = handoverFixture({
      [CURRENT]: { handover: current },
      [`GET /conversations/${CHANNEL_ID}/handovers/?limit=10`]: { results: [current], count: 1, has_more: false },
    });
    await fixture.handovers.open(CHANNEL_ID);
    await fixture.handovers.loadHistory(CHANNEL_ID);
    fixture.push('message_created', handoverNote(35, 'Replayed older note', [item(351, 'c')]));
    expect(state(fixture)?.current?.id).to.equal(40);
    fixture.push('message_created', handoverNote(50, 'Night shift', [item(501, 'd')]));
    expect(state(fixture)?.current?.id).to.equal(50);
    expect(state(fixture)?.history?.map((m) => m.id)).to.deep.equal([50, 40]);
  });

  it('ignores notes of channels it was never asked about, and a tick that changes nothing asks nobody', async () => {
    const current = handoverNote(40, 'Late shift', [item(401, 'b', { by: 'Dev Patel', at: new Date().toISOString() })]);
    const fixture = handoverFixture({ [CURRENT]: { handover: current } });
    fixture.push('message_created', handoverNote(41, 'elsewhere', [item(411, 'x')], { conversation_id: 99 }));
    expect(fixture.handovers.$handovers.get()).to.deep.equal({});
    await fixture.handovers.open(CHANNEL_ID);
    await fixture.handovers.setItem(CHANNEL_ID, 40, 401, true);
    await fixture.handovers.setItem(CHANNEL_ID, 40, 999, true);
    expect(fixture.calls.filter((call) => call.method === 'PATCH')).to.deep.equal([]);
  });

  it('follows a colleague’s edit of the pinned note', async () => {
    const current = handoverNote(40, 'Late shift', [item(401, 'b')]);
    const fixture = handoverFixture({ [CURRENT]: { handover: current } });
    await fixture.handovers.open(CHANNEL_ID);
    fixture.push('message_edited', { ...current, message: 'Late shift (corrected)', is_edited: true });
    expect(state(fixture)?.current?.message).to.equal('Late shift (corrected)');
  });

  it('says why the pinned note could not be loaded', async () => {
    const fixture = handoverFixture({});
    await fixture.handovers.open(CHANNEL_ID);
    expect(state(fixture)).to.include({ loaded: true, current: null });
    expect(state(fixture)?.error).to.be.a('string').and.not.equal('');
  });
});
