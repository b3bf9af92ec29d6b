import type { KubeObject } from '../store/types';
import type { TrafficEdge } from '../traffic/model';

/** A workload set and the traffic between its parts, applied to the cluster at start. */
export interface Scenario {
  objects: KubeObject[];
  edges: TrafficEdge[];
}

export interface ScenarioOptions {
  /** Annotate the app's namespace for injection (used when the control plane starts installed). */
  meshed: boolean;
  /** How many application pods, for scenarios that scale (`scale`). */
  pods?: number;
}

export interface AppSpec {
  name: string;
  image: string;
  replicas?: number;
  port: number;
  serviceAccount?: string;
  /** Service name and port; no Service when absent. */
  service?: { name: string; port: number };
  podAnnotations?: Record<string, string>;
}

/** A Deployment (plus its Service and ServiceAccount) shaped like typical demo-app manifests. */
export function app(namespace: string, spec: AppSpec): KubeObject[] {
  const labels = { app: spec.name, 'app.kubernetes.io/name': spec.name, 'app.kubernetes.io/part-of': namespace };
  const objects: KubeObject[] = [];
  if (spec.serviceAccount) objects.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: spec.serviceAccount, namespace } });
  objects.push({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: spec.name, namespace, labels },
    spec: {
      replicas: spec.replicas ?? 1,
      selector: { matchLabels: { app: spec.name } },
      template: {
        metadata: { labels, ...(spec.podAnnotations ? { annotations: spec.podAnnotations } : {}) },
        spec: {
          ...(spec.serviceAccount ? { serviceAccountName: spec.serviceAccount } : {}),
          containers: [{ name: spec.name, image: spec.image, ports: [{ name: 'http', containerPort: spec.port }], resources: { requests: { cpu: '10m', memory: '16Mi' } } }],
        },
      },
    },
  });
  if (spec.service) {
    objects.push({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: spec.service.name, namespace, labels },
      spec: { selector: { app: spec.name }, ports: [{ name: 'http', port: spec.service.port, targetPort: spec.port }] },
    });
  }
  return objects;
}

export function namespace(name: string, meshed: boolean): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, ...(meshed ? { annotations: { 'linkerd.io/inject': 'enabled' } } : {}) } };
}
