import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrafficModel } from '../../../src/core/metrics/model';
import { modelFlows } from '../../../src/core/policy/impact';
import { previewWorkspaceImpact } from '../../../src/core/policy/impactLint';
import { impactSummary } from '../../../src/core/policy/impactSummary';
import { ResourceIndex } from '../../../src/core/workspace/resourceIndex';
import { parseManifest } from '../../../src/core/yaml/manifest';

const DIR = join(__dirname, '../../fixtures/policy/impact');
const BOT = 'vote-bot.emojivoto.serviceaccount.identity.linkerd.cluster.local';

/** The emojivoto web workload under the default policy, as the editor's last traffic read reports it. */
const observed: TrafficModel = {
  windowSeconds: 60,
  nodes: [{ id: 'emojivoto/web', kind: 'Deployment', namespace: 'emojivoto', name: 'web', meshedPods: 1, totalPods: 1, meshed: true, inbound: null }],
  edges: [],
  authorizations: [null, BOT].map((client) => ({ destination: 'emojivoto/web', protocol: 'http' as const, server: { kind: 'default', name: 'all-unauthenticated' }, port: 8080, route: { kind: 'default', name: 'default' }, authorization: { kind: 'default', name: 'all-unauthenticated' }, client, allowedRps: client ? 6 : 1.5, deniedRps: 0 })),
};

function preview(files: string[]) {
  const index = new ResourceIndex();
  const texts = new Map(files.map((f) => [f, readFileSync(join(DIR, f), 'utf8')]));
  for (const [uri, text] of texts) index.setFile(uri, parseManifest(text));
  return previewWorkspaceImpact(index, modelFlows(observed), (uri) => texts.get(uri)).findings;
}

describe('policy impact before Apply (editor preview over the last traffic model)', () => {
  it('lists the observed flows the file would deny, with the observed-traffic note once', () => {
    const findings = preview(['web.yaml', 'policy.yaml']);
    const text = impactSummary(findings.filter((f) => f.uri === 'policy.yaml'));
    assert.match(text ?? '', /^Policy impact \(observed traffic only; .*\):\n1 observed flow would be denied:\n• Would deny 1\.5 rps that is allowed now: \(no mesh identity\) → deployment\/web\.emojivoto:8080\. Denied: .*Server web-http/);
    assert.doesNotMatch(text!, /Covers observed traffic only/);
  });

  it('says nothing when the files decide as the proxies did', () => {
    assert.equal(impactSummary(preview(['web.yaml'])), undefined);
  });
});
