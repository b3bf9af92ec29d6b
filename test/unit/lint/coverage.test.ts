import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CEL_CHECKS } from '../../../src/core/lint/cel';
import { RULES } from '../../../src/core/lint/registry';
import { findKind, findVersion } from '../../../src/core/schema/catalog';
import { schemaToOpenAPI } from '../../../src/core/schema/openapi';
import type { Schema } from '../../../src/core/schema/types';
import { referenceCrds, schemaNodes } from './reference';
import { SP_VALIDATOR_CHECKS, WEBHOOK_CHECKS } from './webhookInventory';

/** Schema keywords the lint's validator enforces (schema/validate.ts); `format` only for int32. */
const ENFORCED = ['type', 'required', 'enum', 'pattern', 'minLength', 'maxLength', 'minimum', 'maximum', 'minItems', 'maxItems', 'oneOf', 'x-kubernetes-int-or-string', 'x-kubernetes-preserve-unknown-fields', 'x-kubernetes-list-type', 'x-kubernetes-list-map-keys', 'default'];

/** Reference constraints the lint does not hold, each with the reason. */
const NOT_HELD: { key: RegExp; reason: string }[] = [
  { key: /^ServiceProfile\.linkerd\.io \.spec\.dstOverrides required$/, reason: 'Listed on the array, where the API server ignores `required`: the lint requires nothing there either.' },
  { key: / format=(duration|int64|float)$/, reason: 'Formats other than int32 are not checked (timeouts are parsed by MA218 as the webhook does).' },
];

const README = readFileSync(join(__dirname, '../../../README.md'), 'utf8');

function schemaAt(schema: Schema | undefined, path: string): Schema | undefined {
  let s = schema;
  for (const step of path.split(/(?=\.)|(?=\[\])/).filter(Boolean)) s = step === '[]' ? s?.items : s?.properties?.[step.slice(1)];
  return s;
}

const canonical = (v: unknown): string => JSON.stringify(Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : v);

describe('coverage of what Linkerd 2.20 and the API server refuse, as the README states it', () => {
  it('CRD schema constraints: every one the reference CRDs declare is held by the schema catalogue, or explained', function () {
    const crds = referenceCrds();
    if (!crds) return this.skip();
    const all = new Map<string, boolean>();
    for (const { kind, group, version, path, node } of schemaNodes(crds)) {
      if (path.startsWith('.status')) continue;
      const def = findKind(group, kind);
      const ours = def && findVersion(def, version) ? schemaAt(schemaToOpenAPI(group, kind, version), path) : undefined;
      for (const key of Object.keys(node)) {
        if (key === 'properties' || key === 'items' || key === 'description' || key === 'x-kubernetes-validations' || key === 'anyOf') continue;
        const value = (node as Record<string, unknown>)[key];
        const name = `${kind}.${group} ${path} ${key === 'format' ? `format=${String(value)}` : key}`;
        const held = (ENFORCED.includes(key) || (key === 'format' && value === 'int32')) && ours !== undefined && canonical((ours as Record<string, unknown>)[key]) === canonical(value);
        all.set(name, (all.get(name) ?? true) && held);
      }
    }
    const missing = [...all].filter(([, held]) => !held).map(([k]) => k);
    assert.deepEqual(missing.filter((k) => !NOT_HELD.some((n) => n.key.test(k))), []);
    const held = all.size - missing.length;
    assert.ok(README.includes(`${held} of ${all.size} CRD schema constraints`), `README should say ${held} of ${all.size} CRD schema constraints`);
  });

  it('Gateway API CEL rules: all of them', () => {
    const places = CEL_CHECKS.reduce((n, c) => n + Object.values(c.at).reduce((m, p) => m + p.length, 0), 0);
    assert.ok(README.includes(`all ${CEL_CHECKS.length} CEL validation rules`), `README should say all ${CEL_CHECKS.length} CEL validation rules`);
    assert.ok(README.includes(`at all ${places} places`), `README should say at all ${places} places`);
  });

  it("the policy webhook's and the ServiceProfile validator's checks: each mapped to a rule that exists", () => {
    const codes = new Set(RULES.map((r) => r.code));
    for (const check of [...WEBHOOK_CHECKS, ...SP_VALIDATOR_CHECKS]) for (const c of check.codes) assert.ok(codes.has(c), `${check.what}: ${c}`);
    const covered = (list: readonly { codes: readonly string[] }[]) => list.filter((c) => c.codes.length).length;
    assert.ok(README.includes(`${covered(WEBHOOK_CHECKS)} of the ${WEBHOOK_CHECKS.length} checks of Linkerd's policy webhook`), `README should say ${covered(WEBHOOK_CHECKS)} of the ${WEBHOOK_CHECKS.length} checks of Linkerd's policy webhook`);
    assert.ok(README.includes(`${covered(SP_VALIDATOR_CHECKS)} of the ${SP_VALIDATOR_CHECKS.length} checks of its ServiceProfile validator`), `README should say ${covered(SP_VALIDATOR_CHECKS)} of the ${SP_VALIDATOR_CHECKS.length} checks of its ServiceProfile validator`);
  });
});
