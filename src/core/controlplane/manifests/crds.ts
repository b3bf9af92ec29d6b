import { KINDS, LINKERD_GROUPS } from '../../schema/catalog';
import { crdVersions } from '../../schema/openapi';
import type { KindDefinition } from '../../schema/types';
import { resolveBase, type BaseContext, type RenderOptions } from './context';
import { createdBy, LABEL_CONTROL_PLANE_NS, type K8sObject } from './meta';

const crdName = (def: KindDefinition) => `${def.plural}.${def.group}`;

/**
 * One CustomResourceDefinition, its versions and schemas taken from the lint engine's schema catalogue, so the
 * CRDs we install and the rules we lint with can never disagree. The created-by annotation and the
 * control-plane label mark it as ours: uninstall deletes what carries them, and leaves other CRDs alone.
 */
function crd(ctx: BaseContext, def: KindDefinition): K8sObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: {
      name: crdName(def),
      annotations: { ...def.annotations, ...createdBy(ctx) },
      labels: { [LABEL_CONTROL_PLANE_NS]: ctx.namespace },
    },
    spec: {
      group: def.group,
      scope: 'Namespaced',
      names: {
        ...(def.categories ? { categories: [...def.categories] } : {}),
        kind: def.kind,
        ...(def.listKind ? { listKind: `${def.kind}List` } : {}),
        plural: def.plural,
        ...(def.shortNames ? { shortNames: [...def.shortNames] } : {}),
        singular: def.kind.toLowerCase(),
      },
      versions: crdVersions(def),
    },
  };
}

/**
 * Linkerd's own CRDs (the linkerd-crds chart). Gateway API kinds are in the catalogue too, for linting, but
 * their CRDs are only rendered on request, by renderGatewayApiCrds.
 */
export function renderCrds(options: RenderOptions = {}): K8sObject[] {
  const ctx = resolveBase(options);
  return KINDS.filter((k) => LINKERD_GROUPS.has(k.group)).map((k) => crd(ctx, k));
}

/**
 * The Gateway API route CRDs of the release's bundle, for a cluster that has none: what
 * `linkerd install --crds --set installGatewayAPI=true` adds. Throws for names the catalogue lacks.
 */
export function renderGatewayApiCrds(options: RenderOptions = {}, names: readonly string[] = resolveBase(options).release.gatewayApi.bundled.crds): K8sObject[] {
  const ctx = resolveBase(options);
  return names.map((name) => {
    const def = KINDS.find((k) => !LINKERD_GROUPS.has(k.group) && crdName(k) === name);
    if (!def) throw new Error(`no schema for CRD ${name}: Meshaware can only install the Gateway API route CRDs it knows`);
    return crd(ctx, def);
  });
}
