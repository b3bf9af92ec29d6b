import assert from 'node:assert/strict';
import { createHash, X509Certificate } from 'node:crypto';
import { parse, parseAllDocuments } from 'yaml';
import { generateIdentityCredentials, identityMaterial, type IdentityCredentials } from '../../../src/core/controlplane/certs/identity';
import { generateWebhookCredentials, type WebhookCredentials } from '../../../src/core/controlplane/certs/webhooks';
import { renderControlPlane } from '../../../src/core/controlplane/manifests/controlPlane';
import { renderCrds, renderGatewayApiCrds } from '../../../src/core/controlplane/manifests/crds';
import type { K8sObject } from '../../../src/core/controlplane/manifests/meta';
import { toYaml } from '../../../src/core/controlplane/manifests/yaml';

type Container = { name: string; ports?: { containerPort: number; name: string }[]; env?: { name: string; value?: string }[] };
type PodSpec = { containers: Container[]; initContainers?: Container[] };
type Deployment = K8sObject & { spec: { template: { metadata: { annotations: Record<string, string> }; spec: PodSpec } } };
type WithData = K8sObject & { type?: string; data: Record<string, string> };
type WebhookConfig = K8sObject & { webhooks: { clientConfig: { service: { name: string }; caBundle: string } }[] };
type Service = K8sObject & { spec: { selector: Record<string, string>; ports: { targetPort: number | string }[] } };

const decode = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
function find<T extends K8sObject>(objects: K8sObject[], kind: string, name: string): T {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  assert.ok(o, `${kind}/${name} not rendered`);
  return o as T;
}
const podSpec = (d: K8sObject) => (d as Deployment).spec.template.spec;

