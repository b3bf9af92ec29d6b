import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { renderCrds } from '../../../src/core/controlplane/manifests/crds';
import { CRD_FIELD_ALLOWLIST, CRD_OBJECT_ALLOWLIST, SCHEMA_FIELD_ALLOWLIST } from './crdsAllowlist';
import { schemaFields } from './support/schemaFields';
import { differences, normalize } from './support/structuralDiff';

const REFERENCE = join(__dirname, '../../../../shared/reference/linkerd-2.20-manifests/install_crds.golden.yaml');

interface Crd {
  metadata: { name: string };
  spec: { versions: { name: string; schema?: { openAPIV3Schema: unknown } }[] };
}

const withoutSchemas = (c: Crd) => ({ ...c, spec: { ...c.spec, versions: c.spec.versions.map(({ schema: _s, ...v }) => v) } });

type Allowance = { object: RegExp; path: RegExp; reason: string };

/** Whether an allowlist entry explains the difference; entries that explain one are recorded in `used`. */
function explained(list: readonly Allowance[], used: Set<Allowance>, object: string, path: string): boolean {
  const entry = list.find((a) => a.object.test(object) && a.path.test(path));
  if (entry) used.add(entry);
  return !!entry;
}

function assertAllUsed(list: readonly Allowance[], used: Set<Allowance>): void {
  assert.deepEqual(list.filter((a) => !used.has(a)).map((a) => a.reason), [], 'allowlist entries that no longer match any difference must go');
}

/**
 * Our CRDs (generated from the schema catalogue) against `linkerd install --crds` 2.20: the same CRDs and
 * versions (served, storage, deprecation, subresources), and the same fields, types, required lists and
 * enums in every version's schema, except what the allowlists explain.
 */
describe('controlplane CRDs vs the linkerd 2.20 reference', () => {
  let ours: Map<string, Crd>;
  let reference: Map<string, Crd>;

  before(function () {
    if (!existsSync(REFERENCE)) {
      console.warn(`\n  SKIPPED: reference CRDs not found at ${REFERENCE}; the structural comparison did not run.\n`);
      this.skip();
    }
    const docs = parseAllDocuments(readFileSync(REFERENCE, 'utf8'));
    assert.ok(Array.isArray(docs));
    reference = new Map(docs.map((d) => d.toJS() as Crd).filter((c) => c?.metadata).map((c) => [c.metadata.name, c]));
    ours = new Map((renderCrds() as unknown as Crd[]).map((c) => [c.metadata.name, c]));
  });

  it('renders the same CRDs, apart from the allowlisted ones', () => {
    const unexpected = [
      ...[...ours.keys()].filter((k) => !reference.has(k)).map((k) => `extra: ${k}`),
      ...[...reference.keys()].filter((k) => !ours.has(k)).map((k) => `missing: ${k}`),
    ];
    assert.deepEqual(unexpected.sort(), CRD_OBJECT_ALLOWLIST.map((a) => a.entry).sort());
  });

  it('serves the same versions with the same flags, names and scope', () => {
    const unexplained: string[] = [];
    const used = new Set<Allowance>();
    for (const [name, ref] of reference) {
      const mine = ours.get(name);
      if (!mine) continue;
      for (const d of differences(normalize(withoutSchemas(mine)), normalize(withoutSchemas(ref)))) {
        if (!explained(CRD_FIELD_ALLOWLIST, used, name, d.path)) unexplained.push(`${name} ${d.path}: ours ${JSON.stringify(d.ours)} vs reference ${JSON.stringify(d.reference)}`);
      }
    }
    assert.deepEqual(unexplained, []);
    assertAllUsed(CRD_FIELD_ALLOWLIST, used);
  });

  it('accepts the same schema fields in every version', () => {
    const unexplained: string[] = [];
    const used = new Set<Allowance>();
    for (const [name, ref] of reference) {
      const mine = ours.get(name);
      if (!mine) continue;
      for (const version of ref.spec.versions) {
        const a = schemaFields(mine.spec.versions.find((v) => v.name === version.name)?.schema?.openAPIV3Schema);
        const b = schemaFields(version.schema?.openAPIV3Schema);
        for (const path of new Set([...a.keys(), ...b.keys()])) {
          if (a.get(path) !== b.get(path) && !explained(SCHEMA_FIELD_ALLOWLIST, used, `${name}/${version.name}`, path)) {
            unexplained.push(`${name}/${version.name} ${path}: ours ${a.get(path) ?? '-'} vs reference ${b.get(path) ?? '-'}`);
          }
        }
      }
    }
    assert.deepEqual(unexplained, []);
    assertAllUsed(SCHEMA_FIELD_ALLOWLIST, used);
  });
});
