import type { BaseContext } from './context';

/** A Kubernetes object as plain data, ready for YAML or server-side apply. */
export interface K8sObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: ObjectMeta;
  readonly [field: string]: unknown;
}

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

export const LABEL_COMPONENT = 'linkerd.io/control-plane-component';
export const LABEL_CONTROL_PLANE_NS = 'linkerd.io/control-plane-ns';
export const ANNOTATION_CREATED_BY = 'linkerd.io/created-by';

/** The labels every control-plane object carries; uninstall selects on `linkerd.io/control-plane-ns`. */
export function componentLabels(ctx: BaseContext, component?: string): Record<string, string> {
  return { ...(component ? { [LABEL_COMPONENT]: component } : {}), [LABEL_CONTROL_PLANE_NS]: ctx.namespace };
}

export function createdBy(ctx: BaseContext): Record<string, string> {
  return { [ANNOTATION_CREATED_BY]: ctx.createdBy };
}

/** Object metadata: namespaced unless `clusterScoped`, labelled for the component, optionally annotated. */
export function meta(ctx: BaseContext, name: string, options: { component?: string; clusterScoped?: boolean; annotations?: Record<string, string>; extraLabels?: Record<string, string> } = {}): ObjectMeta {
  return {
    name,
    ...(options.clusterScoped ? {} : { namespace: ctx.namespace }),
    labels: { ...options.extraLabels, ...componentLabels(ctx, options.component) },
    ...(options.annotations ? { annotations: options.annotations } : {}),
  };
}

/** A PEM block as Secret data and caBundles carry it: trimmed (the chart's `b64enc (trim …)`), base64. */
export function base64Pem(pem: string): string {
  return Buffer.from(pem.trim(), 'utf8').toString('base64');
}
