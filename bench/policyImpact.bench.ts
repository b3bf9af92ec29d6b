// Impact preview: 10,000 observed flows (an `authz -o json` export) evaluated under 500 policy objects,
// compiling the policy set included; baseline: parsing that export and reading its flows, in the same run.
// Target (issue #15): <= 50 ms.
import { PolicySet } from '../src/core/policy/compile';
import { DEFAULT_SETTINGS } from '../src/core/policy/defaults';
import { PolicyEvaluator } from '../src/core/policy/evaluate';
import { observedFlows, previewImpact } from '../src/core/policy/impact';
import type { DestinationWorkload, PolicyObject } from '../src/core/policy/types';
import { time } from './measure';

const NAMESPACES = 50;
const APPS = 2;
const FLOWS = 10_000;
const id = (sa: string, ns: string) => `${sa}.${ns}.serviceaccount.identity.linkerd.cluster.local`;

const objects: PolicyObject[] = [];
const destinations = new Map<string, DestinationWorkload>();
for (let n = 0; n < NAMESPACES; n++) {
  const ns = `ns-${n}`;
  for (let a = 0; a < APPS; a++) {
    const app = `app-${a}`;
    const meta = (name: string) => ({ name, namespace: ns });
    objects.push(
      { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'Server', metadata: meta(`${app}-http`), spec: { podSelector: { matchLabels: { app } }, port: 'http' } },
      { apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'MeshTLSAuthentication', metadata: meta(`${app}-clients`), spec: { identities: Array.from({ length: 5 }, (_, i) => id(`client-${i}`, ns)) } },
      { apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'AuthorizationPolicy', metadata: meta(`${app}-authz`), spec: { targetRef: { group: 'policy.linkerd.io', kind: 'Server', name: `${app}-http` }, requiredAuthenticationRefs: [{ group: 'policy.linkerd.io', kind: 'MeshTLSAuthentication', name: `${app}-clients` }] } },
      { apiVersion: 'policy.linkerd.io/v1beta3', kind: 'HTTPRoute', metadata: meta(`${app}-admin`), spec: { parentRefs: [{ group: 'policy.linkerd.io', kind: 'Server', name: `${app}-http` }], rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/admin' } }] }] } },
      { apiVersion: 'policy.linkerd.io/v1alpha1', kind: 'AuthorizationPolicy', metadata: meta(`${app}-admin-authz`), spec: { targetRef: { group: 'policy.linkerd.io', kind: 'HTTPRoute', name: `${app}-admin` }, requiredAuthenticationRefs: [{ kind: 'ServiceAccount', name: 'operator' }] } },
    );
    destinations.set(`${ns}/Deployment/${app}`, { namespace: ns, kind: 'Deployment', name: app, labels: { app }, annotations: {}, ports: [{ name: 'http', port: 8080 }] });
  }
}

const rows = Array.from({ length: FLOWS }, (_, i) => {
  const ns = `ns-${i % NAMESPACES}`;
  const app = `app-${(i >> 6) % APPS}`;
  const client = i % 17 === 0 ? null : id(`client-${i % 9}`, ns);
  return { namespace: ns, workload: { kind: 'Deployment', name: app }, server: { kind: 'default', name: 'all-unauthenticated' }, port: 8080, route: { kind: i % 5 === 0 ? 'HTTPRoute' : 'default', name: i % 5 === 0 ? `${app}-admin` : 'default' }, authorization: { kind: 'default', name: 'all-unauthenticated' }, client, allowedRps: 1 + (i % 7), deniedRps: 0 };
});
const exported = JSON.stringify({ windowSeconds: 60, authorizations: rows });

let changed = 0;
const baseline = time(() => observedFlows(JSON.parse(exported)), 9, 3);
const flows = observedFlows(JSON.parse(exported));
const impact = time(() => {
  const evaluator = new PolicyEvaluator(new PolicySet(objects, DEFAULT_SETTINGS));
  changed = previewImpact(flows, evaluator, (ref) => destinations.get(`${ref.namespace}/${ref.kind}/${ref.name}`)).items.length;
}, 9, 3);

console.log(`${objects.length} policy objects, ${flows.length} observed flows, ${changed} would change verdict`);
console.log(`${'read the export (JSON.parse + flows) (baseline)'.padEnd(52)} ${baseline.toFixed(1).padStart(8)} ms  = 1.00x`);
console.log(`${'impact preview (compile + evaluate all flows)'.padEnd(52)} ${impact.toFixed(1).padStart(8)} ms  = ${(impact / baseline).toFixed(2)}x baseline  (target <= 50 ms: ${impact <= 50 ? 'met' : 'MISSED'})`);
