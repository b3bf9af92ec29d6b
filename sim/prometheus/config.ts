// The Prometheus configuration of the simulated linkerd-viz: viz's `linkerd-proxy` scrape job, with its
// relabelling rules in viz's order, fed by file_sd instead of kubernetes_sd and reaching pod IPs through
// the simulator's pod network (an HTTP proxy on loopback) because simulated pods have no real addresses.
import { stringify } from 'yaml';

export interface ConfigOptions {
  targetsFile: string;
  podNetworkUrl: string;
  controlPlaneNamespace: string;
  scrapeIntervalSeconds: number;
}

const LABEL = '__meta_kubernetes_pod_label_';

/** The relabel rules viz applies to discovered pods: keep proxies' admin ports, then turn pod labels into series labels. */
export function proxyRelabelling(controlPlaneNamespace: string): object[] {
  return [
    // Only the proxy container's admin port of pods belonging to this control plane.
    { source_labels: ['__meta_kubernetes_pod_container_name', '__meta_kubernetes_pod_container_port_name', `${LABEL}linkerd_io_control_plane_ns`], action: 'keep', regex: `^linkerd-proxy;linkerd-admin;${controlPlaneNamespace}$` },
    { source_labels: ['__meta_kubernetes_namespace'], action: 'replace', target_label: 'namespace' },
    { source_labels: ['__meta_kubernetes_pod_name'], action: 'replace', target_label: 'pod' },
    // A Job owner would clash with Prometheus's own `job` label, so it gets a name of its own.
    { source_labels: [`${LABEL}linkerd_io_proxy_job`], action: 'replace', target_label: 'k8s_job' },
    { action: 'labeldrop', regex: `${LABEL}linkerd_io_proxy_job` },
    { action: 'labelmap', regex: `${LABEL}linkerd_io_proxy_(.+)` },
    { action: 'labeldrop', regex: `${LABEL}linkerd_io_proxy_(.+)` },
    { action: 'labelmap', regex: `${LABEL}linkerd_io_(.+)` },
    // Every other pod label is copied as is, with `linkerd_io_` prefixes stripped on the way.
    { action: 'labelmap', regex: `${LABEL}(.+)`, replacement: '__tmp_pod_label_$1' },
    { action: 'labelmap', regex: '__tmp_pod_label_linkerd_io_(.+)', replacement: '__tmp_pod_label_$1' },
    { action: 'labeldrop', regex: '__tmp_pod_label_linkerd_io_(.+)' },
    { action: 'labelmap', regex: '__tmp_pod_label_(.+)' },
  ];
}

export function prometheusConfig(options: ConfigOptions): string {
  const interval = `${options.scrapeIntervalSeconds}s`;
  return stringify({
    global: { scrape_interval: interval, scrape_timeout: interval, evaluation_interval: interval },
    scrape_configs: [
      {
        job_name: 'linkerd-proxy',
        proxy_url: options.podNetworkUrl,
        file_sd_configs: [{ files: [options.targetsFile], refresh_interval: '5s' }],
        relabel_configs: proxyRelabelling(options.controlPlaneNamespace),
      },
    ],
  });
}
