import type { TypeRegistry } from './registry';
import type { ResourceType } from './resources';

export interface ResourceRoute {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
  /** Whatever follows a `proxy` subresource, with its leading slash. */
  proxyPath?: string;
}

/**
 * Maps `/api/v1/...` and `/apis/<group>/<version>/...` paths onto a resource type, namespace, name and
 * subresource. Undefined means the path names no served resource.
 */
export function route(path: string, types: TypeRegistry): ResourceRoute | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') [group, rest] = ['', parts.slice(2)];
  else if (parts[0] === 'apis' && parts.length >= 3) [group, rest] = [parts[1], parts.slice(3)];
  else return undefined;
  const version = parts[0] === 'api' ? 'v1' : parts[2];
  const lookup = (resource: string | undefined) => (resource ? types.find(group, version, resource) : undefined);

  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3 && lookup(rest[2])?.namespaced) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const type = lookup(rest[0]);
  if (!type) return undefined;
  const [, name, subresource, ...tail] = rest;
  if (subresource === 'proxy') return { type, namespace, name, subresource, proxyPath: '/' + tail.join('/') };
  if (tail.length > 0) return undefined;
  return { type, namespace, name, subresource };
}