/** Invariants of our own rendering that no reference can check: where secrets go and what refers to what. */
describe('controlplane manifests', () => {
  let creds: IdentityCredentials;
  let hooks: WebhookCredentials;
  let objects: K8sObject[];

  before(async () => {
    creds = await generateIdentityCredentials();
    hooks = await generateWebhookCredentials('linkerd');
    objects = renderControlPlane({ identity: identityMaterial(creds), webhooks: hooks });
  });

  it('never renders the trust anchor key, in PEM or base64', () => {
    const yaml = toYaml(objects);
    const body = creds.trustAnchor.keyPem.split('\n').filter((l) => l && !l.startsWith('-----'));
    for (const line of body) assert.ok(!yaml.includes(line), 'anchor key PEM found in the manifests');
    assert.ok(!yaml.includes(Buffer.from(creds.trustAnchor.keyPem).toString('base64')), 'anchor key base64 found in the manifests');
  });

  it('puts the issuer certificate and key, and nothing else, in the issuer Secret', () => {
    const secret = find<WithData>(objects, 'Secret', 'linkerd-identity-issuer');
    assert.deepEqual(Object.keys(secret.data).sort(), ['crt.pem', 'key.pem']);
    assert.equal(decode(secret.data['crt.pem']), creds.issuer.certPem.trim());
    assert.equal(decode(secret.data['key.pem']), creds.issuer.keyPem.trim());
    // linkerd install keeps a second copy in linkerd-config-overrides, which the linkerd CLI's upgrade reads.
    const keyLine = creds.issuer.keyPem.split('\n')[1];
    const holders = objects.filter((o) => o.kind === 'Secret' && Object.values((o as WithData).data).some((v) => decode(v).includes(keyLine)));
    assert.deepEqual(holders.map((o) => o.metadata.name).sort(), ['linkerd-config-overrides', 'linkerd-identity-issuer']);
    assert.ok(!objects.some((o) => o.kind !== 'Secret' && JSON.stringify(o).includes(keyLine)), 'the issuer key must only be in Secrets');
    assert.ok(!find<WithData>(objects, 'ConfigMap', 'linkerd-config').data.values.includes('PRIVATE KEY'));
  });

  it('puts the same anchors in the trust roots, the config values and the pod annotation hash', () => {
    const roots = find<WithData>(objects, 'ConfigMap', 'linkerd-identity-trust-roots').data['ca-bundle.crt'];
    assert.equal(roots.trim(), creds.trustAnchor.certPem.trim());
    assert.ok(find<WithData>(objects, 'ConfigMap', 'linkerd-config').data.values.includes(creds.trustAnchor.certPem.split('\n')[1]));
    const sha = createHash('sha256').update(creds.trustAnchor.certPem).digest('hex');
    for (const name of ['linkerd-identity', 'linkerd-destination', 'linkerd-proxy-injector']) {
      assert.equal(find<Deployment>(objects, 'Deployment', name).spec.template.metadata.annotations['linkerd.io/trust-root-sha256'], sha);
    }
  });

  it('gives every webhook a caBundle that verifies the serving certificate its pod mounts', () => {
    const webhookConfigs = objects.filter((o) => o.kind.endsWith('WebhookConfiguration')) as WebhookConfig[];
    assert.equal(webhookConfigs.length, 3);
    for (const config of webhookConfigs) {
      const { service, caBundle } = config.webhooks[0].clientConfig;
      const ca = new X509Certificate(decode(caBundle));
      const secret = find<WithData>(objects, 'Secret', `${service.name}-k8s-tls`);
      assert.equal(secret.type, 'kubernetes.io/tls');
      const serving = new X509Certificate(decode(secret.data['tls.crt']));
      assert.ok(serving.checkIssued(ca) && serving.verify(ca.publicKey), `${service.name}: not signed by the caBundle`);
      assert.equal(serving.checkHost(`${service.name}.linkerd.svc`), `${service.name}.linkerd.svc`);
      const mounted = objects.some((o) => o.kind === 'Deployment' && JSON.stringify(o).includes(`"secretName":"${service.name}-k8s-tls"`));
      assert.ok(mounted, `no deployment mounts ${service.name}-k8s-tls`);
    }
  });

  it('lists exactly the pod\'s other container ports as the proxy\'s inbound ports', () => {
    for (const name of ['linkerd-identity', 'linkerd-destination', 'linkerd-proxy-injector']) {
      const spec = podSpec(find<Deployment>(objects, 'Deployment', name));
      const all = [...spec.containers, ...(spec.initContainers ?? [])];
      const proxy = all.find((c) => c.name === 'linkerd-proxy');
      assert.ok(proxy, `${name} has no proxy`);
      const ports = all.filter((c) => c !== proxy).flatMap((c) => c.ports?.map((p) => p.containerPort) ?? []).sort((a, b) => a - b);
      assert.equal(proxy.env?.find((e) => e.name === 'LINKERD2_PROXY_INBOUND_PORTS')?.value, [...new Set(ports)].join(','));
    }
  });

  it('points every Service at a port its pods actually expose', () => {
    for (const svc of objects.filter((o) => o.kind === 'Service') as Service[]) {
      const component = svc.spec.selector['linkerd.io/control-plane-component'];
      const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.labels?.['linkerd.io/control-plane-component'] === component);
      assert.ok(deployment, `${svc.metadata.name} selects no deployment`);
      const ports = podSpec(deployment).containers.flatMap((c) => c.ports ?? []);
      for (const p of svc.spec.ports) {
        assert.ok(ports.some((cp) => cp.containerPort === p.targetPort || cp.name === p.targetPort), `${svc.metadata.name} targets ${p.targetPort}, which no container exposes`);
      }
    }
  });

  it('labels every object with the control-plane namespace, which uninstall selects on', () => {
    for (const o of [...objects, ...renderCrds()]) {
      assert.equal(o.metadata.labels?.['linkerd.io/control-plane-ns'], 'linkerd', `${o.kind}/${o.metadata.name}`);
      if (o.metadata.namespace !== undefined) assert.equal(o.metadata.namespace, 'linkerd');
    }
  });

  it('runs proxy-init as root when asked (docker-runtime nodes), here and in what the injector reads', () => {
    const initOf = (objs: K8sObject[]) => podSpec(find<Deployment>(objs, 'Deployment', 'linkerd-destination')).initContainers?.find((c) => c.name === 'linkerd-init') as Container & { securityContext: Record<string, unknown> };
    assert.deepEqual([initOf(objects).securityContext.runAsUser, initOf(objects).securityContext.runAsNonRoot], [65534, true]);
    const rooted = renderControlPlane({ identity: identityMaterial(creds), webhooks: hooks, proxyInitRunAsRoot: true });
    assert.deepEqual([initOf(rooted).securityContext.runAsUser, initOf(rooted).securityContext.runAsNonRoot], [0, false]);
    assert.equal((parse(find<WithData>(rooted, 'ConfigMap', 'linkerd-config').data.values) as { proxyInit: { runAsRoot: boolean } }).proxyInit.runAsRoot, true);
  });

  it('writes YAML that parses back to the same objects, without anchors or aliases', () => {
    const yaml = toYaml(objects);
    assert.doesNotMatch(yaml, /(^|\s)[&*][a-z]\w*\s*$/m);
    const docs = parseAllDocuments(yaml);
    assert.ok(Array.isArray(docs));
    assert.deepEqual(docs.map((d) => d.toJS()), JSON.parse(JSON.stringify(objects)));
  });
});

describe('controlplane Gateway API CRDs', () => {
  it('renders the route CRDs linkerd-crds installs with installGatewayAPI=true, the HTTP and gRPC ones serving v1 as storage, marked as ours', () => {
    const crds = renderGatewayApiCrds() as (K8sObject & { spec: { group: string; versions: { name: string; served: boolean; storage: boolean }[] } })[];
    assert.deepEqual(crds.map((c) => c.metadata.name), ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes'].map((r) => `${r}.gateway.networking.k8s.io`));
    for (const c of crds) {
      assert.equal(c.spec.group, 'gateway.networking.k8s.io');
      if (/^(http|grpc)routes/.test(c.metadata.name)) assert.ok(c.spec.versions.some((v) => v.name === 'v1' && v.served && v.storage), `${c.metadata.name} must serve v1 as its storage version`);
      assert.equal(c.metadata.labels?.['linkerd.io/control-plane-ns'], 'linkerd');
      assert.ok(c.metadata.annotations?.['linkerd.io/created-by']);
    }
  });

  it('refuses CRDs it has no schema for, and never renders Linkerd CRDs by that route', () => {
    assert.throws(() => renderGatewayApiCrds({}, ['gateways.gateway.networking.k8s.io']), /no schema for CRD gateways/);
    assert.throws(() => renderGatewayApiCrds({}, ['servers.policy.linkerd.io']), /no schema for CRD servers/);
  });
});
