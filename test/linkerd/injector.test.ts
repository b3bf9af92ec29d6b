import assert from 'node:assert/strict';
import { applyDefaults } from '../../sim/api/defaults';
import { jsonPatch } from '../../sim/api/patch';
import { startSimulator, type Simulator } from '../../sim/simulator';
import type { KubeObject } from '../../sim/store/types';
import { BUNDLED } from '../../src/core/controlplane/catalog';
import { renderInjectorPatch, type PatchRequest } from './support/linkerd';
import { requirePrerequisites } from './support/reference';
import { differences } from './support/structuralDiff';

type Obj = Record<string, unknown> & { metadata: { name: string; namespace?: string; annotations?: Record<string, string>; labels?: Record<string, string> }; spec: Record<string, unknown> };

interface Case {
  readonly title: string;
  readonly namespaceAnnotations?: Record<string, string>;
  readonly annotations?: Record<string, string>;
  readonly labels?: Record<string, string>;
  readonly spec?: Record<string, unknown>;
  /** The workload the pod belongs to, created first; and the owner the injector resolves it to. */
  readonly owner?: { readonly parent: Obj; readonly resolved?: { kind: string; name: string } };
}

const app = (extra: Record<string, unknown> = {}) => ({ name: 'app', image: 'example/app:1', ...extra });

const CASES: readonly Case[] = [
  {
    title: 'a pod of an annotated namespace, inheriting its proxy settings, with default-opaque and probe ports',
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/proxy-cpu-request': '100m', 'config.linkerd.io/proxy-memory-limit': '128Mi', 'config.linkerd.io/proxy-log-level': 'debug', 'config.linkerd.io/close-wait-timeout': '1h' },
    spec: { containers: [app({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'mysql', containerPort: 3306 }], readinessProbe: { httpGet: { path: '/ready', port: 9090 } }, livenessProbe: { httpGet: { path: '/live', port: 'http' } } })] },
  },
  {
    title: 'a classic sidecar (native sidecars off) that waits before exiting, next to init containers and volumes of its own',
    annotations: { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/proxy-enable-native-sidecar': 'false', 'config.alpha.linkerd.io/proxy-wait-before-exit-seconds': '10' },
    spec: { initContainers: [{ name: 'setup', image: 'busybox:1' }], containers: [app()], volumes: [{ name: 'data', emptyDir: {} }] },
  },
  {
    title: 'a classic sidecar that does not await the proxy',
    annotations: { 'linkerd.io/inject': 'enabled', 'config.beta.linkerd.io/proxy-enable-native-sidecar': 'false', 'config.linkerd.io/proxy-await': 'disabled' },
    spec: { containers: [app(), app({ name: 'helper' })] },
  },
  {
    title: 'an ingress with every port, image, log, timeout, policy and resource annotation',
    labels: { 'app.kubernetes.io/name': 'gateway' },
    annotations: {
      'linkerd.io/inject': 'ingress',
      'config.linkerd.io/proxy-version': 'edge-26.5.1',
      'config.linkerd.io/proxy-image': 'registry.example/linkerd/proxy',
      'config.linkerd.io/image-pull-policy': 'Always',
      'config.linkerd.io/admin-port': '5191',
      'config.linkerd.io/inbound-port': '5143',
      'config.linkerd.io/outbound-port': '5140',
      'config.linkerd.io/control-port': '5190',
      'config.linkerd.io/proxy-log-format': 'json',
      'config.linkerd.io/proxy-log-http-headers': 'insecure',
      'config.linkerd.io/skip-inbound-ports': '9000',
      'config.linkerd.io/skip-outbound-ports': '3306,6379',
      'config.linkerd.io/skip-subnets': '10.10.0.0/16',
      'config.linkerd.io/opaque-ports': 'admin, 5000-5005,',
      'config.linkerd.io/default-inbound-policy': 'deny',
      'config.linkerd.io/shutdown-grace-period': '30s',
      'config.linkerd.io/proxy-outbound-connect-timeout': '2s',
      'config.linkerd.io/proxy-inbound-connect-timeout': '1.5s',
      'config.linkerd.io/proxy-outbound-discovery-cache-unused-timeout': '1m',
      'config.linkerd.io/proxy-inbound-discovery-cache-unused-timeout': '2m30s',
      'config.linkerd.io/proxy-disable-outbound-protocol-detect-timeout': 'true',
      'config.linkerd.io/proxy-disable-inbound-protocol-detect-timeout': 'true',
      'config.linkerd.io/enable-external-profiles': 'true',
      'config.linkerd.io/enable-gateway': 'true',
      'config.linkerd.io/proxy-metrics-hostname-labels': 'true',
      'config.linkerd.io/proxy-uid': '3000',
      'config.linkerd.io/proxy-gid': '3000',
      'config.linkerd.io/access-log': 'apache',
      'config.linkerd.io/proxy-require-identity-inbound-ports': '8080',
      'config.linkerd.io/proxy-admin-shutdown': 'enabled',
      'config.linkerd.io/proxy-cpu-limit': '1500m',
      'config.linkerd.io/proxy-cpu-ratio-limit': '0.5',
      'config.linkerd.io/proxy-ephemeral-storage-request': '10Mi',
      'config.linkerd.io/proxy-ephemeral-storage-limit': '50Mi',
      'config.linkerd.io/pod-inbound-ports': '1',
    },
    spec: { containers: [app({ ports: [{ name: 'http', containerPort: 8080 }, { name: 'admin', containerPort: 9901 }] })] },
  },
  {
    title: 'a pod asking for the debug sidecar and extra proxy environment, over its namespace\'s',
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled', 'config.linkerd.io/debug-image-version': 'edge-26.6.1' },
    annotations: {
      'config.linkerd.io/enable-debug-sidecar': 'true',
      'config.linkerd.io/proxy-additional-env': JSON.stringify([{ name: 'LINKERD2_PROXY_INBOUND_HTTP_QUEUE_CAPACITY', value: '5000' }]),
    },
    spec: { containers: [app()] },
  },
  {
    title: 'a pod whose first container drops capabilities and mounts its service-account token',
    annotations: { 'linkerd.io/inject': 'enabled' },
    spec: {
      containers: [
        app({
          securityContext: { capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL', 'NET_RAW'] } },
          volumeMounts: [{ name: 'token', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
        }),
      ],
      volumes: [{ name: 'token', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } }],
    },
  },
  {
    title: 'a pod of a Deployment (its ReplicaSet resolved to the Deployment)',
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled' },
    labels: { app: 'web' },
    owner: { parent: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web-5d8f7', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'u1', controller: true }] } as Obj['metadata'], spec: { replicas: 0, selector: { matchLabels: { app: 'nothing' } }, template: { metadata: { labels: { app: 'nothing' } }, spec: { containers: [app()] } } } }, resolved: { kind: 'deployment', name: 'web' } },
    spec: { containers: [app()] },
  },
  {
    title: 'a pod of a CronJob\'s Job (which the injector does not label)',
    namespaceAnnotations: { 'linkerd.io/inject': 'enabled' },
    owner: { parent: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'nightly-2901', ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'nightly', uid: 'u2', controller: true }] } as Obj['metadata'], spec: { suspend: true, template: { spec: { restartPolicy: 'Never', containers: [app()] } } } }, resolved: { kind: 'cronjob', name: 'nightly' } },
    spec: { containers: [app()], restartPolicy: 'Never' },
  },
];

