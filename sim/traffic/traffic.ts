import type { ObjectApi } from '../api/objects';
import { storageKey } from '../api/resources';
import { deploymentOf, isRunning, type Pod } from '../cluster/podTypes';
import type { MetricsContext } from '../linkerd/metrics';
import { AuthzCounters } from '../linkerd/authzMetrics';
import type { KubeObject } from '../store/types';
import type { TrafficEdge } from './model';

const POLICY_GROUPS = ['policy.linkerd.io', 'gateway.networking.k8s.io'];
const POLICY_KINDS = ['Server', 'AuthorizationPolicy', 'MeshTLSAuthentication', 'NetworkAuthentication', 'ServerAuthorization', 'HTTPRoute', 'GRPCRoute'];

/** The traffic flowing in the simulated cluster; scenarios add edges, proxies report them when scraped. */
export class Traffic {
  private readonly edges: TrafficEdge[] = [];
  /** Running pods by namespace and Deployment, rebuilt only after pods change: thousands of scrapes read it. */
  private index: Map<string, Pod[]> | undefined;
  private readonly edgesByEnd = new Map<string, TrafficEdge[]>();
  private policyObjects: KubeObject[] | undefined;
  private readonly counters = new AuthzCounters();

  constructor(private readonly api: ObjectApi) {
    const pods = storageKey(api.typeOf('Pod'));
    const namespaces = storageKey(api.typeOf('Namespace'));
    api.store.subscribe((event) => {
      if (event.key === pods) this.index = undefined;
      else if (event.key === namespaces || POLICY_GROUPS.some((g) => event.key.startsWith(`${g}/`))) this.policyObjects = undefined;
    });
  }

  add(edges: TrafficEdge[]): void {
    this.edges.push(...edges);
    this.edgesByEnd.clear();
  }

  /** What one scrape needs: the edges from or to a Deployment, and its running pods. */
  context(): MetricsContext {
    return {
      edgesOf: (namespace, deployment) => this.endsIndex().get(`${namespace}/${deployment}`) ?? [],
      now: new Date(),
      podsOf: (namespace, deployment) => this.podIndex().get(`${namespace}/${deployment}`) ?? [],
      policy: { objects: () => this.policies(), counters: this.counters },
    };
  }

  /** Namespaces and the policy objects the proxies enforce, re-read only after one of them changes. */
  private policies(): KubeObject[] {
    if (this.policyObjects) return this.policyObjects;
    const objects: KubeObject[] = [...this.api.peek(this.api.typeOf('Namespace'))];
    for (const type of this.api.types.all()) {
      if (!POLICY_GROUPS.includes(type.group) || !POLICY_KINDS.includes(type.kind)) continue;
      // Every served version reads the same storage; take each group and kind once.
      if (objects.some((o) => o.kind === type.kind && o.apiVersion?.startsWith(`${type.group}/`))) continue;
      objects.push(...this.api.peek(type).map((o) => ({ ...o, apiVersion: `${type.group}/${type.version}`, kind: type.kind })));
    }
    return (this.policyObjects = objects);
  }

  private podIndex(): Map<string, Pod[]> {
    if (this.index) return this.index;
    const index = new Map<string, Pod[]>();
    for (const pod of this.api.peek(this.api.typeOf('Pod')) as Pod[]) {
      if (!isRunning(pod)) continue;
      const key = `${pod.metadata.namespace}/${deploymentOf(pod)}`;
      const list = index.get(key);
      if (list) list.push(pod);
      else index.set(key, [pod]);
    }
    return (this.index = index);
  }

  private endsIndex(): Map<string, TrafficEdge[]> {
    if (this.edgesByEnd.size > 0 || this.edges.length === 0) return this.edgesByEnd;
    const add = (key: string, e: TrafficEdge) => this.edgesByEnd.set(key, [...(this.edgesByEnd.get(key) ?? []), e]);
    for (const e of this.edges) {
      add(`${e.namespace}/${e.from}`, e);
      if ((e.toNamespace ?? e.namespace) !== e.namespace || e.to !== e.from) add(`${e.toNamespace ?? e.namespace}/${e.to}`, e);
    }
    return this.edgesByEnd;
  }
}
