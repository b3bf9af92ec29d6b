import type { RenderContext } from './context';
import { meta, type K8sObject } from './meta';

const RBAC = 'rbac.authorization.k8s.io/v1';
const PART_OF = { 'app.kubernetes.io/part-of': 'Linkerd' };
const READ = ['list', 'get', 'watch'];

export interface PolicyRule {
  readonly apiGroups: string[];
  readonly resources: string[];
  readonly verbs: string[];
  readonly resourceNames?: string[];
}

const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): PolicyRule => ({ apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) });

/** The policy controller watches every policy kind, Linkerd's own and the Gateway API routes it implements. */
export const POLICY_RESOURCES = ['authorizationpolicies', 'httplocalratelimitpolicies', 'httproutes', 'meshtlsauthentications', 'networkauthentications', 'servers', 'serverauthorizations', 'egressnetworks'];
export const GATEWAY_ROUTE_RESOURCES = ['httproutes', 'grpcroutes', 'tlsroutes', 'tcproutes'];

function serviceAccount(ctx: RenderContext, name: string, component: string): K8sObject {
  return { kind: 'ServiceAccount', apiVersion: 'v1', metadata: meta(ctx, name, { component }) };
}

function role(ctx: RenderContext, kind: 'Role' | 'ClusterRole', name: string, rules: PolicyRule[], component?: string, extraLabels?: Record<string, string>): K8sObject {
  return { kind, apiVersion: RBAC, metadata: meta(ctx, name, { component, clusterScoped: kind === 'ClusterRole', extraLabels }), rules };
}

interface BindingOptions {
  readonly component?: string;
  readonly extraLabels?: Record<string, string>;
  /** The injector's binding spells out the (default) empty API group of its ServiceAccount subject. */
  readonly subjectApiGroup?: boolean;
}

function binding(ctx: RenderContext, kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, roleName: string, account: string, o: BindingOptions = {}): K8sObject {
  return {
    kind,
    apiVersion: RBAC,
    metadata: meta(ctx, name, { component: o.component, clusterScoped: kind === 'ClusterRoleBinding', extraLabels: o.extraLabels }),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name: roleName },
    subjects: [{ kind: 'ServiceAccount', name: account, namespace: ctx.namespace, ...(o.subjectApiGroup ? { apiGroup: '' } : {}) }],
  };
}

/** Identity reviews proxies' ServiceAccount tokens and records issuer events. */
export function identityRbac(ctx: RenderContext): K8sObject[] {
  const name = `linkerd-${ctx.namespace}-identity`;
  return [
    role(ctx, 'ClusterRole', name, [rule(['authentication.k8s.io'], ['tokenreviews'], ['create']), rule([''], ['events'], ['create', 'patch'])], 'identity'),
    binding(ctx, 'ClusterRoleBinding', name, name, 'linkerd-identity', { component: 'identity' }),
    serviceAccount(ctx, 'linkerd-identity', 'identity'),
  ];
}

/** Destination discovers endpoints and profiles, and writes EndpointSlices for external workloads. */
export function destinationRbac(ctx: RenderContext): K8sObject[] {
  const name = `linkerd-${ctx.namespace}-destination`;
  return [
    role(ctx, 'ClusterRole', name, [
      rule(['apps'], ['replicasets'], READ),
      rule(['batch'], ['jobs'], READ),
      rule([''], ['pods', 'endpoints', 'services', 'nodes'], READ),
      rule(['linkerd.io'], ['serviceprofiles'], READ),
      rule(['workload.linkerd.io'], ['externalworkloads'], READ),
      rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update', 'patch']),
      rule(['discovery.k8s.io'], ['endpointslices'], [...READ, 'create', 'update', 'patch', 'delete']),
    ], 'destination'),
    binding(ctx, 'ClusterRoleBinding', name, name, 'linkerd-destination', { component: 'destination' }),
    serviceAccount(ctx, 'linkerd-destination', 'destination'),
  ];
}

