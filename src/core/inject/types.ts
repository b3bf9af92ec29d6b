import type { ManifestDocument } from '../yaml/manifest';

/** The values of `linkerd.io/inject` that the proxy injector accepts (exact, case-sensitive). */
export type InjectValue = 'enabled' | 'disabled' | 'ingress';

/** Where a target's inject annotation belongs: a workload's pod template, a Pod, or a Namespace. */
export type TargetRole = 'workload' | 'pod' | 'namespace';

/**
 * Why Linkerd will not put its proxy into an object's pods, whatever the annotation says. Read from
 * linkerd2 `pkg/inject/report.go` (`Injectable`), `pkg/healthcheck/sidecar.go` (`HasExistingSidecars`) and
 * `cli/cmd/inject.go` (control-plane components need `--manual`).
 */
export type Blocker =
  | { readonly kind: 'controlPlane'; readonly component: string }
  /** A Linkerd proxy written into the manifest (`linkerd inject --manual`, or YAML copied from a running pod). */
  | { readonly kind: 'manualProxy'; readonly container: string }
  /** Another mesh's proxy (Istio's istio-proxy / istio-init). */
  | { readonly kind: 'otherSidecar'; readonly container: string }
  | { readonly kind: 'hostNetwork' };

/** What Linkerd will do with the pods of one target, as far as the workspace tells. */
export type MeshState =
  | { readonly kind: 'unmeshed' }
  | { readonly kind: 'meshed'; readonly value: 'enabled' | 'ingress' }
  | { readonly kind: 'meshedViaNamespace'; readonly namespace: string; readonly value: 'enabled' | 'ingress' }
  | { readonly kind: 'disabled' }
  | { readonly kind: 'invalid'; readonly value: string }
  | { readonly kind: 'misplaced'; readonly value: string }
  /** Not injectable; the blockers in the order Linkerd checks them (the first is the one to show). */
  | { readonly kind: 'blocked'; readonly blockers: readonly Blocker[] };

/** How a namespace is annotated in the workspace, for "meshed via namespace" (undefined: not known). */
export type NamespaceLookup = (namespace: string) => { readonly value: string } | undefined;

/** Something about a target that the user should know when it is changed; `offset` locates it in the file. */
export interface TargetNote {
  readonly message: string;
  readonly offset: number;
}

/** One object in a file that `linkerd.io/inject` can apply to, with its state. */
export interface InjectionTarget {
  readonly document: ManifestDocument;
  /** Index in the `items` of a `kind: List` document; undefined for an object that is the document itself. */
  readonly item: number | undefined;
  /** Path from the document root to the object: `[]`, or `['items', i]` for an item of a List. */
  readonly objectPath: readonly (string | number)[];
  readonly kind: string;
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly role: TargetRole;
  /** Path from the object to the one whose `metadata.annotations` Linkerd reads (`[]` for Pods and Namespaces). */
  readonly podMetadataHost: readonly string[];
  readonly state: MeshState;
  /** The pod template's own `linkerd.io/inject` value as written (the Pod's or Namespace's own for those). */
  readonly annotation: string | undefined;
  /** Offsets of the object's `kind:` value, where its messages anchor. */
  readonly anchorStart: number;
  readonly anchorEnd: number;
  /** Offset of the object's first key: its code lenses go above that line, over the whole object. */
  readonly headStart: number;
  /** Offsets of the whole object (the document, or the List item), for finding the one under the cursor. */
  readonly objectStart: number;
  readonly objectEnd: number;
  /** Container ports with `protocol: UDP`, as `53/UDP`: Linkerd injects the pod, but this traffic bypasses the proxy. */
  readonly udpPorts: readonly string[];
  /** Keys written twice on the way to the annotation: the API server keeps the last one, which is what is read. */
  readonly duplicateKeys: readonly TargetNote[];
}

/** The edits a user can ask for. */
export type InjectionAction =
  | { readonly kind: 'add'; readonly value: 'enabled' | 'ingress' }
  | { readonly kind: 'remove' }
  | { readonly kind: 'set'; readonly value: InjectValue }
  | { readonly kind: 'moveToTemplate' }
  /** Takes a manually injected Linkerd proxy out of the manifest, as `linkerd uninject` does. */
  | { readonly kind: 'uninject' };

/** Identifies a target in a file for commands: its document, and its item when the document is a List. */
export interface TargetRef {
  readonly document: number;
  readonly item?: number;
}
