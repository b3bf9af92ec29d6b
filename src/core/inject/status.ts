import { findAnnotation, suggestValue } from '../annotations/catalog';
import { injectsNewPods, needsRestart, workloadKey, workloadsToRestart, type LiveMesh } from '../cluster/liveMesh';
import { isRestartable } from '../workloadKinds';
import { plural } from '../text/plural';
import { INJECT_ANNOTATION } from './annotation';
import { blockerReason } from './decide';
import type { Blocker, InjectionAction, InjectionTarget, InjectValue } from './types';

/** What a user can do about an object's mesh state, each rendered as a lens (and, for some, a context-menu entry). */
export type MeshActionKind = 'add' | 'remove' | 'edit' | 'apply' | 'restart';

export interface MeshAction {
  readonly kind: MeshActionKind;
  readonly title: string;
  readonly tooltip: string;
  /** For `edit`: the change to the file (Opt out, Enable, Fix, Move, Remove injected proxy). */
  readonly edit?: InjectionAction;
}

/** An object's mesh state in words, in the file and (when connected) in the cluster, and what can be done about it. */
export interface MeshStatus {
  readonly title: string;
  readonly tooltip: string;
  readonly actions: readonly MeshAction[];
}

/** The cluster side: its context name, and what it runs once read (undefined while unknown). */
export interface ClusterView {
  readonly context: string;
  readonly live?: LiveMesh;
}

/**
 * The one description of where an object stands: what the file asks of Linkerd and, with a context connected, what
 * the cluster runs ("in file: meshed · in kind-dev: 0/1 pods meshed"), with the actions that close the gap: Apply
 * when the cluster's object differs from the file, Restart when it matches but its pods predate it.
 */
export function meshStatus(target: InjectionTarget, cluster: ClusterView | undefined, unsaved = false): MeshStatus {
  const file = fileSide(target);
  const where = unsaved ? 'in file (unsaved)' : 'in file';
  const title = `${where}: ${file.text}`;
  if (!cluster) return { title, tooltip: file.tooltip, actions: file.actions };
  const live = cluster.live;
  if (!live) return { title: `${title} · in ${cluster.context}: …`, tooltip: `${file.tooltip}\n\nReading ${cluster.context}…`, actions: file.actions };
  const side = target.role === 'namespace' ? namespaceSide(target, live) : workloadSide(target, live);
  return {
    title: `${title} · in ${cluster.context}: ${side.text}`,
    tooltip: `${file.tooltip}\n\nIn ${cluster.context}: ${side.tooltip}`,
    actions: [...side.actions, ...file.actions],
  };
}

interface Side {
  readonly text: string;
  readonly tooltip: string;
  readonly actions: MeshAction[];
}

