import type { RenderContext } from './context';
import { DEFAULT_INBOUND_POLICY } from './defaults';
import { linkerdConfigValues } from './linkerdConfig';
import type { MeshValues } from './meshValues';
import { portsOf, type Container } from './pod';
import { endEntityVolume, proxyContainer, proxyInitContainer, tokenVolume, xtablesVolume } from './proxy';

export type ControlPlaneComponent = 'identity' | 'destination' | 'proxy-injector';

/**
 * A control-plane pod's proxy and proxy-init, rendered from the same values we record in linkerd-config
 * with the settings Linkerd's chart gives its own pods (linkerd-control-plane/templates/identity.yaml,
 * destination.yaml, proxy-injector.yaml): anchors from the trust-roots ConfigMap, the pod's own ports as
 * inbound ports, webhook traffic admitted from anywhere, no capabilities. The identity proxy cannot wait
 * for itself to be certified, so it is a classic sidecar that does not await, and requires TLS on identity's
 * gRPC port; proxy-init never redirects the API server's ports, which the controllers need before the
 * proxy is up.
 */
export function controlPlaneProxy(ctx: RenderContext, component: ControlPlaneComponent, containers: readonly Container[]): { proxy: Container; init: Container; native: boolean } {
  const values = linkerdConfigValues(ctx);
  const identity = component === 'identity';
  const tweaked: MeshValues = {
    ...values,
    proxy: {
      ...values.proxy,
      component: `linkerd-${component}`,
      waitBeforeExitSeconds: 0,
      loadTrustBundleFromConfigMap: true,
      podInboundPorts: [...new Set(portsOf(containers))].sort((a, b) => a - b).join(','),
      defaultInboundPolicy: DEFAULT_INBOUND_POLICY,
      capabilities: { drop: ['ALL'] },
      outboundDiscoveryCacheUnusedTimeout: '5s',
      inboundDiscoveryCacheUnusedTimeout: '90s',
      ...(identity ? { await: false, nativeSidecar: false, requireTLSOnInboundPorts: String(portsOf(containers)[0]) } : {}),
    },
    proxyInit: { ...values.proxyInit, ignoreOutboundPorts: values.proxyInit.kubeAPIServerPorts },
  };
  return { proxy: proxyContainer(tweaked, ctx.namespace), init: proxyInitContainer(tweaked), native: tweaked.proxy.nativeSidecar };
}

/** Volumes the proxy and proxy-init of a control-plane pod need: the xtables lock, the identity token and the in-memory leaf key. */
export function controlPlaneProxyVolumes(): object[] {
  return [xtablesVolume(), tokenVolume(), endEntityVolume()];
}
