/**
 * Where the policy behind a proxy's authorization label is written in the workspace: "Open policy" in the Live
 * Traffic panel. The proxy names a Server `server`, a route `HTTPRoute`/`GRPCRoute` and an authorization by its
 * lower-case kind (linkerd2-proxy linkerd/app/inbound/src/metrics/authz.rs labels; the policy controller's
 * metadata in policy-controller/grpc/src/inbound.rs), so kinds are compared without case, in Linkerd's and
 * Gateway API's groups only. A default policy has no object: it is the workload's or its namespace's
 * `config.linkerd.io/default-inbound-policy` annotation, else the cluster's default (policy-controller
 * k8s/index/src/inbound/workload.rs; the injector copies the namespace's config annotations onto the pod).
 */
import type { Node } from 'yaml';
import { workloadKind } from '../workloadKinds';
import type { IndexedResource } from '../workspace/resourceIndex';
import { mapAt, nodeAt, pairOf } from '../yaml/manifest';
import { DEFAULT_POLICY_ANNOTATION } from './defaults';
import { GATEWAY_GROUP, POLICY_GROUP } from './objects';

/** A span of a workspace file to reveal. */
export interface PolicyPlace {
  readonly resource: IndexedResource;
  readonly start: number;
  readonly end: number;
}

const GROUPS = new Set([POLICY_GROUP, GATEWAY_GROUP]);
const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? apiVersion.split('/')[0] : '');

/** The objects a proxy's label names in `namespace`, else those written without a namespace (left to `kubectl -n`). */
export function policyObjects(resources: Iterable<IndexedResource>, label: { readonly kind: string; readonly name: string }, namespace: string): IndexedResource[] {
  const kind = label.kind.toLowerCase();
  const named = [...resources].filter((r) => r.kind.toLowerCase() === kind && r.name === label.name && GROUPS.has(groupOf(r.apiVersion)));
  const exact = named.filter((r) => r.namespace === namespace);
  return exact.length ? exact : named.filter((r) => r.namespace === undefined);
}

/** The object's place: its name, where a reader looks for which object it is; else its kind. */
export function objectPlace(resource: IndexedResource): PolicyPlace {
  const name = nodeAt(resource.document.doc, resource.document.doc.contents, ['metadata', 'name']);
  return spanOf(resource, name) ?? { resource, start: resource.document.anchorStart, end: resource.document.anchorEnd };
}

export type DefaultPolicySource = { readonly where: 'workload' | 'namespace'; readonly place: PolicyPlace } | { readonly where: 'cluster' };

/**
 * Where the default policy of `workload`'s pods is set: its pod template's annotation, else its Namespace's,
 * else the cluster's default (`proxy.defaultInboundPolicy` at install).
 */
export function defaultPolicySource(resources: Iterable<IndexedResource>, workload: { readonly kind: string; readonly name: string; readonly namespace: string }): DefaultPolicySource {
  const all = [...resources];
  const template = workloadKind(workload.kind)?.podTemplate;
  const own = all.find((r) => r.kind === workload.kind && r.name === workload.name && (r.namespace ?? workload.namespace) === workload.namespace);
  const onPod = own && template && annotationPlace(own, template);
  if (onPod) return { where: 'workload', place: onPod };
  const ns = all.find((r) => r.kind === 'Namespace' && r.name === workload.namespace);
  const onNamespace = ns && annotationPlace(ns, []);
  return onNamespace ? { where: 'namespace', place: onNamespace } : { where: 'cluster' };
}

function annotationPlace(resource: IndexedResource, hostPath: readonly string[]): PolicyPlace | undefined {
  const { doc } = resource.document;
  const annotations = mapAt(doc, doc.contents, [...hostPath, 'metadata', 'annotations']);
  const pair = annotations && pairOf(annotations, DEFAULT_POLICY_ANNOTATION);
  return pair ? spanOf(resource, pair.key, pair.value ?? pair.key) : undefined;
}

function spanOf(resource: IndexedResource, from: Node | null | undefined, to: Node | null | undefined = from): PolicyPlace | undefined {
  const a = from?.range;
  const b = to?.range;
  return a && b ? { resource, start: a[0], end: b[1] } : undefined;
}
