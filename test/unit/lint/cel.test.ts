import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CEL_CHECKS } from '../../../src/core/lint/cel';
import { expectations, FIXTURES, lintText, located } from './fixtureSupport';
import { referenceCrds, schemaNodes } from './reference';

const CASES = join(FIXTURES, 'MA110');

describe('Gateway API CRD validation rules (MA110)', () => {
  it('each rule has one check with a unique id, and each check a folder of cases', () => {
    const ids = CEL_CHECKS.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
    const folders = readdirSync(CASES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
    assert.deepEqual([...folders].sort(), [...ids].sort());
  });

  for (const check of CEL_CHECKS) {
    describe(check.id, () => {
      it('bad.yaml: exactly the marked findings, this rule on each marked line', () => {
        const text = readFileSync(join(CASES, check.id, 'bad.yaml'), 'utf8');
        const findings = lintText(text);
        assert.deepEqual(located(findings), expectations(text));
        const lines = new Set(findings.filter((f) => f.code === 'MA110').map((f) => f.range.start.line));
        assert.ok(lines.size > 0);
        for (const line of lines) {
          assert.ok(findings.some((f) => f.range.start.line === line && f.message.endsWith(`rule ${check.id}).`)), `line ${line + 1} is not reported by ${check.id}`);
        }
      });

      it('good.yaml: nothing', () => {
        assert.deepEqual(located(lintText(readFileSync(join(CASES, check.id, 'good.yaml'), 'utf8'))), []);
      });
    });
  }

  it("implements every CEL rule of the Gateway API CRDs Linkerd 2.20 bundles, at every place it sits", function () {
    const crds = referenceCrds();
    if (!crds) return this.skip();
    // Distinct rules per kind and schema path; the versions of a kind carry the same ones.
    const reference = new Map<string, Set<string>>();
    for (const { kind, group, path, node } of schemaNodes(crds)) {
      if (group !== 'gateway.networking.k8s.io' || path.startsWith('.status')) continue;
      for (const v of node['x-kubernetes-validations'] ?? []) {
        const key = `${kind} ${path}`;
        reference.set(key, (reference.get(key) ?? new Set()).add(v.rule.replace(/\s+/g, ' ')));
      }
    }
    const ours = new Map<string, number>();
    for (const c of CEL_CHECKS) for (const [kind, paths] of Object.entries(c.at)) for (const p of paths) ours.set(`${kind} ${p}`, (ours.get(`${kind} ${p}`) ?? 0) + 1);
    const counts = (m: Map<string, number>) => [...m].sort().map(([k, n]) => `${k}: ${n}`);
    assert.deepEqual(counts(ours), counts(new Map([...reference].map(([k, rules]) => [k, rules.size]))));
    const distinct = new Set([...reference.values()].flatMap((rules) => [...rules]));
    assert.equal(distinct.size, CEL_CHECKS.length, 'one check per distinct rule');
  });
});
