/**
 * Inputs and results of the inbound policy evaluation (evaluate.ts). Objects are plain Kubernetes JSON, as
 * the API server returns them or as the lint's ObjectView reads them from YAML, so the same evaluation serves
 * the workspace, the cluster and the impact preview.
 */

/** Where an object came from, so a decision can point at its YAML ("Open policy"). */
export interface PolicyOrigin {
  readonly uri: string;
  /** Character offset of the object in the file. */
  readonly offset: number;
}

export type JsonMap = { readonly [key: string]: unknown };

/** One Kubernetes object as JSON (apiVersion, kind, metadata, spec). */
export interface PolicyObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name?: string; readonly namespace?: string; readonly labels?: Readonly<Record<string, string>>; readonly annotations?: Readonly<Record<string, string>>; readonly creationTimestamp?: string };
  readonly spec?: JsonMap;
  readonly origin?: PolicyOrigin;
}

/** The destination of a flow: a workload's pods, as the policy controller indexes them. */
export interface DestinationWorkload {
  readonly namespace: string;
  readonly kind: string;
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  /** The pod's annotations (the injector copies the namespace's config annotations onto it). */
  readonly annotations: Readonly<Record<string, string>>;
  /** Named TCP container ports, for Servers that select a port by name. */
  readonly ports: readonly { readonly name?: string; readonly port: number }[];
}

/** One observed or hypothetical request (or connection, without `http`) to a workload's port. */
export interface Flow {
  /** The client's mesh identity; undefined for a client without TLS (unmeshed). */
  readonly clientIdentity?: string;
  /** The client's IP; undefined when not known (then it is assumed to be inside the cluster networks). */
  readonly clientIp?: string;
  readonly destination: DestinationWorkload;
  readonly port: number;
  /**
   * An HTTP request. Observed traffic knows the route a request took (the proxy's `route_name`) but not its
   * method and path: then `route` picks the route by name among the Server's.
   */
  readonly http?: { readonly method: string; readonly path: string } | { readonly route: string };
}

/** A group/kind/name as the proxy labels it (`srv_*`, `route_*`, `authz_*`). */
export interface PolicyRef {
  readonly group: string;
  readonly kind: string;
  readonly name: string;
  /** The object's YAML, for resources (not for the `default` kinds). */
  readonly origin?: PolicyOrigin;
}

export type Verdict = 'allow' | 'deny' | 'route-not-found';

export interface Decision {
  readonly verdict: Verdict;
  readonly server: PolicyRef;
  /** The route the request matched (HTTP only). */
  readonly route?: PolicyRef;
  /** The authorization that admitted the flow. */
  readonly authorization?: PolicyRef;
  /** Admitted only by an `audit` policy: the proxy allows it and logs it; without audit it would be denied. */
  readonly audit: boolean;
  /** Why, in a sentence a user can act on. */
  readonly reason: string;
}

/** Cluster-wide settings of the policy controller (`--default-policy`, `--cluster-networks`, identity domain). */
export interface ClusterPolicySettings {
  readonly defaultPolicy: string;
  readonly clusterNetworks: readonly string[];
  readonly controlPlaneNamespace: string;
  readonly identityDomain: string;
}
