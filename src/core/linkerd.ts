// Names Linkerd itself fixes (linkerd2 pkg/k8s/labels.go and the charts in /work/shared/reference), stated once.

/** Where `linkerd install` puts the control plane; the `meshaware.controlPlaneNamespace` setting overrides it. */
export const DEFAULT_CONTROL_PLANE_NAMESPACE = 'linkerd';
/** The proxy container (a native sidecar among the init containers since Linkerd 2.20). */
export const PROXY_CONTAINER = 'linkerd-proxy';
/** The injector's label naming the control plane a meshed pod belongs to. */
export const CONTROL_PLANE_NS_LABEL = 'linkerd.io/control-plane-ns';
/** The control plane's configuration, in its namespace. */
export const LINKERD_CONFIG = 'linkerd-config';
