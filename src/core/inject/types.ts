import type { ManifestDocument } from '../yaml/manifest';

/** The values of `linkerd.io/inject` that the proxy injector accepts (exact, case-sensitive). */
export type InjectValue = 'enabled' | 'disabled' | 'ingress';

/** Where a target's inject annotation belongs: a workload's pod template, a Pod, or a Namespace. */
export type TargetRole = 'workload' | 'pod' | 'namespace';

/** What Linkerd will do with the pods of one target, as far as the workspace tells. */
export type MeshState =
  | { readonly kind: 'unmeshed' }
  | { readonly kind: 'meshed'; readonly value: 'enabled' | 'ingress' }
  | { readonly kind: 'meshedViaNamespace'; readonly namespace: string; readonly value: 'enabled' | 'ingress' }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'invalid'; readonly value: string }
  | { readonly kind: 'misplaced'; readonly value: string }
  | { readonly kind: 'hostNetwork' };

/** How a namespace is annotated in the workspace, for "meshed via namespace" (undefined: not known). */
export type NamespaceLookup = (namespace: string) => { readonly value: string } | undefined;

/** One object in a file that `linkerd.io/inject` can apply to, with its state. */
export interface InjectionTarget {
  readonly document: ManifestDocument;
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly role: TargetRole;
  /** Path from the document root to the object whose `metadata.annotations` Linkerd reads. */
  readonly podMetadataHost: readonly string[];
  readonly state: MeshState;
}

/** The edits a user can ask for. */
export type InjectionAction =
  | { readonly kind: 'add'; readonly value: 'enabled' | 'ingress' }
  | { readonly kind: 'remove' }
  | { readonly kind: 'set'; readonly value: InjectValue }
  | { readonly kind: 'moveToTemplate' };
