import * as assert from 'node:assert/strict';
import { wrapText } from '../../../src/core/text/wrap';

describe('wrapText', () => {
  it('breaks at spaces, every line within the width, nothing lost', () => {
    const text = '4 meshed pods run another proxy version than the control plane (edge-26.6.3): emojivoto/web-1 (edge-26.8.3).';
    const lines = wrapText(text, 30);
    assert.ok(lines.every((l) => l.length <= 30), lines.join('|'));
    assert.equal(lines.join(' '), text);
    assert.deepEqual(lines.slice(0, 2), ['4 meshed pods run another', 'proxy version than the control']);
  });

  it('breaks a word longer than the width after a slash, comma or hyphen, without adding spaces into it', () => {
    const lines = wrapText('pods: emojivoto/web-7d9f8c6b5d-abcde,emojivoto/voting-5f6d7c8b9a-fghij', 24);
    assert.ok(lines.every((l) => l.length <= 24), lines.join('|'));
    assert.equal(lines.join(''), 'pods: emojivoto/web-7d9f8c6b5d-abcde,emojivoto/voting-5f6d7c8b9a-fghij');
    assert.equal(lines[0], 'pods: emojivoto/web-');
  });

  it('cuts a word with no break point at the width; empty text gives no line', () => {
    assert.deepEqual(wrapText('x'.repeat(25), 10), ['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
    assert.deepEqual(wrapText('   ', 10), []);
  });
});
