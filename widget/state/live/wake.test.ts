import { expect } from '@open-wc/testing';
import { watchWake } from './wake.js';

describe('watchWake', () => {
  let unwatch: (() => void) | undefined;
  afterEach(() => unwatch?.());

  it('wakes when the tab is shown again, not when it is hidden', () => {
    let visible = false;
    let wakes = 0;
    unwatch = watchWake(() => (wakes += 1), { isVisible: () => visible });
    document.dispatchEvent(new Event('visibilitychange'));
    expect(wakes).to.equal(0);
    visible = true;
    document.dispatchEvent(new Event('visibilitychange'));
    expect(wakes).to.equal(1);
  });

  it('wakes when the browser is back online', () => {
    let wakes = 0;
    unwatch = watchWake(() => (wakes += 1));
    window.dispatchEvent(new Event('online'));
    expect(wakes).to.equal(1);
  });

  it('wakes when a heartbeat comes much later than due (the machine slept)', async () => {
    let clock = 0;
    let ticks = 0;
    const woke = new Promise<void>((resolve) => {
      unwatch = watchWake(resolve, {
        heartbeatMs: 5,
        gapMs: 1_000,
        isVisible: () => true,
        // Two punctual ticks, then one that comes a minute late.
        now: () => {
          ticks += 1;
          clock += ticks === 4 ? 60_000 : 5;
          return clock;
        },
      });
    });
    await woke;
    expect(ticks).to.equal(4);
  });

  it('stops watching when asked', () => {
    let wakes = 0;
    watchWake(() => (wakes += 1))();
    window.dispatchEvent(new Event('online'));
    expect(wakes).to.equal(0);
  });
});
