// The part of linkerd-viz that clients look for: its namespace and the `prometheus` Deployment and Service
// (port 9090) that `linkerd viz` and the product reach through the API server's service proxy.
import type { KubeObject } from '../store/types';

export const VIZ_NS = 'linkerd-viz';
export const PROMETHEUS_SERVICE = 'prometheus';
export const PROMETHEUS_PORT = 9090;
const IMAGE = 'prom/prometheus:v2.55.1';

export function vizPrometheusObjects(): KubeObject[] {
  const labels = { 'linkerd.io/extension': 'viz', component: 'prometheus', namespace: VIZ_NS };
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      // viz runs meshed, as `linkerd viz install` renders it.
      metadata: { name: VIZ_NS, labels: { 'linkerd.io/extension': 'viz' }, annotations: { 'linkerd.io/inject': 'enabled' } },
    },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: PROMETHEUS_SERVICE, namespace: VIZ_NS, labels } },
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: PROMETHEUS_SERVICE, namespace: VIZ_NS, labels: { ...labels, 'app.kubernetes.io/name': 'prometheus', 'app.kubernetes.io/part-of': 'Linkerd' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { component: 'prometheus' } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: PROMETHEUS_SERVICE,
            containers: [{ name: 'prometheus', image: IMAGE, args: ['--config.file=/etc/prometheus/prometheus.yml', '--storage.tsdb.retention.time=6h'], ports: [{ name: 'admin-http', containerPort: PROMETHEUS_PORT }] }],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: PROMETHEUS_SERVICE, namespace: VIZ_NS, labels },
      spec: { type: 'ClusterIP', selector: { component: 'prometheus' }, ports: [{ name: 'admin-http', port: PROMETHEUS_PORT, targetPort: PROMETHEUS_PORT }] },
    },
  ];
}