function fileSide(target: InjectionTarget): Side {
  const { state } = target;
  const add: MeshAction = {
    kind: 'add',
    title: target.role === 'namespace' ? 'Add namespace to mesh' : 'Add to mesh',
    tooltip: target.role === 'namespace' ? `Annotate the namespace with ${INJECT_ANNOTATION}: enabled, so its new pods get the Linkerd proxy` : `Annotate the pod template with ${INJECT_ANNOTATION}: enabled`,
  };
  const remove: MeshAction = { kind: 'remove', title: 'Remove from mesh', tooltip: `Remove the ${INJECT_ANNOTATION} annotation` };
  const edit = (title: string, tooltip: string, action: InjectionAction): MeshAction => ({ kind: 'edit', title, tooltip, edit: action });
  switch (state.kind) {
    case 'unmeshed':
      return { text: 'not meshed', tooltip: `No ${INJECT_ANNOTATION} annotation: Linkerd leaves these pods alone`, actions: [add] };
    case 'meshed':
      return { text: state.value === 'ingress' ? 'meshed (ingress mode)' : 'meshed', tooltip: `${INJECT_ANNOTATION}: ${state.value}; the proxy injector adds the Linkerd proxy to new pods`, actions: [remove] };
    case 'meshedViaNamespace':
      return {
        text: `meshed via namespace ${state.namespace}`,
        tooltip: `Namespace ${state.namespace} is annotated ${INJECT_ANNOTATION}: ${state.value} in this workspace`,
        actions: [edit('Opt out', `Set ${INJECT_ANNOTATION}: disabled on this object`, { kind: 'set', value: 'disabled' })],
      };
    case 'disabled':
      return { text: 'mesh disabled', tooltip: `${INJECT_ANNOTATION}: disabled`, actions: [edit('Enable', `Set ${INJECT_ANNOTATION}: enabled`, { kind: 'set', value: 'enabled' })] };
    case 'invalid': {
      const fixed = invalidValueFix(state.value);
      return {
        text: `invalid ${INJECT_ANNOTATION} value '${state.value}'`,
        tooltip: 'The proxy injector accepts only enabled, disabled or ingress (exact, lower case) and skips this object',
        actions: [edit('Fix', `Set ${INJECT_ANNOTATION}: ${fixed}`, { kind: 'set', value: fixed })],
      };
    }
    case 'misplaced':
      return {
        text: `${INJECT_ANNOTATION} on the ${target.kind}'s metadata has no effect`,
        tooltip: 'Linkerd reads the annotation from the pods, so it belongs in the pod template',
        actions: [edit('Move to pod template', `Move the annotation to ${[...target.podMetadataHost, 'metadata', 'annotations'].join('.')}`, { kind: 'moveToTemplate' })],
      };
    case 'blocked': {
      const [first] = state.blockers;
      const actions =
        first.kind !== 'controlPlane' && state.blockers.some((b) => b.kind === 'manualProxy')
          ? [edit('Remove injected proxy', 'Take the Linkerd proxy, its init container, volumes and linkerd.io/ metadata out of this manifest, as linkerd uninject does', { kind: 'uninject' })]
          : [];
      return { text: blockedText(first), tooltip: `Linkerd will not inject these pods: ${state.blockers.map(blockerReason).join('; ')}`, actions };
    }
  }
}

function workloadSide(target: InjectionTarget, live: LiveMesh): Side {
  const namespace = target.namespace ?? 'default';
  const running = target.name !== undefined ? live.workloads.get(workloadKey(target.kind, namespace, target.name)) : undefined;
  const apply = (tooltip: string): MeshAction => ({ kind: 'apply', title: 'Apply', tooltip });
  if (!running) {
    const restartable = isRestartable(target.kind);
    // Jobs, CronJobs and bare Pods are not read: say nothing rather than "not deployed" about what we did not look for.
    if (!restartable) return { text: 'not checked', tooltip: `Meshaware follows Deployments, StatefulSets and DaemonSets in the cluster; this ${target.kind} is not read`, actions: [] };
    return { text: 'not deployed', tooltip: `There is no ${target.kind} ${target.name} in namespace ${namespace}`, actions: [apply(`Create it with server-side apply, after a server dry run and its diff`)] };
  }
  const count = running.pods ? `${running.meshedPods}/${running.pods} pods meshed` : 'no pods running';
  const differs = (running.templateInject ?? undefined) !== (target.annotation ?? undefined);
  if (differs) {
    const now = running.templateInject === undefined ? 'has no annotation' : `says ${INJECT_ANNOTATION}: ${running.templateInject}`;
    return {
      text: count,
      tooltip: `${pods(running)}. The cluster's pod template ${now}, unlike the file: applying the file rolls out new pods.`,
      actions: [apply('Server-side apply this object after a dry run and its diff; the changed pod template rolls out new pods')],
    };
  }
  if (needsRestart(live, running)) {
    const injects = injectsNewPods(live, running);
    return {
      text: count,
      tooltip: `${pods(running)}. They started before the cluster's pod template ${injects ? 'asked for' : 'stopped asking for'} the proxy; only re-created pods change.`,
      actions: [{ kind: 'restart', title: 'Restart', tooltip: `Rollout restart ${target.kind.toLowerCase()}/${target.name}: its pods are replaced one by one, ${injects ? 'with' : 'without'} the Linkerd proxy` }],
    };
  }
  const why = !live.injector && running.meshedPods < running.pods && running.templateInject !== 'disabled' ? ' Linkerd is not installed in this cluster, so no pod gets a proxy.' : '';
  return { text: count, tooltip: `${pods(running)}.${why}`, actions: [] };
}

