import { KINDS, LINKERD_GROUPS } from '../../schema/catalog';
import { crdVersions } from '../../schema/openapi';
import type { KindDefinition } from '../../schema/types';
import { resolveBase, type BaseContext, type RenderOptions } from './context';
import { createdBy, LABEL_CONTROL_PLANE_NS, type K8sObject } from './meta';

/**
 * One CustomResourceDefinition, its versions and schemas taken from the lint engine's schema catalogue, so the
 * CRDs we install and the rules we lint with can never disagree.
 */
function crd(ctx: BaseContext, def: KindDefinition): K8sObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: `${def.plural}.${def.group}`,
      annotations: createdBy(ctx),
      labels: { [LABEL_CONTROL_PLANE_NS]: ctx.namespace },
    },
    spec: {
      group: def.group,
      scope: 'Namespaced',
      names: { kind: def.kind, plural: def.plural, singular: def.kind.toLowerCase(), ...(def.shortNames ? { shortNames: [...def.shortNames] } : {}) },
      versions: crdVersions(def),
    },
  };
}

/**
 * Linkerd's own CRDs (the linkerd-crds chart). Gateway API kinds are in the catalogue too, for linting, but
 * their CRDs come from the Gateway API release, installed separately.
 */
export function renderCrds(options: RenderOptions = {}): K8sObject[] {
  const ctx = resolveBase(options);
  return KINDS.filter((k) => LINKERD_GROUPS.has(k.group)).map((k) => crd(ctx, k));
}

/** The Gateway API groups whose route kinds Linkerd reads (HTTPRoute and GRPCRoute are required since 2.19). */
const GATEWAY_GROUP = 'gateway.networking.k8s.io';

/**
 * Gateway API route CRDs from the same catalogue, as linkerd-crds renders them with `installGatewayAPI=true`:
 * for clusters that have none. They carry the control-plane label, so uninstall removes only what we installed.
 */
export function renderGatewayApiCrds(kinds: readonly string[], options: RenderOptions = {}): K8sObject[] {
  const ctx = resolveBase(options);
  return KINDS.filter((k) => k.group === GATEWAY_GROUP && kinds.includes(`${k.plural}.${k.group}`)).map((k) => crd(ctx, k));
}