/** The parts of a pod the injector writes. */
function injected(pod: Obj): object {
  return { annotations: pod.metadata.annotations, labels: pod.metadata.labels, containers: pod.spec.containers, initContainers: pod.spec.initContainers, volumes: pod.spec.volumes };
}

/**
 * The simulator's injector against Linkerd's own: for each pod, Linkerd's patch chart (rendered by
 * test/linkerd-render with the values in the cluster's linkerd-config, the trust roots and the pod's and
 * namespace's annotations, as the webhook does) applied to the pod must give exactly the pod the simulated
 * API server stored: the same annotations and labels, proxy and init containers (image, args, env, ports,
 * probes, resources, security context), and volumes.
 */
describe("the simulator's proxy injector vs Linkerd 2.20's patch", function () {
  let sim: Simulator;
  let values: string;
  let anchors: string;
  let serial = 0;

  before(async function () {
    requirePrerequisites(this);
    sim = await startSimulator({ scenario: 'empty', linkerd: 'installed', readinessDelayMs: 20 });
    const data = (name: string) => sim.api.find(sim.api.typeOf('ConfigMap'), 'linkerd', name)!.data as Record<string, string>;
    values = data('linkerd-config').values;
    anchors = data('linkerd-identity-trust-roots')['ca-bundle.crt'];
  });
  after(() => sim?.close());

  const create = (kind: string, namespace: string | undefined, object: object, apiVersion = 'v1') => sim.api.create(sim.api.typeOf(kind, apiVersion), namespace, structuredClone(object)) as Obj;

  for (const c of CASES) {
    it(`injects ${c.title} as Linkerd does`, () => {
      const ns = `case-${++serial}`;
      create('Namespace', undefined, { metadata: { name: ns, annotations: c.namespaceAnnotations ?? {} } });
      const owner = c.owner && create(c.owner.parent.kind as string, ns, c.owner.parent, c.owner.parent.apiVersion as string);
      const pod = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: 'app',
          namespace: ns,
          ...(c.labels ? { labels: c.labels } : {}),
          ...(c.annotations ? { annotations: c.annotations } : {}),
          ...(owner ? { ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: 'x', controller: true }] } : {}),
        },
        spec: c.spec ?? { containers: [app()] },
      };
      const stored = create('Pod', ns, pod);

      // What the webhook receives is the defaulted pod; what it returns is defaulted again after the patch.
      const received = structuredClone(pod) as unknown as KubeObject;
      applyDefaults(received);
      const request: PatchRequest = { values, trustAnchorsPEM: anchors, linkerdNamespace: 'linkerd', version: BUNDLED.edge, pod: received, namespaceAnnotations: c.namespaceAnnotations ?? {}, owner: c.owner?.resolved };
      const result = renderInjectorPatch(request);
      assert.equal(result.injected, true, `Linkerd would not inject: ${result.reasons?.join(', ')}`);
      const expected = jsonPatch(received, result.patch) as KubeObject;
      applyDefaults(expected);
      const diffs = differences(injected(stored), injected(expected as unknown as Obj)).map((d) => `${d.path}: simulator ${JSON.stringify(d.ours)} vs Linkerd ${JSON.stringify(d.reference)}`);
      assert.deepEqual(diffs, []);
    });
  }

  it('skips the pods Linkerd skips, for its reasons', () => {
    const ns = `case-${++serial}`;
    create('Namespace', undefined, { metadata: { name: ns } });
    for (const [annotations, spec, reason] of [
      [{ 'linkerd.io/inject': 'enabled' }, { hostNetwork: true, containers: [app()] }, 'host_network_enabled'],
      [{ 'linkerd.io/inject': 'Enabled' }, { containers: [app()] }, 'invalid_inject_annotation_at_workload'],
      [{}, { containers: [app()] }, 'injection_enable_annotation_absent'],
    ] as const) {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: `skip-${++serial}`, namespace: ns, annotations }, spec };
      const stored = create('Pod', ns, pod);
      const received = structuredClone(pod) as unknown as KubeObject;
      applyDefaults(received);
      const result = renderInjectorPatch({ values, trustAnchorsPEM: anchors, linkerdNamespace: 'linkerd', version: BUNDLED.edge, pod: received, namespaceAnnotations: {} });
      assert.deepEqual([result.injected, result.reasons], [false, [reason]]);
      assert.ok(!(stored.spec.containers as { name: string }[]).some((x) => x.name === 'linkerd-proxy'));
    }
  });

  it('admits the pod without a proxy, as Linkerd does, when the values say logHTTPHeaders: off unquoted', () => {
    const config = sim.api.find(sim.api.typeOf('ConfigMap'), 'linkerd', 'linkerd-config')!;
    const broken = values.replace(/logHTTPHeaders: "off"/, 'logHTTPHeaders: off');
    assert.notEqual(broken, values, 'the values quote "off"');
    sim.api.patch(sim.api.typeOf('ConfigMap'), 'linkerd', 'linkerd-config', 'merge', { data: { values: broken } });
    try {
      const ns = `case-${++serial}`;
      create('Namespace', undefined, { metadata: { name: ns, annotations: { 'linkerd.io/inject': 'enabled' } } });
      const pod = create('Pod', ns, { metadata: { name: 'app' }, spec: { containers: [app()] } });
      assert.ok(!(pod.spec.containers as { name: string }[]).some((x) => x.name === 'linkerd-proxy') && !(pod.spec.initContainers as { name: string }[] | undefined)?.some((x) => x.name === 'linkerd-proxy'));
      assert.match(sim.injectorLog.at(-1) ?? '', /logHTTPHeaders must be one of: insecure \| off/);
      const received = { metadata: { name: 'app', namespace: ns }, spec: { containers: [app()] } };
      assert.throws(() => renderInjectorPatch({ values: broken, trustAnchorsPEM: anchors, linkerdNamespace: 'linkerd', version: BUNDLED.edge, pod: received, namespaceAnnotations: { 'linkerd.io/inject': 'enabled' } }), /logHTTPHeaders must be one of: insecure \| off/);
    } finally {
      sim.api.patch(sim.api.typeOf('ConfigMap'), 'linkerd', 'linkerd-config', 'merge', { data: { values: (config.data as Record<string, string>).values } });
    }
  });
});
