import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { isKubernetesObject, mapAt, nodeAt, type ManifestDocument, type ParsedManifest } from '../yaml/manifest';
import { isInjectValue, readInjectAnnotation } from './annotation';
import type { InjectionTarget, MeshState, NamespaceLookup, TargetRole } from './types';

/** Where each built-in workload kind keeps its pod template. */
const POD_TEMPLATE: Readonly<Record<string, readonly string[]>> = {
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};
const GENERIC_TEMPLATE = ['spec', 'template'];

/**
 * Every object of a manifest file that `linkerd.io/inject` applies to, with what Linkerd will do with its pods.
 * Templated files and documents with syntax errors give none: their text is not the object that reaches the cluster.
 */
export function findInjectionTargets(parsed: ParsedManifest, namespaces?: NamespaceLookup): InjectionTarget[] {
  if (parsed.templated) return [];
  const targets: InjectionTarget[] = [];
  for (const document of parsed.documents) {
    const target = document.errors.length === 0 && isKubernetesObject(document) ? targetOf(document, namespaces) : undefined;
    if (target) targets.push(target);
  }
  return targets;
}

function targetOf(document: ManifestDocument, namespaces: NamespaceLookup | undefined): InjectionTarget | undefined {
  const kind = document.kind as string;
  const { doc } = document;
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const make = (role: TargetRole, podMetadataHost: readonly string[], state: MeshState): InjectionTarget => ({
    document,
    kind,
    name: document.name,
    namespace: document.namespace,
    role,
    podMetadataHost,
    state,
  });
  if (kind === 'Namespace') return make('namespace', [], annotatedState(readInjectAnnotation(doc, root)) ?? { kind: 'unmeshed' });
  if (kind === 'Pod') return make('pod', [], podState(document, root, root, namespaces));
  const path = POD_TEMPLATE[kind] ?? GENERIC_TEMPLATE;
  const template = mapAt(doc, root, path);
  if (!template) return undefined;
  // Any other kind counts only when its template is recognisably a pod template (Argo Rollout, custom CRDs).
  if (!(kind in POD_TEMPLATE) && !isSeq(nodeAt(doc, template, ['spec', 'containers']))) return undefined;
  return make('workload', path, podState(document, root, template, namespaces));
}

/** The state an explicit annotation value gives, or undefined when there is none. */
function annotatedState(value: string | undefined): MeshState | undefined {
  if (value === undefined) return undefined;
  if (value === 'enabled' || value === 'ingress') return { kind: 'meshed', value };
  if (value === 'disabled') return { kind: 'disabled' };
  return { kind: 'invalid', value };
}

function podState(document: ManifestDocument, root: Node, podHost: Node, namespaces: NamespaceLookup | undefined): MeshState {
  const { doc } = document;
  // The injector skips host-network pods whatever they are annotated with.
  const hostNetwork = nodeAt(doc, podHost, ['spec', 'hostNetwork']);
  if (isScalar(hostNetwork) && hostNetwork.value === true) return { kind: 'hostNetwork' };
  const own = annotatedState(readInjectAnnotation(doc, podHost));
  if (own) return own;
  if (podHost !== root) {
    const misplaced = readInjectAnnotation(doc, root);
    if (misplaced !== undefined) return { kind: 'misplaced', value: misplaced };
  }
  const namespace = document.namespace ?? 'default';
  const inherited = namespaces?.(namespace)?.value;
  if (inherited !== undefined && isInjectValue(inherited) && inherited !== 'disabled') return { kind: 'meshedViaNamespace', namespace, value: inherited };
  return { kind: 'unmeshed' };
}

/** How reports and messages name a target: `deployment/web`, like kubectl. */
export function targetLabel(target: Pick<InjectionTarget, 'kind' | 'name'>): string {
  return `${target.kind.toLowerCase()}/${target.name ?? '(unnamed)'}`;
}
