import assert from 'node:assert/strict';
import { startSimulator, type Simulator } from '../../sim/simulator';
import { kubectl, kubectlOk, KubectlProcess, raw, requireKubectl, type Loose } from './kubectl';

const configMap = (name: string, labels = '{}') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: shop, labels: ${labels}}\ndata: {a: b}\n`;

const deployment = (replicas: number, image = 'nginx:1.27') => `
apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: web
        image: ${image}
        ports: [{containerPort: 8080, name: http}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
  namespace: shop
spec:
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`;

describe('simulated cluster driven by kubectl', function () {
  this.timeout(60_000);
  let sim: Simulator;

  before(async () => {
    requireKubectl();
    sim = await startSimulator({ scenario: 'empty', readinessDelayMs: 100, bookmarkIntervalMs: 50 });
    await kubectlOk(sim, ['apply', '-f', '-'], deployment(2));
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
  });
  after(() => sim?.close());

  const getJson = async (args: string[]) => JSON.parse(await kubectlOk(sim, [...args, '-o', 'json'])) as Loose;

  it('rejects requests without the token or with a wrong one with a 401 Status', async () => {
    for (const token of [null, 'wrong']) {
      const response = await raw(sim, '/api/v1/namespaces', { token });
      assert.equal(response.status, 401);
      assert.deepEqual(JSON.parse(response.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
    }
    const result = await kubectl(sim, ['get', 'pods', '--token', 'wrong']);
    assert.match(result.stderr, /Unauthorized/);
  });

  it('serves discovery for built-in groups', async () => {
    const resources = await kubectlOk(sim, ['api-resources', '--api-group=apps', '-o', 'name']);
    assert.deepEqual(resources.trim().split('\n').sort(), ['controllerrevisions.apps', 'daemonsets.apps', 'deployments.apps', 'replicasets.apps', 'statefulsets.apps']);
    assert.match(await kubectlOk(sim, ['version']), /Server Version: v1\.32/);
  });

  it('rolls a Deployment out into a ReplicaSet and hash-named, owned, ready pods', async () => {
    const rs = (await getJson(['-n', 'shop', 'get', 'replicasets'])).items;
    assert.equal(rs.length, 1);
    const hash = rs[0].metadata.labels['pod-template-hash'];
    assert.equal(rs[0].metadata.name, `web-${hash}`);
    const pods = (await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=web'])).items;
    assert.equal(pods.length, 2);
    for (const pod of pods) {
      assert.match(pod.metadata.name, new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.equal(pod.metadata.ownerReferences[0].uid, rs[0].metadata.uid);
      assert.equal(pod.status.phase, 'Running');
    }
    await kubectlOk(sim, ['-n', 'shop', 'wait', '--for=condition=Available', 'deployment/web', '--timeout=30s']);
    const deploy = await getJson(['-n', 'shop', 'get', 'deployment', 'web']);
    assert.equal(deploy.status.availableReplicas, 2);
  });

  it('prints server-side tables for kubectl get', async () => {
    const lines = (await kubectlOk(sim, ['-n', 'shop', 'get', 'pods'])).trim().split('\n');
    assert.match(lines[0], /^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE$/);
    assert.equal(lines.length, 3);
    for (const line of lines.slice(1)) assert.match(line, /^web-\S+\s+1\/1\s+Running\s+0\s+\d+s$/);
    assert.match(await kubectlOk(sim, ['-n', 'shop', 'get', 'deployment', 'web']), /web\s+2\/2\s+2\s+2\s+\d+s/);
  });

  it('reports a second identical client-side apply as unchanged', async () => {
    const output = await kubectlOk(sim, ['apply', '-f', '-'], deployment(2));
    assert.match(output, /deployment.apps\/web unchanged/);
  });

  it('server-side apply reports conflicts with another manager unless forced', async () => {
    const conflict = await kubectl(sim, ['apply', '--server-side', '-f', '-'], deployment(3));
    assert.notEqual(conflict.code, 0);
    assert.match(conflict.stderr, /Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps\/v1: \.spec\.replicas/);
    await kubectlOk(sim, ['apply', '--server-side', '--force-conflicts', '-f', '-'], deployment(3));
    const deploy = await getJson(['-n', 'shop', 'get', 'deployment', 'web', '--show-managed-fields']);
    assert.equal(deploy.spec.replicas, 3);
    const managers = deploy.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`);
    assert.ok(managers.includes('kubectl/Apply'), managers.join());
  });

  it("refuses a Deployment's changed selector as the API server does: field is immutable", async () => {
    const moved = deployment(2).replace('matchLabels: {app: web}', 'matchLabels: {app: web, tier: front}').replace('labels: {app: web}', 'labels: {app: web, tier: front}');
    const refused = await kubectl(sim, ['apply', '--server-side', '--force-conflicts', '-f', '-'], moved);
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /The Deployment "web" is invalid: spec\.selector: Invalid value: .*: field is immutable/);
    assert.deepEqual((await getJson(['-n', 'shop', 'get', 'deployment', 'web'])).spec.selector, { matchLabels: { app: 'web' } });
  });

  it('applies merge, JSON and strategic merge patches', async () => {
    await kubectlOk(sim, ['-n', 'shop', 'patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"tier":"front"}}}']);
    await kubectlOk(sim, ['-n', 'shop', 'patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]']);
    await kubectlOk(sim, ['-n', 'shop', 'patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"busybox:1.36"}]}}}}']);
    const deploy = await getJson(['-n', 'shop', 'get', 'deployment', 'web']);
    assert.equal(deploy.metadata.labels.tier, 'front');
    assert.equal(deploy.spec.replicas, 2);
    assert.deepEqual(deploy.spec.template.spec.containers.map((c: { name: string }) => c.name), ['web', 'sidecar']);
    await kubectlOk(sim, ['-n', 'shop', 'patch', 'deployment', 'web', '--type=json', '-p', '[{"op":"remove","path":"/spec/template/spec/containers/1"}]']);
  });

  it('scales through the scale subresource', async () => {
    await kubectlOk(sim, ['-n', 'shop', 'scale', 'deployment/web', '--replicas=3']);
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
    assert.equal((await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=web'])).items.length, 3);
    const scale = JSON.parse(await kubectlOk(sim, ['get', '--raw', '/apis/apps/v1/namespaces/shop/deployments/web/scale'])) as Loose;
    assert.deepEqual([scale.kind, scale.spec.replicas, scale.status.selector], ['Scale', 3, 'app=web']);
    await kubectlOk(sim, ['-n', 'shop', 'scale', 'deployment/web', '--replicas=2']);
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
  });

  it('refuses an update carrying a stale resourceVersion with 409', async () => {
    const deploy = await getJson(['-n', 'shop', 'get', 'deployment', 'web']);
    await kubectlOk(sim, ['-n', 'shop', 'annotate', 'deployment', 'web', 'touched=yes']);
    const result = await kubectl(sim, ['replace', '-f', '-'], JSON.stringify(deploy));
    assert.match(result.stderr, /the object has been modified; please apply your changes to the latest version and try again/);
  });

  it('answers unknown names with NotFound and bad names with Invalid', async () => {
    assert.match((await kubectl(sim, ['-n', 'shop', 'get', 'deployment', 'nope'])).stderr, /deployments.apps "nope" not found/);
    const bad = await kubectl(sim, ['apply', '-f', '-'], configMap('Bad_Name'));
    assert.match(bad.stderr, /is invalid: metadata.name: Invalid value: "Bad_Name"/);
  });

  it('accepts the protobuf bodies of kubectl create', async () => {
    await kubectlOk(sim, ['-n', 'shop', 'create', 'configmap', 'made-by-create', '--from-literal=colour=blue']);
    await kubectlOk(sim, ['-n', 'shop', 'create', 'secret', 'generic', 'secret-by-create', '--from-literal=password=hunter2']);
    assert.deepEqual((await getJson(['-n', 'shop', 'get', 'configmap', 'made-by-create'])).data, { colour: 'blue' });
    const secret = await getJson(['-n', 'shop', 'get', 'secret', 'secret-by-create']);
    assert.equal(Buffer.from(secret.data.password, 'base64').toString(), 'hunter2');
    await kubectlOk(sim, ['-n', 'shop', 'delete', 'configmap', 'made-by-create']);
  });

  it('does not persist a server-side dry run', async () => {
    const output = await kubectlOk(sim, ['apply', '--dry-run=server', '-f', '-'], configMap('dry'));
    assert.match(output, /configmap\/dry created \(server dry run\)/);
    assert.notEqual((await kubectl(sim, ['-n', 'shop', 'get', 'configmap', 'dry'])).code, 0);
  });

  it('filters lists with label and field selectors', async () => {
    await kubectlOk(sim, ['apply', '-f', '-'], configMap('one') + '---\n' + configMap('two'));
    await kubectlOk(sim, ['-n', 'shop', 'label', 'configmap', 'one', 'colour=blue']);
    assert.equal((await kubectlOk(sim, ['-n', 'shop', 'get', 'cm', '-l', 'colour=blue', '-o', 'name'])).trim(), 'configmap/one');
    assert.equal((await kubectlOk(sim, ['-n', 'shop', 'get', 'cm', '--field-selector', 'metadata.name=two', '-o', 'name'])).trim(), 'configmap/two');
    assert.equal((await kubectlOk(sim, ['-n', 'shop', 'get', 'cm', '-l', 'colour notin (blue)', '--field-selector', 'metadata.name!=one,metadata.name!=kube-root-ca.crt', '-o', 'name'])).trim(), 'configmap/two');
  });

  it('reaches pods and services through the proxy subresource', async () => {
    const pod = (await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=web'])).items[0].metadata.name;
    const viaPod = JSON.parse(await kubectlOk(sim, ['get', '--raw', `/api/v1/namespaces/shop/pods/${pod}:8080/proxy/healthz`]));
    assert.deepEqual(viaPod, { pod, container: 'web', port: 8080, path: '/healthz' });
    const viaService = JSON.parse(await kubectlOk(sim, ['get', '--raw', '/api/v1/namespaces/shop/services/web:http/proxy/']));
    assert.equal(viaService.port, 8080);
    const refused = await kubectl(sim, ['get', '--raw', `/api/v1/namespaces/shop/pods/${pod}:9999/proxy/`]);
    assert.match(refused.stderr, /ServiceUnavailable|connection refused/);
  });

  it('serves container logs, and ends a followed log when its pod goes away', async () => {
    const logs = await kubectlOk(sim, ['-n', 'shop', 'logs', 'deployment/web']);
    assert.match(logs, /starting nginx:1\.27/);
    await kubectlOk(sim, ['apply', '-f', '-'], 'apiVersion: v1\nkind: Pod\nmetadata: {name: short-lived, namespace: shop}\nspec: {containers: [{name: app, image: "busybox:1.36"}]}\n');
    await kubectlOk(sim, ['-n', 'shop', 'wait', '--for=condition=Ready', 'pod/short-lived', '--timeout=30s']);
    const follow = new KubectlProcess(sim, ['-n', 'shop', 'logs', '-f', 'short-lived']);
    await follow.waitFor(/starting busybox/);
    await kubectlOk(sim, ['-n', 'shop', 'delete', 'pod', 'short-lived']);
    assert.equal(await follow.exited(), 0);
  });

  it('forwards a local port to a pod with kubectl port-forward', async () => {
    const forward = new KubectlProcess(sim, ['-n', 'shop', 'port-forward', 'deployment/web', ':8080']);
    try {
      const [, port] = await forward.waitFor(/Forwarding from 127\.0\.0\.1:(\d+) -> 8080/);
      const response = await fetch(`http://127.0.0.1:${port}/through-the-tunnel`);
      assert.equal(response.status, 200);
      assert.equal(((await response.json()) as { path: string }).path, '/through-the-tunnel');
    } finally {
      forward.stop();
    }
  });

  it('streams changes to kubectl get --watch', async () => {
    const watch = new KubectlProcess(sim, ['-n', 'shop', 'get', 'configmaps', '--watch', '-o', 'name']);
    try {
      await watch.waitFor(/configmap\/one/);
      await kubectlOk(sim, ['apply', '-f', '-'], configMap('watched'));
      await watch.waitFor(/configmap\/watched/);
    } finally {
      watch.stop();
    }
  });

  it('replays from a resourceVersion, sends bookmarks and answers 410 once history is gone', async () => {
    const list = JSON.parse((await raw(sim, '/api/v1/namespaces/shop/configmaps')).body) as { metadata: { resourceVersion: string } };
    await kubectlOk(sim, ['apply', '-f', '-'], configMap('after-list'));
    const replay = await raw(sim, `/api/v1/namespaces/shop/configmaps?watch=1&allowWatchBookmarks=true&resourceVersion=${list.metadata.resourceVersion}`, { until: (body) => body.includes('"BOOKMARK"') });
    const events = replay.body.trim().split('\n').map((line) => JSON.parse(line) as { type: string; object: { metadata: { name?: string } } });
    assert.deepEqual(events[0].type, 'ADDED');
    assert.equal(events[0].object.metadata.name, 'after-list');
    assert.ok(events.some((e) => e.type === 'BOOKMARK'));

    sim.api.store.compact();
    const expired = await raw(sim, `/api/v1/namespaces/shop/configmaps?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    const event = JSON.parse(expired.body.trim()) as { type: string; object: { code: number; reason: string } };
    assert.equal(event.type, 'ERROR');
    assert.equal(event.object.code, 410);
    assert.equal(event.object.reason, 'Expired');
  });

  it('restarts a rollout into a new ReplicaSet', async () => {
    const before = (await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=web'])).items.map((p: { metadata: { name: string } }) => p.metadata.name);
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'restart', 'deployment/web']);
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'status', 'deployment/web', '--timeout=30s']);
    const deploy = await getJson(['-n', 'shop', 'get', 'deployment', 'web']);
    assert.ok(deploy.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']);
    const after = (await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=web'])).items.map((p: { metadata: { name: string } }) => p.metadata.name);
    assert.equal(after.length, 2);
    assert.ok(after.every((name: string) => !before.includes(name)));
  });

  it('runs StatefulSets with ordinal pods, a DaemonSet pod on the node and Jobs to completion', async () => {
    await kubectlOk(sim, ['apply', '-f', '-'], `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: shop}
spec:
  replicas: 2
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: db, image: "postgres:16"}]}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: shop}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: agent, image: "busybox:1.36"}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: migrate, image: "busybox:1.36"}]
`);
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'status', 'statefulset/db', '--timeout=30s']);
    await kubectlOk(sim, ['-n', 'shop', 'rollout', 'status', 'daemonset/agent', '--timeout=30s']);
    await kubectlOk(sim, ['-n', 'shop', 'wait', '--for=condition=complete', 'job/migrate', '--timeout=30s']);
    assert.equal((await kubectlOk(sim, ['-n', 'shop', 'get', 'pods', '-l', 'app=db', '-o', 'name'])).trim(), 'pod/db-0\npod/db-1');
    assert.equal((await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=agent'])).items.length, 1);
    const job = (await getJson(['-n', 'shop', 'get', 'pods', '-l', 'job-name=migrate'])).items[0];
    assert.equal(job.status.phase, 'Succeeded');
  });

  it('keeps the pods of a ReplicaSet deleted with --cascade=orphan, without their owner', async () => {
    const rs = (await getJson(['-n', 'shop', 'get', 'replicasets', '-l', 'app=web'])).items.find((r: Loose) => r.spec.replicas > 0);
    await kubectlOk(sim, ['-n', 'shop', 'delete', 'deployment', 'web', '--cascade=orphan']);
    await kubectlOk(sim, ['-n', 'shop', 'delete', 'replicaset', rs.metadata.name, '--cascade=orphan']);
    const pods = (await getJson(['-n', 'shop', 'get', 'pods', '-l', 'app=web'])).items;
    assert.equal(pods.length, 2);
    assert.ok(pods.every((p: Loose) => (p.metadata.ownerReferences ?? []).length === 0));
  });

  it('serves the resources of an Established CustomResourceDefinition', async () => {
    await kubectlOk(sim, ['apply', '-f', '-'], `
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, singular: widget, kind: Widget, shortNames: [wdg]}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`);
    await kubectlOk(sim, ['wait', '--for=condition=Established', 'crd/widgets.example.com', '--timeout=30s']);
    await kubectlOk(sim, ['apply', '-f', '-'], 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: shop}\nspec: {size: 3}\n');
    const widget = await getJson(['-n', 'shop', 'get', 'wdg', 'w1']);
    assert.equal(widget.spec.size, 3);
  });

  it('deletes everything in a namespace with it', async () => {
    await kubectlOk(sim, ['delete', 'namespace', 'shop', '--timeout=30s']);
    assert.match((await kubectl(sim, ['get', 'namespace', 'shop'])).stderr, /not found/);
    assert.equal((await kubectlOk(sim, ['get', 'pods,deployments,replicasets,configmaps', '-A', '-o', 'name'])).trim().split('\n').filter((n) => !n.includes('kube-root-ca.crt')).join(), '');
  });
});
