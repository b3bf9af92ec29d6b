/**
 * The Linkerd releases Meshaware can install, as data: supporting a new release is one more entry here
 * (plus whatever the release changed in the manifests, which the reference comparison test will point at).
 */
export interface ImageRef {
  readonly name: string;
  readonly tag: string;
}

export interface LinkerdRelease {
  /** The major version users know, e.g. `2.20`. */
  readonly version: string;
  /** The edge build that the `version-2.X` tag points at; it is also the tag of every control-plane image. */
  readonly edge: string;
  readonly images: {
    /** identity, destination, sp-validator, policy, proxy-injector and heartbeat all run this image. */
    readonly controller: ImageRef;
    readonly proxy: ImageRef;
    /** Since 2.20 the proxy image also carries proxy-init, started with a different command. */
    readonly proxyInit: ImageRef & { readonly command: readonly string[] };
    readonly debug: ImageRef;
  };
  /** Oldest Kubernetes the release supports (the charts' `kubeVersion` floor). */
  readonly minKubernetes: string;
  /** Gateway API CRDs are required since 2.19; Linkerd reads HTTPRoute and GRPCRoute from them. */
  readonly gatewayApi: {
    readonly minimum: string;
    readonly maximum: string;
    readonly recommended: string;
    readonly requiredCrds: readonly string[];
    /** What linkerd-crds installs with installGatewayAPI=true: the route CRDs of this Gateway API bundle. */
    readonly bundled: { readonly version: string; readonly channel: string; readonly crds: readonly string[] };
  };
  /** Value of `linkerd-crds-chart-version` in linkerd-config, which `linkerd check` compares. */
  readonly crdsChartVersion: string;
}

const REGISTRY = 'cr.l5d.io/linkerd';

function release(version: string, edge: string, rest: Omit<LinkerdRelease, 'version' | 'edge' | 'images'>): LinkerdRelease {
  return {
    version,
    edge,
    images: {
      controller: { name: `${REGISTRY}/controller`, tag: edge },
      proxy: { name: `${REGISTRY}/proxy`, tag: edge },
      proxyInit: { name: `${REGISTRY}/proxy`, tag: edge, command: ['/usr/lib/linkerd/linkerd2-proxy-init'] },
      debug: { name: `${REGISTRY}/debug`, tag: edge },
    },
    ...rest,
  };
}

/** Newest first. */
export const RELEASES: readonly LinkerdRelease[] = [
  release('2.20', 'edge-26.6.3', {
    minKubernetes: '1.31.0',
    gatewayApi: {
      minimum: '1.2.1',
      maximum: '1.5.1',
      recommended: '1.2.1',
      requiredCrds: ['httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io'],
      bundled: {
        version: 'v1.1.1',
        channel: 'experimental',
        crds: ['httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io', 'tlsroutes.gateway.networking.k8s.io', 'tcproutes.gateway.networking.k8s.io'],
      },
    },
    crdsChartVersion: 'linkerd-crds-1.0.0-edge',
  }),
];

/** The release this build of Meshaware bundles and installs by default. */
export const BUNDLED: LinkerdRelease = RELEASES[0];

export function imageString(image: ImageRef): string {
  return `${image.name}:${image.tag}`;
}
