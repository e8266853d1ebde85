import { expect } from '@open-wc/testing';
import { HeightCache } from './height-cache.js';
import { rowAt, rowOffsets, visibleWindow } from './virtual-window.js';

describe('virtual window arithmetic', () => {
  it('stacks rows: each offset is the sum of the heights above it, the last is the total', () => {
    const offsets = rowOffsets(4, (i) => [10, 20, 30, 40][i]!);
    expect([...offsets]).to.deep.equal([0, 10, 30, 60, 100]);
    expect([...rowOffsets(0, () => 10)]).to.deep.equal([0]);
  });

  it('finds the row under an offset, clamped to the first and last row', () => {
    const offsets = rowOffsets(4, (i) => [10, 20, 30, 40][i]!);
    expect([-5, 0, 9.9, 10, 29, 30, 99, 100, 500].map((y) => rowAt(offsets, y))).to.deep.equal([0, 0, 0, 1, 1, 2, 3, 3, 3]);
    expect(
      rowAt(
        rowOffsets(0, () => 10),
        0,
      ),
    ).to.equal(-1);
  });

  it('renders the rows in view plus the overscan, with spacers for the rest', () => {
    const offsets = rowOffsets(100, () => 10); // 1000 px
    expect(visibleWindow(offsets, 500, 100, 50, 1000)).to.deep.equal({ start: 45, end: 66, before: 450, after: 340 });
    expect(visibleWindow(offsets, 0, 100, 50, 1000)).to.deep.equal({ start: 0, end: 16, before: 0, after: 840 });
    expect(visibleWindow(offsets, 900, 100, 50, 1000)).to.deep.equal({ start: 85, end: 100, before: 850, after: 0 });
  });

  it('never renders more than maxRows: the rows in view first, the rest shared by both sides', () => {
    const offsets = rowOffsets(10_000, () => 2);
    const shared = visibleWindow(offsets, 10_000, 100, 400, 120); // 50 rows in view, 400 rows of overscan each side
    expect(shared.end - shared.start).to.equal(120);
    expect(shared.start).to.equal(5000 - 35);
    const tooMany = visibleWindow(offsets, 10_000, 1000, 0, 120); // 500 rows in view
    expect(tooMany).to.include({ start: 5000, end: 5120 });
    const atTop = visibleWindow(offsets, 0, 100, 400, 120); // no room above: the spare goes below
    expect(atTop).to.include({ start: 0, end: 120 });
  });

  it('handles an empty list', () => {
    expect(
      visibleWindow(
        rowOffsets(0, () => 10),
        0,
        100,
        50,
        100,
      ),
    ).to.deep.equal({ start: 0, end: 0, before: 0, after: 0 });
  });
});

describe('HeightCache', () => {
  it('estimates unmeasured rows with the fallback, then with the mean of measured ones', () => {
    const heights = new HeightCache(56);
    expect(heights.heightOf('a')).to.equal(56);
    heights.set('a', 40);
    heights.set('b', 80);
    expect(heights.heightOf('a')).to.equal(40);
    expect(heights.heightOf('z')).to.equal(60);
    heights.set('a', 100);
    expect(heights.estimate).to.equal(90);
    expect(heights.has('a')).to.equal(true);
    expect(heights.has('z')).to.equal(false);
  });

  it('changes its version only when a height really changes', () => {
    const heights = new HeightCache(56);
    const v0 = heights.version;
    expect(heights.set('a', 40)).to.equal(true);
    expect(heights.set('a', 40.3)).to.equal(false);
    expect(heights.version).to.equal(v0 + 1);
    heights.clear();
    expect(heights.version).to.equal(v0 + 2);
    expect(heights.heightOf('a')).to.equal(56);
  });
});
