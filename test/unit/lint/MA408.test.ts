import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFiles } from '../../../src/core/lint/engine';
import { MA408 } from '../../../src/core/lint/rules/annotations/MA408-udp-port-meshed';

/** Linkerd injects pods with UDP ports (pkg/inject/report.go: UDP is a warning, not in Injectable), and says so. */
describe('MA408 says what Linkerd does with UDP ports', () => {
  const bad = readFileSync(join(__dirname, '../../fixtures/lint/MA408/bad.yaml'), 'utf8');

  it('the finding says Linkerd still injects the pod, and does not claim linkerd inject refuses it', () => {
    const findings = lintFiles([{ uri: 'bad.yaml', text: bad }]).filter((f) => f.code === 'MA408');
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /Linkerd still injects the pod \('linkerd inject' only warns\)/);
    for (const text of [findings[0].message, MA408.summary, readFileSync(join(__dirname, '../../../docs/rules/MA408.md'), 'utf8')]) assert.doesNotMatch(text, /refuses/);
  });
});
