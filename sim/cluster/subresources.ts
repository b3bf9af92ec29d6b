import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { ObjectApi } from '../api/objects';
import type { ResourceRoute } from '../api/router';
import type { SubresourceHandlers } from '../api/server';
import { ApiError, badRequest, notFound } from '../api/status';
import { labelSelectorMatcher } from '../store/selectors';
import type { Kubelet } from './kubelet';
import { serveLocalPortForward } from './portForward';
import { longRunningContainers, resolvePort, type HttpReply, type Pod } from './podTypes';
import { isReady } from './workloads';
import { relay } from '../prometheus/relay';

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/**
 * pods/log, pods/proxy, services/proxy and pods/portforward, answered by the simulated kubelet.
 * `upstream` names a real HTTP server standing behind a Service (the `--prometheus` viz Prometheus).
 */
export function clusterSubresources(api: ObjectApi, kubelet: Kubelet, upstream?: (namespace: string, service: string) => string | undefined): SubresourceHandlers {
  const pods = api.typeOf('Pod');
  const services = api.typeOf('Service');

  const getPod = (namespace: string | undefined, name: string) => api.get(pods, namespace, name) as Pod;

  /** What a request to `port` of `pod` gets back, like the API server's proxy to a pod IP. */
  const forward = (pod: Pod, port: string, path: string, acceptEncoding?: string): HttpReply => {
    const number = resolvePort(pod, port);
    const handler = number === undefined ? undefined : kubelet.listeners(pod).get(number);
    if (!handler) {
      const ip = (pod.status?.podIP as string | undefined) ?? '';
      throw new ApiError(503, 'ServiceUnavailable', `error trying to reach service: dial tcp ${ip}:${number ?? port}: connect: connection refused`);
    }
    return handler(path, acceptEncoding);
  };

  return {
    async log(r: ResourceRoute, query: URLSearchParams, res: ServerResponse): Promise<void> {
      const pod = getPod(r.namespace, r.name!);
      const containers = longRunningContainers(pod.spec).map((c) => c.name);
      const container = query.get('container') ?? (containers.length === 1 ? containers[0] : pod.metadata.annotations?.['kubectl.kubernetes.io/default-container']);
      if (!container) {
        throw badRequest(`a container name must be specified for pod ${pod.metadata.name}, choose one of: [${containers.join(' ')}]`);
      }
      const lines = kubelet.logs(pod, container);
      if (!lines) {
        if (!containers.includes(container)) throw badRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
        throw badRequest(`container "${container}" in pod "${pod.metadata.name}" is waiting to start: ContainerCreating`);
      }
      const tail = query.has('tailLines') ? lines.slice(-Number(query.get('tailLines'))) : lines;
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      if (query.get('follow') !== 'true') return void res.end(tail.map((l) => l + '\n').join(''));
      res.write(tail.map((l) => l + '\n').join(''));
      const stop = kubelet.followLogs(pod, container, { line: (line) => res.write(line + '\n'), end: () => res.end() });
      res.on('close', stop);
    },

    async proxy(r: ResourceRoute, req: IncomingMessage, res: ServerResponse, query: URLSearchParams): Promise<void> {
      if (req.method !== 'GET' && req.method !== 'HEAD') throw new ApiError(405, 'MethodNotAllowed', 'the simulated workloads only answer GET');
      const path = r.proxyPath + (query.size > 0 ? `?${query}` : '');
      const parts = r.name!.split(':');
      const [scheme, name, port] = parts.length === 3 ? parts : ['http', parts[0], parts[1] ?? ''];
      if (scheme === 'https') throw new ApiError(503, 'ServiceUnavailable', 'error trying to reach service: tls: first record does not look like a TLS handshake');
      let reply: HttpReply;
      if (r.type.resource === 'pods') {
        // The API server's proxy passes the client's Accept-Encoding on and the pod's Content-Encoding back.
        reply = forward(getPod(r.namespace, name), port || '80', path, req.headers['accept-encoding']);
      } else {
        const service = api.get(services, r.namespace, name);
        const spec = service.spec as { selector?: Record<string, string>; ports?: ServicePort[] };
        const servicePort = (spec.ports ?? []).find((p) => !port || p.name === port || String(p.port) === port);
        if (!servicePort) throw notFound('', 'services', name);
        const matches = labelSelectorMatcher({ matchLabels: spec.selector ?? {} });
        const backend = (api.list(pods, r.namespace) as Pod[]).find((p) => spec.selector && matches(p) && isReady(p));
        if (!backend) throw new ApiError(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`);
        const base = upstream?.(r.namespace!, name);
        if (base) return relay(base, path, req, res);
        reply = forward(backend, String(servicePort.targetPort ?? servicePort.port), path);
      }
      res.writeHead(reply.status, { 'Content-Type': reply.contentType, ...(reply.contentEncoding ? { 'Content-Encoding': reply.contentEncoding } : {}) });
      res.end(req.method === 'HEAD' ? undefined : reply.body);
    },

    portForward(r: ResourceRoute, req: IncomingMessage, socket: Duplex, head: Buffer): void {
      const pod = api.find(pods, r.namespace, r.name!) as Pod | undefined;
      if (!pod) {
        socket.end('HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      serveLocalPortForward(req, socket, head, (port) => kubelet.listeners(pod).get(port), () => `${pod.metadata.name}, uid ${pod.metadata.uid}`);
    },
  };
}

