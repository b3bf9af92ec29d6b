import { isMap, type Document, type Node, type YAMLMap } from 'yaml';
import { splitApiVersion } from '../../schema/catalog';
import type { ResourceIndex } from '../../workspace/resourceIndex';
import { findInjectionTargets } from '../../inject';
import { podTemplateOf, type PodTemplate } from './podTemplate';

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

  constructor(private readonly index: ResourceIndex) {
    for (const uri of index.uris()) this.addFile(uri);
  }

  /** Re-reads one file from the index; returns the namespaces its objects were or now are in. */
  updateFile(uri: string): Set<string> {
    const touched = this.removeFile(uri);
    for (const ns of this.addFile(uri)) touched.add(ns);
    return touched;
  }

  removeFile(uri: string): Set<string> {
    const touched = new Set<string>();
    for (const o of this.byFile.get(uri) ?? []) {
      touched.add(o.namespace);
      const list = this.byNamespace.get(o.namespace)?.get(kindKey(o.group, o.kind));
      if (list) list.splice(list.indexOf(o), 1);
    }
    this.byFile.delete(uri);
    return touched;
  }

  private addFile(uri: string): Set<string> {
    const touched = new Set<string>();
    const objects: ModelObject[] = [];
    const parsed = this.index.parsed(uri);
    const podHosts = new Map(parsed ? findInjectionTargets(parsed).filter((t) => t.role !== 'namespace').map((t) => [t.document, t.podMetadataHost]) : []);
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
      const key = kindKey(group, r.kind);
      const list = kinds.get(key);
      if (list) list.push(o);
      else kinds.set(key, [o]);
    }
    this.byFile.set(uri, objects);
    return touched;
  }

  /** Objects of one kind in one namespace. */
  list(namespace: string, group: string, kind: string): readonly ModelObject[] {
    return this.byNamespace.get(namespace)?.get(kindKey(group, kind)) ?? [];
  }

  find(namespace: string, group: string, kind: string, name: string): ModelObject | undefined {
    return this.list(namespace, group, kind).find((o) => o.name === name);
  }

  /** Objects with a pod template in a namespace. */
  *workloads(namespace: string): IterableIterator<ModelObject> {
    for (const list of this.byNamespace.get(namespace)?.values() ?? []) {
      for (const o of list) if (o.pod) yield o;
    }
  }

  /** Whether the workspace describes the workloads of a namespace, so a missing object there is worth a warning. */
  hasWorkloads(namespace: string): boolean {
    return !this.workloads(namespace).next().done;
  }

  /** A cluster-scoped Namespace object by name. */
  namespaceObject(name: string): ModelObject | undefined {
    return this.find('', '', 'Namespace', name);
  }
}
