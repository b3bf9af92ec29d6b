/**
 * The policy evaluation's inputs read from the lint's workspace index: every object as JSON with where it
 * is written (for findings and Open policy), and the pods a workload creates (labels, annotations, ports).
 */
import { isMap } from 'yaml';
import type { WorkspaceModel } from '../lint/model/workspace';
import type { ResourceIndex } from '../workspace/resourceIndex';
import type { WorkloadRef } from '../workloadKinds';
import type { DestinationWorkload, PolicyObject, PolicyOrigin } from './types';

const POLICY_KINDS = new Set(['Server', 'AuthorizationPolicy', 'MeshTLSAuthentication', 'NetworkAuthentication', 'ServerAuthorization', 'HTTPRoute', 'Namespace']);

/** Policy objects (and Namespaces, for their default-policy annotation) of the workspace. */
export function workspacePolicyObjects(index: ResourceIndex): PolicyObject[] {
  const out: PolicyObject[] = [];
  for (const uri of index.uris()) {
    for (const r of index.resourcesIn(uri)) {
      if (!POLICY_KINDS.has(r.kind) || r.document.errors.length) continue;
      const root = r.document.doc.contents;
      if (!isMap(root)) continue;
      // The lint refuses alias bombs before this; a document that still fails to convert is left out.
      let json: Omit<PolicyObject, 'origin'>;
      try {
        json = r.document.doc.toJS({ maxAliasCount: 100 }) as Omit<PolicyObject, 'origin'>;
      } catch {
        continue;
      }
      if (!json || typeof json !== 'object' || typeof json.apiVersion !== 'string') continue;
      out.push({ ...json, metadata: { ...json.metadata, namespace: r.kind === 'Namespace' ? undefined : (r.namespace ?? 'default') }, origin: { uri, offset: root.range?.[0] ?? 0 } });
    }
  }
  return out;
}

const WORKLOAD_GROUPS: Readonly<Record<string, string>> = { Deployment: 'apps', StatefulSet: 'apps', DaemonSet: 'apps', ReplicaSet: 'apps', Job: 'batch', CronJob: 'batch', Pod: '' };

function findWorkload(model: WorkspaceModel, ref: WorkloadRef) {
  const group = WORKLOAD_GROUPS[ref.kind];
  return group === undefined ? undefined : model.find(ref.namespace, group, ref.kind, ref.name);
}

/** A workload of the workspace as a flow's destination, or undefined when the workspace does not describe it. */
export function workspaceDestination(model: WorkspaceModel, ref: WorkloadRef): DestinationWorkload | undefined {
  const o = findWorkload(model, ref);
  const pod = o?.pod;
  if (!o || !pod) return undefined;
  const annotations: Record<string, string> = {};
  for (const item of pod.annotations?.items ?? []) {
    const k = (item.key as { value?: unknown } | null)?.value;
    const v = (item.value as { value?: unknown } | null)?.value;
    if (typeof k === 'string' && (typeof v === 'string' || typeof v === 'number')) annotations[k] = String(v);
  }
  return { namespace: ref.namespace, kind: ref.kind, name: ref.name, labels: Object.fromEntries(pod.labels), annotations, ports: pod.ports.filter((p) => p.protocol.toUpperCase() === 'TCP').map((p) => ({ name: p.name, port: p.port })) };
}

/** Where a workload is written, for findings about flows to it. */
export function workspaceWorkloadOrigin(model: WorkspaceModel, ref: WorkloadRef): PolicyOrigin | undefined {
  const o = findWorkload(model, ref);
  return o ? { uri: o.uri, offset: o.root.range?.[0] ?? 0 } : undefined;
}
