import type { ClusterClient, KubeObject } from '../cluster/client';
import { ClusterError } from '../cluster/errors';
import { waitFor, type LifecycleOptions } from './steps';
import { CONTROL_PLANE_NS_LABEL, DEFAULT_CONTROL_PLANE_NAMESPACE } from '../linkerd';
import { plural } from '../text/plural';

/** One object uninstall will delete. */
export interface UninstallItem {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

export interface UninstallPlan {
  /** The control plane's namespace, the last thing deleted. */
  readonly namespace: string;
  readonly items: readonly UninstallItem[];
  /** Meshed pods outside the control plane and its extensions: they keep running with proxies that lose their control plane. */
  readonly meshedPods: readonly string[];
  /** Linkerd extensions (viz, multicluster, …) installed on top, by namespace: they stop working without it. */
  readonly extensions: readonly string[];
}

/**
 * The deletion order. Webhook configurations go first so no admission call reaches a webhook that is being
 * removed (with failurePolicy Ignore pods would be created uninjected, with Fail nothing could be created);
 * the namespace goes last and takes every namespaced object with it.
 */
const ORDER: readonly [string, string, boolean][] = [
  ['admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', false],
  ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', false],
  ['apiregistration.k8s.io/v1', 'APIService', false],
  ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', false],
  ['rbac.authorization.k8s.io/v1', 'ClusterRole', false],
  ['rbac.authorization.k8s.io/v1', 'RoleBinding', true],
  ['rbac.authorization.k8s.io/v1', 'Role', true],
  ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', false],
  ['v1', 'Namespace', false],
];

/**
 * Lists what uninstall deletes: everything labelled as ours, as `linkerd uninstall` selects it. Gateway API
 * CRDs installed by someone else carry no such label and are left alone.
 */
export async function planUninstall(client: ClusterClient, o: Pick<LifecycleOptions, 'namespace' | 'call'>): Promise<UninstallPlan> {
  const { call } = o;
  const namespace = o.namespace ?? DEFAULT_CONTROL_PLANE_NAMESPACE;
  const items: UninstallItem[] = [];
  for (const [apiVersion, kind] of ORDER) {
    let list;
    try {
      list = await client.list(apiVersion, kind, { labelSelector: `${CONTROL_PLANE_NS_LABEL}=${namespace}` }, call);
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'notFound') continue;
      throw e;
    }
    for (const o of list.items as KubeObject[]) items.push({ apiVersion, kind, name: o.metadata?.name ?? '?', namespace: o.metadata?.namespace });
  }
  const extensionNamespaces = (await client.list('v1', 'Namespace', { labelSelector: 'linkerd.io/extension' }, call)).items;
  const extensions = extensionNamespaces.map((n) => `${n.metadata?.labels?.['linkerd.io/extension']} (namespace ${n.metadata?.name})`);
  const skip = new Set([namespace, ...extensionNamespaces.map((n) => n.metadata?.name)]);
  const pods = await client.list('v1', 'Pod', { labelSelector: CONTROL_PLANE_NS_LABEL }, call);
  const meshedPods = pods.items.filter((p) => !skip.has(p.metadata?.namespace)).map((p) => `${p.metadata?.namespace}/${p.metadata?.name}`);
  return { namespace, items, meshedPods, extensions };
}

/** Why uninstalling would break something, as `linkerd uninstall` refuses it without --force; undefined when nothing would. */
export function uninstallBlockers(plan: UninstallPlan): string | undefined {
  const parts = [
    ...(plan.extensions.length ? [`Linkerd extensions are installed: ${plan.extensions.join(', ')}; uninstall them first.`] : []),
    ...(plan.meshedPods.length
      ? [`${plural(plan.meshedPods.length, 'meshed pod')} would keep proxies with no control plane (no new certificates, no discovery): ${plan.meshedPods.slice(0, 10).join(', ')}${plan.meshedPods.length > 10 ? ', …' : ''}; remove their linkerd.io/inject annotation and restart them first.`]
      : []),
  ];
  return parts.length ? parts.join(' ') : undefined;
}

/**
 * Deletes the plan's objects in order, then waits for the namespace to be gone (its contents cascade).
 * Like `linkerd uninstall`, it refuses while meshed pods or extensions depend on the control plane, unless forced.
 */
export async function uninstallLinkerd(client: ClusterClient, plan: UninstallPlan, o: Pick<LifecycleOptions, 'progress' | 'call'> & { force?: boolean; timeoutMs?: number }): Promise<void> {
  const { progress, call } = o;
  const { namespace } = plan;
  const blockers = uninstallBlockers(plan);
  if (blockers && !o.force) throw new ClusterError('invalid', `Not uninstalling: ${blockers}`, 'Or uninstall anyway (--force), leaving them without a control plane.');
  for (const item of plan.items) {
    const gone = await client.delete(item.apiVersion, item.kind, item.name, item.namespace, call);
    progress(`${gone ? 'deleted' : 'already gone'}: ${item.kind.toLowerCase()}/${item.name}`);
  }
  await waitFor(`namespace ${namespace} to be deleted`, async () => !(await client.tryGet('v1', 'Namespace', namespace, undefined, call)), { signal: call.signal, timeoutMs: o.timeoutMs ?? 120000 });
  client.resetDiscovery();
  progress('Linkerd is uninstalled');
}
