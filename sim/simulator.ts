import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ObjectApi } from './api/objects';
import { createApiServer } from './api/server';
import { genericApp } from './cluster/genericApp';
import { Kubelet } from './cluster/kubelet';
import { namespaceDefaults } from './cluster/namespaces';
import { clusterSubresources } from './cluster/subresources';
import { WorkloadControllers } from './cluster/workloads';
import { Faults, type FaultOptions } from './faults';
import { writeKubeconfig } from './kubeconfig';
import { isReady } from './cluster/workloads';
import { CONTROL_PLANE_NS } from './linkerd/constants';
import type { IdentityMaterial } from '../src/core/controlplane/certs/types';
import { installedControlPlane } from './linkerd/controlPlane';
import { identityController } from './linkerd/identity';
import { proxyInjector } from './linkerd/injector';
import { linkerdProxy } from './linkerd/proxy';
import { startVizPrometheus } from './prometheus';
import { SCENARIOS } from './scenarios';
import { Store } from './store/store';
import type { KubeObject } from './store/types';
import { Traffic } from './traffic/traffic';
import { RequestLog } from './api/requestLog';
import { issueCertificate } from './tls/certificates';

export interface SimulatorOptions {
  /** 0 picks a free port. */
  port?: number;
  kubeconfigPath?: string;
  contextName?: string;
  readinessDelayMs?: number;
  crashBackoffMs?: number;
  bookmarkIntervalMs?: number;
  faults?: FaultOptions;
  /** Workloads and traffic to start with: `emojivoto` (default), `scale` or `empty`. */
  scenario?: string;
  /** `installed` starts with the Linkerd control plane present and the scenario's namespace meshed. */
  linkerd?: 'none' | 'installed';
  /** The identity (trust anchors and issuer) of an installed control plane; freshly generated when absent. */
  identity?: IdentityMaterial;
  /** Runs a real Prometheus as linkerd-viz's (service prometheus in linkerd-viz), scraping the proxies. */
  prometheus?: boolean;
  /** That Prometheus's scrape interval; viz's 10 s by default. */
  scrapeIntervalSeconds?: number;
  /** Application pods of a scenario that scales (`scale`: 1,000 by default, up to 5,000). */
  pods?: number;
}

export interface Simulator {
  url: string;
  kubeconfigPath: string;
  contextName: string;
  token: string;
  /** PEM of the CA that signed the serving certificate. */
  caPem: string;
  api: ObjectApi;
  /** What the simulated proxy injector logged when it could not inject a pod (admitted without a proxy). */
  injectorLog: readonly string[];
  kubelet: Kubelet;
  faults: Faults;
  traffic: Traffic;
  /** The `--prometheus` server's own address, when it runs. */
  prometheusUrl?: string;
  /** Every authenticated API request, counted by method and path. */
  requests: RequestLog;
  /** Writes another kubeconfig for the same cluster, e.g. one carrying the wrong CA. */
  writeKubeconfig(path: string, variant?: { wrongCa?: boolean; token?: string }): void;
  close(): Promise<void>;
}

const NODE_NAME = 'meshaware-control-plane';

