// Proxies whose metrics could not be read, and what to say about them. The panel, `meshaware edges` and
// `meshaware stat` all say it the same way: which pods, why, and what to grant or do.
import { ClusterError } from '../cluster/errors';
import { workloadId } from '../workloadKinds';
import type { PodMeta } from '../metrics/model';
import { MeshawareError } from '../errors';

/** Why a proxy's /metrics did not arrive, in the terms a user can act on. */
export type UnreadKind = 'refused' | 'policy' | 'unreachable' | 'timeout' | 'server' | 'other';

export interface UnreadPod {
  readonly namespace: string;
  readonly name: string;
  /** The node id (`namespace/Kind/name`) of the pod's workload, when it has one. */
  readonly workload?: string;
  readonly kind: UnreadKind;
  /** The error as the cluster layer worded it. */
  readonly reason: string;
}

/** The RBAC rule the proxies source needs, once, for every message that names it. */
export const PROXY_RBAC = 'get on pods/proxy';
const GRANT = `kubectl create clusterrole meshaware-proxy-metrics --verb=get --resource=pods/proxy, then bind it to your user with a ClusterRoleBinding (or a RoleBinding per namespace)`;

function kindOf(error: unknown): UnreadKind {
  if (!(error instanceof ClusterError)) return 'other';
  switch (error.kind) {
    case 'forbidden':
    case 'unauthorized':
      // The API server's own refusal is a Status object; anything else came back from the proxy's admin port.
      return error.body?.kind === 'Status' || error.kind === 'unauthorized' ? 'refused' : 'policy';
    case 'timeout':
      return 'timeout';
    case 'unreachable':
      return 'unreachable';
    case 'server':
      return 'server';
    default:
      return 'other';
  }
}

export function unreadPod(pod: PodMeta, error: unknown): UnreadPod {
  const workload = pod.owner ? workloadId({ kind: pod.owner.kind, namespace: pod.namespace, name: pod.owner.name }) : undefined;
  const reason = error instanceof Error ? error.message : String(error);
  return { namespace: pod.namespace, name: pod.name, ...(workload ? { workload } : {}), kind: kindOf(error), reason };
}

const WHY: Record<UnreadKind, string> = {
  refused: 'refused by the API server (RBAC)',
  policy: 'refused by the proxy (admin port authorization policy)',
  unreachable: 'not reachable',
  timeout: 'no answer in time',
  server: 'an API server error',
  other: 'an error',
};

/** One line: how many of how many proxies were not read, grouped by why, with an example pod for each. */
export function unreadSummary(unread: readonly UnreadPod[], meshed: number): string {
  const groups = new Map<UnreadKind, UnreadPod[]>();
  for (const u of unread) groups.set(u.kind, [...(groups.get(u.kind) ?? []), u]);
  const parts = [...groups].map(([kind, pods]) => `${pods.length} ${WHY[kind]} (e.g. pod "${pods[0].name}" in "${pods[0].namespace}": ${pods[0].reason})`);
  return `The metrics of ${unread.length} of ${meshed} meshed pods could not be read: ${parts.join('; ')}.`;
}

/** What to do about it; the RBAC to grant when the API server refused. */
export function unreadHint(unread: readonly UnreadPod[]): string {
  const kinds = new Set(unread.map((u) => u.kind));
  const hints: string[] = [];
  if (kinds.has('refused')) hints.push(`Ask for RBAC permission ${PROXY_RBAC} (${GRANT})`);
  if (kinds.has('policy')) hints.push('Allow the API server to reach the proxies\' admin port (4191) in your Linkerd authorization policy');
  if (kinds.has('unreachable') || kinds.has('timeout') || kinds.has('server') || kinds.has('other')) hints.push('Check that those pods are running and ready; they are retried on the next refresh');
  hints.push('or install linkerd-viz so that traffic is read from its Prometheus');
  return `${hints.join('; ')}.`;
}

/** Refusals are configuration to fix (the CLI fails); pods that did not answer are transient and only noted. */
export function isRefusal(unread: readonly UnreadPod[]): boolean {
  return unread.some((u) => u.kind === 'refused' || u.kind === 'policy');
}

/** No meshed pod's proxy could be read: there is no traffic to show, and an empty graph would be a lie. */
export class ProxiesUnreadableError extends MeshawareError {
  constructor(readonly unread: readonly UnreadPod[]) {
    super('proxiesUnreadable', unreadSummary(unread, unread.length), unreadHint(unread));
  }
}
