import { ClusterError } from './errors';
import type { ApiRequest, CallOptions, KubeTransport, OpenSink } from './transport';
import { displayServer } from './credentials';

/** What discovery tells about one resource type. */
export interface ResourceInfo {
  readonly group: string;
  readonly version: string;
  readonly plural: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

/** The minimal shape of any Kubernetes object we send or receive. */
export interface KubeObject {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata?: { readonly name?: string; readonly namespace?: string; readonly labels?: Record<string, string>; readonly annotations?: Record<string, string> };
  readonly [k: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  readonly items: T[];
  readonly metadata?: { readonly resourceVersion?: string };
}

export type PatchType = 'merge' | 'strategic' | 'json';
const PATCH_CONTENT: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

/** The field manager our server-side applies use, so users can see which fields Meshaware owns. */
export const FIELD_MANAGER = 'meshaware';

/**
 * Typed Kubernetes API calls over one context, with discovery (kind → resource) cached per group/version.
 * Every call goes through the transport, so timeouts, retries, cancellation and logging are uniform.
 */
export class ClusterClient {
  private readonly discovery = new Map<string, Promise<ResourceInfo[]>>();

  constructor(private readonly transport: KubeTransport) {}

  get contextName(): string {
    return this.transport.connection.contextName;
  }

  get server(): string {
    return displayServer(this.transport.connection.server);
  }

  async version(opts?: CallOptions): Promise<{ major: string; minor: string; gitVersion: string }> {
    return (await this.call<{ major: string; minor: string; gitVersion: string }>({ method: 'GET', path: '/version', verb: 'get', what: 'the server version' }, opts)).body;
  }

  /** Resolves a kind to its resource through discovery; throws notFound when the API (or CRD) is not served. */
  async resource(apiVersion: string, kind: string, opts?: CallOptions): Promise<ResourceInfo> {
    const resources = await this.groupVersion(apiVersion, opts);
    const found = resources.find((r) => r.kind === kind);
    if (!found) {
      throw new ClusterError('notFound', `The cluster does not serve ${kind} in ${apiVersion}.`, 'Install the CRD or API that provides it, or check the apiVersion.');
    }
    return found;
  }

  private groupVersion(apiVersion: string, opts?: CallOptions): Promise<ResourceInfo[]> {
    let hit = this.discovery.get(apiVersion);
    if (!hit) {
      const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
      const path = group ? `/apis/${group}/${version}` : `/api/${version}`;
      hit = this.call<{ resources: { name: string; kind: string; namespaced: boolean }[] }>({ method: 'GET', path, verb: 'get', what: `the API ${apiVersion}` }, opts).then(
        (r) => r.body.resources.filter((x) => !x.name.includes('/')).map((x) => ({ group, version, plural: x.name, kind: x.kind, namespaced: x.namespaced })),
      );
      hit.catch(() => this.discovery.delete(apiVersion));
      this.discovery.set(apiVersion, hit);
    }
    return hit;
  }

  /** Forgets discovery results, e.g. after CRDs were installed. */
  resetDiscovery(): void {
    this.discovery.clear();
  }

  async get<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string, opts?: CallOptions): Promise<T> {
    const info = await this.resource(apiVersion, kind, opts);
    return (await this.call<T>({ method: 'GET', path: objectPath(info, namespace, name), verb: 'get', what: describe(info, name, namespace) }, opts)).body;
  }

