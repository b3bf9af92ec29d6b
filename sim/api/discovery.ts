import type { TypeRegistry } from './registry';
import { verbsOf, type ResourceType } from './resources';

/** The version the simulated cluster reports; kind's node image for Kubernetes 1.32. */
export const SERVER_VERSION = {
  major: '1',
  minor: '32',
  gitVersion: 'v1.32.2',
  gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f',
  gitTreeState: 'clean',
  buildDate: '2025-02-12T21:19:47Z',
  goVersion: 'go1.23.6',
  compiler: 'gc',
  platform: 'linux/amd64',
};

/** Kubernetes version priority: GA before beta before alpha, higher numbers first. */
function versionRank(version: string): [number, number, number] {
  const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(version);
  if (!m) return [0, 0, 0];
  const stability = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
  return [stability, Number(m[1]), Number(m[3] ?? 0)];
}

export function sortVersions(versions: string[]): string[] {
  return [...versions].sort((a, b) => {
    const [x, y] = [versionRank(a), versionRank(b)];
    return y[0] - x[0] || y[1] - x[1] || y[2] - x[2];
  });
}

export function coreVersions(serverAddress: string): object {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

function groupDocument(name: string, versions: string[]): object {
  const sorted = sortVersions(versions).map((version) => ({ groupVersion: `${name}/${version}`, version }));
  return { name, versions: sorted, preferredVersion: sorted[0] };
}

export function groupList(types: TypeRegistry): object {
  const groups = [...types.groups()].filter(([name]) => name !== '').map(([name, versions]) => groupDocument(name, versions));
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

export function group(types: TypeRegistry, name: string): object | undefined {
  const versions = types.groups().get(name);
  return versions && { kind: 'APIGroup', apiVersion: 'v1', ...groupDocument(name, versions) };
}

export function resourceList(types: TypeRegistry, groupName: string, version: string): object | undefined {
  const served = types.all().filter((t) => t.group === groupName && t.version === version);
  if (served.length === 0) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupName ? `${groupName}/${version}` : version,
    resources: served.flatMap(describe),
  };
}

function describe(type: ResourceType): object[] {
  const main = {
    name: type.resource,
    singularName: type.singular,
    namespaced: type.namespaced,
    kind: type.kind,
    verbs: verbsOf(type),
    ...(type.shortNames?.length ? { shortNames: type.shortNames } : {}),
    ...(type.categories?.length ? { categories: type.categories } : {}),
  };
  const subresources = (type.subresources ?? []).map((sub) => ({
    name: `${type.resource}/${sub}`,
    singularName: '',
    namespaced: type.namespaced,
    kind: sub === 'scale' ? 'Scale' : sub === 'portforward' ? 'PodPortForwardOptions' : sub === 'proxy' ? `${type.kind}ProxyOptions` : type.kind,
    verbs: subresourceVerbs(sub),
  }));
  return [main, ...subresources];
}

function subresourceVerbs(sub: string): string[] {
  switch (sub) {
    case 'log':
      return ['get'];
    case 'portforward':
      return ['create', 'get'];
    case 'proxy':
      return ['create', 'delete', 'get', 'patch', 'update'];
    default:
      return ['get', 'patch', 'update'];
  }
}
