import * as assert from 'node:assert/strict';
import { ChangeLog } from '../../../src/core/logging/changes';

describe('ChangeLog', () => {
  it('writes a subject’s line once until it changes, and subjects apart', () => {
    const lines: string[] = [];
    const log = new ChangeLog((l) => lines.push(l));
    for (let i = 0; i < 5; i++) log.note('traffic', 'reading from the proxies');
    log.note('traffic', 'Linkerd is not installed');
    log.note('traffic', 'Linkerd is not installed');
    log.note('other', 'Linkerd is not installed');
    log.note('traffic', 'reading from the proxies');
    assert.deepEqual(lines, ['reading from the proxies', 'Linkerd is not installed', 'Linkerd is not installed', 'reading from the proxies']);
    log.forget('traffic');
    log.note('traffic', 'reading from the proxies');
    assert.equal(lines.length, 5, 'a forgotten subject says its line again');
  });
});
