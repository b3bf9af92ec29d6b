import { parse } from 'yaml';
import type { CertificateAndKey } from '../certs/types';
import type { RenderContext } from './context';
import { KUBE_API_SERVER_PORTS } from './defaults';
import { meta, type K8sObject } from './meta';
import { toYamlDocument } from './yaml';

export const CONFIG_OVERRIDES_SECRET = 'linkerd-config-overrides';

/**
 * The values of this install that differ from a linkerd 2.20 CLI's defaults, which `linkerd install`
 * stores in this Secret and `linkerd upgrade`/`linkerd prune` read back (cli/cmd/upgrade.go,
 * loadStoredValues; they refuse to run without it). Writing it as the CLI does lets the real linkerd CLI
 * take over a Meshaware install. It holds the issuer key, like the issuer Secret beside it in the same
 * namespace; the trust anchor's key is never here. The webhook certificates are left out, so an upgrade
 * by the linkerd CLI generates its own, consistent set, as it does for its own installs.
 */
export function configOverrides(ctx: RenderContext): Record<string, unknown> {
  const proxyInit = {
    ...(ctx.proxyInitRunAsRoot ? { runAsRoot: true } : {}),
    ...(ctx.kubeApiServerPorts !== KUBE_API_SERVER_PORTS ? { kubeAPIServerPorts: ctx.kubeApiServerPorts } : {}),
  };
  return {
    heartbeatSchedule: ctx.heartbeatSchedule,
    identity: { issuer: { tls: { crtPEM: ctx.identity.issuer.certPem, keyPEM: ctx.identity.issuer.keyPem } } },
    identityTrustAnchorsPEM: ctx.identity.trustAnchorsPem,
    ...(Object.keys(proxyInit).length ? { proxyInit } : {}),
  };
}

const encode = (overrides: unknown) => Buffer.from(toYamlDocument(overrides), 'utf8').toString('base64');

export function configOverridesSecret(ctx: RenderContext): K8sObject {
  return {
    kind: 'Secret',
    apiVersion: 'v1',
    metadata: { ...meta(ctx, CONFIG_OVERRIDES_SECRET) },
    data: { [CONFIG_OVERRIDES_SECRET]: encode(configOverrides(ctx)) },
  };
}

/** The Secret's data (base64 YAML) with a new issuer, everything else kept (after a rotation). */
export function withIssuerInOverrides(storedBase64: string, issuer: CertificateAndKey): string {
  const overrides = (parse(Buffer.from(storedBase64, 'base64').toString('utf8'), { version: '1.1' }) ?? {}) as { identity?: { issuer?: { tls?: Record<string, unknown> } } };
  const current = ((overrides.identity ??= {}).issuer ??= {});
  current.tls = { ...current.tls, crtPEM: issuer.certPem, keyPEM: issuer.keyPem };
  return encode(overrides);
}
