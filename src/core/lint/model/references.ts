import { isMap, type Document, type Node, type YAMLMap } from 'yaml';
import { nodeAt, scalarText } from '../../yaml/manifest';
import { listAt, normalGroup, readRef, refIs, type Ref } from '../read';
import { isLinkerdRelevant } from '../relevance';
import { GATEWAY, isKind, parentDefaultGroup, POLICY, routeFlavor } from '../kinds';

/** An object that may name others: a rule's object or any object of the workspace model. */
export interface Referrer {
  readonly doc: Document;
  readonly root: Node;
  readonly group: string;
  readonly kind: string;
  /** `metadata.namespace`, or `default`. */
  readonly namespace: string;
}

/**
 * Whether the workspace is expected to hold the object a reference names: Linkerd's own objects usually
 * travel together (`policy`); Services and ServiceAccounts only where the workspace holds the namespace's
 * workloads (`workloads`); anything else (Namespaces, Gateways) may live anywhere (`never`).
 */
export type Expectation = 'policy' | 'workloads' | 'never';

/** One reference by name from a policy object to another object, resolved to what Linkerd would look up. */
export interface PolicyReference {
  /** The `name` value as written; findings, definitions and renames point here. */
  readonly nameNode: Node;
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** The namespace Linkerd looks in (`''` for cluster-scoped Namespaces). */
  readonly namespace: string;
  readonly expected: Expectation;
  /** What happens in Linkerd when the object does not exist, as a clause ("the policy has no effect"). */
  readonly consequence: string;
  /** When missing, the traffic this object was written to allow stays denied (policy-controller/k8s/index/src/inbound/index.rs). */
  readonly denies: boolean;
}

const POLICY_TARGETS = new Set(['Server', 'MeshTLSAuthentication', 'NetworkAuthentication', 'EgressNetwork', 'HTTPRoute']);

/**
 * Every by-name reference of an object that Linkerd resolves at run time. In Linkerd's policy controller
 * (policy-controller/k8s/index/src/inbound/index.rs, `policy_client_authz` and its callers), an
 * AuthorizationPolicy whose requiredAuthenticationRefs name a MeshTLSAuthentication or NetworkAuthentication
 * that does not exist is "Illegal" and skipped, so it authorizes nothing; a required ServiceAccount becomes
 * an identity whether or not the account exists, and no client presents it while it does not.
 */
export function referencesOf(o: Referrer): PolicyReference[] {
  const spec = nodeAt(o.doc, o.root, ['spec']);
  const out: PolicyReference[] = [];
  const add = (ref: Ref, group: string, namespace: string, consequence: string, denies = false) => {
    if (ref.name === undefined || ref.kind === undefined || !ref.nameNode) return;
    const g = normalGroup(group);
    const clusterScoped = g === '' && ref.kind === 'Namespace';
    out.push({ nameNode: ref.nameNode, group: g, kind: ref.kind, name: ref.name, namespace: clusterScoped ? '' : namespace, expected: expectation(g, ref.kind), consequence, denies });
  };
  const own = o.namespace;
  // A targetRef is local: the policy's own namespace, the core group when none is written.
  const addTarget = (ref: Ref, consequence: string) => add(ref, ref.group ?? '', own, consequence);
  if (isKind(o, POLICY, 'AuthorizationPolicy')) {
    const target = nodeAt(o.doc, spec, ['targetRef']);
    if (target) addTarget(readRef(o.doc, target), 'the policy has no effect');
    for (const n of listAt(o.doc, spec, ['requiredAuthenticationRefs'])) {
      const ref = readRef(o.doc, n);
      const account = refIs(ref, '', 'ServiceAccount');
      const consequence = account
        ? 'no client presents its identity, so this policy authorizes nobody and the traffic it allows stays denied'
        : 'Linkerd ignores the whole AuthorizationPolicy, so the traffic it allows stays denied';
      add(ref, ref.group ?? '', ref.namespace ?? own, consequence, true);
    }
  } else if (isKind(o, POLICY, 'MeshTLSAuthentication')) {
    for (const n of listAt(o.doc, spec, ['identityRefs'])) {
      const ref = readRef(o.doc, n);
      // Every namespace has a `default` ServiceAccount, written or not.
      if (refIs(ref, '', 'ServiceAccount') && ref.name !== 'default') add(ref, '', ref.namespace ?? own, 'no client can present that identity');
    }
  } else if (isKind(o, POLICY, 'ServerAuthorization')) {
    const name = nodeAt(o.doc, spec, ['server', 'name']);
    const value = scalarText(name);
    if (name && value !== undefined) add({ node: name, group: POLICY, kind: 'Server', name: value, namespace: undefined, port: undefined, kindNode: undefined, nameNode: name }, POLICY, own, 'the authorization has no effect');
  } else if (isKind(o, POLICY, 'HTTPLocalRateLimitPolicy')) {
    const target = nodeAt(o.doc, spec, ['targetRef']);
    if (target) addTarget(readRef(o.doc, target), 'no rate limit applies');
  } else if (routeFlavor(o) && isLinkerdRelevant(o.doc, o.group, isMap(spec) ? (spec as YAMLMap<Node, Node | null>) : undefined)) {
    for (const n of listAt(o.doc, spec, ['parentRefs'])) {
      const ref = readRef(o.doc, n);
      add(ref, normalGroup(ref.group, parentDefaultGroup(o)), ref.namespace ?? own, 'the route does not attach (status NoMatchingParent)');
    }
  }
  return out;
}

function expectation(group: string, kind: string): Expectation {
  if ((group === POLICY && POLICY_TARGETS.has(kind)) || (group === GATEWAY && (kind === 'HTTPRoute' || kind === 'GRPCRoute'))) return 'policy';
  return group === '' && (kind === 'Service' || kind === 'ServiceAccount') ? 'workloads' : 'never';
}