function namespaceSide(target: InjectionTarget, live: LiveMesh): Side {
  const name = target.name ?? 'default';
  const ns = live.namespaces.get(name);
  if (!ns) return { text: 'not created', tooltip: `There is no namespace ${name}`, actions: [{ kind: 'apply', title: 'Apply', tooltip: 'Create it with server-side apply, after a server dry run' }] };
  const counts = live.podsByNamespace.get(name) ?? { pods: 0, meshedPods: 0 };
  const count = counts.pods ? `${counts.meshedPods}/${counts.pods} pods meshed` : 'no pods running';
  if ((ns.inject ?? undefined) !== (target.annotation ?? undefined)) {
    return {
      text: count,
      tooltip: `The namespace in the cluster ${ns.inject === undefined ? 'has no annotation' : `says ${INJECT_ANNOTATION}: ${ns.inject}`}, unlike the file. Applying it changes new pods only; Meshaware then offers to restart the workloads.`,
      actions: [{ kind: 'apply', title: 'Apply', tooltip: 'Server-side apply this namespace after a dry run and its diff' }],
    };
  }
  const stale = workloadsToRestart(live, name);
  if (stale.length) {
    return {
      text: count,
      tooltip: `${plural(stale.length, 'workload')} run pods that started before the namespace's annotation: ${stale.map((w) => `${w.kind.toLowerCase()}/${w.name}`).join(', ')}.`,
      actions: [{ kind: 'restart', title: `Restart ${plural(stale.length, 'workload')}`, tooltip: 'Rollout restart them, one after another, so their pods pick up the namespace annotation' }],
    };
  }
  return { text: count, tooltip: `${plural(counts.pods, 'pod')} in namespace ${name}, ${counts.meshedPods} with the Linkerd proxy.`, actions: [] };
}

function pods(w: { pods: number; meshedPods: number }): string {
  return w.pods ? `${w.meshedPods} of its ${plural(w.pods, 'running pod')} ${w.meshedPods === 1 ? 'has' : 'have'} the Linkerd proxy` : 'It runs no pods';
}

function blockedText(blocker: Blocker): string {
  switch (blocker.kind) {
    case 'hostNetwork':
      return 'not meshable: Linkerd skips hostNetwork pods';
    case 'otherSidecar':
      return `not meshable: already in another mesh (${blocker.container})`;
    case 'manualProxy':
      return `Linkerd proxy written into the manifest (${blocker.container})`;
    case 'controlPlane':
      return `Linkerd control plane (${blocker.component})`;
  }
}

/** What an invalid inject value most likely meant (`true` → enabled); enabled when the intent is unclear. */
function invalidValueFix(value: string): InjectValue {
  const suggested = suggestValue(findAnnotation(INJECT_ANNOTATION)!, value);
  return suggested === 'disabled' || suggested === 'ingress' ? suggested : 'enabled';
}

/**
 * After an edit of the inject annotation, the one follow-up worth a notification: Apply when the cluster's object
 * differs from the file, Restart when it already matches but its pods predate it; nothing otherwise.
 */
export function offerAfterEdit(target: InjectionTarget, cluster: ClusterView | undefined): { message: string; action: MeshAction } | undefined {
  if (!cluster?.live || !target.name) return undefined;
  const status = meshStatus(target, cluster);
  const action = status.actions.find((a) => a.kind === 'apply' || a.kind === 'restart');
  if (!action) return undefined;
  const label = target.role === 'namespace' ? `Namespace ${target.name}` : `${target.kind.toLowerCase()}/${target.name}`;
  const state = status.title.slice(status.title.lastIndexOf(': ') + 2);
  if (action.kind === 'apply') {
    const then = target.role === 'namespace' ? 'apply it, then restart its workloads so their pods follow' : 'apply it to roll out new pods';
    return { message: `${label} in "${cluster.context}" (${state}) differs from the file: ${then}.`, action: { ...action, title: 'Apply to Cluster' } };
  }
  return { message: `${label} in "${cluster.context}": ${state}. Its pods started before the annotation; restart to replace them.`, action: { ...action, title: action.title === 'Restart' ? 'Restart Workload' : action.title } };
}
