import { objectsAt, stringAt, type JsonObject } from './view';
import type { ObjectView } from './view';

/**
 * How the policy controller's outbound index tells a route's parents apart (`is_parent_service` and
 * `is_parent_egress_network` in policy-controller/k8s/index/src/outbound/index.rs), applied to parentRefs as
 * the webhook receives them, after the CRD has defaulted `group` (policy.linkerd.io for Linkerd's HTTPRoute,
 * gateway.networking.k8s.io for Gateway API routes) and `kind` (Gateway).
 */

/** A Service parent: group absent, empty or `core`, and kind `Service`, compared ignoring ASCII case. */
export function isServiceParent(ref: JsonObject): boolean {
  const group = stringAt(ref, 'group');
  const kind = stringAt(ref, 'kind');
  return kind !== undefined && (group === undefined || group === '' || group.toLowerCase() === 'core') && kind.toLowerCase() === 'service';
}

/** An EgressNetwork parent: group `policy.linkerd.io` (never implied by an absent group) and kind `EgressNetwork`. */
export function isEgressNetworkParent(ref: JsonObject): boolean {
  const group = stringAt(ref, 'group');
  const kind = stringAt(ref, 'kind');
  return kind !== undefined && group?.toLowerCase() === 'policy.linkerd.io' && kind.toLowerCase() === 'egressnetwork';
}

export function parentRefs(view: ObjectView): JsonObject[] {
  const spec = view.root.spec;
  return spec !== null && typeof spec === 'object' && !Array.isArray(spec) ? objectsAt(spec, 'parentRefs') : [];
}
