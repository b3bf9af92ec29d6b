import type { RenderContext } from './context';
import { base64Pem, createdBy, meta, type K8sObject } from './meta';

export const TRUST_ROOTS_CONFIGMAP = 'linkerd-identity-trust-roots';
export const TRUST_ROOTS_KEY = 'ca-bundle.crt';
export const ISSUER_SECRET = 'linkerd-identity-issuer';

/**
 * The issuer Secret in the `linkerd.io/tls` scheme: the issuer certificate and key, nothing else. The identity
 * controller watches it and reloads a rotated issuer without a restart.
 */
export function issuerSecret(ctx: RenderContext): K8sObject {
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: meta(ctx, ISSUER_SECRET, { component: 'identity', annotations: createdBy(ctx) }),
    data: { 'crt.pem': base64Pem(ctx.identity.issuer.certPem), 'key.pem': base64Pem(ctx.identity.issuer.keyPem) },
  };
}

/** The anchor bundle every control-plane proxy reads and the injector copies into each injected pod. */
export function trustRootsConfigMap(ctx: RenderContext): K8sObject {
  return {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    metadata: meta(ctx, TRUST_ROOTS_CONFIGMAP, { component: 'identity', annotations: createdBy(ctx) }),
    data: { [TRUST_ROOTS_KEY]: ctx.identity.trustAnchorsPem.trimEnd() },
  };
}
