// The metrics model as the panel's protocol carries it. Free of `vscode`.
import { UNMESHED_CALLERS_KIND, type TrafficModel } from '../../core/metrics/model';
import type { TrafficSnapshot, TrafficSourceKind } from '../../shared/trafficProtocol';

export function toSnapshot(model: TrafficModel, context: string, source: TrafficSourceKind, updatedAt: number): TrafficSnapshot {
  return {
    context,
    source,
    updatedAt,
    nodes: model.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, namespace: n.namespace, meshedPods: n.meshedPods, totalPods: n.totalPods, meshed: n.meshed, ...(n.kind === UNMESHED_CALLERS_KIND ? { aggregate: true } : {}) })),
    edges: model.edges.map((e) => {
      const { p50, p95, p99 } = e.latencyMs;
      return {
        id: e.id,
        source: e.source,
        target: e.destination,
        requestsPerSecond: e.requestsPerSecond,
        successRate: e.successRate,
        latencyMs: p50 === null && p95 === null && p99 === null ? null : { p50, p95, p99 },
        openConnections: e.openConnections,
        // The page shows an edge as secured exactly when this is empty, so an unsecured edge never has ''.
        noTlsReason: e.mtls.secured ? '' : e.mtls.noTlsReason || 'unknown',
        clientIdentity: e.clientIdentity ?? undefined,
        serverIdentity: e.serverIdentity ?? undefined,
      };
    }),
  };
}
