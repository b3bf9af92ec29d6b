import type { ObjectApi } from '../api/objects';
import { deploymentOf, isRunning, type Pod } from '../cluster/podTypes';
import type { MetricsContext } from '../linkerd/metrics';
import type { TrafficEdge } from './model';

/** The traffic flowing in the simulated cluster; scenarios add edges, proxies report them when scraped. */
export class Traffic {
  private readonly edges: TrafficEdge[] = [];

  constructor(private readonly api: ObjectApi) {}

  add(edges: TrafficEdge[]): void {
    this.edges.push(...edges);
  }

  /** A snapshot for one scrape: pods are listed at most once per namespace. */
  context(): MetricsContext {
    const pods = this.api.typeOf('Pod');
    const byNamespace = new Map<string, Pod[]>();
    return {
      edges: this.edges,
      now: new Date(),
      podsOf: (namespace, deployment) => {
        let list = byNamespace.get(namespace);
        if (!list) byNamespace.set(namespace, (list = (this.api.peek(pods, namespace) as Pod[]).filter(isRunning)));
        return list.filter((p) => deploymentOf(p) === deployment);
      },
    };
  }
}
