/**
 * The labels linkerd-viz's Prometheus attaches to every series it scrapes from a proxy (job `linkerd-proxy`
 * in viz's prometheus.yaml), reproduced so that proxy scrapes read exactly like Prometheus's data.
 */
import type { Labels } from './labels';
import type { PodMeta } from './model';

export const ADMIN_PORT = 4191;

const PROXY_PREFIX = 'linkerd_io_proxy_';
const LINKERD_PREFIX = 'linkerd_io_';

/** Kubernetes service discovery exposes pod labels under names with every invalid character turned into `_`. */
function sanitize(name: string): string {
  return name.replace(/[^a-zA-Z0-9_]/g, '_');
}

/**
 * The target labels, in the order viz's relabelling applies them (later steps overwrite earlier ones):
 * namespace and pod; `linkerd.io/proxy-job` as `k8s_job` (so as not to clash with Prometheus's `job`);
 * other `linkerd.io/proxy-<kind>` as `<kind>`; `linkerd.io/<x>` as `<x>`; every other pod label as is.
 */
export function targetLabels(pod: PodMeta): Labels {
  const out: Labels = { namespace: pod.namespace, pod: pod.name };
  const podLabels = Object.entries(pod.labels).map(([k, v]) => [sanitize(k), v] as const);
  for (const [k, v] of podLabels) if (k === `${PROXY_PREFIX}job`) out.k8s_job = v;
  for (const [k, v] of podLabels) if (k.startsWith(PROXY_PREFIX) && k !== `${PROXY_PREFIX}job`) out[k.slice(PROXY_PREFIX.length)] = v;
  for (const [k, v] of podLabels) {
    if (k.startsWith(PROXY_PREFIX)) continue;
    out[k.startsWith(LINKERD_PREFIX) ? k.slice(LINKERD_PREFIX.length) : k] = v;
  }
  out.job = 'linkerd-proxy';
  if (pod.ip) out.instance = `${pod.ip}:${ADMIN_PORT}`;
  return out;
}

/**
 * A scraped series' labels with the target's attached, as Prometheus stores them: target labels win and a
 * clashing scraped label is kept as `exported_<name>` (honor_labels: false). `only` limits the result to
 * those names: the evaluator reads a handful of the thirty-odd labels a proxy series carries.
 */
export function withTargetLabels(series: Labels, target: Labels, only?: ReadonlySet<string>): Labels {
  const out: Labels = {};
  for (const k of Object.keys(target)) if (!only || only.has(k)) out[k] = target[k];
  for (const k of Object.keys(series)) {
    const name = Object.hasOwn(target, k) ? `exported_${k}` : k;
    if (!only || only.has(name)) out[name] = series[k];
  }
  return out;
}
