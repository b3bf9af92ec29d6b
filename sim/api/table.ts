import type { KubeObject } from '../store/types';

/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`), which kubectl asks for
 * when it prints for people. Columns follow kubectl's usual ones for the kinds the project shows.
 */
interface Column {
  name: string;
  type: 'string' | 'integer';
  priority?: number;
  cell(object: KubeObject): string | number;
}

type Loose = Record<string, unknown>;

/** A dotted path into an object, or undefined where it stops. */
function field(object: unknown, path: string): unknown {
  let current = object;
  for (const part of path.split('.')) current = typeof current === 'object' && current !== null ? (current as Loose)[part] : undefined;
  return current;
}

const num = (o: KubeObject, path: string) => Number(field(o, path) ?? 0);
const list = (o: KubeObject, path: string) => (Array.isArray(field(o, path)) ? (field(o, path) as Loose[]) : []);

export function wantsTable(accept: string | undefined): boolean {
  return /as=Table/.test(accept ?? '') && /g=meta\.k8s\.io/.test(accept ?? '');
}

export function toTable(kind: string, objects: KubeObject[], resourceVersion: string, now = Date.now()): object {
  const specific = COLUMNS[kind] ?? [];
  const columns: Column[] = [
    { name: 'Name', type: 'string', cell: (o) => o.metadata.name ?? '' },
    ...specific.filter((c) => !c.priority),
    { name: 'Age', type: 'string', cell: (o) => age(o.metadata.creationTimestamp, now) },
    ...specific.filter((c) => c.priority),
  ];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map((c) => ({ name: c.name, type: c.type, format: c.name === 'Name' ? 'name' : '', description: '', priority: c.priority ?? 0 })),
    rows: objects.map((o) => ({
      cells: columns.map((c) => c.cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    { name: 'Ready', type: 'string', cell: (o) => `${containerStatuses(o).filter((s) => s.ready).length}/${containerStatuses(o).length}` },
    { name: 'Status', type: 'string', cell: podStatus },
    { name: 'Restarts', type: 'string', cell: (o) => String(containerStatuses(o).reduce((n, s) => n + Number(s.restartCount ?? 0), 0)) },
    { name: 'IP', type: 'string', priority: 1, cell: (o) => String(field(o, 'status.podIP') ?? '<none>') },
    { name: 'Node', type: 'string', priority: 1, cell: (o) => String(field(o, 'spec.nodeName') ?? '<none>') },
  ],
  Deployment: [
    { name: 'Ready', type: 'string', cell: (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}` },
    { name: 'Up-to-date', type: 'integer', cell: (o) => num(o, 'status.updatedReplicas') },
    { name: 'Available', type: 'integer', cell: (o) => num(o, 'status.availableReplicas') },
  ],
  ReplicaSet: [
    { name: 'Desired', type: 'integer', cell: (o) => num(o, 'spec.replicas') },
    { name: 'Current', type: 'integer', cell: (o) => num(o, 'status.replicas') },
    { name: 'Ready', type: 'integer', cell: (o) => num(o, 'status.readyReplicas') },
  ],
  StatefulSet: [{ name: 'Ready', type: 'string', cell: (o) => `${num(o, 'status.readyReplicas')}/${num(o, 'spec.replicas')}` }],
  Service: [
    { name: 'Type', type: 'string', cell: (o) => String(field(o, 'spec.type') ?? 'ClusterIP') },
    { name: 'Cluster-IP', type: 'string', cell: (o) => String(field(o, 'spec.clusterIP') ?? '<none>') },
    { name: 'External-IP', type: 'string', cell: () => '<none>' },
    { name: 'Port(s)', type: 'string', cell: (o) => list(o, 'spec.ports').map((p) => `${String(p.port)}/${String(p.protocol ?? 'TCP')}`).join(',') || '<none>' },
  ],
  Namespace: [{ name: 'Status', type: 'string', cell: (o) => String(field(o, 'status.phase') ?? 'Active') }],
  Job: [{ name: 'Status', type: 'string', cell: (o) => (list(o, 'status.conditions').some((c) => c.type === 'Complete') ? 'Complete' : 'Running') }],
};

function containerStatuses(pod: KubeObject): Loose[] {
  const sidecars = list(pod, 'status.initContainerStatuses').filter((s) => list(pod, 'spec.initContainers').some((c) => c.name === s.name && c.restartPolicy === 'Always'));
  return [...sidecars, ...list(pod, 'status.containerStatuses')];
}

function podStatus(pod: KubeObject): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const waiting = containerStatuses(pod).map((s) => field(s, 'state.waiting.reason')).find((r) => r !== undefined);
  if (waiting) return String(waiting);
  const phase = String(field(pod, 'status.phase') ?? 'Pending');
  return phase === 'Succeeded' ? 'Completed' : phase;
}

/** kubectl's short human durations: 45s, 12m, 3h, 2d. */
function age(timestamp: string | undefined, now: number): string {
  if (!timestamp) return '<unknown>';
  const seconds = Math.max(0, Math.floor((now - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  if (seconds < 172_800) return `${Math.floor(seconds / 3600)}h`;
  return `${Math.floor(seconds / 86_400)}d`;
}
