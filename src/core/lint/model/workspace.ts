import { isMap, type Document, type Node, type YAMLMap } from 'yaml';
import { splitApiVersion } from '../../schema/catalog';
import type { ResourceIndex } from '../../workspace/resourceIndex';
import { findInjectionTargets } from '../../inject';
import type { ParsedManifest } from '../../yaml/manifest';
import { podTemplateOf, type PodTemplate } from './podTemplate';
import { NamespaceSelections } from './selections';

/** One well-formed Kubernetes object of the workspace, as cross-object rules see it. */
export interface ModelObject {
  readonly uri: string;
  readonly doc: Document.Parsed;
  readonly root: YAMLMap<Node, Node | null>;
  readonly group: string;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string;
  /** The pod (template) for workload kinds. */
  readonly pod?: PodTemplate;
}

function append<K>(map: Map<K, ModelObject[]>, key: K, o: ModelObject): void {
  const list = map.get(key);
  if (list) list.push(o);
  else map.set(key, [o]);
}

function remove(list: ModelObject[] | undefined, o: ModelObject): void {
  const i = list ? list.indexOf(o) : -1;
  if (i >= 0) list!.splice(i, 1);
}

function podOf(doc: Document, root: Node, hostPath: readonly string[] | undefined): PodTemplate | undefined {
  return hostPath ? podTemplateOf(doc, root, hostPath) : undefined;
}

/** Core kinds are keyed with an empty group, as references spell them (`group: ""` or `core`). */
export function kindKey(group: string, kind: string): string {
  return `${group === 'core' ? '' : group}/${kind}`;
}

/**
 * The objects of the workspace grouped by namespace and kind, kept in step with the ResourceIndex file by
 * file, so a cross-object rule looks up its candidates without scanning the workspace.
 */
export class WorkspaceModel {
  private readonly byFile = new Map<string, ModelObject[]>();
  private readonly byNamespace = new Map<string, Map<string, ModelObject[]>>();
  private readonly workloadsByNamespace = new Map<string, ModelObject[]>();
  private readonly byRoot = new Map<Node, ModelObject>();
  /** Per namespace, built on first use and dropped when an object of the namespace changes. */
  private readonly selections = new Map<string, NamespaceSelections>();

  constructor(private readonly index: ResourceIndex) {
    for (const uri of index.uris()) this.addFile(uri);
  }

  /** Re-reads one file from the index; returns the namespaces its objects were or now are in. */
  updateFile(uri: string): Set<string> {
    const touched = this.removeFile(uri);
    for (const ns of this.addFile(uri)) touched.add(ns);
    for (const ns of touched) this.selections.delete(ns);
    return touched;
  }

  removeFile(uri: string): Set<string> {
    const touched = new Set<string>();
    for (const o of this.byFile.get(uri) ?? []) {
      touched.add(o.namespace);
      remove(this.byNamespace.get(o.namespace)?.get(kindKey(o.group, o.kind)), o);
      if (o.pod) remove(this.workloadsByNamespace.get(o.namespace), o);
      this.byRoot.delete(o.root);
    }
    this.byFile.delete(uri);
    for (const ns of touched) this.selections.delete(ns);
    return touched;
  }

  private addFile(uri: string): Set<string> {
    const touched = new Set<string>();
    const objects: ModelObject[] = [];
    const parsed = this.index.parsed(uri);
    const podHosts = new Map(parsed ? findInjectionTargets(parsed).filter((t) => t.role !== 'namespace' && t.item === undefined).map((t) => [t.document, t.podMetadataHost]) : []);
    for (const r of this.index.resourcesIn(uri)) {
      const root = r.document.doc.contents;
      if (r.document.errors.length || !isMap(root)) continue;
      const { group } = splitApiVersion(r.apiVersion);
      // Namespaces are cluster-scoped: they live in the '' bucket, apart from any namespace's objects.
      const namespace = r.kind === 'Namespace' && group === '' ? '' : (r.namespace ?? 'default');
      const o: ModelObject = { uri, doc: r.document.doc, root: root as YAMLMap<Node, Node | null>, group, kind: r.kind, name: r.name, namespace, pod: podOf(r.document.doc, root, podHosts.get(r.document)) };
      objects.push(o);
      touched.add(namespace);
      let kinds = this.byNamespace.get(namespace);
      if (!kinds) this.byNamespace.set(namespace, (kinds = new Map()));
      append(kinds, kindKey(group, r.kind), o);
      if (o.pod) append(this.workloadsByNamespace, namespace, o);
      this.byRoot.set(root, o);
    }
    this.byFile.set(uri, objects);
    return touched;
  }

  /** The objects of one file, in document order. */
  objectsIn(uri: string): readonly ModelObject[] {
    return this.byFile.get(uri) ?? [];
  }

  /** Every object of the workspace, file by file. */
  *objects(): IterableIterator<ModelObject> {
    for (const list of this.byFile.values()) yield* list;
  }

  /** The parse of a file the model holds, for positions in it. */
  parsed(uri: string): ParsedManifest | undefined {
    return this.index.parsed(uri);
  }

  /** Objects of one kind in one namespace. */
  list(namespace: string, group: string, kind: string): readonly ModelObject[] {
    return this.byNamespace.get(namespace)?.get(kindKey(group, kind)) ?? [];
  }

  find(namespace: string, group: string, kind: string, name: string): ModelObject | undefined {
    return this.list(namespace, group, kind).find((o) => o.name === name);
  }

  /** Objects with a pod template in a namespace. */
  workloads(namespace: string): readonly ModelObject[] {
    return this.workloadsByNamespace.get(namespace) ?? [];
  }

  /** Which Servers select which workloads in a namespace, indexed once per change of the namespace. */
  selectionsIn(namespace: string): NamespaceSelections {
    let s = this.selections.get(namespace);
    if (!s) this.selections.set(namespace, (s = new NamespaceSelections(this.workloads(namespace), this.list(namespace, 'policy.linkerd.io', 'Server'))));
    return s;
  }

  /** Whether the workspace describes the workloads of a namespace, so a missing object there is worth a warning. */
  hasWorkloads(namespace: string): boolean {
    return this.workloads(namespace).length > 0;
  }

  /** The model's view of a document, by its root node. */
  objectAt(root: Node): ModelObject | undefined {
    return this.byRoot.get(root);
  }

  /** A cluster-scoped Namespace object by name. */
  namespaceObject(name: string): ModelObject | undefined {
    return this.find('', '', 'Namespace', name);
  }
}
