import { gzipSync } from 'node:zlib';
import type { Pod, PodBehaviour, PortHandler } from '../cluster/podTypes';
import type { Traffic } from '../traffic/traffic';
import { ADMIN_PORT, identityOf, INBOUND_PORT, versionOf } from './constants';
import { isMeshed, proxyMetrics } from './metrics';

/** The linkerd-proxy container of meshed pods: its admin server (/metrics, /ready, /live) and start-up log. */
export function linkerdProxy(traffic: Traffic): PodBehaviour {
  return {
    listeners(pod) {
      const listeners = new Map<number, PortHandler>();
      if (!isMeshed(pod)) return listeners;
      const adminPort = proxyPort(pod, 'linkerd-admin') ?? ADMIN_PORT;
      listeners.set(adminPort, (path, acceptEncoding) => {
        const route = path.split('?')[0];
        if (route === '/metrics') {
          const text = proxyMetrics(pod, traffic.context());
          // As the proxy's admin server does (linkerd2-proxy linkerd/metrics/src/serve.rs): gzip, at its fast
          // level, when the request's Accept-Encoding names it.
          if (acceptEncoding?.includes('gzip')) return { status: 200, contentType: 'text/plain', body: gzipSync(text, { level: 1 }), contentEncoding: 'gzip' };
          return { status: 200, contentType: 'text/plain', body: text };
        }
        if (route === '/ready') return { status: 200, contentType: 'text/plain', body: 'ready\n' };
        if (route === '/live') return { status: 200, contentType: 'text/plain', body: 'live\n' };
        return { status: 404, contentType: 'text/plain', body: 'not found\n' };
      });
      return listeners;
    },
    startupLogs(pod, container) {
      if (container !== 'linkerd-proxy') return [];
      const identity = identityOf(pod.spec.serviceAccountName ?? 'default', pod.metadata.namespace!);
      const line = (seconds: number, thread: string, target: string, message: string) => `[${seconds.toFixed(6).padStart(14)}s]  INFO ThreadId(${thread}) ${target}: ${message}`;
      return [
        line(0.002011, '01', 'linkerd2_proxy', `release ${versionOf(pod, 'linkerd-proxy')} by linkerd`),
        line(0.002873, '01', 'linkerd2_proxy', `Admin interface on [::]:${proxyPort(pod, 'linkerd-admin') ?? ADMIN_PORT}`),
        line(0.002879, '01', 'linkerd2_proxy', `Inbound interface on [::]:${proxyPort(pod, 'linkerd-proxy') ?? INBOUND_PORT}`),
        line(0.002881, '01', 'linkerd2_proxy', 'Outbound interface on 127.0.0.1:4140'),
        line(0.002883, '01', 'linkerd2_proxy', 'Tap interface on [::]:4190'),
        line(0.002886, '01', 'linkerd2_proxy', `SNI is ${identity}`),
        line(0.002888, '01', 'linkerd2_proxy', `Local identity is ${identity}`),
        line(0.002890, '01', 'linkerd2_proxy', 'Destinations resolved via linkerd-dst-headless.linkerd.svc.cluster.local:8086 (linkerd-destination.linkerd.serviceaccount.identity.linkerd.cluster.local)'),
        line(0.015204, '02', 'daemon:identity', `linkerd_app: Certified identity id=${identity}`),
      ];
    },
  };
}

/** A named port of the pod's linkerd-proxy container, which the injector set from the values and annotations. */
function proxyPort(pod: Pod, name: string): number | undefined {
  return [...(pod.spec.initContainers ?? []), ...pod.spec.containers].find((c) => c.name === 'linkerd-proxy')?.ports?.find((p) => p.name === name)?.containerPort;
}
