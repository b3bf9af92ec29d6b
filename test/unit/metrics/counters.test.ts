import { strict as assert } from 'node:assert';
import { counterIncrease, perSecond } from '../../../src/core/metrics/counters';

describe('counterIncrease', () => {
  it('is the difference while the counter grows', () => {
    assert.equal(counterIncrease(5011, 5611), 600);
    assert.equal(counterIncrease(7, 7), 0);
  });

  it('takes a drop as a reset: the new value is all growth since', () => {
    assert.equal(counterIncrease(80000, 300), 300);
    assert.equal(counterIncrease(10, 0), 0);
  });

  it('counts a series first seen in the later scrape from zero', () => {
    assert.equal(counterIncrease(undefined, 6), 6);
  });
});

describe('perSecond', () => {
  it('divides by the interval, and is 0 for an empty one', () => {
    assert.equal(perSecond(660, 60), 11);
    assert.equal(perSecond(5, 0), 0);
  });
});
