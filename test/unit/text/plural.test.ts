import * as assert from 'node:assert/strict';
import { plural } from '../../../src/core/text/plural';

describe('plural', () => {
  it('says the singular for exactly one, the plural otherwise', () => {
    assert.equal(plural(1, 'pod'), '1 pod');
    assert.equal(plural(0, 'pod'), '0 pods');
    assert.equal(plural(3, 'object'), '3 objects');
  });

  it('forms regular English plurals and takes irregular ones', () => {
    assert.equal(plural(2, 'proxy'), '2 proxies');
    assert.equal(plural(2, 'day'), '2 days');
    assert.equal(plural(2, 'match'), '2 matches');
    assert.equal(plural(2, 'address'), '2 addresses');
    assert.equal(plural(2, 'child', 'children'), '2 children');
    assert.equal(plural(1, 'child', 'children'), '1 child');
  });
});