  /** Like get, but undefined when the object does not exist. */
  async tryGet<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, name: string, namespace?: string, opts?: CallOptions): Promise<T | undefined> {
    try {
      return await this.get<T>(apiVersion, kind, name, namespace, opts);
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'notFound') return undefined;
      throw e;
    }
  }

  async list<T extends KubeObject = KubeObject>(
    apiVersion: string,
    kind: string,
    query: { namespace?: string; labelSelector?: string; fieldSelector?: string } = {},
    opts?: CallOptions,
  ): Promise<KubeList<T>> {
    const info = await this.resource(apiVersion, kind, opts);
    const params = new URLSearchParams();
    if (query.labelSelector) params.set('labelSelector', query.labelSelector);
    if (query.fieldSelector) params.set('fieldSelector', query.fieldSelector);
    const qs = params.toString();
    const path = objectPath(info, query.namespace) + (qs ? `?${qs}` : '');
    return (await this.call<KubeList<T>>({ method: 'GET', path, verb: 'list', what: describe(info, undefined, query.namespace) }, opts)).body;
  }

  /** Server-side apply with our field manager; `dryRun` asks the server to validate and admit without persisting. */
  async apply<T extends KubeObject = KubeObject>(obj: KubeObject, options: { dryRun?: boolean; force?: boolean; defaultNamespace?: string } = {}, opts?: CallOptions): Promise<T> {
    if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
      throw new ClusterError('invalid', 'The object has no apiVersion, kind or metadata.name.', 'Complete the manifest before applying it.');
    }
    const info = await this.resource(obj.apiVersion, obj.kind, opts);
    const namespace = info.namespaced ? (obj.metadata.namespace ?? options.defaultNamespace ?? 'default') : undefined;
    const body = info.namespaced ? { ...obj, metadata: { ...obj.metadata, namespace } } : obj;
    const params = new URLSearchParams({ fieldManager: FIELD_MANAGER });
    if (options.force) params.set('force', 'true');
    if (options.dryRun) params.set('dryRun', 'All');
    const path = `${objectPath(info, namespace, obj.metadata.name)}?${params}`;
    return (
      await this.call<T>(
        { method: 'PATCH', path, body, contentType: 'application/apply-patch+yaml', verb: 'patch', what: describe(info, obj.metadata.name, namespace) },
        opts,
      )
    ).body;
  }

  async patch<T extends KubeObject = KubeObject>(apiVersion: string, kind: string, name: string, namespace: string | undefined, patch: unknown, type: PatchType, opts?: CallOptions): Promise<T> {
    const info = await this.resource(apiVersion, kind, opts);
    const path = `${objectPath(info, namespace, name)}?fieldManager=${FIELD_MANAGER}`;
    return (await this.call<T>({ method: 'PATCH', path, body: patch, contentType: PATCH_CONTENT[type], verb: 'patch', what: describe(info, name, namespace) }, opts)).body;
  }

  async create<T extends KubeObject = KubeObject>(obj: KubeObject, opts?: CallOptions): Promise<T> {
    const info = await this.resource(obj.apiVersion ?? '', obj.kind ?? '', opts);
    const namespace = info.namespaced ? (obj.metadata?.namespace ?? 'default') : undefined;
    return (await this.call<T>({ method: 'POST', path: `${objectPath(info, namespace)}?fieldManager=${FIELD_MANAGER}`, body: obj, verb: 'create', what: describe(info, obj.metadata?.name, namespace) }, opts)).body;
  }

  /** Deletes an object; a missing object is not an error (deletion is the goal either way). */
  async delete(apiVersion: string, kind: string, name: string, namespace?: string, opts?: CallOptions): Promise<boolean> {
    const info = await this.resource(apiVersion, kind, opts);
    try {
      await this.call({ method: 'DELETE', path: objectPath(info, namespace, name), body: { propagationPolicy: 'Background' }, verb: 'delete', what: describe(info, name, namespace) }, opts);
      return true;
    } catch (e) {
      if (e instanceof ClusterError && e.kind === 'notFound') return false;
      throw e;
    }
  }

  /** A raw GET for subresources such as pods/log or the pod proxy. */
  async raw<T = string>(path: string, what: string, opts?: CallOptions): Promise<T> {
    return (await this.call<T>({ method: 'GET', path, verb: 'get', what }, opts)).body;
  }

  /** A raw GET whose body goes to `open`'s sink as it arrives (the pod proxy's metrics, read as they stream in). */
  async stream(path: string, what: string, open: OpenSink, opts?: CallOptions): Promise<void> {
    await this.transport.request({ method: 'GET', path, verb: 'get', what }, opts, open);
  }

  private call<T>(req: ApiRequest, opts?: CallOptions) {
    return this.transport.request<T>(req, opts);
  }
}

/** The REST path of a collection or of one object. */
export function objectPath(info: ResourceInfo, namespace?: string, name?: string): string {
  const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
  const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${base}${ns}/${info.plural}${name ? `/${encodeURIComponent(name)}` : ''}`;
}

function describe(info: ResourceInfo, name?: string, namespace?: string): string {
  const group = info.group ? `.${info.group}` : '';
  const what = name ? `${info.plural}${group} "${name}"` : `${info.plural}${group}`;
  return info.namespaced && namespace ? `${what} in namespace "${namespace}"` : what;
}
