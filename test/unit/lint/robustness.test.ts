import assert from 'node:assert/strict';
import fc from 'fast-check';
import { lintFiles } from '../../../src/core/lint/engine';
import { fixtureCodes, readFixture } from './fixtureSupport';

/** Every fixture text, good and bad: realistic manifests to mutate. */
const corpus = fixtureCodes().flatMap((c) => [readFixture(c, 'bad'), readFixture(c, 'good')]);

/** Line-level edits that produce the broken and half-written YAML an editor sees while typing. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom('  - ', ': :', '{', '"', '*a', '&a x', '---', '  port: []', 'spec: null', '    - name: 1', '\t') }),
);

function mutate(text: string, edits: { kind: string; at: number; text?: string }[]): string {
  let lines = text.split('\n');
  for (const e of edits) {
    const i = lines.length ? e.at % lines.length : 0;
    if (e.kind === 'delete') lines.splice(i, 1);
    else if (e.kind === 'duplicate') lines.splice(i, 0, lines[i] ?? '');
    else if (e.kind === 'truncate') lines[i] = (lines[i] ?? '').slice(0, e.at % 7);
    else lines.splice(i, 0, e.text ?? '');
  }
  lines = lines.slice(0, 400);
  return lines.join('\n');
}

describe('lint robustness', () => {
  it('never throws and never fails internally on mutated manifests', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 6 }), (text, edits) => {
        const logged: string[] = [];
        const findings = lintFiles([{ uri: 'm.yaml', text: mutate(text, edits) }, { uri: 'other.yaml', text }], { log: (m) => logged.push(m) });
        assert.deepEqual(logged, []);
        assert.equal(findings.filter((f) => f.code === 'MA002').length, 0);
        for (const f of findings) assert.ok(f.start <= f.end && f.range.start.line <= f.range.end.line, `${f.code} has an inverted range`);
      }),
      { numRuns: 300 },
    );
  });
});
