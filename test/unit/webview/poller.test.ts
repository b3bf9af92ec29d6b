import { strict as assert } from 'node:assert';
import { Poller } from '../../../src/editor/traffic/poller';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `done()` or 5 s: timers run late on a loaded machine, so tests wait for events, not for a time. */
async function until(done: () => boolean): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!done() && Date.now() < deadline) await sleep(5);
}

describe('traffic poller', () => {
  let poller: Poller | undefined;
  afterEach(() => poller?.dispose());

  it('never reads while the view is hidden, reads at once when shown, then every interval', async () => {
    let ticks = 0;
    poller = new Poller(async () => void ticks++, 20);
    await sleep(80);
    assert.equal(ticks, 0, 'hidden: no reads at all');
    poller.setVisible(true);
    assert.equal(ticks, 1, 'shown: one read at once');
    // Load only delays timers, so the time three more reads take is bounded below by three intervals.
    const shown = Date.now();
    await until(() => ticks >= 4);
    assert.ok(ticks >= 4, `reads go on while visible, got ${ticks}`);
    assert.ok(Date.now() - shown >= 3 * 20 - 3, `no faster than one read per interval: ${Date.now() - shown} ms for 3 reads`);
    poller.setVisible(false);
    const atHide = ticks;
    await sleep(80);
    assert.equal(ticks, atHide, 'hidden again: reads stop');
  });

  it('stops while paused, still reads on an explicit refresh, and resumes', async () => {
    let ticks = 0;
    poller = new Poller(async () => void ticks++, 20);
    poller.setVisible(true);
    poller.setPaused(true);
    const atPause = ticks;
    await sleep(80);
    assert.equal(ticks, atPause);
    poller.now();
    assert.equal(ticks, atPause + 1);
    await sleep(60);
    assert.equal(ticks, atPause + 1, 'a refresh while paused does not restart the schedule');
    poller.setPaused(false);
    await until(() => ticks > atPause + 2);
    assert.ok(ticks > atPause + 2, 'resumed: reads go on');
  });

  it('aborts a read in flight when the view is hidden, and never overlaps reads', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const signals: AbortSignal[] = [];
    poller = new Poller(async (signal) => {
      signals.push(signal);
      maxInFlight = Math.max(maxInFlight, ++inFlight);
      await sleep(50);
      inFlight--;
    }, 5);
    poller.setVisible(true);
    await sleep(120);
    assert.equal(maxInFlight, 1, 'the next read starts an interval after the last one finished');
    poller.setVisible(false);
    assert.equal(signals[signals.length - 1].aborted, true);
  });

  it('keeps polling after a failed read, so the panel recovers by itself', async () => {
    let ticks = 0;
    poller = new Poller(async () => {
      ticks++;
      throw new Error('API server down');
    }, 10);
    poller.setVisible(true);
    await until(() => ticks >= 3);
    assert.ok(ticks >= 3, `got ${ticks}`);
  });
});