/** Starts the simulated cluster in this process. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const contextName = options.contextName ?? 'meshaware-sim';
  const ca = await issueCertificate({ commonName: 'kubernetes', isCa: true, days: 3650 });
  const unrelatedCa = await issueCertificate({ commonName: 'kubernetes', isCa: true, days: 3650 });
  const serving = await issueCertificate({ commonName: 'kube-apiserver', issuer: ca, isCa: false, serverAuth: true, dnsNames: ['localhost', 'kubernetes', 'kubernetes.default.svc'], ipAddresses: ['127.0.0.1'] });
  const token = randomBytes(24).toString('hex');

  const store = new Store();
  /** Why the simulated injector could not inject a pod, as the real injector would log it. */
  const injectorLog: string[] = [];
  const api = new ObjectApi(store);
  const faults = new Faults(options.faults);
  const kubelet = new Kubelet(api, { nodeName: NODE_NAME, readinessDelayMs: options.readinessDelayMs ?? 1000, crashBackoffMs: options.crashBackoffMs ?? 10_000 });
  const traffic = new Traffic(api);
  kubelet.addBehaviour(genericApp);
  kubelet.addBehaviour(linkerdProxy(traffic));
  kubelet.addBehaviour(identityController(api));
  api.addMutator(proxyInjector(api.typeOf('Pod'), (line) => injectorLog.push(line)));
  const unwatchCredentials = store.subscribe((event) => {
    if (event.object.metadata.namespace === CONTROL_PLANE_NS && (event.key === '/secrets' || event.key === '/configmaps')) {
      setImmediate(() => kubelet.recheck((pod) => pod.metadata.labels?.['linkerd.io/control-plane-component'] === 'identity'));
    }
  });
  const controllers = new WorkloadControllers(api);
  const stopNamespaceDefaults = namespaceDefaults(api, ca.certPem);
  bootstrap(api);
  const scenario = SCENARIOS[options.scenario ?? 'emojivoto'];
  if (!scenario) throw new Error(`unknown scenario "${options.scenario}"; known: ${Object.keys(SCENARIOS).join(', ')}`);
  if (options.linkerd === 'installed') {
    applyObjects(api, await installedControlPlane(options.identity));
    await until(api, () => api.list(api.typeOf('Pod'), CONTROL_PLANE_NS).some((p) => p.metadata.labels?.['linkerd.io/control-plane-component'] === 'proxy-injector' && isReady(p)));
  }
  const { objects, edges } = scenario({ meshed: options.linkerd === 'installed', pods: options.pods });
  applyObjects(api, objects);
  traffic.add(edges);
  const prometheus = options.prometheus ? await startVizPrometheus(api, kubelet, { scrapeIntervalSeconds: options.scrapeIntervalSeconds }) : undefined;

  const requests = new RequestLog();
  const { server, closeStreams } = createApiServer({
    requests,
    api,
    faults,
    token,
    certPem: serving.certPem,
    keyPem: serving.keyPem,
    subresources: clusterSubresources(api, kubelet, prometheus?.upstream),
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 60_000,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const write = (path: string, variant: { wrongCa?: boolean; token?: string } = {}) =>
    writeKubeconfig(path, { server: url, caPem: (variant.wrongCa ? unrelatedCa : ca).certPem, token: variant.token ?? token, contextName });
  const kubeconfigPath = options.kubeconfigPath ?? join(mkdtempSync(join(tmpdir(), 'meshaware-sim-')), 'kubeconfig');
  write(kubeconfigPath, { wrongCa: options.faults?.wrongCa });

  return {
    url,
    kubeconfigPath,
    contextName,
    token,
    caPem: ca.certPem,
    api,
    injectorLog,
    requests,
    kubelet,
    faults,
    traffic,
    prometheusUrl: prometheus?.url,
    writeKubeconfig: write,
    async close() {
      unwatchCredentials();
      stopNamespaceDefaults();
      faults.dropWatches();
      controllers.close();
      kubelet.close();
      closeStreams();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prometheus?.close();
    },
  };
}

/** Creates objects the way `kubectl create` would, in order. */
export function applyObjects(api: ObjectApi, objects: KubeObject[]): void {
  for (const object of objects) {
    const type = api.types.forKind(object.apiVersion ?? 'v1', object.kind ?? '');
    if (!type) throw new Error(`no resource serves ${object.apiVersion} ${object.kind}`);
    api.create(type, object.metadata.namespace, object, { fieldManager: 'kubectl-create' });
  }
}

/** Resolves once the cluster state satisfies `condition`. */
export function until(api: ObjectApi, condition: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (condition()) return resolve();
    const unsubscribe = api.store.subscribe(() => {
      if (!condition()) return;
      unsubscribe();
      resolve();
    });
  });
}

/** What a fresh kind cluster holds before anyone applies anything. */
function bootstrap(api: ObjectApi): void {
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    api.create(api.typeOf('Namespace'), undefined, { metadata: { name } }, { fieldManager: 'kube-apiserver' });
  }
  api.create(api.typeOf('Node'), undefined, {
    metadata: { name: NODE_NAME, labels: { 'kubernetes.io/hostname': NODE_NAME, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64', 'node-role.kubernetes.io/control-plane': '' } },
    spec: { podCIDR: '10.244.0.0/24' },
    status: {
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
      addresses: [{ type: 'InternalIP', address: '172.18.0.2' }, { type: 'Hostname', address: NODE_NAME }],
      nodeInfo: { kubeletVersion: 'v1.32.2', containerRuntimeVersion: 'containerd://1.7.24', osImage: 'Debian GNU/Linux 12 (bookworm)', architecture: 'amd64', operatingSystem: 'linux', kernelVersion: '6.1.0' },
      capacity: { cpu: '2', memory: '8Gi', pods: '110' },
      allocatable: { cpu: '2', memory: '8Gi', pods: '110' },
    },
  }, { fieldManager: 'kubelet' });
  api.create(api.typeOf('Service'), 'default', {
    metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, targetPort: 6443 }] },
  }, { fieldManager: 'kube-apiserver' });
}
