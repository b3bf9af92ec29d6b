import { isObject, type KubeObject } from '../store/types';
import { BUILTIN_TYPES, type ResourceType } from './resources';

/** Served resource types: the built-in ones plus those of every Established CustomResourceDefinition. */
export class TypeRegistry {
  private custom: ResourceType[] = [];

  all(): ResourceType[] {
    return [...BUILTIN_TYPES, ...this.custom];
  }

  find(group: string, version: string, resource: string): ResourceType | undefined {
    return this.all().find((t) => t.group === group && t.version === version && t.resource === resource);
  }

  /** The preferred version of a group, i.e. the first one served. */
  groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const type of this.all()) {
      const versions = groups.get(type.group) ?? [];
      if (!versions.includes(type.version)) versions.push(type.version);
      groups.set(type.group, versions);
    }
    return groups;
  }

  forKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.all().find((t) => (t.group ? `${t.group}/${t.version}` : t.version) === apiVersion && t.kind === kind);
  }

  /** Rebuilds the custom types from the stored CRDs. */
  setDefinitions(crds: KubeObject[]): void {
    this.custom = crds.flatMap(typesOfDefinition);
  }
}

interface CrdSpec {
  group: string;
  scope: string;
  names: { plural: string; singular?: string; kind: string; shortNames?: string[]; categories?: string[] };
  versions: { name: string; served: boolean; storage?: boolean; subresources?: { status?: unknown; scale?: unknown } }[];
}

function typesOfDefinition(crd: KubeObject): ResourceType[] {
  const spec = crd.spec as CrdSpec | undefined;
  if (!spec || !isObject(spec.names)) return [];
  return (spec.versions ?? [])
    .filter((v) => v.served)
    .map((v) => ({
      group: spec.group,
      version: v.name,
      resource: spec.names.plural,
      kind: spec.names.kind,
      singular: spec.names.singular ?? spec.names.kind.toLowerCase(),
      namespaced: spec.scope !== 'Cluster',
      shortNames: spec.names.shortNames,
      categories: spec.names.categories,
      subresources: [...(v.subresources?.status ? ['status'] : []), ...(v.subresources?.scale ? ['scale'] : [])],
    }));
}

/** The status the API server's CRD controller writes once the names are accepted. */
export function establishedStatus(crd: KubeObject): Record<string, unknown> {
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const spec = crd.spec as CrdSpec;
  const condition = (type: string, reason: string, message: string) => ({ type, status: 'True', lastTransitionTime: now, reason, message });
  return {
    acceptedNames: spec.names,
    storedVersions: spec.versions.filter((v) => v.storage).map((v) => v.name),
    conditions: [condition('NamesAccepted', 'NoConflicts', 'no conflicts found'), condition('Established', 'InitialNamesAccepted', 'the initial names have been accepted')],
  };
}
