import { isMap, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { overwrittenPairs } from '../yaml/effective';
import { documentAt, isKubernetesObject, mapAt, nodeAt, stringAt, type ManifestDocument, type ParsedManifest } from '../yaml/manifest';
import { isInjectValue, readInjectAnnotation } from './annotation';
import { blockersOf, udpPortsOf } from './podFacts';
import { workloadKind } from '../workloadKinds';
import type { InjectionTarget, MeshState, NamespaceLookup, TargetNote, TargetRef, TargetRole } from './types';

const GENERIC_TEMPLATE = ['spec', 'template'];

/**
 * Every object of a manifest file that `linkerd.io/inject` applies to, with what Linkerd will do with its pods:
 * documents, and the items of `kind: List` documents (as `linkerd inject` reads them, cli/cmd/inject_util.go).
 * Templated files and documents with syntax errors give none: their text is not the object that reaches the cluster.
 */
export function findInjectionTargets(parsed: ParsedManifest, namespaces?: NamespaceLookup): InjectionTarget[] {
  if (parsed.templated) return [];
  const targets: InjectionTarget[] = [];
  for (const document of parsed.documents) {
    if (document.errors.length > 0 || !isKubernetesObject(document)) continue;
    if (document.kind === 'List') targets.push(...listItems(document, namespaces));
    else {
      const target = targetOf(document, undefined, namespaces);
      if (target) targets.push(target);
    }
  }
  return targets;
}

function listItems(document: ManifestDocument, namespaces: NamespaceLookup | undefined): InjectionTarget[] {
  const items = nodeAt(document.doc, document.doc.contents, ['items']);
  if (!isSeq(items)) return [];
  return items.items.flatMap((_, i) => targetOf(document, i, namespaces) ?? []);
}

/** The target a command names. */
export function targetByRef(targets: readonly InjectionTarget[], ref: TargetRef): InjectionTarget | undefined {
  return targets.find((t) => t.document.index === ref.document && t.item === ref.item);
}

/** The object the cursor is in: the innermost one whose text holds the offset, else the last one starting before it. */
export function targetAt(targets: readonly InjectionTarget[], offset: number): InjectionTarget | undefined {
  const before = targets.filter((t) => t.objectStart <= offset);
  return before.filter((t) => offset <= t.objectEnd).sort((a, b) => b.objectStart - a.objectStart)[0] ?? before.at(-1);
}

/** The target under a cursor: within the document the offset falls in, the innermost object holding it. */
export function targetUnderCursor(parsed: ParsedManifest, targets: readonly InjectionTarget[], offset: number): InjectionTarget | undefined {
  const index = documentAt(parsed, offset)?.index;
  return targetAt(
    targets.filter((t) => t.document.index === index),
    offset,
  );
}

export function refOf(target: InjectionTarget): TargetRef {
  return target.item === undefined ? { document: target.document.index } : { document: target.document.index, item: target.item };
}

function targetOf(document: ManifestDocument, item: number | undefined, namespaces: NamespaceLookup | undefined): InjectionTarget | undefined {
  const { doc } = document;
  const objectPath = item === undefined ? [] : ['items', item];
  const root = nodeAt(doc, doc.contents, objectPath);
  if (!isMap(root)) return undefined;
  const kindNode = nodeAt(doc, root, ['kind']);
  const kind = isScalar(kindNode) && typeof kindNode.value === 'string' ? kindNode.value : undefined;
  if (kind === undefined || stringAt(doc, root, ['apiVersion']) === undefined) return undefined;
  const role: TargetRole = kind === 'Namespace' ? 'namespace' : kind === 'Pod' ? 'pod' : 'workload';
  const builtIn = workloadKind(kind);
  const podMetadataHost = role === 'workload' ? (builtIn?.podTemplate ?? GENERIC_TEMPLATE) : [];
  const podHost = mapAt(doc, root, podMetadataHost) ?? (podMetadataHost.length ? undefined : root);
  if (!podHost) return undefined;
  // Any other kind counts only when its template is recognisably a pod template (Argo Rollout, custom CRDs).
  if (role === 'workload' && !builtIn && !isSeq(nodeAt(doc, podHost, ['spec', 'containers']))) return undefined;
  const namespace = stringAt(doc, root, ['metadata', 'namespace']);
  const annotation = readInjectAnnotation(doc, podHost);
  const anchor = kindNode?.range ?? root.range ?? [document.anchorStart, document.anchorEnd];
  return {
    document,
    item,
    objectPath,
    kind,
    name: stringAt(doc, root, ['metadata', 'name']),
    namespace,
    role,
    podMetadataHost,
    state: role === 'namespace' ? (annotatedState(annotation) ?? { kind: 'unmeshed' }) : podState(doc, root, podHost, annotation, namespace, namespaces),
    annotation,
    anchorStart: anchor[0],
    anchorEnd: anchor[1],
    headStart: item === undefined ? document.start : (root.range?.[0] ?? document.start),
    objectStart: item === undefined ? document.doc.range[0] : (root.range?.[0] ?? document.start),
    objectEnd: item === undefined ? document.doc.range[2] : (root.range?.[2] ?? document.end),
    udpPorts: role === 'namespace' ? [] : udpPortsOf(doc, podHost),
    duplicateKeys: duplicatesOnTheWay(doc, root, podMetadataHost),
  };
}

/** The state an explicit annotation value gives, or undefined when there is none. */
function annotatedState(value: string | undefined): MeshState | undefined {
  if (value === undefined) return undefined;
  if (value === 'enabled' || value === 'ingress') return { kind: 'meshed', value };
  if (value === 'disabled') return { kind: 'disabled' };
  return { kind: 'invalid', value };
}

function podState(doc: Document, root: Node, podHost: Node, annotation: string | undefined, namespace: string | undefined, namespaces: NamespaceLookup | undefined): MeshState {
  const blockers = blockersOf(doc, podHost);
  if (blockers.length) return { kind: 'blocked', blockers };
  const own = annotatedState(annotation);
  if (own) return own;
  if (podHost !== root) {
    const misplaced = readInjectAnnotation(doc, root);
    if (misplaced !== undefined) return { kind: 'misplaced', value: misplaced };
  }
  const ns = namespace ?? 'default';
  const inherited = namespaces?.(ns)?.value;
  if (inherited !== undefined && isInjectValue(inherited) && inherited !== 'disabled') return { kind: 'meshedViaNamespace', namespace: ns, value: inherited };
  return { kind: 'unmeshed' };
}

/**
 * Keys written twice in the maps that lead to the inject annotation (the object, its metadata and annotations,
 * each map down to the pod template, and the template's metadata and annotations): the API server keeps the
 * last, so that is the one read and edited; the note points at the one that is ignored.
 */
function duplicatesOnTheWay(doc: Document, root: YAMLMap, podMetadataHost: readonly string[]): TargetNote[] {
  const maps: { map: YAMLMap; where: string }[] = [];
  const add = (node: Node | undefined, where: string) => isMap(node) && maps.push({ map: node, where });
  const withMetadata = (host: Node | undefined, where: string) => {
    add(host, where);
    add(nodeAt(doc, host, ['metadata']), dotted(where, 'metadata'));
    add(nodeAt(doc, host, ['metadata', 'annotations']), dotted(where, 'metadata.annotations'));
  };
  withMetadata(root, '');
  for (let i = 1; i < podMetadataHost.length; i++) add(nodeAt(doc, root, podMetadataHost.slice(0, i)), podMetadataHost.slice(0, i).join('.'));
  if (podMetadataHost.length) withMetadata(nodeAt(doc, root, podMetadataHost), podMetadataHost.join('.'));
  return maps.flatMap(({ map, where }) =>
    overwrittenPairs(map).map(({ lost }) => ({
      message: `${dotted(where, String(isScalar(lost.key) ? lost.key.value : lost.key))} is written more than once; the API server keeps only the last, so that is the one Meshaware reads and edits`,
      offset: lost.key.range?.[0] ?? 0,
    })),
  );
}

function dotted(where: string, key: string): string {
  return where ? `${where}.${key}` : key;
}

/** How reports and messages name a target: `deployment/web`, like kubectl. */
export function targetLabel(target: Pick<InjectionTarget, 'kind' | 'name'>): string {
  return `${target.kind.toLowerCase()}/${target.name ?? '(unnamed)'}`;
}

