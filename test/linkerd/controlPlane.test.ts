import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUNDLED } from '../../src/core/controlplane/catalog';
import { CONFIG_OVERRIDES_SECRET } from '../../src/core/controlplane/manifests/overrides';
import { HANDOVER_ALLOWLIST, INSTALL_ALLOWLIST, type Allowance } from './controlPlaneAllowlist';
import { decodeYaml, renderChart } from './support/linkerd';
import { objectKey, renderOurs, withDecodedValues, type Decoded, type OurControlPlane } from './support/ours';
import { CHARTS, GOLDENS, requirePrerequisites } from './support/reference';
import { differences, normalize } from './support/structuralDiff';

const VARIANTS = {
  'a default install': {},
  'a docker-runtime cluster whose API server listens on 8443': { proxyInitRunAsRoot: true, kubeApiServerPorts: '443,8443' },
};

const brief = (v: unknown) => (JSON.stringify(v) ?? 'absent').slice(0, 160);

/** Compares objects by kind and name, and returns the unexplained differences (and the allowances used). */
function compare(ours: readonly Decoded[], linkerd: readonly Decoded[], allowlist: readonly Allowance[], used: Set<Allowance>): string[] {
  const theirs = new Map(linkerd.map((o) => [objectKey(o), withDecodedValues(o)]));
  const out: string[] = [];
  for (const o of ours) {
    const k = objectKey(o);
    const t = theirs.get(k);
    if (!t) {
      out.push(`only ours: ${k}`);
      continue;
    }
    theirs.delete(k);
    for (const d of differences(normalize(withDecodedValues(o)), normalize(t))) {
      const a = allowlist.find((x) => x.object.test(k) && x.path.test(d.path) && x.expect(d.ours, d.reference));
      if (a) used.add(a);
      else out.push(`${k} ${d.path}: ours ${brief(d.ours)} vs Linkerd ${brief(d.reference)}`);
    }
  }
  for (const k of theirs.keys()) out.push(`only Linkerd's: ${k}`);
  return out;
}

function decodedOverrides(ours: OurControlPlane): Record<string, unknown> {
  const secret = ours.decoded.find((o) => objectKey(o) === `Secret/${CONFIG_OVERRIDES_SECRET}`)!;
  return decodeYaml(Buffer.from(secret.data![CONFIG_OVERRIDES_SECRET], 'base64').toString('utf8'))[0] as Record<string, unknown>;
}

type Tree = Record<string, unknown>;
const isTree = (v: unknown): v is Tree => !!v && typeof v === 'object' && !Array.isArray(v);

function mergeTrees(a: Tree, b: Tree): Tree {
  const out: Tree = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isTree(v) && isTree(out[k]) ? mergeTrees(out[k] as Tree, v) : v;
  return out;
}

/** `base` with every leaf that `paths` sets replaced by its value in `from` (removed where `from` lacks it). */
function resetLeaves(base: Tree, paths: Tree, from: Tree | undefined): Tree {
  const out: Tree = { ...base };
  for (const [k, v] of Object.entries(paths)) {
    const source = from?.[k];
    if (isTree(v) && isTree(out[k])) out[k] = resetLeaves(out[k] as Tree, v, isTree(source) ? source : undefined);
    else if (source === undefined) delete out[k];
    else out[k] = source;
  }
  return out;
}

/**
 * The values a linkerd 2.20 CLI starts an upgrade from (l5dcharts.NewValues): its golden install recorded
 * NewValues plus the fixture's own overrides (listed in that golden's linkerd-config-overrides), so undoing
 * those overrides with the charts' defaults gives NewValues; the version placeholders become the release,
 * and the key fields linkerd-config leaves out are the struct's empty strings.
 */
function linkerdCliDefaults(): Tree {
  const golden = decodeYaml(readFileSync(join(GOLDENS!, 'install_default.golden.yaml'), 'utf8')) as Decoded[];
  const recorded = decodeYaml(golden.find((o) => objectKey(o) === 'ConfigMap/linkerd-config')!.data!.values)[0] as Tree;
  const fixture = decodeYaml(Buffer.from(golden.find((o) => objectKey(o) === `Secret/${CONFIG_OVERRIDES_SECRET}`)!.data![CONFIG_OVERRIDES_SECRET], 'base64').toString())[0] as Tree;
  const chartDefaults = ['linkerd-crds', 'linkerd-control-plane'].map((c) => decodeYaml(readFileSync(join(CHARTS!, c, 'values.yaml'), 'utf8'))[0] as Tree).reduce(mergeTrees);
  const defaults = resetLeaves(recorded, fixture, chartDefaults);
  const noKey = { keyPEM: '' };
  return mergeTrees(defaults, {
    linkerdVersion: BUNDLED.edge,
    cliVersion: `linkerd/cli ${BUNDLED.edge}`,
    debugContainer: { image: { version: BUNDLED.edge } },
    identity: { issuer: { tls: noKey } },
    profileValidator: noKey,
    policyValidator: noKey,
    proxyInjector: noKey,
  });
}

/**
 * Our control plane against Linkerd's own chart. Linkerd's Go code reads the `values` we record in
 * linkerd-config with sigs.k8s.io/yaml (YAML 1.1) and renders linkerd-control-plane from them: what comes
 * out must be what we apply, object for object, and what the real linkerd CLI would render when it takes
 * over through the linkerd-config-overrides Secret.
 */
describe('control plane vs Linkerd 2.20 rendering our own values', function () {
  before(function () {
    requirePrerequisites(this);
  });

  for (const [name, input] of Object.entries(VARIANTS)) {
    describe(name, () => {
      let ours: OurControlPlane;
      before(async () => {
        ours = await renderOurs(input);
      });

      it('records values in which every leaf keeps its type when read as YAML 1.1', () => {
        const config = ours.decoded.find((o) => objectKey(o) === 'ConfigMap/linkerd-config')!;
        assert.deepEqual(decodeYaml(config.data!.values)[0], ours.values);
      });

      it('applies exactly what Linkerd renders from those values, apart from the allowlisted fields', () => {
        const config = ours.decoded.find((o) => objectKey(o) === 'ConfigMap/linkerd-config')!;
        const linkerd = renderChart('linkerd-control-plane', { defaults: [config.data!.values], values: [ours.keys] }).map((r) => r.object as Decoded);
        const used = new Set<Allowance>();
        // linkerd install writes the overrides Secret next to the chart's output; it is checked below.
        const mine = ours.decoded.filter((o) => objectKey(o) !== `Secret/${CONFIG_OVERRIDES_SECRET}`);
        assert.deepEqual(compare(mine, linkerd, INSTALL_ALLOWLIST, used), []);
        assert.deepEqual(INSTALL_ALLOWLIST.filter((a) => !used.has(a)).map((a) => a.reason), [], 'allowlist entries that explain nothing must go');
      });

      it('lets `linkerd upgrade` take over: the chart rendered from a 2.20 CLI\'s defaults and our overrides Secret is our control plane', () => {
        const upgradeValues = mergeTrees(linkerdCliDefaults(), decodedOverrides(ours));
        const linkerd = renderChart('linkerd-control-plane', { defaults: [upgradeValues] }).map((r) => r.object as Decoded);
        const mine = ours.decoded.filter((o) => objectKey(o) !== `Secret/${CONFIG_OVERRIDES_SECRET}`);
        assert.deepEqual(compare(mine, linkerd, HANDOVER_ALLOWLIST, new Set()), []);
      });
    });
  }
});
