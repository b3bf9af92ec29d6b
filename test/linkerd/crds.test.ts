import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderCrds, renderGatewayApiCrds } from '../../src/core/controlplane/manifests/crds';
import { toYaml } from '../../src/core/controlplane/manifests/yaml';
import { CRD_ALLOWLIST } from './crdsAllowlist';
import { decodeYaml } from './support/linkerd';
import { GOLDENS, requirePrerequisites } from './support/reference';
import { differences, normalize } from './support/structuralDiff';

type Crd = Record<string, unknown> & { metadata: { name: string } };

/** Keys whose values are prose: compared for presence only, since we write our own words. */
const WORDING = new Set(['description', 'message', 'deprecationWarning']);

/** The CRD with every piece of prose replaced by a marker: the wording may differ, its presence may not. */
function withoutWording(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWording);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, WORDING.has(k) && typeof v === 'string' ? '(prose)' : withoutWording(v)]));
  }
  return value;
}

function compare(ours: readonly Crd[], golden: readonly Crd[]): string[] {
  const theirs = new Map(golden.map((c) => [c.metadata.name, c]));
  const out: string[] = [];
  for (const c of ours) {
    const t = theirs.get(c.metadata.name);
    if (!t) {
      out.push(`only ours: ${c.metadata.name}`);
      continue;
    }
    theirs.delete(c.metadata.name);
    for (const d of differences(normalize(withoutWording(c)), normalize(withoutWording(t)))) {
      if (!CRD_ALLOWLIST.some((a) => a.path.test(d.path) && a.expect(d.ours, d.reference))) {
        out.push(`${c.metadata.name} ${d.path}: ours ${JSON.stringify(d.ours)?.slice(0, 200)} vs Linkerd ${JSON.stringify(d.reference)?.slice(0, 200)}`);
      }
    }
  }
  for (const name of theirs.keys()) out.push(`only Linkerd's: ${name}`);
  return out;
}

function golden(name: string): Crd[] {
  return decodeYaml(readFileSync(join(GOLDENS!, name), 'utf8')) as Crd[];
}

/**
 * `render --crds` against `linkerd install --crds` 2.20, and with the Gateway API route CRDs against the
 * same with installGatewayAPI=true: every CRD, version, printer column and schema node (types, formats,
 * enums, patterns, bounds, defaults, required lists, list types and map keys, CEL rules), decoded as the API
 * server reads them. Only prose may be worded differently (it must be there where Linkerd has it).
 */
describe('CRDs vs linkerd install --crds 2.20', function () {
  before(function () {
    requirePrerequisites(this);
  });

  it('render --crds is install_crds.golden.yaml, apart from prose and the allowlist', () => {
    const ours = decodeYaml(toYaml(renderCrds())) as Crd[];
    assert.deepEqual(compare(ours, golden('install_crds.golden.yaml')), []);
  });

  it('render --crds --gateway-api is install_crds_with_gateway_api.golden.yaml, apart from prose and the allowlist', () => {
    const ours = decodeYaml(toYaml([...renderGatewayApiCrds(), ...renderCrds()])) as Crd[];
    assert.deepEqual(compare(ours, golden('install_crds_with_gateway_api.golden.yaml')), []);
  });

  it('needs every allowlist entry', () => {
    const ours = decodeYaml(toYaml([...renderGatewayApiCrds(), ...renderCrds()])) as Crd[];
    const theirs = new Map(golden('install_crds_with_gateway_api.golden.yaml').map((c) => [c.metadata.name, c]));
    const diffs = ours.flatMap((c) => differences(normalize(withoutWording(c)), normalize(withoutWording(theirs.get(c.metadata.name)))));
    assert.deepEqual(CRD_ALLOWLIST.filter((a) => !diffs.some((d) => a.path.test(d.path) && a.expect(d.ours, d.reference))).map((a) => a.reason), []);
  });
});
