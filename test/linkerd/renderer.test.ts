import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeYaml, renderChart, type RenderedObject } from './support/linkerd';
import { GOLDENS, requirePrerequisites } from './support/reference';
import { differences } from './support/structuralDiff';

type Obj = { kind: string; metadata: { name: string }; data?: Record<string, string> };
const key = (o: Obj) => `${o.kind}/${o.metadata.name}`;

/** The goldens were rendered by a development build of the linkerd CLI. */
const GOLDEN_CLI_VERSION = 'linkerd/cli dev-undefined';

function golden(name: string): Obj[] {
  return decodeYaml(readFileSync(join(GOLDENS!, name), 'utf8')) as Obj[];
}

function assertSameObjects(rendered: readonly RenderedObject[], expected: readonly Obj[], onlyInGolden: readonly string[] = []): void {
  const ours = new Map(rendered.map((r) => [key(r.object), r.object]));
  const theirs = new Map(expected.map((o) => [key(o), o]));
  assert.deepEqual([...ours.keys()].filter((k) => !theirs.has(k)), [], 'objects the golden lacks');
  assert.deepEqual([...theirs.keys()].filter((k) => !ours.has(k)), onlyInGolden, 'objects missing from the rendering');
  const diffs = [...ours].flatMap(([k, o]) => differences(o, theirs.get(k)).map((d) => `${k} ${d.path}: ${JSON.stringify(d.ours)} vs ${JSON.stringify(d.reference)}`));
  assert.deepEqual(diffs, []);
}

/**
 * The judge is tested first: test/linkerd-render, run on Linkerd's charts with the values `linkerd install`
 * used, reproduces `linkerd install`'s own output byte for byte once decoded. Every other test of this tier
 * trusts it.
 */
describe('linkerd-render reproduces linkerd install 2.20', function () {
  before(function () {
    requirePrerequisites(this);
  });

  it('renders install_crds.golden.yaml from linkerd-crds and its values.yaml', () => {
    const rendered = renderChart('linkerd-crds', { values: [{ cliVersion: GOLDEN_CLI_VERSION }] });
    assertSameObjects(rendered, golden('install_crds.golden.yaml'));
  });

  it('renders install_crds_with_gateway_api.golden.yaml with installGatewayAPI=true', () => {
    const rendered = renderChart('linkerd-crds', { values: [{ cliVersion: GOLDEN_CLI_VERSION, installGatewayAPI: true }] });
    assertSameObjects(rendered, golden('install_crds_with_gateway_api.golden.yaml'));
  });

  it("renders install_default.golden.yaml from linkerd-control-plane and the values it recorded in linkerd-config", () => {
    const objects = golden('install_default.golden.yaml');
    const config = objects.find((o) => key(o) === 'ConfigMap/linkerd-config')!;
    const issuer = objects.find((o) => key(o) === 'Secret/linkerd-identity-issuer')!;
    const keyPEM = Buffer.from(issuer.data!['key.pem'], 'base64').toString('utf8');
    const rendered = renderChart('linkerd-control-plane', { defaults: [config.data!.values], values: [{ identity: { issuer: { tls: { keyPEM } } } }] });
    // linkerd-config-overrides is written by the CLI next to the chart's output, not by the chart.
    assertSameObjects(rendered, objects, ['Secret/linkerd-config-overrides']);
  });
});