/** The policy controller runs in the destination pod, under its ServiceAccount; it also reads multicluster secrets. */
export function policyRbac(ctx: RenderContext): K8sObject[] {
  const read = ['get', 'list', 'watch'];
  return [
    role(ctx, 'ClusterRole', 'linkerd-policy', [
      rule([''], ['pods'], read),
      rule(['apps'], ['deployments'], ['get']),
      rule(['policy.linkerd.io'], POLICY_RESOURCES, read),
      rule(['gateway.networking.k8s.io'], GATEWAY_ROUTE_RESOURCES, read),
      rule(['policy.linkerd.io'], ['httproutes/status', 'httplocalratelimitpolicies/status', 'egressnetworks/status'], ['patch']),
      rule(['gateway.networking.k8s.io'], GATEWAY_ROUTE_RESOURCES.map((r) => `${r}/status`), ['patch']),
      rule(['workload.linkerd.io'], ['externalworkloads'], read),
      rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'patch']),
    ], 'destination', PART_OF),
    binding(ctx, 'ClusterRoleBinding', 'linkerd-destination-policy', 'linkerd-policy', 'linkerd-destination', { component: 'destination', extraLabels: PART_OF }),
    role(ctx, 'Role', 'remote-discovery', [rule([''], ['secrets'], read)], 'destination', PART_OF),
    binding(ctx, 'RoleBinding', 'linkerd-destination-remote-discovery', 'remote-discovery', 'linkerd-destination', { component: 'destination', extraLabels: PART_OF }),
  ];
}

/** The heartbeat reads linkerd-config and counts namespaces and profiles. */
export function heartbeatRbac(ctx: RenderContext): K8sObject[] {
  return [
    role(ctx, 'Role', 'linkerd-heartbeat', [rule([''], ['configmaps'], ['get'], ['linkerd-config'])]),
    binding(ctx, 'RoleBinding', 'linkerd-heartbeat', 'linkerd-heartbeat', 'linkerd-heartbeat'),
    role(ctx, 'ClusterRole', 'linkerd-heartbeat', [rule([''], ['namespaces'], ['list']), rule(['linkerd.io'], ['serviceprofiles'], ['list'])]),
    binding(ctx, 'ClusterRoleBinding', 'linkerd-heartbeat', 'linkerd-heartbeat', 'linkerd-heartbeat'),
    serviceAccount(ctx, 'linkerd-heartbeat', 'heartbeat'),
  ];
}

/** The injector reads workloads' owners to label injected pods, and records events. */
export function proxyInjectorRbac(ctx: RenderContext): K8sObject[] {
  const name = `linkerd-${ctx.namespace}-proxy-injector`;
  return [
    role(ctx, 'ClusterRole', name, [
      rule([''], ['events'], ['create', 'patch']),
      rule([''], ['namespaces', 'replicationcontrollers'], READ),
      rule([''], ['pods'], ['list', 'watch']),
      rule(['extensions', 'apps'], ['deployments', 'replicasets', 'daemonsets', 'statefulsets'], READ),
      rule(['extensions', 'batch'], ['cronjobs', 'jobs'], READ),
    ], 'proxy-injector'),
    binding(ctx, 'ClusterRoleBinding', name, name, 'linkerd-proxy-injector', { component: 'proxy-injector', subjectApiGroup: true }),
    serviceAccount(ctx, 'linkerd-proxy-injector', 'proxy-injector'),
  ];
}

/** Lets extensions' namespace-metadata jobs read linkerd-config. */
export function extensionConfigReaderRole(ctx: RenderContext, annotations: Record<string, string>): K8sObject {
  return {
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { ...meta(ctx, 'ext-namespace-metadata-linkerd-config', { annotations }) },
    rules: [rule([''], ['configmaps'], ['get'], ['linkerd-config'])],
  };
}
