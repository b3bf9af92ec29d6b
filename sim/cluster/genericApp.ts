import { timestamp } from '../api/objects';
import type { PodBehaviour, PortHandler } from './podTypes';

/**
 * Any container listens on the TCP ports it declares and answers every path with a short JSON
 * description of itself, which is all a port-forward or proxy test needs from an arbitrary image.
 */
export const genericApp: PodBehaviour = {
  listeners(pod) {
    const listeners = new Map<number, PortHandler>();
    for (const c of pod.spec.containers) {
      for (const p of c.ports ?? []) {
        if ((p.protocol ?? 'TCP') !== 'TCP') continue;
        listeners.set(p.containerPort, (path) => ({
          status: 200,
          contentType: 'application/json',
          body: JSON.stringify({ pod: pod.metadata.name, container: c.name, port: p.containerPort, path }) + '\n',
        }));
      }
    }
    return listeners;
  },
  startupLogs(pod, container) {
    const spec = pod.spec.containers.find((c) => c.name === container);
    if (!spec) return [];
    const ports = (spec.ports ?? []).map((p) => `:${p.containerPort}`).join(', ');
    return [`${timestamp()} starting ${spec.image ?? container}`, ...(ports ? [`${timestamp()} listening on ${ports}`] : [])];
  },
};
