import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { parse as parseYaml } from 'yaml';
import type { Faults } from '../faults';
import { parseFieldSelector, parseLabelSelector, SelectorError } from '../store/selectors';
import type { KubeObject } from '../store/types';
import { coreVersions, group, groupList, resourceList, SERVER_VERSION } from './discovery';
import type { ObjectApi, PatchType } from './objects';
import { emptyOpenApiV2, OPENAPI_V2_CONTENT_TYPE } from './openapi';
import { mergePatch } from './patch';
import { decodeKubernetesProtobuf, UnsupportedProtobuf } from './protobuf';
import { apiVersionOf } from './resources';
import { route, type ResourceRoute } from './router';
import { toTable, wantsTable } from './table';
import { ApiError, badRequest, qualified, statusBody } from './status';
import { serveWatch } from './watch';
import type { RequestLog } from './requestLog';

/** Subresources served by the simulated kubelets and service proxies rather than by storage. */
export interface SubresourceHandlers {
  log(route: ResourceRoute, query: URLSearchParams, res: ServerResponse): Promise<void>;
  proxy(route: ResourceRoute, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void>;
  portForward(route: ResourceRoute, req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface ApiServerOptions {
  api: ObjectApi;
  faults: Faults;
  token: string;
  certPem: string;
  keyPem: string;
  subresources: SubresourceHandlers;
  bookmarkIntervalMs: number;
  requests?: RequestLog;
}

const PATCH_TYPES: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The HTTPS front of the simulated API server: authentication, faults, discovery and REST verbs. */
export function createApiServer(o: ApiServerOptions): { server: Server; closeStreams(): void } {
  // Upgraded connections (port-forwards) leave the server's bookkeeping, so they are ended explicitly.
  const streams = new Set<Duplex>();
  const server = createServer({ cert: o.certPem, key: o.keyPem }, (req, res) => {
    handle(o, req, res).catch((error: unknown) => {
      const apiError = error instanceof ApiError ? error : error instanceof SelectorError ? badRequest(error.message) : new ApiError(500, 'InternalError', `Internal error occurred: ${String(error)}`);
      if (!res.headersSent) sendJson(res, apiError.code, apiError.toStatus());
      else res.end();
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const r = route(url.pathname, o.api.types);
    if (!authenticated(o, req) || o.faults.options.tokenExpired) return rejectUpgrade(socket, 401, 'Unauthorized');
    if (!r || r.subresource !== 'portforward' || !r.name) return rejectUpgrade(socket, 404, 'Not Found');
    if (o.faults.forbids('create', r.type.group, 'pods/portforward', r.namespace)) return rejectUpgrade(socket, 403, 'Forbidden');
    streams.add(socket);
    socket.on('close', () => streams.delete(socket));
    o.subresources.portForward(r, req, socket, head);
  });
  return { server, closeStreams: () => streams.forEach((s) => s.destroy()) };
}

async function handle(o: ApiServerOptions, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  if (!authenticated(o, req) || o.faults.options.tokenExpired) {
    throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  }
  o.requests?.note(req.method ?? 'GET', url.pathname);
  if (o.faults.options.latencyMs) await new Promise((resolve) => setTimeout(resolve, o.faults.options.latencyMs));
  if (o.faults.shouldFail()) throw new ApiError(500, 'InternalError', 'Internal error occurred: injected fault');

  const path = url.pathname.replace(/\/+$/, '') || '/';
  const discovery = discoveryDocument(o, path, req);
  if (discovery !== undefined) return sendJson(res, 200, discovery);
  if (path === '/openapi/v2') {
    const document = emptyOpenApiV2(SERVER_VERSION.gitVersion);
    res.writeHead(200, { 'Content-Type': OPENAPI_V2_CONTENT_TYPE, 'Content-Length': document.length });
    return void res.end(document);
  }
  if (/^\/(healthz|livez|readyz)$/.test(path)) {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    return void res.end('ok');
  }
  const r = route(url.pathname, o.api.types);
  if (!r) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
  await serveResource(o, r, req, res, url.searchParams);
}

function discoveryDocument(o: ApiServerOptions, path: string, req: IncomingMessage): object | undefined {
  if (path === '/version') return SERVER_VERSION;
  if (path === '/api') return coreVersions(req.headers.host ?? '127.0.0.1');
  if (path === '/apis') return groupList(o.api.types);
  if (path === '/api/v1') return resourceList(o.api.types, '', 'v1');
  const m = /^\/apis\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (!m) return undefined;
  return m[2] ? resourceList(o.api.types, m[1], m[2]) : group(o.api.types, m[1]);
}

async function serveResource(o: ApiServerOptions, r: ResourceRoute, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const method = req.method ?? 'GET';
  const isWatch = query.get('watch') === 'true' || query.get('watch') === '1';
  const verb = verbOf(method, r, isWatch);
  const resourceName = r.subresource ? `${r.type.resource}/${r.subresource}` : r.type.resource;
  if (o.faults.forbids(verb, r.type.group, resourceName, r.namespace) || o.faults.forbids(verb, r.type.group, r.type.resource, r.namespace)) {
    throw forbidden(verb, r, resourceName);
  }
  if (r.subresource === 'log' && method === 'GET') return o.subresources.log(r, query, res);
  if (r.subresource === 'proxy') return o.subresources.proxy(r, req, res, query);
  if (r.subresource === 'scale') return serveScale(o, r, req, res, query);
  if (r.subresource && r.subresource !== 'status') throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  if (r.type.createOnly) return createReview(o, r, req, res);

  const options = {
    dryRun: query.getAll('dryRun').includes('All'),
    fieldManager: query.get('fieldManager') ?? fieldManagerFromAgent(req),
    subresource: r.subresource === 'status' ? ('status' as const) : undefined,
  };
  const { api } = o;
  switch (verb) {
    case 'get': {
      const object = api.get(r.type, r.namespace, r.name!);
      return sendJson(res, 200, wantsTable(req.headers.accept) ? toTable(r.type.kind, [object], object.metadata.resourceVersion!) : object);
    }
    case 'list':
    case 'watch': {
      const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
      const fields = parseFieldSelector(query.get('fieldSelector') ?? undefined);
      const matches = (obj: Parameters<typeof labels>[0]) => labels(obj) && fields(obj);
      if (verb === 'watch') {
        return serveWatch(res, api, o.faults, {
          type: r.type,
          namespace: r.namespace,
          matches,
          resourceVersion: query.get('resourceVersion') ?? undefined,
          sendInitialEvents: query.get('sendInitialEvents') === 'true',
          bookmarks: query.get('allowWatchBookmarks') === 'true',
          bookmarkIntervalMs: o.bookmarkIntervalMs,
          timeoutSeconds: query.has('timeoutSeconds') ? Number(query.get('timeoutSeconds')) : undefined,
          asTable: wantsTable(req.headers.accept),
        });
      }
      const items = api.list(r.type, r.namespace).filter(matches).sort(byNamespaceAndName);
      if (wantsTable(req.headers.accept)) return sendJson(res, 200, toTable(r.type.kind, items, String(api.store.resourceVersion)));
      return sendJson(res, 200, {
        kind: `${r.type.kind}List`,
        apiVersion: apiVersionOf(r.type),
        metadata: { resourceVersion: String(api.store.resourceVersion) },
        items,
      });
    }
    case 'create':
      return sendJson(res, 201, api.create(r.type, r.namespace, await readBody(req), options));
    case 'update':
      return sendJson(res, 200, api.update(r.type, r.namespace, r.name!, await readBody(req), options));
    case 'patch': {
      const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
      const patchType = PATCH_TYPES[contentType];
      if (!patchType) throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${Object.keys(PATCH_TYPES).join(', ')}`);
      const existed = api.find(r.type, r.namespace, r.name!) !== undefined;
      const result = api.patch(r.type, r.namespace, r.name!, patchType, await readBody(req, patchType === 'apply'), {
        ...options,
        fieldManager: query.get('fieldManager') ?? (patchType === 'apply' ? undefined : options.fieldManager),
        force: query.get('force') === 'true',
      });
      return sendJson(res, existed ? 200 : 201, result);
    }
    case 'delete': {
      const deleteOptions = (await readBody(req, false, true)) as { propagationPolicy?: string };
      const orphan = (query.get('propagationPolicy') ?? deleteOptions.propagationPolicy) === 'Orphan' || query.get('orphanDependents') === 'true';
      return sendJson(res, 200, api.delete(r.type, r.namespace, r.name!, { ...options, orphan }));
    }
    case 'deletecollection': {
      const labels = parseLabelSelector(query.get('labelSelector') ?? undefined);
      const items = api.list(r.type, r.namespace).filter(labels).map((item) => api.delete(r.type, item.metadata.namespace, item.metadata.name!, options));
      return sendJson(res, 200, { kind: `${r.type.kind}List`, apiVersion: apiVersionOf(r.type), metadata: {}, items });
    }
  }
  throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** The scale subresource (`kubectl scale`): an autoscaling/v1 Scale view of spec.replicas. */
async function serveScale(o: ApiServerOptions, r: ResourceRoute, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
  const view = (object: KubeObject) => {
    const spec = object.spec as { replicas?: number; selector?: { matchLabels?: Record<string, string> } };
    const status = object.status as { replicas?: number } | undefined;
    return {
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: object.metadata.name, namespace: object.metadata.namespace, uid: object.metadata.uid, resourceVersion: object.metadata.resourceVersion, creationTimestamp: object.metadata.creationTimestamp },
      spec: { replicas: spec.replicas ?? 1 },
      status: { replicas: status?.replicas ?? 0, selector: Object.entries(spec.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',') },
    };
  };
  const current = o.api.get(r.type, r.namespace, r.name!);
  if (req.method === 'GET') return sendJson(res, 200, view(current));
  const body = (await readBody(req)) as { spec?: { replicas?: number } };
  const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
  const requested = req.method === 'PATCH' ? (mergePatch(view(current), body) as { spec: { replicas: number } }) : body;
  if (req.method !== 'PATCH' && req.method !== 'PUT') throw new ApiError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
  if (req.method === 'PATCH' && contentType === 'application/json-patch+json') throw new ApiError(415, 'UnsupportedMediaType', 'use a merge patch on the scale subresource');
  const updated = o.api.patch(r.type, r.namespace, r.name!, 'merge', { spec: { replicas: requested.spec?.replicas } }, { fieldManager: query.get('fieldManager') ?? fieldManagerFromAgent(req), dryRun: query.getAll('dryRun').includes('All') });
  sendJson(res, 200, view(updated));
}

/** SelfSubjectAccessReview: everything is allowed except what a 403 fault denies. */
async function createReview(o: ApiServerOptions, r: ResourceRoute, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = (await readBody(req)) as { spec?: { resourceAttributes?: { verb?: string; group?: string; resource?: string; subresource?: string; namespace?: string } } };
  const attributes = body.spec?.resourceAttributes ?? {};
  const resource = attributes.subresource ? `${attributes.resource}/${attributes.subresource}` : attributes.resource ?? '';
  const allowed = !o.faults.forbids(attributes.verb ?? '', attributes.group ?? '', resource, attributes.namespace);
  sendJson(res, 201, { ...body, apiVersion: apiVersionOf(r.type), kind: r.type.kind, metadata: { creationTimestamp: null }, status: { allowed } });
}

function verbOf(method: string, r: ResourceRoute, isWatch: boolean): string {
  switch (method) {
    case 'GET':
      return isWatch ? 'watch' : r.name ? 'get' : 'list';
    case 'POST':
      return 'create';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return r.name ? 'delete' : 'deletecollection';
    default:
      return method.toLowerCase();
  }
}

const USER = 'meshaware-sim-user';

function forbidden(verb: string, r: ResourceRoute, resource: string): ApiError {
  const scope = r.namespace ? `in the namespace "${r.namespace}"` : 'at the cluster scope';
  const subject = r.name ? `${qualified(r.type.group, resource)} "${r.name}"` : qualified(r.type.group, resource);
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: User "${USER}" cannot ${verb} resource "${resource}" in API group "${r.type.group}" ${scope}`, {
    name: r.name,
    group: r.type.group,
    kind: resource,
  });
}

function authenticated(o: ApiServerOptions, req: IncomingMessage): boolean {
  const header = req.headers.authorization ?? '';
  const fromProtocol = String(req.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((p) => p.trim())
    .find((p) => p.startsWith('base64url.bearer.authorization.k8s.io.'));
  const token = header.startsWith('Bearer ') ? header.slice(7) : fromProtocol && Buffer.from(fromProtocol.split('.').pop()!, 'base64url').toString();
  return token === o.token;
}

/** The API server names an unnamed manager after the client's user agent, up to the first slash. */
function fieldManagerFromAgent(req: IncomingMessage): string {
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0];
}

function byNamespaceAndName(a: { metadata: { namespace?: string; name?: string } }, b: { metadata: { namespace?: string; name?: string } }): number {
  return `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`);
}

async function readBody(req: IncomingMessage, yaml = false, optional = false): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if ((req.headers['content-type'] ?? '').startsWith('application/vnd.kubernetes.protobuf')) {
    try {
      return decodeKubernetesProtobuf(Buffer.concat(chunks));
    } catch (error) {
      if (!(error instanceof UnsupportedProtobuf)) throw error;
      throw new ApiError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml (${error.message})`);
    }
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (optional && text.trim() === '') return {};
  try {
    return yaml ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw badRequest(`the body of the request could not be decoded: ${(error as Error).message}`);
  }
}

export function sendJson(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function rejectUpgrade(socket: Duplex, code: number, reason: string): void {
  const body = JSON.stringify(statusBody(code, reason, reason));
  socket.end(`HTTP/1.1 ${code} ${reason}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}
